/**
 * Decoders for the protocol statistics structs (pure), producing MIB-II counter names in the
 * Linux `/proc/net/snmp` spelling (the contract of `model/statistics.ts`).
 *
 * | call (per family) | struct | layout |
 * |---|---|---|
 * | `GetIpStatisticsEx`   | `MIB_IPSTATS`   | 23 DWORDs, 92 bytes |
 * | `GetTcpStatisticsEx`  | `MIB_TCPSTATS`  | 15 DWORDs, 60 bytes |
 * | `GetUdpStatisticsEx`  | `MIB_UDPSTATS`  | 5 DWORDs, 20 bytes |
 * | `GetIcmpStatisticsEx` | `MIB_ICMP_EX`   | in, out: `dwMsgs, dwErrors, rgdwTypeCount[256]`; 2064 bytes |
 * | `GetIcmpStatistics`   | `MIB_ICMP`      | in, out: 13 DWORDs each; 104 bytes (IPv4 only) |
 *
 * Real input (`GetTcpStatisticsEx(AF_INET)` under Wine 8):
 * ```
 * 01000000 c8000000 c0d40100 ffffffff 01000000 01000000 00000000 00000000 02000000 03000000 03000000 00000000 …
 * ```
 * → `{ RtoAlgorithm: 1, RtoMin: 200, RtoMax: 120000, MaxConn: -1, ActiveOpens: 1, PassiveOpens: 1,
 *      AttemptFails: 0, EstabResets: 0, CurrEstab: 2, InSegs: 3, OutSegs: 3, RetransSegs: 0, … }`.
 */
import type { Counters } from '../../model/statistics.js';
import { view } from './iphlpapi-common.js';

/** `MIB_IPSTATS` fields in order. IPv6 uses snmp6's `OutForwDatagrams` for the forwarded count. */
const IP_FIELDS = [
  'Forwarding',
  'DefaultTTL',
  'InReceives',
  'InHdrErrors',
  'InAddrErrors',
  'ForwDatagrams',
  'InUnknownProtos',
  'InDiscards',
  'InDelivers',
  'OutRequests',
  'RoutingDiscards',
  'OutDiscards',
  'OutNoRoutes',
  'ReasmTimeout',
  'ReasmReqds',
  'ReasmOKs',
  'ReasmFails',
  'FragOKs',
  'FragFails',
  'FragCreates',
  'NumIf',
  'NumAddr',
  'NumRoutes',
] as const;

/** `MIB_TCPSTATS` fields in order. */
const TCP_FIELDS = [
  'RtoAlgorithm',
  'RtoMin',
  'RtoMax',
  'MaxConn',
  'ActiveOpens',
  'PassiveOpens',
  'AttemptFails',
  'EstabResets',
  'CurrEstab',
  'InSegs',
  'OutSegs',
  'RetransSegs',
  'InErrs',
  'OutRsts',
  'NumConns',
] as const;

/** `MIB_UDPSTATS` fields in order. */
const UDP_FIELDS = ['InDatagrams', 'NoPorts', 'InErrors', 'OutDatagrams', 'NumAddrs'] as const;

/** `MIBICMPSTATS` fields after `dwMsgs, dwErrors` (the old IPv4-only struct). */
const ICMP_OLD_FIELDS = ['DestUnreachs', 'TimeExcds', 'ParmProbs', 'SrcQuenchs', 'Redirects', 'Echos', 'EchoReps', 'Timestamps', 'TimestampReps', 'AddrMasks', 'AddrMaskReps'] as const;

/** ICMPv4 message types with a MIB-II counter name (RFC 1213). */
export const ICMP4_TYPE_NAME: Readonly<Record<number, string>> = {
  0: 'EchoReps',
  3: 'DestUnreachs',
  4: 'SrcQuenchs',
  5: 'Redirects',
  8: 'Echos',
  11: 'TimeExcds',
  12: 'ParmProbs',
  13: 'Timestamps',
  14: 'TimestampReps',
  17: 'AddrMasks',
  18: 'AddrMaskReps',
};

/** ICMPv6 message types with a Linux snmp6 counter name (`Icmp6InEchos` → `InEchos`). */
export const ICMP6_TYPE_NAME: Readonly<Record<number, string>> = {
  1: 'DestUnreachs',
  2: 'PktTooBigs',
  3: 'TimeExcds',
  4: 'ParmProblems',
  128: 'Echos',
  129: 'EchoReplies',
  130: 'GroupMembQueries',
  131: 'GroupMembResponses',
  132: 'GroupMembReductions',
  133: 'RouterSolicits',
  134: 'RouterAdvertisements',
  135: 'NeighborSolicits',
  136: 'NeighborAdvertisements',
  137: 'Redirects',
  143: 'MLDv2Reports',
};

/** Types without a MIB name that netstat.exe still lists (router discovery, router renumbering). */
const ICMP_LISTED_TYPES: Readonly<Record<'inet' | 'inet6', readonly number[]>> = { inet: [9, 10], inet6: [138] };

function dwords(bytes: Uint8Array, names: readonly string[], need: number): Counters {
  if (bytes.length < need) throw new RangeError(`statistics struct of ${bytes.length} bytes, expected ${need}`);
  const dv = view(bytes);
  const out: Counters = {};
  names.forEach((n, i) => (out[n] = dv.getUint32(i * 4, true)));
  return out;
}

/** Decode `MIB_IPSTATS` (`GetIpStatisticsEx`). */
export function parseIpStats(bytes: Uint8Array, family: 'inet' | 'inet6'): Counters {
  const c = dwords(bytes, IP_FIELDS, 92);
  if (family === 'inet6') {
    c['OutForwDatagrams'] = c['ForwDatagrams'] ?? 0;
    delete c['ForwDatagrams'];
  }
  return c;
}

/** Decode `MIB_TCPSTATS` (`GetTcpStatisticsEx`). `MaxConn` 0xffffffff is -1 (dynamic), as Linux prints it. */
export function parseTcpStats(bytes: Uint8Array): Counters {
  const c = dwords(bytes, TCP_FIELDS, 60);
  if (c['MaxConn'] === 0xffffffff) c['MaxConn'] = -1;
  return c;
}

/** Decode `MIB_UDPSTATS` (`GetUdpStatisticsEx`). */
export function parseUdpStats(bytes: Uint8Array): Counters {
  return dwords(bytes, UDP_FIELDS, 20);
}

/**
 * Decode `MIB_ICMP_EX` (`GetIcmpStatisticsEx`): `InMsgs`, `InErrors`, `OutMsgs`, `OutErrors`, and
 * per message type `In<Name>`/`Out<Name>`; types without a name become `InType<N>`/`OutType<N>`
 * (as Linux's `IcmpMsg` does) when non-zero or listed by netstat.exe.
 */
export function parseIcmpStatsEx(bytes: Uint8Array, family: 'inet' | 'inet6'): Counters {
  if (bytes.length < 2064) throw new RangeError(`MIB_ICMP_EX of ${bytes.length} bytes, expected 2064`);
  const dv = view(bytes);
  const names = family === 'inet' ? ICMP4_TYPE_NAME : ICMP6_TYPE_NAME;
  const listed = ICMP_LISTED_TYPES[family];
  // Received counters first, then sent ones (the order Linux lists them in, which renderers keep).
  const out: Counters = {};
  (['In', 'Out'] as const).forEach((dir, d) => {
    const base = d * 1032;
    out[`${dir}Msgs`] = dv.getUint32(base, true);
    out[`${dir}Errors`] = dv.getUint32(base + 4, true);
    for (let t = 0; t < 256; t++) {
      const v = dv.getUint32(base + 8 + t * 4, true);
      const name = names[t];
      if (name) out[`${dir}${name}`] = v;
      else {
        const other = dv.getUint32((1 - d) * 1032 + 8 + t * 4, true);
        if (v !== 0 || other !== 0 || listed.includes(t)) out[`${dir}Type${t}`] = v;
      }
    }
  });
  return out;
}

/** Decode the older IPv4-only `MIB_ICMP` (`GetIcmpStatistics`), for systems without the Ex call. */
export function parseIcmpStats(bytes: Uint8Array): Counters {
  if (bytes.length < 104) throw new RangeError(`MIB_ICMP of ${bytes.length} bytes, expected 104`);
  const out: Counters = {};
  (['In', 'Out'] as const).forEach((dir, d) => {
    const c = dwords(bytes.subarray(d * 52), ['Msgs', 'Errors', ...ICMP_OLD_FIELDS], 52);
    for (const [k, v] of Object.entries(c)) out[`${dir}${k}`] = v;
  });
  return out;
}
