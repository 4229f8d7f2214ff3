/**
 * net-tools `netstat -s` layout (pure), byte-identical to net-tools 2.10 for the same counters:
 * table titles (`Tcp:`), the templates of `statistics.c` looked up exactly as netstat does
 * (including the entries its `bsearch` misses, printed as `Name: value`), optional counters shown
 * only when non-zero, the ICMP histograms, unknown tables (`IcmpMsg:`, `UdpLite:`, `IpExt:`) with
 * their non-zero values, and `-t`/`-u`/`-w` selecting tables. `-6` prints `/proc/net/snmp6` groups
 * and then the shared `Tcp:` table.
 */
import { linuxSnmp6Prefix, linuxSnmpTitle } from '../../model/linux-statistics.js';
import type { Statistics } from '../../model/statistics.js';
import { Kind, SNMP6_TABS, SNMP_TABS, STATIC, TITLE, type Entry, type TableFlag } from './statistics-tables.js';

const INDENT: Readonly<Record<number, number>> = { 0: 4, 1: 4, 2: 4, 3: 8, 4: 8, 5: 0 };
const HISTOGRAM: Readonly<Record<number, string>> = { 3: 'ICMP input histogram:', 4: 'ICMP output histogram:' };

/** glibc `bsearch` with `strcmp` over a table in its source order (not necessarily sorted). */
export function bsearchEntry(table: readonly Entry[], title: string): Entry | undefined {
  let l = 0;
  let u = table.length;
  while (l < u) {
    const idx = (l + u) >> 1;
    const e = table[idx] as Entry;
    const c = title < e[0] ? -1 : title > e[0] ? 1 : 0;
    if (c < 0) u = idx;
    else if (c > 0) l = idx + 1;
    else return e;
  }
  return undefined;
}

/** `%llu` of a counter: negative values (`-1`) wrap like `strtoull` does. */
function llu(v: number): string {
  return v < 0 ? (2n ** 64n + BigInt(v)).toString() : String(v);
}

export interface StatisticsFlags {
  raw: boolean;
  tcp: boolean;
  udp: boolean;
  sctp: boolean;
}

/** The printing state machine of `statistics.c` (`state`, `printval`, `newtable`). */
class Printer {
  private state = 0;
  readonly out: string[] = [];
  constructor(private readonly flags: StatisticsFlags) {}

  private pad(kind: number): string {
    return ' '.repeat(INDENT[kind] ?? 0);
  }

  /** Start a table: print its title when its switch is on (unknown tables always print). */
  table(title: string, known: readonly [readonly Entry[], TableFlag] | undefined): readonly Entry[] | null | false {
    if (known) {
      if (this.flags[known[1]]) this.out.push(`${title}:\n`);
      this.state = 0;
      return this.flags[known[1]] ? known[0] : false;
    }
    this.out.push(`${title}:\n`);
    return null;
  }

  value(table: readonly Entry[] | null, title: string, val: number): void {
    const ent = table ? bsearchEntry(table, title) : undefined;
    if (!ent) {
      if (val !== 0) this.out.push(`${this.pad(this.state)}${title}: ${llu(val)}\n`);
      return;
    }
    let type = ent[2];
    if (type & STATIC) return; // print_static is never set
    if (ent[1] === '') return;
    if (type & TITLE) {
      type &= ~TITLE;
      if (this.state !== type) this.out.push(`${this.pad(this.state)}${HISTOGRAM[type] ?? ''}\n`);
    }
    let buf = '';
    if (type === Kind.Number || (type === Kind.OptNumber && val !== 0)) buf = ent[1].replace('%llu', llu(val));
    else if ((type === Kind.InIcmp || type === Kind.OutIcmp) && val > 0) buf = ent[1].replace('%llu', llu(val));
    if (buf) this.out.push(`${this.pad(type)}${buf}\n`);
    this.state = type;
  }
}

/** Which tables `-t`, `-u`, `-w` select (none of them: all). */
export function statisticsFlags(tcp: boolean, udp: boolean, raw: boolean): StatisticsFlags {
  if (!tcp && !udp && !raw) return { raw: true, tcp: true, udp: true, sctp: true };
  return { raw, tcp, udp, sctp: false };
}

/** Render `netstat -s` (IPv4: `/proc/net/snmp` + `netstat` + `sctp/snmp` tables). */
export function renderLinuxStatistics(stats: Statistics, flags: StatisticsFlags): string[] {
  const p = new Printer(flags);
  for (const [key, counters] of Object.entries(stats)) {
    const title = linuxSnmpTitle(key);
    if (!title || !counters) continue;
    const table = p.table(title, SNMP_TABS[title]);
    if (table === false) continue;
    const prefix = title === 'Sctp' ? 'Sctp' : '';
    for (const [name, val] of Object.entries(counters)) p.value(table, prefix + name, val);
  }
  return p.out;
}

/** Render `netstat -s -6` (`/proc/net/snmp6` groups, then the `Tcp:` table of `/proc/net/snmp`). */
export function renderLinuxStatistics6(stats: Statistics, flags: StatisticsFlags): string[] {
  const p = new Printer(flags);
  // Without /proc/net/snmp6 netstat stops after its error message: not even the Tcp table.
  if (!Object.keys(stats).some((k) => linuxSnmp6Prefix(k) !== undefined)) return p.out;
  for (const [key, counters] of Object.entries(stats)) {
    const prefix = linuxSnmp6Prefix(key);
    if (!prefix || !counters) continue;
    const table = p.table(prefix, SNMP6_TABS[prefix]);
    if (table === false) continue;
    for (const [name, val] of Object.entries(counters)) p.value(table, prefix + name, val);
  }
  const tcp = stats.tcp;
  if (tcp) {
    const table = p.table('Tcp', SNMP_TABS['Tcp']);
    if (table !== false) for (const [name, val] of Object.entries(tcp)) p.value(table, name, val);
  }
  return p.out;
}
