/**
 * macOS (BSD) `netstat -s` section layout (pure): `tcp:`, `udp:`, `ip:`, `icmp:`, `ip6:`, `icmp6:`
 * headers, one tab per level, `%u thing%s` wording with BSD plurals, and ICMP `Output histogram:` /
 * `Input histogram:` blocks listing only non-zero message types. BSD keeps different counters than
 * MIB-II: only counters with a BSD line of the same meaning are printed (a line per counter the
 * source has; zero values print, as `netstat -s` does without `-ss`). `-p PROTO` keeps one section.
 */
import type { WindowsProto } from '../../model/query.js';
import type { ProtocolKey, Statistics } from '../../model/statistics.js';
import { escapeControl } from '../sanitize.js';

type Line = readonly [depth: number, template: string, key: ProtocolKey, counter: string];

const SECTIONS: readonly (readonly [name: string, protos: readonly WindowsProto[], lines: readonly Line[], histogram?: readonly [ProtocolKey, Readonly<Record<number, string>>]])[] = [
  [
    'tcp',
    ['tcp', 'tcpv6'],
    [
      [1, '{n} packet{s} sent', 'tcp', 'OutSegs'],
      [2, '{n} data packet{s} retransmitted', 'tcp', 'RetransSegs'],
      [2, '{n} reset{s} sent', 'tcp', 'OutRsts'],
      [1, '{n} packet{s} received', 'tcp', 'InSegs'],
      [2, '{n} discarded for bad checksum{s}', 'tcp', 'InCsumErrors'],
      [2, '{n} bad segment{s} received', 'tcp', 'InErrs'],
      [1, '{n} connection request{s}', 'tcp', 'ActiveOpens'],
      [1, '{n} connection accept{s}', 'tcp', 'PassiveOpens'],
      [1, '{n} bad connection attempt{s}', 'tcp', 'AttemptFails'],
      [1, '{n} listen queue overflow{s}', 'tcpExt', 'ListenOverflows'],
      [1, '{n} connection{s} established', 'tcp', 'CurrEstab'],
      [1, '{n} connection{s} reset', 'tcp', 'EstabResets'],
      [1, '{n} retransmit timeout{s}', 'tcpExt', 'TCPTimeouts'],
      [1, '{n} cookie{s} sent', 'tcpExt', 'SyncookiesSent'],
      [1, '{n} cookie{s} received', 'tcpExt', 'SyncookiesRecv'],
    ],
  ],
  [
    'udp',
    ['udp', 'udpv6'],
    [
      [1, '{n} datagram{s} received', 'udp', 'InDatagrams'],
      [2, '{n} with bad checksum', 'udp', 'InCsumErrors'],
      [2, '{n} dropped due to no socket', 'udp', 'NoPorts'],
      [2, '{n} dropped due to full socket buffers', 'udp', 'RcvbufErrors'],
      [1, '{n} datagram{s} output', 'udp', 'OutDatagrams'],
    ],
  ],
  [
    'ip',
    ['ip'],
    [
      [1, '{n} total packet{s} received', 'ip', 'InReceives'],
      [2, '{n} bad header checksum{s}', 'ip', 'InHdrErrors'],
      [2, '{n} fragment{s} received', 'ip', 'ReasmReqds'],
      [2, '{n} fragment{s} dropped after timeout', 'ip', 'ReasmTimeout'],
      [2, '{n} packet{s} reassembled ok', 'ip', 'ReasmOKs'],
      [2, '{n} packet{s} for this host', 'ip', 'InDelivers'],
      [2, '{n} packet{s} for unknown/unsupported protocol', 'ip', 'InUnknownProtos'],
      [2, '{n} packet{s} forwarded', 'ip', 'ForwDatagrams'],
      [1, '{n} packet{s} sent from this host', 'ip', 'OutRequests'],
      [2, '{n} output packet{s} dropped due to no bufs, etc.', 'ip', 'OutDiscards'],
      [2, '{n} output packet{s} discarded due to no route', 'ip', 'OutNoRoutes'],
      [2, '{n} output datagram{s} fragmented', 'ip', 'FragOKs'],
      [2, '{n} fragment{s} created', 'ip', 'FragCreates'],
      [2, "{n} datagram{s} that can't be fragmented", 'ip', 'FragFails'],
    ],
  ],
  [
    'icmp',
    ['icmp'],
    [
      [1, '{n} bad checksum{s}', 'icmp', 'InCsumErrors'],
      [1, '{n} message{s} with errors', 'icmp', 'InErrors'],
    ],
    [
      'icmpMsg',
      { 0: 'echo reply', 3: 'destination unreachable', 4: 'source quench', 5: 'routing redirect', 8: 'echo', 9: 'router advertisement', 10: 'router solicitation', 11: 'time exceeded', 12: 'parameter problem', 13: 'time stamp', 14: 'time stamp reply', 17: 'address mask request', 18: 'address mask reply' },
    ],
  ],
  [
    'ip6',
    ['ipv6'],
    [
      [1, '{n} total packet{s} received', 'ipv6', 'InReceives'],
      [2, '{n} with incorrect header{s}', 'ipv6', 'InHdrErrors'],
      [2, '{n} fragment{s} received', 'ipv6', 'ReasmReqds'],
      [2, '{n} packet{s} reassembled ok', 'ipv6', 'ReasmOKs'],
      [2, '{n} packet{s} for this host', 'ipv6', 'InDelivers'],
      [2, '{n} packet{s} forwarded', 'ipv6', 'OutForwDatagrams'],
      [1, '{n} packet{s} sent from this host', 'ipv6', 'OutRequests'],
      [2, '{n} output packet{s} discarded due to no route', 'ipv6', 'OutNoRoutes'],
      [2, '{n} output datagram{s} fragmented', 'ipv6', 'FragOKs'],
      [2, '{n} fragment{s} created', 'ipv6', 'FragCreates'],
    ],
  ],
  [
    'icmp6',
    ['icmpv6'],
    [
      [1, '{n} bad checksum{s}', 'icmpv6', 'InCsumErrors'],
      [1, '{n} message{s} with errors', 'icmpv6', 'InErrors'],
    ],
    [
      'icmpv6',
      { 1: 'unreach', 2: 'packet too big', 3: 'time exceed', 4: 'parameter problem', 128: 'echo', 129: 'echo reply', 130: 'multicast listener query', 131: 'MLDv1 listener report', 132: 'MLDv1 listener done', 133: 'router solicitation', 134: 'router advertisement', 135: 'neighbor solicitation', 136: 'neighbor advertisement', 137: 'redirect', 143: 'MLDv2 listener report' },
    ],
  ],
];

const fill = (template: string, n: number): string => template.replace('{n}', String(n)).replace('{s}', n === 1 ? '' : 's');

function histogram(stats: Statistics, key: ProtocolKey, names: Readonly<Record<number, string>>, dir: 'In' | 'Out'): string {
  let s = '';
  for (const [type, name] of Object.entries(names)) {
    const v = stats[key]?.[`${dir}Type${type}`];
    if (v) s += `\t\t${name}: ${v}\n`;
  }
  return s ? `\t${dir === 'In' ? 'Input' : 'Output'} histogram:\n${s}` : '';
}

/** Render the sections the data has (and `-p` selects). */
export function renderMacosStatistics(stats: Statistics, protos: readonly WindowsProto[]): string {
  let out = '';
  for (const [name, selectors, lines, hist] of SECTIONS) {
    if (protos.length > 0 && !selectors.some((p) => protos.includes(p))) continue;
    const body = lines
      .filter(([, , key, counter]) => stats[key]?.[counter] !== undefined)
      .map(([depth, template, key, counter]) => `${'\t'.repeat(depth)}${fill(template, stats[key]?.[counter] ?? 0)}\n`)
      .join('');
    const h = hist ? histogram(stats, hist[0], hist[1], 'Out') + histogram(stats, hist[0], hist[1], 'In') : '';
    if (body || h) out += `${name}:\n${body}${h}`;
  }
  return out;
}

/** BSD section names a `-p` protocol selects (`tcp` covers both families on BSD). */
const BSD_SECTIONS: Readonly<Record<WindowsProto, readonly string[]>> = {
  tcp: ['tcp'],
  tcpv6: ['tcp'],
  udp: ['udp'],
  udpv6: ['udp'],
  ip: ['ip'],
  ipv6: ['ip6'],
  icmp: ['icmp'],
  icmpv6: ['icmp6'],
};

/**
 * macOS's own `netstat -s` text, whole, or only the sections `-p` selects (a section runs from its
 * `name:` line at the margin to the next one). Control characters escaped.
 */
export function renderBsdNativeStatistics(text: string, protos: readonly WindowsProto[]): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const want = new Set(protos.flatMap((p) => BSD_SECTIONS[p]));
  let keep = want.size === 0;
  let out = '';
  for (const line of lines) {
    const m = /^([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (m) keep = want.size === 0 || want.has(m[1] as string);
    // Tabs are the layout's own indentation; any other control character is escaped.
    if (keep) out += `${line.split('\t').map(escapeControl).join('\t')}\n`;
  }
  return out;
}
