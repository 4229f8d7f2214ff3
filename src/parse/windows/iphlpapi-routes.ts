/**
 * Decoders for the routing tables (pure): `GetIpForwardTable2` (`MIB_IPFORWARD_TABLE2` of
 * `MIB_IPFORWARD_ROW2`) and `GetIpInterfaceTable` (`MIB_IPINTERFACE_TABLE`, for the interface
 * metric that netstat.exe adds to the route metric).
 *
 * `MIB_IPFORWARD_ROW2`, 104 bytes, rows from offset 8 (netioapi.h): `InterfaceLuid` 0,
 * `InterfaceIndex` 8, `DestinationPrefix` 12 (`SOCKADDR_INET` 28 bytes + `PrefixLength` at 40),
 * `NextHop` 44 (`SOCKADDR_INET`), `SitePrefixLength` 72, `ValidLifetime` 76, `PreferredLifetime` 80,
 * `Metric` 84, `Protocol` 88, `Loopback` 92, `AutoconfigureAddress` 93, `Publish` 94,
 * `Immortal` 95, `Age` 96, `Origin` 100.
 *
 * Real input (`GetIpForwardTable2(AF_UNSPEC)` under Wine 8, namespace with only `lo`, one row):
 * interface 1, destination `127.0.0.0`/8 (family 2), next hop `0.0.0.0`, metric 0, protocol 2
 * → `{ family: 'inet', destination: '127.0.0.0', prefixLength: 8, netmask: '255.0.0.0',
 *      gateway: null, interface: '1', interfaceIndex: 1, metric: 0, flags: 'U', table: 'local' }`.
 *
 * `MIB_IPINTERFACE_ROW`, 168 bytes, rows from offset 8: `Family` 0 (u16), `InterfaceIndex` 16,
 * `Metric` 148, `NlMtu` 152, `Connected` 156.
 */
import { prefixToNetmask, type Route } from '../../model/route.js';
import type { Parsed } from '../issues.js';
import { decodeTable, sockaddrInetAt, WIN_AF_INET, WIN_AF_INET6 } from './iphlpapi-common.js';

export const IPFORWARD_ROW2_SIZE = 104;
export const IPINTERFACE_ROW_SIZE = 168;

/** `NL_ROUTE_PROTOCOL` values (nldef.h) as short names. */
export const ROUTE_PROTOCOL: Readonly<Record<number, string>> = {
  1: 'other',
  2: 'local',
  3: 'netmgmt',
  4: 'icmp',
  5: 'egp',
  8: 'rip',
  9: 'is-is',
  13: 'ospf',
  14: 'bgp',
  19: 'dhcp',
  10002: 'autostatic',
  10006: 'static',
  10007: 'static-non-dod',
};

export interface ForwardTableOptions {
  /** Text of the route's interface (netstat.exe shows the interface's IPv4 address); default the index. */
  interfaceName?: (index: number, family: 'inet' | 'inet6') => string | undefined;
  /** Interface metric, added to the route metric as netstat.exe and `route print` show it. */
  interfaceMetric?: (index: number, family: 'inet' | 'inet6') => number | undefined;
  source?: string;
}

/** Decode a `MIB_IPFORWARD_TABLE2` buffer into routes. */
export function parseIpForwardTable2(bytes: Uint8Array, opts: ForwardTableOptions = {}): Parsed<Route> {
  return decodeTable<Route>(bytes, { first: 8, rowSize: IPFORWARD_ROW2_SIZE, source: opts.source ?? 'GetIpForwardTable2' }, (o, dv) => {
    const dest = sockaddrInetAt(bytes, o + 12);
    if (!dest) return { skip: `destination family ${dv.getUint16(o + 12, true)} is neither AF_INET nor AF_INET6` };
    const hop = sockaddrInetAt(bytes, o + 44);
    const index = dv.getUint32(o + 8, true);
    const prefixLength = bytes[o + 40] ?? 0;
    const gateway = !hop || hop.address === '0.0.0.0' || hop.address === '::' ? null : hop.address;
    const protocol = dv.getUint32(o + 88, true);
    let flags = 'U';
    if (gateway) flags += 'G';
    if (prefixLength === (dest.family === 'inet' ? 32 : 128)) flags += 'H';
    if (protocol === 4) flags += 'D';
    const route: Route = {
      family: dest.family,
      destination: dest.address,
      prefixLength,
      gateway,
      interface: opts.interfaceName?.(index, dest.family) ?? String(index),
      interfaceIndex: index,
      metric: dv.getUint32(o + 84, true) + (opts.interfaceMetric?.(index, dest.family) ?? 0),
      flags,
    };
    if (dest.family === 'inet') route.netmask = prefixToNetmask(prefixLength);
    const table = ROUTE_PROTOCOL[protocol];
    if (table) route.table = table;
    return route;
  });
}

/** One row of `MIB_IPINTERFACE_TABLE`: the per-family interface settings netstat.exe needs. */
export interface IpInterfaceRow {
  family: 'inet' | 'inet6';
  index: number;
  metric: number;
  mtu: number;
  connected: boolean;
}

/** Decode a `MIB_IPINTERFACE_TABLE` buffer (`GetIpInterfaceTable`). */
export function parseIpInterfaceTable(bytes: Uint8Array, source = 'GetIpInterfaceTable'): Parsed<IpInterfaceRow> {
  return decodeTable<IpInterfaceRow>(bytes, { first: 8, rowSize: IPINTERFACE_ROW_SIZE, source }, (o, dv) => {
    const fam = dv.getUint16(o, true);
    if (fam !== WIN_AF_INET && fam !== WIN_AF_INET6) return { skip: `family ${fam} is neither AF_INET nor AF_INET6` };
    return {
      family: fam === WIN_AF_INET ? 'inet' : 'inet6',
      index: dv.getUint32(o + 16, true),
      metric: dv.getUint32(o + 148, true),
      mtu: dv.getUint32(o + 152, true),
      connected: (bytes[o + 156] ?? 0) !== 0,
    };
  });
}
