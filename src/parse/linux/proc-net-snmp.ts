/**
 * Parsers for the protocol counter files (pure):
 * - `/proc/net/snmp` and `/proc/net/netstat`: pairs of lines, a header of names and a line of
 *   values, both starting with the table title (`Tcp:`);
 * - `/proc/net/snmp6` and `/proc/net/sctp/snmp`: one `name value` per line.
 *
 * Real input (`fixtures/linux-proc/k2.6.18-net_snmp.txt`):
 * `Udp: InDatagrams NoPorts InErrors OutDatagrams` / `Udp: 4409406 1198 0 346365`
 * → `{ udp: { InDatagrams: 4409406, NoPorts: 1198, InErrors: 0, OutDatagrams: 346365 } }`.
 * `/proc/net/snmp6`: `Ip6InReceives                   	574060` → `{ ipv6: { InReceives: 574060 } }`.
 *
 * Tables and counters keep the file's order. Values are read like `strtoull`: `-1` (Tcp MaxConn)
 * stays -1 here and renderers print it as the kernel's unsigned value where net-tools would.
 */
import { LINUX_SNMP6_PREFIXES, LINUX_SNMP_TABLES } from '../../model/linux-statistics.js';
import type { Counters, ProtocolKey, Statistics } from '../../model/statistics.js';
import type { SkippedLine } from '../issues.js';

/** One parsed file: the statistics (tables in file order) and the lines that could not be used. */
export interface ParsedStatistics {
  statistics: Statistics;
  skipped: SkippedLine[];
}

function into(stats: Statistics, key: ProtocolKey): Counters {
  let c = stats[key];
  if (!c) {
    c = {};
    stats[key] = c;
  }
  return c;
}

/** Parse `/proc/net/snmp` or `/proc/net/netstat` text, adding to `stats` (order kept). */
export function parseProcNetSnmp(text: string, source: string, stats: Statistics = {}): ParsedStatistics {
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  let n = 0;
  while (n < lines.length) {
    const head = lines[n] as string;
    if (head.trim() === '') {
      n++;
      continue;
    }
    const values = lines[n + 1];
    const hc = head.indexOf(':');
    const vc = values === undefined ? -1 : values.indexOf(':');
    if (values === undefined || hc < 0 || vc < 0 || head.slice(0, hc) !== values.slice(0, vc)) {
      skipped.push({ source, line: n + 1, text: head, reason: 'expected a header line and a value line with the same title' });
      n++;
      continue;
    }
    const title = head.slice(0, hc);
    const key = LINUX_SNMP_TABLES[title];
    const names = head.slice(hc + 1).trim().split(/\s+/).filter(Boolean);
    const nums = (values as string).slice(vc + 1).trim().split(/\s+/).filter(Boolean);
    if (!key) skipped.push({ source, line: n + 1, text: head, reason: `unknown table ${title}` });
    else if (names.length !== nums.length || nums.some((v) => !/^-?\d+$/.test(v)))
      skipped.push({ source, line: n + 2, text: values as string, reason: `${names.length} names but ${nums.length} numeric values` });
    else {
      const c = into(stats, key);
      names.forEach((name, i) => {
        c[name] = Number(nums[i]);
      });
    }
    n += 2;
  }
  return { statistics: stats, skipped };
}

/** The snmp6 group of a counter name: everything up to and including the first `6` (`Icmp6`). */
export function snmp6Group(name: string): string {
  const six = name.indexOf('6');
  return six < 0 ? name : name.slice(0, six + 1);
}

/** Parse `/proc/net/snmp6` text, adding to `stats`: `Icmp6InMsgs 3` → `icmpv6.InMsgs = 3`. */
export function parseProcNetSnmp6(text: string, source: string, stats: Statistics = {}): ParsedStatistics {
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^\s*(\S+)\s+(-?\d+)\s*$/.exec(raw);
    const group = m ? snmp6Group(m[1] as string) : '';
    const key = LINUX_SNMP6_PREFIXES[group];
    if (!m || !key) {
      skipped.push({ source, line: i + 1, text: raw, reason: m ? `unknown counter group ${group}` : 'expected NAME VALUE' });
      return;
    }
    into(stats, key)[(m[1] as string).slice(group.length)] = Number(m[2]);
  });
  return { statistics: stats, skipped };
}

/** Parse `/proc/net/sctp/snmp` text (`SctpCurrEstab 0` → `sctp.CurrEstab = 0`), adding to `stats`. */
export function parseProcNetSctpSnmp(text: string, source: string, stats: Statistics = {}): ParsedStatistics {
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^\s*(\S+)\s+(-?\d+)\s*$/.exec(raw);
    if (!m) {
      skipped.push({ source, line: i + 1, text: raw, reason: 'expected NAME VALUE' });
      return;
    }
    const name = m[1] as string;
    into(stats, 'sctp')[name.startsWith('Sctp') ? name.slice(4) : name] = Number(m[2]);
  });
  return { statistics: stats, skipped };
}

