/**
 * Decoders for the interface tables (pure): `GetIfTable2` (`MIB_IF_TABLE2` of `MIB_IF_ROW2`) and
 * `GetIpAddrTable` (`MIB_IPADDRTABLE` of `MIB_IPADDRROW`).
 *
 * `MIB_IF_TABLE2`: `NumEntries` (ULONG) then rows from offset 8 (the rows hold ULONG64s), 1352
 * bytes each on x64. Offsets used (netioapi.h): `InterfaceIndex` 8, `Alias[257]` 28,
 * `Description[257]` 542, `PhysicalAddressLength` 1056, `PhysicalAddress[32]` 1060, `Mtu` 1124,
 * `Type` 1128, `OperStatus` 1156, `AdminStatus` 1160, `MediaConnectState` 1164,
 * `TransmitLinkSpeed` 1192, `ReceiveLinkSpeed` 1200, `InOctets` 1208, `InUcastPkts` 1216,
 * `InNUcastPkts` 1224, `InDiscards` 1232, `InErrors` 1240, `InUnknownProtos` 1248,
 * `OutOctets` 1280, `OutUcastPkts` 1288, `OutNUcastPkts` 1296, `OutDiscards` 1304, `OutErrors` 1312.
 *
 * Real input (`GetIfTable2` under Wine 8 in a private network namespace, one row): `NumEntries` 1,
 * row with index 1, alias `lo`, description `lo`, MTU 65536, type 24, oper status 1,
 * InOctets 172, InUcastPkts 3
 * → `{ name: 'lo', index: 1, description: 'lo', mtu: 65536, flags: ['UP', 'LOOPBACK', 'RUNNING'],
 *      ifType: 24, rxBytes: 172, rxUnicast: 3, rxPackets: 3, … }`.
 *
 * `MIB_IPADDRTABLE`: `dwNumEntries` then 24-byte rows from offset 4: `dwAddr, dwIndex, dwMask,
 * dwBCastAddr, dwReasmSize, unused1 (u16), wType (u16)`.
 */
import type { NetInterface } from '../../model/interface.js';
import { netmaskToPrefix } from '../../model/route.js';
import type { Parsed } from '../issues.js';
import { eachRow, ipv4At, macOf, u64At, view, wcharAt } from './iphlpapi-common.js';

/** Size of one `MIB_IF_ROW2` (x64). */
export const IF_ROW2_SIZE = 1352;
/** Offset of the first row in `MIB_IF_TABLE2`. */
export const IF_TABLE2_FIRST_ROW = 8;
/** Size of one `MIB_IPADDRROW`. */
export const IPADDR_ROW_SIZE = 24;

/** IANA ifType values the flags need (ipifcons.h). */
const IF_TYPE_SOFTWARE_LOOPBACK = 24;
const IF_TYPE_ETHERNET_CSMACD = 6;
const IF_TYPE_IEEE80211 = 71;

/** Decode a `MIB_IF_TABLE2` buffer into interfaces with their counters. */
export function parseIfTable2(bytes: Uint8Array, source = 'GetIfTable2'): Parsed<NetInterface> {
  const records: NetInterface[] = [];
  if (bytes.length < 4) return { records, skipped: [{ source, line: 0, text: '', reason: 'table has no entry count' }] };
  const dv = view(bytes);
  const count = dv.getUint32(0, true);
  const skipped = eachRow(bytes, count, IF_TABLE2_FIRST_ROW, IF_ROW2_SIZE, source, (o) => {
    const type = dv.getUint32(o + 1128, true);
    const oper = dv.getUint32(o + 1156, true);
    const admin = dv.getUint32(o + 1160, true);
    const flags: string[] = [];
    if (admin === 1) flags.push('UP'); // NET_IF_ADMIN_STATUS_UP
    if (type === IF_TYPE_ETHERNET_CSMACD || type === IF_TYPE_IEEE80211) flags.push('BROADCAST');
    if (type === IF_TYPE_SOFTWARE_LOOPBACK) flags.push('LOOPBACK');
    if (oper === 1) flags.push('RUNNING'); // IfOperStatusUp
    if (type === IF_TYPE_ETHERNET_CSMACD || type === IF_TYPE_IEEE80211) flags.push('MULTICAST');
    const macLen = Math.min(dv.getUint32(o + 1056, true), 32);
    const inUcast = u64At(dv, o + 1216);
    const inNUcast = u64At(dv, o + 1224);
    const outUcast = u64At(dv, o + 1288);
    const outNUcast = u64At(dv, o + 1296);
    const nic: NetInterface = {
      name: wcharAt(bytes, o + 28, 257),
      index: dv.getUint32(o + 8, true),
      description: wcharAt(bytes, o + 542, 257),
      mtu: dv.getUint32(o + 1124, true),
      flags,
      ifType: type,
      speed: u64At(dv, o + 1192),
      rxBytes: u64At(dv, o + 1208),
      rxPackets: inUcast + inNUcast,
      rxUnicast: inUcast,
      rxNonUnicast: inNUcast,
      rxDropped: u64At(dv, o + 1232),
      rxErrors: u64At(dv, o + 1240),
      rxUnknownProtocols: u64At(dv, o + 1248),
      txBytes: u64At(dv, o + 1280),
      txPackets: outUcast + outNUcast,
      txUnicast: outUcast,
      txNonUnicast: outNUcast,
      txDropped: u64At(dv, o + 1304),
      txErrors: u64At(dv, o + 1312),
    };
    if (macLen > 0) nic.mac = macOf(bytes, o + 1060, macLen);
    records.push(nic);
  });
  return { records, skipped };
}

/** One IPv4 address of an interface (`MIB_IPADDRROW`). */
export interface IpAddrRow {
  index: number;
  address: string;
  netmask: string;
  prefixLength: number;
  /** `wType` bits: 0x1 primary, 0x4 dynamic, 0x8 disconnected, 0x40 deleted, 0x80 transient. */
  type: number;
}

/** Decode a `MIB_IPADDRTABLE` buffer (`GetIpAddrTable`). */
export function parseIpAddrTable(bytes: Uint8Array, source = 'GetIpAddrTable'): Parsed<IpAddrRow> {
  const records: IpAddrRow[] = [];
  if (bytes.length < 4) return { records, skipped: [{ source, line: 0, text: '', reason: 'table has no entry count' }] };
  const dv = view(bytes);
  const skipped = eachRow(bytes, dv.getUint32(0, true), 4, IPADDR_ROW_SIZE, source, (o) => {
    const netmask = ipv4At(bytes, o + 8);
    records.push({
      index: dv.getUint32(o + 4, true),
      address: ipv4At(bytes, o),
      netmask,
      prefixLength: netmaskToPrefix(netmask),
      type: dv.getUint16(o + 22, true),
    });
  });
  return { records, skipped };
}
