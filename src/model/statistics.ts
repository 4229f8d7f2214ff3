/**
 * Protocol statistics, keyed by protocol, with MIB-II counter names as the contract
 * (`InSegs`, `RetransSegs`, `ActiveOpens` …), from `/proc/net/{snmp,snmp6,netstat}`,
 * `Get*StatisticsEx`, or parsed `netstat -s` text.
 *
 * Protocol keys: `ip`, `ipv6`, `icmp`, `icmpv6`, `tcp`, `tcpv6` (Windows keeps TCP per family),
 * `udp`, `udpv6`, `udplite`, `udplitev6`, and extension tables `tcpExt`, `ipExt`, `mptcpExt`;
 * `icmpMsg` (Linux per-type ICMP counters, `InType3`) and `sctp` (`/proc/net/sctp/snmp`);
 * `sockstat`: Linux socket usage counts (`/proc/net/sockstat`, `sockstat6`: `TCP_inuse`,
 * `sockets_used`), which no netstat layout prints (JSON and CSV only).
 * Counters keep the source's order (insertion order), which the net-tools layout needs.
 * Counter names follow Linux `/proc/net/snmp` spelling without the protocol prefix
 * (snmp6's `Ip6InReceives` becomes `ipv6.InReceives`).
 */
import type { StyleName } from './query.js';

export type ProtocolKey =
  | 'ip'
  | 'ipv6'
  | 'icmp'
  | 'icmpv6'
  | 'tcp'
  | 'tcpv6'
  | 'udp'
  | 'udpv6'
  | 'udplite'
  | 'udplitev6'
  | 'tcpExt'
  | 'ipExt'
  | 'mptcpExt'
  | 'icmpMsg'
  | 'sctp'
  | 'sockstat';

/** Counter name → value. Values may exceed 2^53 on long-lived hosts; they are kept as numbers (precision loss is accepted). */
export type Counters = Record<string, number>;

export type Statistics = Partial<Record<ProtocolKey, Counters>>;

/** A native tool's own statistics text and the style it is in (macOS `netstat -s`, printed whole by that style). */
export interface NativeStatistics {
  style: StyleName;
  text: string;
}
