/**
 * `--parse`: recognise which tool printed a capture, and dispatch to its parser (pure).
 *
 * Detection is by shape, never by translated words: every format says how many of the capture's
 * lines look like its rows (`tcp4  0  0  127.0.0.1.631 …` vs `tcp  0  0 127.0.0.1:631 …` vs
 * `  TCP    0.0.0.0:135 …`), and the format with the most wins; `/proc/net` tables have
 * unmistakable headers. `--from FORMAT` skips detection.
 *
 * {@link FORMATS} is the one table of formats: each entry names the kind of records it gives and
 * adapts its parser's answer (the Windows text parsers of `windows/`, the `/proc/net` parsers of
 * `linux/`, the tool parsers of this feature) to a {@link Capture}.
 */
import { RunError, UsageError } from '../model/errors.js';
import type { GroupMembership } from '../model/group.js';
import type { InterfaceAddress, NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { SocketRecord } from '../model/socket.js';
import type { Statistics } from '../model/statistics.js';
import { BSD_INET_ROW, BSD_UNIX_ROW, parseBsdSockets } from './bsd/netstat-sockets.js';
import { parseBsdInterfaces } from './bsd/netstat-interfaces.js';
import { parseBsdRoutes } from './bsd/netstat-routes.js';
import { parseBsdStatistics } from './bsd/netstat-statistics.js';
import type { CaptureOptions } from './common/text.js';
import { numberedLines } from './common/text.js';
import { interfaceFault, routeFault, screen, socketFault } from './common/invariants.js';
import { parseSockstat, SOCKSTAT_ROW } from './freebsd/sockstat.js';
import type { Parsed, SkippedLine } from './issues.js';
import { parseProcNetDev } from './linux/proc-net-dev.js';
import { parseFibTrieLocals } from './linux/proc-net-fib-trie.js';
import { parseProcNetIfInet6 } from './linux/proc-net-if-inet6.js';
import { parseProcNetIgmp, parseProcNetIgmp6 } from './linux/proc-net-igmp.js';
import { parseProcNetInet } from './linux/proc-net-inet.js';
import { parseProcNetIpv6Route } from './linux/proc-net-ipv6-route.js';
import { parseProcNetRoute } from './linux/proc-net-route.js';
import { parseProcNetSctpSnmp, parseProcNetSnmp, parseProcNetSnmp6, type ParsedStatistics } from './linux/proc-net-snmp.js';
import { parseProcNetSockstat } from './linux/proc-net-sockstat.js';
import { parseProcNetUnix } from './linux/proc-net-unix.js';
import { LSOF_FIELD_LINE, LSOF_ROW, parseLsofFields, parseLsofTable } from './lsof/lsof.js';
import { NETTOOLS_GROUPS_RULER, parseNetToolsGroups } from './nettools/netstat-groups.js';
import { NETTOOLS_IFACE_ROW, parseNetToolsInterfaces } from './nettools/netstat-interfaces.js';
import { NETTOOLS_ROUTE4_ROW, NETTOOLS_ROUTE6_ROW, parseNetToolsRoutes } from './nettools/netstat-routes.js';
import { NETTOOLS_INET_ROW, NETTOOLS_UNIX_ROW, parseNetToolsSockets } from './nettools/netstat-sockets.js';
import { parseNetToolsStatistics } from './nettools/netstat-statistics.js';
import { parseSs, SS_ROW, STATELESS_HEADER } from './ss/ss.js';
import { parseWindowsNetstat } from './windows/netstat-connections.js';
import { parseWindowsNetstatE } from './windows/netstat-e.js';
import { parseWindowsNetstatS } from './windows/netstat-s.js';
import { parseWindowsRoutePrint } from './windows/route-print.js';

/**
 * What a capture holds, named like the view that shows it (`ethernet` is Windows `netstat -e`,
 * `groups` the multicast memberships of `/proc/net/igmp`).
 */
export type CaptureKind = 'connections' | 'routes' | 'interfaces' | 'ethernet' | 'statistics' | 'groups';

/**
 * A parsed capture: the records of its kind, the lines skipped, notes about partial data. Some
 * captures hold a second table beside their kind: `route print` its Interface List
 * (`interfaces`), Windows `netstat -e -s` the `-e` block (`interfaces`).
 */
export interface Capture {
  format: string;
  kind: CaptureKind;
  connections?: SocketRecord[];
  routes?: Route[];
  interfaces?: NetInterface[];
  statistics?: Statistics;
  groups?: GroupMembership[];
  skipped: SkippedLine[];
  notes: string[];
}

/** What each kind of capture lists, for notes. */
const KIND_WORD: Readonly<Record<CaptureKind, string>> = {
  connections: 'sockets',
  routes: 'routes',
  interfaces: 'interfaces',
  ethernet: 'counters',
  statistics: 'counters',
  groups: 'group memberships',
};

/** A parser from text to a capture (without `format`, which the dispatcher fills in). */
export type CaptureParser = (text: string, opts: CaptureOptions) => Omit<Capture, 'format'>;

type Listing<T> = (t: string, o: CaptureOptions) => { records: T[]; skipped: SkippedLine[]; notes: string[] };
type ListKind = 'connections' | 'routes' | 'interfaces' | 'ethernet' | 'groups';

/** A capture of one listing: `records` filed under its kind (`ethernet` records are interfaces). */
function filed<T>(kind: ListKind, records: T[], skipped: SkippedLine[], notes: string[]): Omit<Capture, 'format'> {
  return { kind, [kind === 'ethernet' ? 'interfaces' : kind]: records, skipped, notes } as Omit<Capture, 'format'>;
}

/** Wrap a parser of rows into a CaptureParser that files them under its kind. */
function listing<T>(kind: ListKind, p: Listing<T>): CaptureParser {
  return (t, o) => {
    const r = p(t, o);
    return filed(kind, r.records, r.skipped, r.notes);
  };
}
const connections = (p: Listing<SocketRecord>): CaptureParser => listing('connections', p);
const routes = (p: Listing<Route>): CaptureParser => listing('routes', p);
const interfaces = (p: Listing<NetInterface>): CaptureParser => listing('interfaces', p);
const statistics = (p: (t: string, o: CaptureOptions) => { statistics: Statistics; skipped: SkippedLine[]; notes?: string[] }): CaptureParser => (t, o) => {
  const r = p(t, o);
  return { kind: 'statistics', statistics: r.statistics, skipped: r.skipped, notes: r.notes ?? [] };
};

/** The note every capture of a host-order `/proc/net` table carries. */
const hostOrder = (source: string, file: string): string => `${source}: read as /proc/net/${file} of a little-endian machine`;

/** A `/proc/net` parser of `(text, source)`, as a listing with an optional note. */
function proc<T>(kind: ListKind, p: (t: string, source: string) => Parsed<T>, note?: (source: string) => string): CaptureParser {
  return (t, o) => {
    const r = p(t, o.source);
    return filed(kind, r.records, r.skipped, note ? [note(o.source)] : []);
  };
}
const procInet = (proto: 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'raw' | 'raw6'): CaptureParser =>
  proc('connections', (t, source) => parseProcNetInet(t, proto, { littleEndian: true, source }), (s) => hostOrder(s, proto));
const procStatistics = (p: (t: string, source: string) => ParsedStatistics): CaptureParser => statistics((t, o) => p(t, o.source));

/** `/proc/net/dev` alone: the counters; MTU, flags, MAC and addresses live in /sys and other files. */
const procNetDev: CaptureParser = proc(
  'interfaces',
  (t, source) => {
    const r = parseProcNetDev(t, source);
    return { records: r.records.map((c): NetInterface => ({ ...c, mtu: null, flags: [] })), skipped: r.skipped };
  },
  (s) => `${s}: /proc/net/dev holds counters only: MTU, flags, MAC and addresses (from /sys, fib_trie, if_inet6) are unknown`,
);

/** `/proc/net/if_inet6` alone: one interface per name with its IPv6 addresses, no counters. */
const procIfInet6: CaptureParser = proc(
  'interfaces',
  (t, source) => {
    const r = parseProcNetIfInet6(t, source);
    const byName = new Map<string, NetInterface & { addresses: InterfaceAddress[] }>();
    for (const a of r.records) {
      let i = byName.get(a.interface);
      if (!i) byName.set(a.interface, (i = { name: a.interface, index: a.index, mtu: null, flags: [], addresses: [] }));
      i.addresses.push({ family: 'inet6', address: a.address, prefixLength: a.prefixLength });
    }
    return { records: [...byName.values()], skipped: r.skipped };
  },
  (s) => `${s}: /proc/net/if_inet6 holds IPv6 addresses only: counters, MTU and flags are unknown`,
);

/** `/proc/net/fib_trie`: refused, with what it lacks (its leaves name no interface, no gateway). */
const procFibTrie: CaptureParser = (t, o) => {
  const locals = parseFibTrieLocals(t).length;
  throw new RunError(
    `${o.source}: /proc/net/fib_trie (proc-net-fib-trie) lists ${locals} local IPv4 address${locals === 1 ? '' : 'es'} and prefixes without interfaces or gateways, which no view shows: expected /proc/net/route, /proc/net/dev or if_inet6 (or netstat -rn, -i)`,
    2,
  );
};

/** Windows `netstat -a[nob]`: `-b` messages (elevation, no owner) and unknown state words become notes. */
const windowsNetstat: CaptureParser = (t, o) => {
  const r = parseWindowsNetstat(t, { source: o.source });
  const notes = r.messages.map((m) => `${o.source}: ${m}`);
  if (r.unknownStates.length > 0)
    notes.push(`${o.source}: state words tsnetstat does not know: ${r.unknownStates.join(', ')} (UNKNOWN; LISTEN where every such row has no peer)`);
  const named = r.records.filter((x) => x.localPort === null || x.remotePort === null).length;
  if (named > 0) notes.push(`${o.source}: ${named} row${named === 1 ? '' : 's'} show ports as service names (netstat without -n): port left empty`);
  return filed('connections', r.records, r.skipped, notes);
};

/** Windows `netstat -s`, and `netstat -e -s` whose `-e` block comes along as `interfaces`. */
const windowsNetstatS: CaptureParser = (t, o) => {
  const r = parseWindowsNetstatS(t, o.source);
  const e = parseWindowsNetstatE(t, o.source);
  if (e.records.length === 0) return { kind: 'statistics', statistics: r.statistics, skipped: r.skipped, notes: [] };
  return { kind: 'statistics', statistics: r.statistics, interfaces: e.records, skipped: [...e.skipped, ...r.skipped], notes: [] };
};

/** One supported input format (its parser says which kind of capture it gives). */
interface Format {
  /** What it is, for messages. */
  what: string;
  parse: CaptureParser;
}

/** Every format `--parse` reads, by `--from` id. */
const FORMATS: Readonly<Record<string, Format>> = {
  'nettools-netstat': { what: 'Linux net-tools netstat (-tulpn, -an, -ap …)', parse: connections(parseNetToolsSockets) },
  ss: { what: 'iproute2 ss (-tulpn, -a …)', parse: connections(parseSs) },
  'bsd-netstat': { what: 'macOS/FreeBSD netstat (-an, -anv, -A …)', parse: connections(parseBsdSockets) },
  sockstat: { what: 'FreeBSD sockstat', parse: connections(parseSockstat) },
  lsof: { what: 'lsof -i (-nP)', parse: connections(parseLsofTable) },
  'lsof-f': { what: 'lsof -i -F field output', parse: connections(parseLsofFields) },
  'windows-netstat': { what: 'Windows netstat -an/-ano/-anob text', parse: windowsNetstat },
  'nettools-routes': { what: 'Linux netstat -r / route -n', parse: routes(parseNetToolsRoutes) },
  'bsd-routes': { what: 'macOS/FreeBSD netstat -r', parse: routes(parseBsdRoutes) },
  'windows-route': {
    what: 'Windows route print / netstat -r',
    parse: (t, o) => {
      const r = parseWindowsRoutePrint(t, o.source);
      return { kind: 'routes', routes: r.records, interfaces: r.interfaces, skipped: r.skipped, notes: [] };
    },
  },
  'nettools-interfaces': { what: 'Linux netstat -i', parse: interfaces(parseNetToolsInterfaces) },
  'bsd-interfaces': { what: 'macOS/FreeBSD netstat -i / -ib', parse: interfaces(parseBsdInterfaces) },
  'windows-netstat-e': {
    what: 'Windows netstat -e',
    parse: (t, o) => {
      const r = parseWindowsNetstatE(t, o.source);
      // The parser reports a block without counter rows as "line 0": a note, not a line.
      const none = r.skipped.filter((s) => s.line === 0);
      return filed('ethernet', r.records, r.skipped.filter((s) => s.line > 0), none.map((s) => `${o.source}: ${s.reason}`));
    },
  },
  'nettools-statistics': { what: 'Linux netstat -s', parse: statistics(parseNetToolsStatistics) },
  'nettools-groups': { what: 'Linux netstat -g', parse: listing('groups', parseNetToolsGroups) },
  'bsd-statistics': { what: 'macOS/FreeBSD netstat -s', parse: statistics(parseBsdStatistics) },
  'windows-netstat-s': { what: 'Windows netstat -s / -e -s', parse: windowsNetstatS },
  'proc-net-tcp': { what: '/proc/net/tcp', parse: procInet('tcp') },
  'proc-net-tcp6': { what: '/proc/net/tcp6', parse: procInet('tcp6') },
  'proc-net-udp': { what: '/proc/net/udp', parse: procInet('udp') },
  'proc-net-udp6': { what: '/proc/net/udp6', parse: procInet('udp6') },
  'proc-net-raw': { what: '/proc/net/raw', parse: procInet('raw') },
  'proc-net-raw6': { what: '/proc/net/raw6', parse: procInet('raw6') },
  'proc-net-unix': { what: '/proc/net/unix', parse: proc('connections', parseProcNetUnix) },
  'proc-net-route': {
    what: '/proc/net/route',
    parse: proc('routes', (t, source) => parseProcNetRoute(t, { littleEndian: true, source }), (s) => hostOrder(s, 'route')),
  },
  'proc-net-ipv6-route': { what: '/proc/net/ipv6_route', parse: proc('routes', parseProcNetIpv6Route) },
  'proc-net-dev': { what: '/proc/net/dev', parse: procNetDev },
  'proc-net-if-inet6': { what: '/proc/net/if_inet6', parse: procIfInet6 },
  'proc-net-snmp': { what: '/proc/net/snmp', parse: procStatistics(parseProcNetSnmp) },
  'proc-net-netstat': { what: '/proc/net/netstat', parse: procStatistics(parseProcNetSnmp) },
  'proc-net-snmp6': { what: '/proc/net/snmp6', parse: procStatistics(parseProcNetSnmp6) },
  'proc-net-sctp-snmp': { what: '/proc/net/sctp/snmp', parse: procStatistics(parseProcNetSctpSnmp) },
  'proc-net-sockstat': { what: '/proc/net/sockstat, sockstat6', parse: procStatistics(parseProcNetSockstat) },
  'proc-net-igmp': {
    what: '/proc/net/igmp',
    parse: proc('groups', (t, source) => parseProcNetIgmp(t, { littleEndian: true, source }), (s) => hostOrder(s, 'igmp')),
  },
  'proc-net-igmp6': { what: '/proc/net/igmp6', parse: proc('groups', parseProcNetIgmp6) },
  'proc-net-fib-trie': { what: '/proc/net/fib_trie (refused: no interfaces)', parse: procFibTrie },
};

/** Run one format's parser on (part of) a capture, without detection or notes about the whole. */
export function parseAs(format: string, text: string, opts: CaptureOptions): Omit<Capture, 'format'> {
  const f = FORMATS[format];
  if (!f) throw unknownFormat(format);
  return screened(f.parse(text, opts), opts.source);
}

/** The capture with every record that breaks the record contract dropped (and a note saying so). */
function screened<T extends Omit<Capture, 'format'>>(c: T, source: string): T {
  if (c.connections) c.connections = screen(c.connections, socketFault, source, c.notes);
  if (c.routes) c.routes = screen(c.routes, routeFault, source, c.notes);
  if (c.interfaces) c.interfaces = screen(c.interfaces, interfaceFault, source, c.notes);
  if (c.statistics)
    for (const counters of Object.values(c.statistics) as Record<string, unknown>[])
      for (const [k, v] of Object.entries(counters)) if (!(typeof v === 'number' && Number.isFinite(v))) delete counters[k];
  return c;
}

/** What a format is, in words (`lsof -i (-nP)`), for messages. */
export function formatWhat(format: string): string {
  return FORMATS[format]?.what ?? format;
}

/** Socket formats that can list unix sockets (the others never print a unix section). */
const UNIX_LISTINGS: ReadonlySet<string> = new Set(['nettools-netstat', 'ss', 'bsd-netstat', 'sockstat', 'proc-net-unix']);

/** True when a capture of this format may hold unix sockets (so an empty unix section is data). */
export function listsUnixSockets(format: string): boolean {
  return UNIX_LISTINGS.has(format);
}

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
  return Object.keys(FORMATS);
}

/** The usage error for a `--from` value that names no format. */
export function unknownFormat(name: string): UsageError {
  return new UsageError(`unknown format '${name}' for --from: expected one of ${formatIds().join(', ')}`);
}

/** Canonical id for a `--from` value, or undefined. */
export function resolveFormat(name: string): string | undefined {
  const n = name.toLowerCase();
  const id = ALIASES[n] ?? n;
  return id in FORMATS ? id : undefined;
}

/** A BSD route row: destination, gateway (address, name, `link#N` or MAC), flag letters, then Refs/Use/Netif/Expire. */
const BSD_ROUTE_ROW = /^\S+\s+\S+\s+[A-Za-z0-9]+(\s+\d+){0,3}\s+[A-Za-z][\w.]*\d(\s+(\d+|!|=>))?\s*(=>)?\s*$/;

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
  if (/^sockets: used \d+/.test(first) || /^TCP6: inuse \d+/.test(first)) return 'proc-net-sockstat';
  if (/^SctpCurrEstab\s+\d+/.test(first)) return 'proc-net-sctp-snmp';
  if (/^Idx\s+Device\s*:\s*Count\s+Querier/.test(first)) return 'proc-net-igmp';
  if (lines.every((l) => /^\s*\d+\s+\S+\s+[0-9a-f]{32}\s+\d+\s+[0-9A-F]{8}\s+\d+\s*$/.test(l))) return 'proc-net-igmp6';
  if (/^(Main|Local|Id \d+):\s*$/.test(first) && /^\s+[+|]-- \d+\.\d+\.\d+\.\d+/.test(lines[1] ?? '')) return 'proc-net-fib-trie';

  let bars = 0;
  // Rows under a BSD `Destination Gateway Flags` header are routes, whatever else their shape
  // resembles (rows ending in an Expire number look like Windows -e counters).
  let bsdRouteRows = false;
  for (const l of lines) {
    if (bsdRouteRows && BSD_ROUTE_ROW.test(l)) {
      add('bsd-routes', 2);
      continue;
    }
    bsdRouteRows = false;
    if (/^Destination\s+Gateway\s+Flags\s/.test(l)) bsdRouteRows = true;
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
    else if (NETTOOLS_GROUPS_RULER.test(l)) add('nettools-groups', 5);
    else if (/^\S+\s+\d+\s+[0-9a-f:.]*[:.][0-9a-f:.]*\s*$/i.test(l)) add('nettools-groups');
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
  if (best === 'windows-netstat-e' && (score[best] as number) < 3) best = null;
  // No row recognised: a tool's column header still says whose listing it is (with nothing of interest).
  return best ?? detectByHeader(lines);
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

/**
 * Column headers (and titles) each tool prints even when it lists nothing of interest: a capture
 * whose rows were all skipped (a full `lsof` run without root: only `Permission denied` rows) is
 * still that tool's listing, with no records. Matched only when no row was recognised.
 */
const HEADERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^COMMAND\s+PID\s+(TID\s+)?(TASKCMD\s+)?USER\s+FD\s+TYPE\s+DEVICE\s+SIZE(\/OFF)?\s+NODE\s+NAME\s*$/, 'lsof'],
  [/^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local\s+Address:Port\s+Peer\s+Address:Port/, 'ss'],
  [STATELESS_HEADER, 'ss'],
  [/^Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+State\b/, 'nettools-netstat'],
  [/^Active (Internet connections|UNIX domain sockets) \((servers and established|only servers|w\/o servers)\)\s*$/, 'nettools-netstat'],
  [/^USER\s+COMMAND\s+PID\s+FD\s+PROTO\s+LOCAL ADDRESS\s+FOREIGN ADDRESS/, 'sockstat'],
  [/^\s*Proto\s+Local Address\s+Foreign Address\s+State(\s+PID)?\s*$/, 'windows-netstat'],
  [/^Kernel IP(v6)? routing table\s*$/, 'nettools-routes'],
  [/^Destination\s+(Gateway\s+Genmask|Next Hop)\s+Flag/, 'nettools-routes'],
  [/^Kernel Interface table\s*$/, 'nettools-interfaces'],
  [/^Iface\s+MTU\s+(Met\s+)?RX-OK\s+RX-ERR/, 'nettools-interfaces'],
];

/** The format whose column header a capture prints, when none of its rows was recognised. */
function detectByHeader(lines: readonly string[]): string | null {
  for (const l of lines) for (const [re, id] of HEADERS) if (re.test(l)) return id;
  return null;
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
    if (!id) throw unknownFormat(opts.format);
    format = id;
  } else {
    format = detectFormat(text, opts.nameHint ?? opts.source);
    if (!format)
      throw new RunError(`${opts.source}: not a recognised capture: expected ${expectedFormats()} (or name the format with --from)`, 2);
  }
  const f = FORMATS[format] as Format;
  const c: Capture = screened({ format, ...f.parse(text, opts) }, opts.source);
  const count = (c.connections ?? c.routes ?? c.interfaces ?? c.groups)?.length ?? Object.keys(c.statistics ?? {}).length;
  // Recognised (by its header) but holding nothing of interest: an empty listing, and say what was skipped.
  if (!opts.format && count === 0 && c.skipped.length > 0)
    c.notes.push(`${opts.source}: read as ${f.what}, with no ${KIND_WORD[c.kind]} in it: ${c.skipped.length} row${c.skipped.length === 1 ? '' : 's'} skipped`);
  // Forced by --from and nothing read: say what the text was read as (its lines are in `skipped`).
  if (opts.format && count === 0 && text.trim() !== '') c.notes.push(`${opts.source}: nothing in it reads as ${f.what} (--from ${format})`);
  return c;
}
