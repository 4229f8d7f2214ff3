/**
 * Parser for Windows `netstat -s` (optionally `-p PROTO`, or the tail of `netstat -e -s`) in any
 * display language (pure), producing the shared statistics model with Linux MIB-II counter names.
 *
 * A section title is told by its protocol token, which stays untranslated (`TCP Statistics for
 * IPv4`, `TCP-Statistik für IPv4`, `Statistiques TCP pour IPv4`): ICMPv4/ICMPv6, else TCP or UDP
 * with IPv4/IPv6, else IPv4/IPv6 alone. Rows are `label = value` (IP, TCP, UDP) or
 * `label  received  sent` (ICMP). netstat.exe prints each section's rows in a fixed order, so rows
 * are mapped by position when the count matches {@link WINDOWS_STAT_SECTIONS}; otherwise by the
 * English label, and rows that neither way identifies are reported as skipped.
 *
 * Real input (`netstat -ns`, Windows 7, en-US):
 * ```
 * TCP Statistics for IPv4
 *
 *   Active Opens                        = 0
 *   Passive Opens                       = 1
 * ```
 * → `{ tcp: { ActiveOpens: 0, PassiveOpens: 1, … } }`.
 */
import type { ProtocolKey, Statistics } from '../../model/statistics.js';
import type { SkippedLine } from '../issues.js';
import { decodeCapture, splitLines } from './text.js';

/** One printed row: the English label and the counter name (ICMP rows fill `In…` and `Out…`). */
export type StatRow = readonly [label: string, counter: string];

const IP_ROWS = (forwarded: string): StatRow[] => [
  ['Packets Received', 'InReceives'],
  ['Received Header Errors', 'InHdrErrors'],
  ['Received Address Errors', 'InAddrErrors'],
  ['Datagrams Forwarded', forwarded],
  ['Unknown Protocols Received', 'InUnknownProtos'],
  ['Received Packets Discarded', 'InDiscards'],
  ['Received Packets Delivered', 'InDelivers'],
  ['Output Requests', 'OutRequests'],
  ['Routing Discards', 'RoutingDiscards'],
  ['Discarded Output Packets', 'OutDiscards'],
  ['Output Packet No Route', 'OutNoRoutes'],
  ['Reassembly Required', 'ReasmReqds'],
  ['Reassembly Successful', 'ReasmOKs'],
  ['Reassembly Failures', 'ReasmFails'],
  ['Datagrams Successfully Fragmented', 'FragOKs'],
  ['Datagrams Failing Fragmentation', 'FragFails'],
  ['Fragments Created', 'FragCreates'],
];

const TCP_ROWS: StatRow[] = [
  ['Active Opens', 'ActiveOpens'],
  ['Passive Opens', 'PassiveOpens'],
  ['Failed Connection Attempts', 'AttemptFails'],
  ['Reset Connections', 'EstabResets'],
  ['Current Connections', 'CurrEstab'],
  ['Segments Received', 'InSegs'],
  ['Segments Sent', 'OutSegs'],
  ['Segments Retransmitted', 'RetransSegs'],
];

const UDP_ROWS: StatRow[] = [
  ['Datagrams Received', 'InDatagrams'],
  ['No Ports', 'NoPorts'],
  ['Receive Errors', 'InErrors'],
  ['Datagrams Sent', 'OutDatagrams'],
];

/**
 * The rows netstat.exe prints per section, in order, with the counter each shows. Renderers of
 * the Windows `-s` layout and this parser share it. ICMP counters get an `In`/`Out` prefix.
 */
export const WINDOWS_STAT_SECTIONS: Readonly<Record<'ip' | 'ipv6' | 'icmp' | 'icmpv6' | 'tcp' | 'tcpv6' | 'udp' | 'udpv6', readonly StatRow[]>> = {
  ip: IP_ROWS('ForwDatagrams'),
  ipv6: IP_ROWS('OutForwDatagrams'),
  icmp: [
    ['Messages', 'Msgs'],
    ['Errors', 'Errors'],
    ['Destination Unreachable', 'DestUnreachs'],
    ['Time Exceeded', 'TimeExcds'],
    ['Parameter Problems', 'ParmProbs'],
    ['Source Quenches', 'SrcQuenchs'],
    ['Redirects', 'Redirects'],
    ['Echo Replies', 'EchoReps'],
    ['Echos', 'Echos'],
    ['Timestamps', 'Timestamps'],
    ['Timestamp Replies', 'TimestampReps'],
    ['Address Masks', 'AddrMasks'],
    ['Address Mask Replies', 'AddrMaskReps'],
    ['Router Solicitations', 'Type10'],
    ['Router Advertisements', 'Type9'],
  ],
  icmpv6: [
    ['Messages', 'Msgs'],
    ['Errors', 'Errors'],
    ['Destination Unreachable', 'DestUnreachs'],
    ['Packet Too Big', 'PktTooBigs'],
    ['Time Exceeded', 'TimeExcds'],
    ['Parameter Problems', 'ParmProblems'],
    ['Echos', 'Echos'],
    ['Echo Replies', 'EchoReplies'],
    ['MLD Queries', 'GroupMembQueries'],
    ['MLD Reports', 'GroupMembResponses'],
    ['MLD Dones', 'GroupMembReductions'],
    ['Router Solicitations', 'RouterSolicits'],
    ['Router Advertisements', 'RouterAdvertisements'],
    ['Neighbor Solicitations', 'NeighborSolicits'],
    ['Neighbor Advertisements', 'NeighborAdvertisements'],
    ['Redirects', 'Redirects'],
    ['Router Renumberings', 'Type138'],
  ],
  tcp: TCP_ROWS,
  tcpv6: TCP_ROWS,
  udp: UDP_ROWS,
  udpv6: UDP_ROWS,
};

type SectionKey = keyof typeof WINDOWS_STAT_SECTIONS;

/** The section a title line names, or null for a line that is not a section title. */
export function sectionOf(title: string): SectionKey | null {
  const v6 = /\b(?:IPv6|ICMPv6)\b/i.test(title);
  const v4 = /\b(?:IPv4|ICMPv4)\b/i.test(title) || /\bIP\b/.test(title);
  if (!v4 && !v6) return null;
  if (/ICMP/i.test(title)) return v6 ? 'icmpv6' : 'icmp';
  if (/\bTCP\b/i.test(title)) return v6 ? 'tcpv6' : 'tcp';
  if (/\bUDP\b/i.test(title)) return v6 ? 'udpv6' : 'udp';
  return v6 ? 'ipv6' : 'ip';
}

const EQ_ROW = /^(.*?\S)\s*=\s*(\d+)\s*$/;
const TWO_COL = /^(.*?\S)\s+(\d+)\s+(\d+)\s*$/;

export interface WindowsNetstatSParsed {
  statistics: Statistics;
  skipped: SkippedLine[];
}

interface Row {
  label: string;
  values: number[];
  line: number;
  text: string;
}

/** Parse `netstat -s` text (any subset of sections, any language). */
export function parseWindowsNetstatS(input: string | Uint8Array, source = 'netstat -s'): WindowsNetstatSParsed {
  const lines = splitLines(decodeCapture(input));
  const statistics: Statistics = {};
  const skipped: SkippedLine[] = [];
  let section: SectionKey | null = null;
  let rows: Row[] = [];

  const flush = (): void => {
    if (!section) return;
    const spec = WINDOWS_STAT_SECTIONS[section];
    const icmp = section === 'icmp' || section === 'icmpv6';
    if (rows.length === 0) return;
    const counters = (statistics[section as ProtocolKey] ??= {});
    const byPosition = rows.length === spec.length;
    rows.forEach((row, idx) => {
      const entry = byPosition ? spec[idx] : spec.find(([label]) => label.toLowerCase() === row.label.toLowerCase());
      if (!entry) {
        skipped.push({ source, line: row.line, text: row.text, reason: `row ${idx + 1} of ${rows.length} in a section of ${spec.length} rows, label not known` });
        return;
      }
      const name = entry[1];
      if (icmp) {
        counters[`In${name}`] = row.values[0] ?? 0;
        counters[`Out${name}`] = row.values[1] ?? 0;
      } else counters[name] = row.values[0] ?? 0;
    });
    rows = [];
  };

  lines.forEach((line, i) => {
    const text = line.trim();
    if (text === '') return;
    const eq = EQ_ROW.exec(text);
    const two = eq ? null : TWO_COL.exec(text);
    if (section && (eq || two)) {
      if (eq) rows.push({ label: eq[1] ?? '', values: [Number(eq[2])], line: i + 1, text: line });
      else if (two) rows.push({ label: two[1] ?? '', values: [Number(two[2]), Number(two[3])], line: i + 1, text: line });
      return;
    }
    const next = eq || two ? null : sectionOf(text);
    if (next) {
      flush();
      section = next;
      return;
    }
    // Column headers (`Received    Sent`) stand before a section's rows; the `netstat -e` block of
    // `-e -s` stands before any section (it is `netstat-e.ts`'s). Anything else is reported.
    if (section && rows.length > 0) skipped.push({ source, line: i + 1, text: line, reason: 'not a statistics row' });
  });
  flush();
  return { statistics, skipped };
}
