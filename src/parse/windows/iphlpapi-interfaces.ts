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
import { decodeTable, ipv4At, macOf, u64At, wcharAt } from './iphlpapi-common.js';

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

/** `MIB_IF_ROW2` ULONG64 counters and the interface fields they fill. */
const IF_COUNTERS = [
  [1192, 'speed'],
  [1208, 'rxBytes'],
  [1216, 'rxUnicast'],
  [1224, 'rxNonUnicast'],
  [1232, 'rxDropped'],
  [1240, 'rxErrors'],
  [1248, 'rxUnknownProtocols'],
  [1280, 'txBytes'],
  [1288, 'txUnicast'],
  [1296, 'txNonUnicast'],
  [1304, 'txDropped'],
  [1312, 'txErrors'],
] as const;

/** Decode a `MIB_IF_TABLE2` buffer into interfaces with their counters. */
export function parseIfTable2(bytes: Uint8Array, source = 'GetIfTable2'): Parsed<NetInterface> {
  return decodeTable(bytes, { first: IF_TABLE2_FIRST_ROW, rowSize: IF_ROW2_SIZE, source }, (o, dv) => {
    const type = dv.getUint32(o + 1128, true);
    const lan = type === IF_TYPE_ETHERNET_CSMACD || type === IF_TYPE_IEEE80211;
    const flags: string[] = [];
    if (dv.getUint32(o + 1160, true) === 1) flags.push('UP'); // NET_IF_ADMIN_STATUS_UP
    if (lan) flags.push('BROADCAST');
    if (type === IF_TYPE_SOFTWARE_LOOPBACK) flags.push('LOOPBACK');
    if (dv.getUint32(o + 1156, true) === 1) flags.push('RUNNING'); // IfOperStatusUp
    if (lan) flags.push('MULTICAST');
    const nic: NetInterface = {
      name: wcharAt(bytes, o + 28, 257),
      index: dv.getUint32(o + 8, true),
      description: wcharAt(bytes, o + 542, 257),
      mtu: dv.getUint32(o + 1124, true),
      flags,
      ifType: type,
    };
    for (const [at, field] of IF_COUNTERS) nic[field] = u64At(dv, o + at);
    nic.rxPackets = (nic.rxUnicast ?? 0) + (nic.rxNonUnicast ?? 0);
    nic.txPackets = (nic.txUnicast ?? 0) + (nic.txNonUnicast ?? 0);
    const macLen = Math.min(dv.getUint32(o + 1056, true), 32);
    if (macLen > 0) nic.mac = macOf(bytes, o + 1060, macLen);
    return nic;
  });
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
  return decodeTable(bytes, { first: 4, rowSize: IPADDR_ROW_SIZE, source }, (o, dv) => {
    const netmask = ipv4At(bytes, o + 8);
    return { index: dv.getUint32(o + 4, true), address: ipv4At(bytes, o), netmask, prefixLength: netmaskToPrefix(netmask), type: dv.getUint16(o + 22, true) };
  });
}
