/**
 * Parser for `/proc/net/sockstat` and `/proc/net/sockstat6` (pure): socket usage counts per
 * protocol, kept under the `sockstat` protocol key with node_exporter's names
 * (`<TABLE>_<field>`, the kernel's own words), in the file's order.
 *
 * Real input (`fixtures/linux-proc/k2.6.18-net_sockstat.txt`):
 * `TCP: inuse 39 orphan 0 tw 20 alloc 45 mem 12`
 * → `{ sockstat: { TCP_inuse: 39, TCP_orphan: 0, TCP_tw: 20, TCP_alloc: 45, TCP_mem: 12 } }`
 * (`sockets: used 201` → `sockets_used: 201`).
 */
import type { Statistics } from '../../model/statistics.js';
import type { SkippedLine } from '../issues.js';
import type { ParsedStatistics } from './proc-net-snmp.js';

/** Parse sockstat text, adding to `stats`. */
export function parseProcNetSockstat(text: string, source: string, stats: Statistics = {}): ParsedStatistics {
  const skipped: SkippedLine[] = [];
  const counters = stats.sockstat ?? {};
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^(\w+):((?:\s+[a-z]\w*\s+-?\d+)+)\s*$/.exec(raw);
    if (!m) {
      skipped.push({ source, line: i + 1, text: raw, reason: 'expected TABLE: name value …' });
      return;
    }
    const pairs = (m[2] as string).trim().split(/\s+/);
    for (let k = 0; k + 1 < pairs.length; k += 2) counters[`${m[1]}_${pairs[k]}`] = Number(pairs[k + 1]);
  });
  if (Object.keys(counters).length > 0) stats.sockstat = counters;
  return { statistics: stats, skipped };
}
