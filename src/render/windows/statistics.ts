/**
 * Windows `netstat -s` layout (pure): each section is a blank line, its title, a blank line and
 * its rows — `  %-Ns= %u` for IP/TCP/UDP, a `Received    Sent` table for ICMP (`  %-26s%-12s%-10s`,
 * trailing spaces included). `-p ip|ipv6|icmp|icmpv6|tcp|tcpv6|udp|udpv6` keeps one section.
 * Sections the source has no counters for are left out. The label ↔ counter table is
 * `model/windows-statistics.ts`. Checked against `fixtures/windows/win7-netstat-ns.txt`.
 */
import type { WindowsProto } from '../../model/query.js';
import type { Statistics } from '../../model/statistics.js';
import { WINDOWS_STAT_SECTIONS, type WindowsStatSection } from '../../model/windows-statistics.js';
import { padRight } from '../layout.js';

/** The first counter a row names that the statistics hold (0 when none). */
export function windowsCounter(stats: Statistics, section: WindowsStatSection, names: readonly string[]): number {
  for (const n of names) {
    const colon = n.indexOf(':');
    const table = colon > 0 ? stats[n.slice(0, colon) as keyof Statistics] : stats[section.key];
    const v = table?.[colon > 0 ? n.slice(colon + 1) : n];
    if (v !== undefined) return v;
  }
  return 0;
}

/** The sections `-p` selects (all when none given), in print order. */
export function windowsSections(protos: readonly WindowsProto[]): WindowsStatSection[] {
  return WINDOWS_STAT_SECTIONS.filter((s) => protos.length === 0 || protos.includes(s.proto));
}

/** Render the selected sections. */
export function renderWindowsStatistics(stats: Statistics, protos: readonly WindowsProto[], eol: string): string {
  let out = '';
  for (const s of windowsSections(protos)) {
    if (!stats[s.key]) continue;
    out += `${eol}${s.title}${eol}${eol}`;
    if (s.kind === 'list') {
      for (const [label, names] of s.rows) out += `  ${padRight(label, s.labelWidth)}= ${windowsCounter(stats, s, names)}${eol}`;
    } else {
      out += `${' '.repeat(28)}Received    Sent${eol}`;
      for (const [label, rx, tx] of s.rows)
        out += `  ${padRight(label, 26)}${padRight(String(windowsCounter(stats, s, rx)), 12)}${padRight(String(windowsCounter(stats, s, tx)), 10)}${eol}`;
    }
  }
  return out;
}
