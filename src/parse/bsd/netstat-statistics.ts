/**
 * Parser for BSD-family `netstat -s` (pure): macOS and FreeBSD (`tcp:`, `udp:`, `ip:`, `icmp:`,
 * `ip6:`, `icmp6:` sections; other sections are reported as skipped). Counters that have a
 * MIB-II equivalent get its name (`packets sent` → `OutSegs`); every other line is kept under a
 * name made from its words and its parent line (`dataPackets`, `dataPacketsBytes`), the same
 * superset approach gopsutil uses for AIX.
 *
 * Real input lines (`netstat -s -p tcp`, macOS):
 * ```
 * tcp:
 * 	6878757 packets sent
 * 		1509288 data packets (741004496 bytes)
 * ```
 * → `{ tcp: { OutSegs: 6878757, dataPackets: 1509288, dataPacketsBytes: 741004496 } }`
 */
import type { Counters, ProtocolKey, Statistics } from '../../model/statistics.js';
import { StatSections } from '../common/records.js';
import { numberedLines, Skips, type CaptureOptions } from '../common/text.js';
import { nativeCounterName, type ParsedStatistics } from '../nettools/netstat-statistics.js';

const SECTION: Readonly<Record<string, ProtocolKey>> = { tcp: 'tcp', udp: 'udp', ip: 'ip', icmp: 'icmp', ip6: 'ipv6', icmp6: 'icmpv6' };

/** BSD sentences (number removed, parenthesised parts dropped) with a MIB-II counter, per section. */
const MIB: Readonly<Partial<Record<ProtocolKey, Readonly<Record<string, string>>>>> = {
  tcp: {
    'packets sent': 'OutSegs',
    'packets received': 'InSegs',
    'connection requests': 'ActiveOpens',
    'connection accepts': 'PassiveOpens',
    'bad connection attempts': 'AttemptFails',
    'data packets retransmitted': 'RetransSegs',
    'discarded for bad checksums': 'InCsumErrors',
  },
  udp: {
    'datagrams received': 'InDatagrams',
    'datagrams output': 'OutDatagrams',
    'dropped due to no socket': 'NoPorts',
    'with bad checksum': 'InCsumErrors',
  },
  ip: {
    'total packets received': 'InReceives',
    'packets forwarded': 'ForwDatagrams',
    'packets for this host': 'InDelivers',
    'packets sent from this host': 'OutRequests',
    'packets for unknown/unsupported protocol': 'InUnknownProtos',
    'output packets discarded due to no route': 'OutNoRoutes',
    'fragments received': 'ReasmReqds',
    'packets reassembled ok': 'ReasmOKs',
    'output datagrams fragmented': 'FragOKs',
    'fragments created': 'FragCreates',
  },
  ipv6: {
    'total packets received': 'InReceives',
    'packets forwarded': 'OutForwDatagrams',
    'packets sent from this host': 'OutRequests',
    'packets for unknown/unsupported protocol': 'InUnknownProtos',
  },
  icmp: { 'calls to icmp_error': 'OutErrors', 'message responses generated': 'OutMsgs' },
};

/** Parse BSD `netstat -s`. */
export function parseBsdStatistics(text: string, opts: CaptureOptions): ParsedStatistics {
  const statistics: Statistics = {};
  const skips = new Skips(opts.source);
  const sections = new StatSections(SECTION, /^([a-z0-9]+):\s*$/, statistics, skips);
  /** Counter name at each indentation depth, for naming nested lines. */
  const parents: string[] = [];
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '') continue;
    if (/^([a-z0-9]+):\s*$/.test(t)) parents.length = 0;
    if (sections.consume(line)) continue;
    const section = sections.key as ProtocolKey;
    const depth = (/^\t*/.exec(t)?.[0].length ?? 0) || Math.max(1, Math.round(((/^ */.exec(t)?.[0].length ?? 0) / 8)));
    const body = t.trim();
    const counters: Counters = statistics[section] as Counters;
    // `Input histogram:` and similar headings open a level without a number.
    const heading = /^([^\d].*):$/.exec(body);
    if (heading) {
      parents[depth] = heading[1] as string;
      parents.length = depth + 1;
      continue;
    }
    // `destination unreachable: 24` (histogram entries).
    const named = /^(.+?):\s*(\d+)$/.exec(body);
    const lead = /^(\d+)\s+(.*)$/.exec(body);
    if (!named && !lead) {
      skips.add(line, 'not a statistics line');
      continue;
    }
    const value = Number(named ? named[2] : (lead as RegExpExecArray)[1]);
    const words = named ? (named[1] as string) : (lead as RegExpExecArray)[2] as string;
    const plain = words.replace(/\s*\([^)]*\)/g, '').trim();
    // MIB-II names go to the first line that carries them (`packets sent` at the top, not nested repeats).
    const mibName = MIB[section]?.[plain];
    const mib = mibName !== undefined && counters[mibName] === undefined ? mibName : undefined;
    const parent = parents.slice(1, depth).filter(Boolean).join(' ');
    // A nested line whose words repeat elsewhere (`window update packets` sent and received) is named with its parent.
    const words0 = !mib && parent && (counters[nativeCounterName(plain)] !== undefined || named) ? `${parent} ${plain}` : plain;
    const key = mib ?? nativeCounterName(words0);
    counters[key] = value;
    parents[depth] = plain;
    parents.length = depth + 1;
    // Numbers in parentheses: `(741004496 bytes)`, `(560 delayed)`, `(for 30196532 bytes)`, `(of 1747114 attempts)`.
    for (const m of words.matchAll(/\(([^)]*?)(\d+)([^)]*)\)/g)) {
      const what = `${m[1] ?? ''} ${m[3] ?? ''}`.replace(/\b(for|of|including)\b/g, '').trim();
      const sub = nativeCounterName(what || 'value');
      counters[mib ? `${mib}${sub.charAt(0).toUpperCase()}${sub.slice(1)}` : nativeCounterName(`${words0} ${what || 'value'}`)] = Number(m[2]);
    }
  }
  return { statistics, skipped: skips.list, notes: [] };
}
