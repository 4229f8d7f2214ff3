/**
 * Command line → Query (pure). `dialect.ts` has already turned every short flag of either
 * family into a long option; `options.ts` reads those, and this file resolves what the
 * options mean together (style defaults, `-e` alone, contradictions).
 */
import type { Transport } from '../model/socket.js';
import { defaultQuery, type Query, type StyleName, type WindowsProto } from '../model/query.js';
import { STATE_ALIASES, type TcpState } from '../model/tcp-state.js';
import { expandArgv, P_PROTOCOLS } from './dialect.js';
import { parseListenAddress } from './listen.js';
import { parseLongOptions } from './options.js';
import { UsageError } from '../model/errors.js';
import { STYLES, styleNamed, type StyleRegistry } from '../render/styles/registry.js';

/** What the command line asks for: a query, or help, or the version. */
export type Parsed = { kind: 'query'; query: Query } | { kind: 'help' } | { kind: 'version' } | { kind: 'completion'; shell: string };

export interface ParseContext {
  /** Style when neither `--style` nor `TSNETSTAT_STYLE` says otherwise (the host OS's). */
  defaultStyle: StyleName;
  /** Value of `TSNETSTAT_STYLE`, if set. */
  envStyle?: string | undefined;
  /** Accept `/a` switches (Windows hosts). */
  slashSwitches?: boolean;
  /** The host OS (`process.platform`), for options only one OS has (`-N`: Linux). */
  platform?: string;
  /** The styles `--style` may name (default: the built-in registry). */
  styles?: StyleRegistry | undefined;
}

const STATS_ONLY: readonly string[] = ['ip', 'ipv6', 'icmp', 'icmpv6'];

function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function parseInterval(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`bad interval '${text}': expected a positive number of seconds`);
  return n;
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`bad port '${text}': expected 0-65535`);
  return n;
}

/** Parse a command line (without node and script) into a query. Throws UsageError. */
export function parseCommandLine(argv: readonly string[], ctx: ParseContext): Parsed {
  const expanded = expandArgv(argv, { slashSwitches: ctx.slashSwitches ?? false });
  const o = parseLongOptions(expanded);
  if (o['help']) return { kind: 'help' };
  if (o['version']) return { kind: 'version' };
  if (typeof o['completion'] === 'string') return { kind: 'completion', shell: o['completion'] };

  // Style: --style, then TSNETSTAT_STYLE, then the host.
  const styles = ctx.styles ?? STYLES;
  let style = ctx.defaultStyle;
  const envStyle = ctx.envStyle?.trim().toLowerCase();
  if (envStyle) {
    if (!styles.get(envStyle)) throw new UsageError(`bad TSNETSTAT_STYLE '${ctx.envStyle}': expected ${styles.choices()}`);
    style = envStyle as StyleName;
  }
  if (typeof o['style'] === 'string') {
    const s = o['style'].toLowerCase();
    if (!styles.get(s)) throw new UsageError(`bad style '${o['style']}': expected ${styles.choices()}`);
    style = s as StyleName;
  }
  const q = defaultQuery(style);
  const styleObject = styles.get(style) ?? styleNamed(style);
  const count = (flag: string): number => expanded.filter((a) => a === flag).length;

  // Output format.
  if (o['json'] && o['csv']) throw new UsageError('--json and --csv contradict each other: choose one');
  if (o['json']) q.format = 'json';
  if (o['csv']) q.format = 'csv';
  if (typeof o['color'] === 'string') q.color = o['color'] as Query['color'];

  // Protocols and families.
  const transports = new Set<Transport>();
  if (o['tcp']) transports.add('tcp');
  if (o['udp']) transports.add('udp');
  if (o['raw']) transports.add('raw');
  if (o['unix']) transports.add('unix');
  let fam4 = Boolean(o['inet']);
  let fam6 = Boolean(o['inet6']);
  for (const f of splitList(o['protocol'] as string[] | undefined)) {
    const fl = f.toLowerCase();
    if (fl === 'inet') fam4 = true;
    else if (fl === 'inet6') fam6 = true;
    else if (fl === 'unix') transports.add('unix');
    else throw new UsageError(`unknown address family '${f}' for -A: expected inet, inet6 or unix`);
  }
  const protos: WindowsProto[] = [];
  for (const p of (o['proto'] as string[] | undefined) ?? []) {
    const pl = p.toLowerCase();
    if (!(P_PROTOCOLS as readonly string[]).includes(pl))
      throw new UsageError(`unknown protocol '${p}' for -p: expected tcp, udp, tcpv6, udpv6 (with -s also ip, ipv6, icmp, icmpv6)`);
    protos.push(pl as WindowsProto);
  }
  q.protoFilter = protos;

  // Views.
  const listingFlags =
    o['all'] || o['listening'] || o['tcp'] || o['udp'] || o['raw'] || o['unix'] || o['programs'] || o['program'] ||
    o['owner'] || o['executable'] || o['wide'] || o['timers'] || o['bound'] || o['fqdn'] || o['template'] ||
    o['offload'] || fam4 || fam6 || (o['protocol'] !== undefined) ||
    // With -s, `-p tcp` picks a statistics section (Windows `netstat -e -s -p tcp`), not a listing.
    (!o['statistics'] && protos.some((p) => !STATS_ONLY.includes(p))) ||
    o['parse'] !== undefined; // with --parse the capture decides the view: -e means User/Inode columns
  const views: Query['view'][] = [];
  if (o['route']) views.push('routes');
  if (o['interfaces']) views.push('interfaces');
  if (o['statistics']) views.push('statistics');
  if (o['groups']) views.push('groups');
  const extend = count('--extend');
  let ethernet = Boolean(o['ethernet']);
  if (extend > 0 && !listingFlags && !views.includes('routes') && !views.includes('interfaces') && !views.includes('groups'))
    ethernet = true; // `-e` alone (or with -s, -n, an interval): Windows Ethernet statistics
  if (views.length > 1) throw new UsageError(`${views.map(viewFlag).join(' and ')} contradict each other: choose one view`);
  if (ethernet && views.length === 0) views.push('ethernet');
  q.view = views[0] ?? 'connections';
  q.ethernet = ethernet && q.view === 'statistics';
  q.extend = q.view === 'connections' || q.view === 'routes' || q.view === 'interfaces' ? extend : 0;
  if (q.view !== 'statistics' && protos.some((p) => STATS_ONLY.includes(p)))
    throw new UsageError(`protocol '${protos.find((p) => STATS_ONLY.includes(p))}' is only valid with -s (statistics)`);

  if (q.view === 'connections') for (const p of protos) transports.add(p.startsWith('tcp') ? 'tcp' : 'udp');
  if (!transports.has('tcp') && !transports.has('udp') && !transports.has('raw') && (fam4 || fam6)) {
    // net-tools: an address family without a socket type means all its socket types.
    for (const t of styleObject.familyTransports()) transports.add(t);
  }
  q.transports = [...transports];
  if (fam4 || fam6) {
    q.inet4 = fam4;
    q.inet6 = fam6;
  }

  // --parse: a capture shows every socket it holds unless -l/-a say otherwise.
  q.captures = (o['parse'] as string[] | undefined) ?? [];
  if (q.captures.filter((c) => c === '-').length > 1) throw new UsageError('standard input (-) can be read once: name it once among the --parse inputs');
  q.parse = q.captures[0] ?? null;
  q.from = typeof o['from'] === 'string' ? o['from'] : null;
  if (q.from !== null && q.parse === null) throw new UsageError('--from names the format of a --parse input: add --parse FILE');
  // What a capture, a --state filter or a summary asks about is every socket unless -l/-a say
  // otherwise; the exposure audit looks at listeners only.
  const metrics = Boolean(o['openmetrics']) || o['serveMetrics'] !== undefined;
  const wantsAll = q.parse !== null || o['state'] !== undefined || Boolean(o['summary']) || Boolean(o['diagnose']) || metrics;
  q.selection = o['exposed'] ? 'listening' : o['all'] || o['bound'] ? 'all' : o['listening'] ? 'listening' : wantsAll ? 'all' : 'connected';
  q.bound = Boolean(o['bound']);
  if (q.transports.length === 0)
    q.transports = q.parse !== null && !metrics ? ['tcp', 'udp', 'raw', 'unix'] : o['exposed'] || o['diagnose'] || metrics ? ['tcp', 'udp'] : styleObject.defaultTransports(q.selection);

  // Names.
  if (o['numeric'] && o['fqdn']) throw new UsageError('-n (numeric) and -f (FQDN) contradict each other: choose one');
  // A capture's addresses belong to another machine: shown as captured, never looked up here.
  q.numericHosts = Boolean(o['numeric'] || o['numericHosts'] || q.parse !== null);
  q.numericPorts = Boolean(o['numeric'] || o['numericPorts']);
  q.numericUsers = Boolean(o['numeric'] || o['numericUsers']);
  q.fqdn = Boolean(o['fqdn']);

  // Columns.
  q.showPid = Boolean(o['owner']);
  q.showProgram = Boolean(o['programs'] || o['program']);
  q.showExe = Boolean(o['executable']);
  q.wide = Boolean(o['wide']);
  q.timers = Boolean(o['timers']);
  q.offload = Boolean(o['offload']);
  q.template = Boolean(o['template']);
  q.verbose = count('--verbose');

  // Repetition.
  const intervals = ((o['interval'] as string[] | undefined) ?? []).map(parseInterval);
  if (new Set(intervals).size > 1) throw new UsageError(`two different intervals given (${intervals.join(' and ')}): choose one`);
  q.interval = intervals[0] ?? (o['continuous'] ? 1 : null);
  if (q.interval !== null && q.parse !== null) throw new UsageError('--parse reads captures: an interval or -c does not apply');

  // Filters.
  const states = splitList(o['state'] as string[] | undefined).map((s) => {
    const canon = STATE_ALIASES[s.toUpperCase().replace(/-/g, '_')] ?? STATE_ALIASES[s.toUpperCase()];
    if (!canon) throw new UsageError(`unknown state '${s}' for --state`);
    return canon;
  });
  if (states.length) q.filters.states = [...new Set<TcpState>(states)];
  const ports = splitList(o['port'] as string[] | undefined).map(parsePort);
  if (ports.length) q.filters.ports = ports;
  const local = splitList(o['local'] as string[] | undefined);
  if (local.length) q.filters.local = local;
  const remote = splitList(o['remote'] as string[] | undefined);
  if (remote.length) q.filters.remote = remote;
  const pids = splitList(o['pid'] as string[] | undefined).map((p) => {
    if (!/^\d+$/.test(p)) throw new UsageError(`bad pid '${p}' for --pid`);
    return Number(p);
  });
  if (pids.length) q.filters.pids = pids;
  const processes = splitList(o['process'] as string[] | undefined);
  if (processes.length) q.filters.processes = processes;
  applyNamespaceOptions(q, o);
  if ((q.allNamespaces || q.netns !== null) && ctx.platform !== undefined && ctx.platform !== 'linux')
    throw new UsageError('-N and --netns list Linux network namespaces: not on this system');

  // Watching and understanding: --changes, --exposed, --summary.
  q.changes = Boolean(o['changes']);
  q.exposed = Boolean(o['exposed']);
  q.summary = Boolean(o['summary']);
  q.diagnose = Boolean(o['diagnose']);
  q.closeWaitThreshold = diagnoseThreshold(o['closeWaitThreshold'], q.diagnose);
  const modes = [q.changes && !q.diagnose && '--changes', q.exposed && '--exposed', q.summary && '--summary', q.diagnose && '--diagnose'].filter((m): m is string => Boolean(m));
  if (q.diagnose && q.view !== 'connections') throw new UsageError(`--diagnose reads sockets, interfaces and counters itself: it does not combine with ${viewFlag(q.view)}`);
  if (q.diagnose && q.format === 'csv') throw new UsageError('--diagnose prints a report or JSON (--json), not CSV');
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} contradict each other: choose one`);
  if (modes.length > 0 && q.view !== 'connections')
    throw new UsageError(`${modes[0]} works on socket listings, not with ${viewFlag(q.view)}`);
  // Several captures: those of one host, in command-line order, are its successive snapshots.
  if (q.changes && q.interval === null && q.captures.length < 2)
    throw new UsageError(`--changes compares snapshots: add an interval (e.g. 2) or -c${q.parse !== null ? ' (or --parse several captures of a host)' : ''}`);
  if (q.summary && q.format === 'csv') throw new UsageError('--summary prints a table or JSON (--json), not CSV');
  if (q.changes && q.format === 'csv') throw new UsageError('--changes prints event lines or JSON lines (--json), not CSV');
  metricsOptions(q, o, modes);
  return { kind: 'query', query: q };
}

/** `--openmetrics`, `--serve-metrics`, `--min-interval`, `--top`: values and what they exclude. */
function metricsOptions(q: Query, o: Record<string, unknown>, modes: string[]): void {
  q.openmetrics = Boolean(o['openmetrics']);
  q.serveMetrics = typeof o['serveMetrics'] === 'string' ? o['serveMetrics'] : null;
  if (q.serveMetrics !== null) parseListenAddress(q.serveMetrics); // a bad address is a usage error, before anything starts
  if (typeof o['top'] === 'string') {
    if (!/^\d+$/.test(o['top']) || Number(o['top']) < 1) throw new UsageError(`bad --top '${o['top']}': expected a positive whole number`);
    q.top = Number(o['top']);
  }
  if (typeof o['minInterval'] === 'string') {
    if (!/^\d+(\.\d+)?$/.test(o['minInterval'])) throw new UsageError(`bad --min-interval '${o['minInterval']}': expected seconds (0 or more)`);
    q.minInterval = Number(o['minInterval']);
    if (q.serveMetrics === null) throw new UsageError('--min-interval paces the exporter: add --serve-metrics [ADDR:]PORT');
  }
  const what = q.serveMetrics !== null ? '--serve-metrics' : q.openmetrics ? '--openmetrics' : null;
  if (what === null) return;
  q.openmetrics = true; // the exporter serves the same text, one snapshot per scrape
  if (q.format !== 'text') throw new UsageError(`${what} prints the Prometheus text format: --json and --csv do not apply`);
  if (modes.length > 0) throw new UsageError(`${what} and ${modes[0]} contradict each other: choose one`);
  if (q.view !== 'connections') throw new UsageError(`${what} describes sockets, not ${viewFlag(q.view)}`);
  if (q.interval !== null) throw new UsageError(`${what} takes one snapshot${q.serveMetrics !== null ? ' per scrape' : ''}: an interval or -c does not apply`);
  if (q.serveMetrics !== null && q.parse !== null) throw new UsageError('--serve-metrics serves this machine\'s sockets: --parse does not apply (use --openmetrics --parse)');
}

/** `--close-wait-threshold N`: a positive whole number, only with --diagnose. */
function diagnoseThreshold(value: unknown, diagnose: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (!diagnose) throw new UsageError('--close-wait-threshold sets a --diagnose threshold: add --diagnose');
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`bad threshold '${value}' for --close-wait-threshold: expected a whole number of sockets, 1 or more`);
  return Number(value);
}

/** Issue 14: `-N`, `--netns`, `--unit`, `--container`, `--owner-detail`. */
function applyNamespaceOptions(q: Query, o: Record<string, unknown>): void {
  const units = splitList(o['unit'] as string[] | undefined);
  if (units.length) q.filters.units = units;
  const containers = splitList(o['container'] as string[] | undefined);
  if (containers.length) q.filters.containers = containers;
  q.ownerDetail = Boolean(o['ownerDetail']);
  q.allNamespaces = Boolean(o['allNamespaces']);
  q.netns = typeof o['netns'] === 'string' ? o['netns'] : null;
  if (q.allNamespaces && q.netns !== null) throw new UsageError('-N (every namespace) and --netns (one) contradict each other: choose one');
  if ((q.allNamespaces || q.netns !== null) && q.parse !== null) throw new UsageError('--parse reads a capture: -N and --netns list this host\'s namespaces');
  if ((q.allNamespaces || q.netns !== null) && q.view !== 'connections') throw new UsageError(`-N and --netns work on socket listings, not with ${viewFlag(q.view)}`);
}

function viewFlag(v: Query['view']): string {
  return { routes: '-r', interfaces: '-i', statistics: '-s', groups: '-g', ethernet: '-e', connections: '' }[v];
}
