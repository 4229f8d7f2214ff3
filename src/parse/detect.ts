/**
 * `--parse`: recognise which tool printed a capture, and dispatch to its parser (pure).
 *
 * Detection is by shape, never by translated words: every format says how many of the capture's
 * lines look like its rows (`tcp4  0  0  127.0.0.1.631 …` vs `tcp  0  0 127.0.0.1:631 …` vs
 * `  TCP    0.0.0.0:135 …`), and the format with the most wins. `--from FORMAT` skips detection.
 *
 * Formats parsed elsewhere are dispatched through {@link EXTERNAL_PARSERS}, one small registry
 * filled in by their owners: Windows `netstat`/`route print` text (the Windows parsers) and the
 * `/proc/net` tables other than sockets (the Linux views). Until a parser is registered, such
 * a capture is recognised and refused with a clear message.
 */
import { RunError, UsageError } from '../model/errors.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { SocketRecord } from '../model/socket.js';
import type { Statistics } from '../model/statistics.js';
import { BSD_INET_ROW, BSD_UNIX_ROW, parseBsdSockets } from './bsd/netstat-sockets.js';
import { parseBsdInterfaces } from './bsd/netstat-interfaces.js';
import { parseBsdRoutes } from './bsd/netstat-routes.js';
import { parseBsdStatistics } from './bsd/netstat-statistics.js';
import type { CaptureOptions } from './common/text.js';
import { numberedLines } from './common/text.js';
import { parseSockstat, SOCKSTAT_ROW } from './freebsd/sockstat.js';
import type { SkippedLine } from './issues.js';
import { parseProcNetInet } from './linux/proc-net-inet.js';
import { parseProcNetUnix } from './linux/proc-net-unix.js';
import { LSOF_FIELD_LINE, LSOF_ROW, parseLsofFields, parseLsofTable } from './lsof/lsof.js';
import { NETTOOLS_IFACE_ROW, parseNetToolsInterfaces } from './nettools/netstat-interfaces.js';
import { NETTOOLS_ROUTE4_ROW, NETTOOLS_ROUTE6_ROW, parseNetToolsRoutes } from './nettools/netstat-routes.js';
import { NETTOOLS_INET_ROW, NETTOOLS_UNIX_ROW, parseNetToolsSockets } from './nettools/netstat-sockets.js';
import { parseNetToolsStatistics } from './nettools/netstat-statistics.js';
import { parseSs, SS_ROW } from './ss/ss.js';

/** What a capture holds, named like the view that shows it (`ethernet` is Windows `netstat -e`). */
export type CaptureKind = 'connections' | 'routes' | 'interfaces' | 'ethernet' | 'statistics';

/** A parsed capture: the records of its kind, the lines skipped, notes about partial data. */
export interface Capture {
  format: string;
  kind: CaptureKind;
  connections?: SocketRecord[];
  routes?: Route[];
  interfaces?: NetInterface[];
  statistics?: Statistics;
  skipped: SkippedLine[];
  notes: string[];
}

/** A parser from text to a capture (without `format`, which the dispatcher fills in). */
export type CaptureParser = (text: string, opts: CaptureOptions) => Omit<Capture, 'format'>;

/** Formats whose parsers live with other features; filled in by {@link registerCaptureParser}. */
export const EXTERNAL_FORMATS = {
  'windows-netstat': { kind: 'connections', owner: 'Windows captures', what: 'Windows netstat -an/-ano/-anob text' },
  'windows-netstat-e': { kind: 'ethernet', owner: 'Windows captures', what: 'Windows netstat -e' },
  'windows-route': { kind: 'routes', owner: 'Windows captures', what: 'Windows route print / netstat -r' },
  'windows-netstat-s': { kind: 'statistics', owner: 'Windows captures', what: 'Windows netstat -s' },
  'proc-net-dev': { kind: 'interfaces', owner: '/proc/net tables', what: '/proc/net/dev' },
  'proc-net-route': { kind: 'routes', owner: '/proc/net tables', what: '/proc/net/route' },
  'proc-net-ipv6-route': { kind: 'routes', owner: '/proc/net tables', what: '/proc/net/ipv6_route' },
  'proc-net-snmp': { kind: 'statistics', owner: '/proc/net tables', what: '/proc/net/snmp' },
  'proc-net-snmp6': { kind: 'statistics', owner: '/proc/net tables', what: '/proc/net/snmp6' },
  'proc-net-netstat': { kind: 'statistics', owner: '/proc/net tables', what: '/proc/net/netstat' },
  'proc-net-sockstat': { kind: 'statistics', owner: '/proc/net tables', what: '/proc/net/sockstat' },
  'proc-net-if-inet6': { kind: 'interfaces', owner: '/proc/net tables', what: '/proc/net/if_inet6' },
} as const satisfies Record<string, { kind: CaptureKind; owner: string; what: string }>;

export type ExternalFormat = keyof typeof EXTERNAL_FORMATS;

/** The registry: format id → parser, for the {@link EXTERNAL_FORMATS}. */
export const EXTERNAL_PARSERS: Partial<Record<ExternalFormat, CaptureParser>> = {};

/** Connect a parser for an externally owned format (Windows text, /proc/net tables). */
export function registerCaptureParser(format: ExternalFormat, parser: CaptureParser): void {
  EXTERNAL_PARSERS[format] = parser;
}

type Listing<T> = (t: string, o: CaptureOptions) => { records: T[]; skipped: SkippedLine[]; notes: string[] };

/** Wrap a parser of rows into a CaptureParser that files them under its kind. */
function listing<T>(kind: 'connections' | 'routes' | 'interfaces', p: Listing<T>): CaptureParser {
  return (t, o) => {
    const r = p(t, o);
    return { kind, [kind]: r.records, skipped: r.skipped, notes: r.notes } as Omit<Capture, 'format'>;
  };
}
const connections = (p: Listing<SocketRecord>): CaptureParser => listing('connections', p);
const routes = (p: Listing<Route>): CaptureParser => listing('routes', p);
const interfaces = (p: Listing<NetInterface>): CaptureParser => listing('interfaces', p);
const statistics = (p: (t: string, o: CaptureOptions) => { statistics: Statistics; skipped: SkippedLine[]; notes: string[] }): CaptureParser => (t, o) => {
  const r = p(t, o);
  return { kind: 'statistics', statistics: r.statistics, skipped: r.skipped, notes: r.notes };
};
const procInet = (proto: 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'raw' | 'raw6'): CaptureParser => (t, o) => {
  const r = parseProcNetInet(t, proto, { littleEndian: true, source: o.source });
  return { kind: 'connections', connections: r.records, skipped: r.skipped, notes: [`${o.source}: read as /proc/net/${proto} of a little-endian machine`] };
};

/** One supported input format. */
interface Format {
  kind: CaptureKind;
  /** What it is, for messages (`--from` help, "expected …"). */
  what: string;
  parse: CaptureParser;
}

/** Formats parsed here. */
const FORMATS: Readonly<Record<string, Format>> = {
  'nettools-netstat': { kind: 'connections', what: 'Linux net-tools netstat (-tulpn, -an, -ap …)', parse: connections(parseNetToolsSockets) },
  ss: { kind: 'connections', what: 'iproute2 ss (-tulpn, -a …)', parse: connections(parseSs) },
  'bsd-netstat': { kind: 'connections', what: 'macOS/FreeBSD netstat (-an, -anv, -A …)', parse: connections(parseBsdSockets) },
  sockstat: { kind: 'connections', what: 'FreeBSD sockstat', parse: connections(parseSockstat) },
  lsof: { kind: 'connections', what: 'lsof -i (-nP)', parse: connections(parseLsofTable) },
  'lsof-f': { kind: 'connections', what: 'lsof -i -F field output', parse: connections(parseLsofFields) },
  'nettools-routes': { kind: 'routes', what: 'Linux netstat -r / route -n', parse: routes(parseNetToolsRoutes) },
  'bsd-routes': { kind: 'routes', what: 'macOS/FreeBSD netstat -r', parse: routes(parseBsdRoutes) },
  'nettools-interfaces': { kind: 'interfaces', what: 'Linux netstat -i', parse: interfaces(parseNetToolsInterfaces) },
  'bsd-interfaces': { kind: 'interfaces', what: 'macOS/FreeBSD netstat -i / -ib', parse: interfaces(parseBsdInterfaces) },
  'nettools-statistics': { kind: 'statistics', what: 'Linux netstat -s', parse: statistics(parseNetToolsStatistics) },
  'bsd-statistics': { kind: 'statistics', what: 'macOS/FreeBSD netstat -s', parse: statistics(parseBsdStatistics) },
  'proc-net-tcp': { kind: 'connections', what: '/proc/net/tcp', parse: procInet('tcp') },
  'proc-net-tcp6': { kind: 'connections', what: '/proc/net/tcp6', parse: procInet('tcp6') },
  'proc-net-udp': { kind: 'connections', what: '/proc/net/udp', parse: procInet('udp') },
  'proc-net-udp6': { kind: 'connections', what: '/proc/net/udp6', parse: procInet('udp6') },
  'proc-net-raw': { kind: 'connections', what: '/proc/net/raw', parse: procInet('raw') },
  'proc-net-raw6': { kind: 'connections', what: '/proc/net/raw6', parse: procInet('raw6') },
  'proc-net-unix': {
    kind: 'connections',
    what: '/proc/net/unix',
    parse: (t, o) => {
      const r = parseProcNetUnix(t, o.source);
      return { kind: 'connections', connections: r.records, skipped: r.skipped, notes: [] };
    },
  },
};

/** Names accepted by `--from` in addition to the format ids. */
const ALIASES: Readonly<Record<string, string>> = {
  netstat: 'nettools-netstat',
  'linux-netstat': 'nettools-netstat',
  'macos-netstat': 'bsd-netstat',
  'freebsd-netstat': 'bsd-netstat',
  'darwin-netstat': 'bsd-netstat',
  windows: 'windows-netstat',
};

/** Every format id `--from` accepts. */
export function formatIds(): string[] {
  return [...Object.keys(FORMATS), ...Object.keys(EXTERNAL_FORMATS)];
}

/** Canonical id for a `--from` value, or undefined. */
export function resolveFormat(name: string): string | undefined {
  const n = name.toLowerCase();
  const id = ALIASES[n] ?? n;
  return id in FORMATS || id in EXTERNAL_FORMATS ? id : undefined;
}

/** Address style of a `proto recvq sendq local …` row: BSD `a.b.c.d.port` or colon `a:port`. */
function inetRowStyle(line: string): 'bsd' | 'colon' | null {
  const t = line.trim().split(/\s+/);
  const i = t.findIndex((x) => /^(tcp|udp|raw)(4|6|46)?$/.test(x));
  if (i < 0) return null;
  if (/^(tcp|udp)(4|46)$/.test(t[i] as string)) return 'bsd';
  const local = t.slice(i + 1).find((x) => !/^\d+$/.test(x)) ?? '';
  if (/:[^:.]*$/.test(local) || local.startsWith('[')) return 'colon';
  if (/\.[^.:]*$/.test(local)) return 'bsd';
  return null;
}

/**
 * Guess the format of a capture: the id whose row shape matches the most lines, or null.
 * `nameHint` (the file name) only breaks the tie between `/proc/net/udp` and `/proc/net/raw`,
 * whose texts are identical in shape.
 */
export function detectFormat(text: string, nameHint = ''): string | null {
  const lines = numberedLines(text)
    .map((l) => l.text)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  const score: Record<string, number> = {};
  const add = (id: string, n = 1): void => {
    score[id] = (score[id] ?? 0) + n;
  };
  // lsof -F: every line is a field, the first one a pid.
  if (/^p\d+$/.test(lines[0] as string) && lines.every((l) => LSOF_FIELD_LINE.test(l))) return 'lsof-f';
  // /proc/net tables: unmistakable headers.
  const first = lines[0] as string;
  if (/^\s*sl\s+local_address\s+rem(ote)?_address\s+st\s/.test(first)) return procInetFormat(lines, nameHint);
  if (/^Num\s+RefCount\s+Protocol\s+Flags\s+Type\s+St\s+Inode/.test(first)) return 'proc-net-unix';
  if (/^Inter-\|\s+Receive/.test(first)) return 'proc-net-dev';
  if (/^Iface\tDestination\tGateway/.test(first)) return 'proc-net-route';
  if (/^Ip: Forwarding DefaultTTL/.test(first)) return 'proc-net-snmp';
  if (/^TcpExt: SyncookiesSent/.test(first)) return 'proc-net-netstat';
  if (/^Ip6InReceives\s+\d+/.test(first)) return 'proc-net-snmp6';
  if (lines.every((l) => /^[0-9a-f]{32} [0-9a-f]{2} [0-9a-f]{32} [0-9a-f]{2} [0-9a-f]{32} /.test(l))) return 'proc-net-ipv6-route';
  if (lines.every((l) => /^[0-9a-f]{32} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}\s+\S+$/.test(l))) return 'proc-net-if-inet6';
  if (/^sockets: used \d+/.test(first)) return 'proc-net-sockstat';

  let bars = 0;
  for (const l of lines) {
    if (LSOF_ROW.test(l)) add('lsof', 2);
    else if (SOCKSTAT_ROW.test(l)) add('sockstat', 2);
    else if (SS_ROW.test(l)) add('ss', 2);
    else if (NETTOOLS_UNIX_ROW.test(l)) add('nettools-netstat', 2);
    else if (BSD_UNIX_ROW.test(l)) add('bsd-netstat', 2);
    else if (/^(kevt|kctl)\s+\d+\s+\d+\s/.test(l) || /^\s+[0-9a-f]+\s+\d+\s+(-?\d+\s+)?\d+\s+\d+\s+\d+\s+\d+\s+[a-z][\w.-]*\.[\w.-]+\s*$/.test(l)) add('bsd-netstat', 2);
    else if (/^(Proto|Socket)\s.*Local Address\s+Foreign Address\s+\(state\)/.test(l)) add('bsd-netstat', 3);
    else if (NETTOOLS_INET_ROW.test(l) || BSD_INET_ROW.test(l) || /^icm[46]\s/.test(l)) {
      const style = /^icm[46]\s/.test(l) ? 'bsd' : inetRowStyle(l);
      if (style === 'bsd') add('bsd-netstat', 2);
      else if (style === 'colon') add('nettools-netstat', 2);
    } else if (/^\s+(TCP|UDP)\s+(\[[^\]]*\]|[^\s\[]+):\S+\s+\S+/.test(l)) add('windows-netstat', 2);
    else if (NETTOOLS_ROUTE4_ROW.test(l) || NETTOOLS_ROUTE6_ROW.test(l)) add('nettools-routes', 2);
    else if (NETTOOLS_IFACE_ROW.test(l)) add('nettools-interfaces', 2);
    else if (/^(Ip|Icmp|IcmpMsg|Tcp|Udp|UdpLite|TcpExt|IpExt|MPTcpExt|Sctp|Ip6|Icmp6|Udp6|UdpLite6):\s*$/.test(l)) add('nettools-statistics', 3);
    else if (/^(tcp|udp|ip|icmp|igmp|ipsec|ip6|icmp6|ipsec6|rip6|pfkey|arp|mptcp|carp|pfsync|divert|sctp|ipcomp|ah|esp|ipip):\s*$/.test(l)) add('bsd-statistics', 3);
    else if (/^\t+\d+ \S/.test(l)) add('bsd-statistics');
    else if (/^={20,}\s*$/.test(l)) bars++;
    else if (/^\s+\S.*\S\s+=\s+\d+\s*$/.test(l)) add('windows-netstat-s');
    else if (/^Name\s+Mtu\s+Network\s+Address/.test(l)) add('bsd-interfaces', 5);
    else if (/^\S+\*?\s+(\d+|-)\s+<Link#\d+>/.test(l)) add('bsd-interfaces', 2);
    else if (/^Internet6?:\s*$/.test(l) || /^Routing tables/.test(l)) add('bsd-routes', 3);
    else if (/^Destination\s+Gateway\s+Flags/.test(l)) add('bsd-routes', 3);
    else if (/^\S.*?\s{2,}\d+(\s+\d+)?\s*$/.test(l)) add('windows-netstat-e');
  }
  if (bars >= 2) add('windows-route', bars * 3);
  if (Object.keys(score).length === 0 && /requires elevation/i.test(text)) return 'windows-netstat';
  let best: string | null = null;
  for (const [id, n] of Object.entries(score)) if (best === null || n > (score[best] as number)) best = id;
  // The Windows -e shape (a label, then one or two numbers) is weak evidence: only alone.
  if (best === 'windows-netstat-e' && (score[best] as number) < 3) return null;
  return best;
}

/** tcp/udp/raw × 4/6 from a `/proc/net` inet table's rows (and the file name for udp vs raw). */
function procInetFormat(lines: string[], nameHint: string): string {
  const rows = lines.slice(1).map((l) => l.trim().split(/\s+/));
  const v6 = /remote_address/.test(lines[0] as string) || rows.some((r) => (r[1]?.indexOf(':') ?? 0) === 32);
  const tcp = rows.some((r) => r.length >= 15 || (r[3] !== undefined && r[3] !== '07' && r[3] !== '01'));
  const hint = nameHint.toLowerCase();
  const kind = /raw/.test(hint) ? 'raw' : /udp/.test(hint) ? 'udp' : /tcp/.test(hint) || tcp ? 'tcp' : 'udp';
  return `proc-net-${kind}${v6 ? '6' : ''}`;
}

/** What `--parse` expects, for the error message on unrecognised input. */
export function expectedFormats(): string {
  return 'netstat (Linux, macOS, FreeBSD, Windows), ss, lsof -i, sockstat output, or a /proc/net table';
}

/**
 * Parse a capture: detect its format (unless given) and run the parser. Throws UsageError for an
 * unknown `--from` value and RunError (exit 2) for input no parser takes.
 */
export function parseCapture(text: string, opts: CaptureOptions & { format?: string | null; nameHint?: string }): Capture {
  let format: string | null;
  if (opts.format) {
    const id = resolveFormat(opts.format);
    if (!id) throw new UsageError(`unknown format '${opts.format}' for --from: expected one of ${formatIds().join(', ')}`);
    format = id;
  } else {
    format = detectFormat(text, opts.nameHint ?? opts.source);
    if (!format)
      throw new RunError(`${opts.source}: not a recognised capture: expected ${expectedFormats()} (or name the format with --from)`, 2);
  }
  const own = FORMATS[format];
  if (own) return { format, ...own.parse(text, opts) };
  const ext = EXTERNAL_FORMATS[format as ExternalFormat];
  const parser = EXTERNAL_PARSERS[format as ExternalFormat];
  if (!parser) throw new RunError(`${opts.source}: ${ext.what} (${format}): ${ext.owner}: not yet wired`, 2);
  return { format, ...parser(text, opts) };
}
