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
import { WINDOWS_STAT_SECTIONS as SECTIONS } from '../../model/windows-statistics.js';
import type { SkippedLine } from '../issues.js';
import { decodeCapture, splitLines } from './text.js';

/** One printed row: the English label and the counter(s) it fills (ICMP rows: received, sent). */
export type StatRow = readonly [label: string, counter: string, sent?: string];

type SectionKey = 'ip' | 'ipv6' | 'icmp' | 'icmpv6' | 'tcp' | 'tcpv6' | 'udp' | 'udpv6';

/**
 * The rows netstat.exe prints per section, in order, with the counter each fills: derived from
 * the one shared table in `model/windows-statistics.ts` (each row's preferred counter name).
 */
export const WINDOWS_STAT_SECTIONS: Readonly<Record<SectionKey, readonly StatRow[]>> = Object.fromEntries(
  SECTIONS.map((sec) => [
    sec.key,
    sec.kind === 'icmp'
      ? sec.rows.map(([label, rx, tx]) => [label, rx[0] ?? '', tx[0] ?? ''] as const)
      : sec.rows.map(([label, counters]) => [label, counters[0] ?? ''] as const),
  ]),
) as unknown as Record<SectionKey, readonly StatRow[]>;



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
    const known: [StatRow, Row][] = [];
    rows.forEach((row, idx) => {
      const entry = byPosition ? spec[idx] : spec.find(([label]) => label.toLowerCase() === row.label.toLowerCase());
      if (!entry) {
        skipped.push({ source, line: row.line, text: row.text, reason: `row ${idx + 1} of ${rows.length} in a section of ${spec.length} rows, label not known` });
        return;
      }
      known.push([entry, row]);
      counters[entry[1]] = row.values[0] ?? 0;
    });
    // ICMP: the received column, then the sent one (`InMsgs … OutMsgs …`), the order of MIB-II
    // and /proc/net/snmp that the net-tools layout walks (interleaved, it would print its
    // histogram titles at every row).
    if (icmp) for (const [entry, row] of known) counters[entry[2] ?? entry[1]] = row.values[1] ?? 0;
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
