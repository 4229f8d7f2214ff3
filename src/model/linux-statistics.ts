/**
 * Where Linux keeps each protocol's counters, and how the protocol keys of `statistics.ts` map
 * to the table titles of `/proc/net/snmp`, `/proc/net/netstat`, `/proc/net/snmp6` and
 * `/proc/net/sctp/snmp` (one table, used by the parser and the net-tools renderer).
 */
import type { ProtocolKey } from './statistics.js';

/** `/proc/net/snmp` and `/proc/net/netstat` table titles (`Tcp:` …) → protocol key. */
export const LINUX_SNMP_TABLES: Readonly<Record<string, ProtocolKey>> = {
  Ip: 'ip',
  Icmp: 'icmp',
  IcmpMsg: 'icmpMsg',
  Tcp: 'tcp',
  Udp: 'udp',
  UdpLite: 'udplite',
  TcpExt: 'tcpExt',
  IpExt: 'ipExt',
  MPTcpExt: 'mptcpExt',
  Sctp: 'sctp',
};

/**
 * `/proc/net/snmp6` name prefixes (everything up to and including the first `6`, as net-tools
 * reads them) → protocol key: `Ip6InReceives` is `ipv6.InReceives`.
 */
export const LINUX_SNMP6_PREFIXES: Readonly<Record<string, ProtocolKey>> = {
  Ip6: 'ipv6',
  Icmp6: 'icmpv6',
  Udp6: 'udpv6',
  UdpLite6: 'udplitev6',
};

/** The `/proc/net/snmp`-style title of a protocol key (`tcpExt` → `TcpExt`), or undefined. */
export function linuxSnmpTitle(key: string): string | undefined {
  for (const [title, k] of Object.entries(LINUX_SNMP_TABLES)) if (k === key) return title;
  return undefined;
}

/** The `/proc/net/snmp6` prefix of a protocol key (`ipv6` → `Ip6`), or undefined. */
export function linuxSnmp6Prefix(key: string): string | undefined {
  for (const [prefix, k] of Object.entries(LINUX_SNMP6_PREFIXES)) if (k === key) return prefix;
  return undefined;
}
