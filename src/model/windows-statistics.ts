/**
 * `netstat.exe -s` sections in print order: each section's title, the protocol key of
 * `statistics.ts` it shows, the `-p` value that selects it, and its rows as label ↔ MIB counter
 * name. One table for every producer and consumer (the Windows probe fills the same counter names
 * from `Get*StatisticsEx`; the Windows renderer prints them).
 *
 * A row lists counter names in order of preference; a name `icmpMsg:InType9` reads another
 * protocol key. A counter no name resolves to prints as 0 (Windows prints every row).
 */
import type { WindowsProto } from './query.js';
import type { ProtocolKey } from './statistics.js';

/** A `Label = value` section (IP, TCP, UDP). */
export interface WindowsListSection {
  kind: 'list';
  title: string;
  key: ProtocolKey;
  proto: WindowsProto;
  /** Width the label is padded to before `= `. */
  labelWidth: number;
  rows: readonly (readonly [label: string, counters: readonly string[]])[];
}

/** A `Received    Sent` table (ICMP). */
export interface WindowsIcmpSection {
  kind: 'icmp';
  title: string;
  key: ProtocolKey;
  proto: WindowsProto;
  rows: readonly (readonly [label: string, received: readonly string[], sent: readonly string[]])[];
}

export type WindowsStatSection = WindowsListSection | WindowsIcmpSection;

const IP_ROWS = (forwarded: string): WindowsListSection['rows'] => [
  ['Packets Received', ['InReceives']],
  ['Received Header Errors', ['InHdrErrors']],
  ['Received Address Errors', ['InAddrErrors']],
  ['Datagrams Forwarded', [forwarded]],
  ['Unknown Protocols Received', ['InUnknownProtos']],
  ['Received Packets Discarded', ['InDiscards']],
  ['Received Packets Delivered', ['InDelivers']],
  ['Output Requests', ['OutRequests']],
  ['Routing Discards', ['RoutingDiscards']],
  ['Discarded Output Packets', ['OutDiscards']],
  ['Output Packet No Route', ['OutNoRoutes']],
  ['Reassembly Required', ['ReasmReqds']],
  ['Reassembly Successful', ['ReasmOKs']],
  ['Reassembly Failures', ['ReasmFails']],
  ['Datagrams Successfully Fragmented', ['FragOKs']],
  ['Datagrams Failing Fragmentation', ['FragFails']],
  ['Fragments Created', ['FragCreates']],
];

const TCP_ROWS: WindowsListSection['rows'] = [
  ['Active Opens', ['ActiveOpens']],
  ['Passive Opens', ['PassiveOpens']],
  ['Failed Connection Attempts', ['AttemptFails']],
  ['Reset Connections', ['EstabResets']],
  ['Current Connections', ['CurrEstab']],
  ['Segments Received', ['InSegs']],
  ['Segments Sent', ['OutSegs']],
  ['Segments Retransmitted', ['RetransSegs']],
];

const UDP_ROWS: WindowsListSection['rows'] = [
  ['Datagrams Received', ['InDatagrams']],
  ['No Ports', ['NoPorts']],
  ['Receive Errors', ['InErrors']],
  ['Datagrams Sent', ['OutDatagrams']],
];

/**
 * `In…`/`Out…` counter pair for an ICMP row. Message types without a MIB name are read as
 * `InType<N>` from the same table (Windows) or from Linux's `IcmpMsg` table.
 */
const io = (label: string, name: string): WindowsIcmpSection['rows'][number] => [label, [`In${name}`], [`Out${name}`]];
const typed = (label: string, type: number, v6 = false): WindowsIcmpSection['rows'][number] =>
  v6
    ? [label, [`InType${type}`], [`OutType${type}`]]
    : [label, [`InType${type}`, `icmpMsg:InType${type}`], [`OutType${type}`, `icmpMsg:OutType${type}`]];

/** Every section, in the order `netstat -s` prints them. */
export const WINDOWS_STAT_SECTIONS: readonly WindowsStatSection[] = [
  { kind: 'list', title: 'IPv4 Statistics', key: 'ip', proto: 'ip', labelWidth: 35, rows: IP_ROWS('ForwDatagrams') },
  { kind: 'list', title: 'IPv6 Statistics', key: 'ipv6', proto: 'ipv6', labelWidth: 35, rows: IP_ROWS('OutForwDatagrams') },
  {
    kind: 'icmp',
    title: 'ICMPv4 Statistics',
    key: 'icmp',
    proto: 'icmp',
    rows: [
      io('Messages', 'Msgs'),
      io('Errors', 'Errors'),
      io('Destination Unreachable', 'DestUnreachs'),
      io('Time Exceeded', 'TimeExcds'),
      io('Parameter Problems', 'ParmProbs'),
      io('Source Quenches', 'SrcQuenchs'),
      io('Redirects', 'Redirects'),
      io('Echo Replies', 'EchoReps'),
      io('Echos', 'Echos'),
      io('Timestamps', 'Timestamps'),
      io('Timestamp Replies', 'TimestampReps'),
      io('Address Masks', 'AddrMasks'),
      io('Address Mask Replies', 'AddrMaskReps'),
      typed('Router Solicitations', 10),
      typed('Router Advertisements', 9),
    ],
  },
  {
    kind: 'icmp',
    title: 'ICMPv6 Statistics',
    key: 'icmpv6',
    proto: 'icmpv6',
    rows: [
      io('Messages', 'Msgs'),
      io('Errors', 'Errors'),
      io('Destination Unreachable', 'DestUnreachs'),
      io('Packet Too Big', 'PktTooBigs'),
      io('Time Exceeded', 'TimeExcds'),
      io('Parameter Problems', 'ParmProblems'),
      io('Echos', 'Echos'),
      io('Echo Replies', 'EchoReplies'),
      io('MLD Queries', 'GroupMembQueries'),
      io('MLD Reports', 'GroupMembResponses'),
      io('MLD Dones', 'GroupMembReductions'),
      io('Router Solicitations', 'RouterSolicits'),
      io('Router Advertisements', 'RouterAdvertisements'),
      io('Neighbor Solicitations', 'NeighborSolicits'),
      io('Neighbor Advertisements', 'NeighborAdvertisements'),
      io('Redirects', 'Redirects'),
      typed('Router Renumberings', 138, true),
    ],
  },
  { kind: 'list', title: 'TCP Statistics for IPv4', key: 'tcp', proto: 'tcp', labelWidth: 36, rows: TCP_ROWS },
  { kind: 'list', title: 'TCP Statistics for IPv6', key: 'tcpv6', proto: 'tcpv6', labelWidth: 36, rows: TCP_ROWS },
  { kind: 'list', title: 'UDP Statistics for IPv4', key: 'udp', proto: 'udp', labelWidth: 22, rows: UDP_ROWS },
  { kind: 'list', title: 'UDP Statistics for IPv6', key: 'udpv6', proto: 'udpv6', labelWidth: 22, rows: UDP_ROWS },
];
