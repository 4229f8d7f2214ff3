/**
 * The query: everything the command line means, with no flag letters left in it.
 * Built by `cli/flags.ts` from either flag dialect; read by probes, filters and renderers.
 */
import type { Transport } from './socket.js';
import type { TcpState } from './tcp-state.js';

/**
 * Output style: which native tool's layout to reproduce (the `--style` names). The style itself,
 * the object that draws it, is `Style` in `render/styles/style.ts`, found by this name in the
 * registry (`render/styles/registry.ts`).
 */
export type StyleName = 'windows' | 'linux' | 'macos';

/** The `--style` name (older name of `StyleName`, kept for code written before the style objects). */
export type Style = StyleName;

/** Output format. */
export type Format = 'text' | 'json' | 'csv';

/** What is listed. `connections` is the socket listing; the others are the table views. */
export type View = 'connections' | 'routes' | 'interfaces' | 'ethernet' | 'statistics' | 'groups';

/** Which sockets by listening status: net-tools default is `connected`, `-l` is `listening`, `-a` is `all`. */
export type Selection = 'connected' | 'listening' | 'all';

/** Protocol names accepted after `-p` (Windows). */
export type WindowsProto = 'tcp' | 'udp' | 'tcpv6' | 'udpv6' | 'ip' | 'ipv6' | 'icmp' | 'icmpv6';

/** User filters (issue: watching and understanding); all optional, all combined with AND. */
export interface Filters {
  states?: TcpState[];
  ports?: number[];
  local?: string[];
  remote?: string[];
  pids?: number[];
  processes?: string[];
  /** `--unit`: systemd unit patterns (`*` wildcards). */
  units?: string[];
  /** `--container`: container id prefixes or names (`*` wildcards). */
  containers?: string[];
}

export interface Query {
  view: View;
  style: StyleName;
  format: Format;
  /** Transports to list; empty means the style's default set. */
  transports: Transport[];
  /** Address families to list (inet, inet6); unix is a transport. */
  inet4: boolean;
  inet6: boolean;
  /**
   * Windows `-p PROTO` values, kept for views that care (statistics sections);
   * for listings they are already folded into `transports`, `inet4`, `inet6`.
   */
  protoFilter: WindowsProto[];
  selection: Selection;
  /** Windows `-e -s`: Ethernet statistics together with protocol statistics. */
  ethernet: boolean;
  /** `-q`: also list bound, non-listening sockets where the OS reports them. */
  bound: boolean;
  numericHosts: boolean;
  numericPorts: boolean;
  numericUsers: boolean;
  /** `-f`: fully qualified names for foreign addresses. */
  fqdn: boolean;
  /** `-W`: do not truncate addresses. */
  wide: boolean;
  /** `-o`: owning PID column. */
  showPid: boolean;
  /** `-p` (net-tools): PID/Program name column. */
  showProgram: boolean;
  /** `-b`: executable (Windows multi-line record). */
  showExe: boolean;
  /** `-e` count when listing (net-tools: User and Inode columns). */
  extend: number;
  /** `--timers` (net-tools `-o`). */
  timers: boolean;
  /** `--offload` (Windows `-t`). */
  offload: boolean;
  /** `-y` (Windows): connection template column. */
  template: boolean;
  /** `-v` count. */
  verbose: number;
  /** Seconds between snapshots, or null for one snapshot. */
  interval: number | null;
  filters: Filters;
  /** `--changes`: in watch mode print only change events. */
  changes: boolean;
  /** `--exposed`: exposure audit. */
  exposed: boolean;
  /** `--summary`: counts instead of a listing. */
  summary: boolean;
  /** `--diagnose`: the troubleshooting checklist (findings with evidence). */
  diagnose: boolean;
  /** `--close-wait-threshold N`: CLOSE_WAIT sockets per process that `--diagnose` reports (null: the default). */
  closeWaitThreshold: number | null;
  color: 'auto' | 'always' | 'never';
  /** `--parse FILE`: read records from captured text instead of the OS ('-' is stdin). */
  parse: string | null;
  /** `--from FORMAT`: override detection of `--parse` input. */
  from: string | null;
  /** Every `--parse` input in command-line order (`parse` is the first); several make a fleet run (`cli/fleet.ts`). */
  captures: string[];
  /** `--openmetrics`: one snapshot in the Prometheus text exposition format. */
  openmetrics: boolean;
  /** `--serve-metrics [ADDR:]PORT`: serve `/metrics` over HTTP (the text as given). */
  serveMetrics: string | null;
  /** `--min-interval S`: the exporter takes snapshots no more often than this (seconds). */
  minInterval: number;
  /** `--top N`: how many processes `tsnetstat_process_sockets` (and `--summary`) list. */
  top: number;
  /** `-N`/`--all-namespaces`: every network namespace of the host. */
  allNamespaces: boolean;
  /** `--netns NAME|PATH|PID`: one other network namespace (null: our own). */
  netns: string | null;
  /** `--owner-detail`: append `[unit]`/`[container]` to owners in text styles. */
  ownerDetail: boolean;
}

/** A query with every default filled in (before style-specific defaults). */
export function defaultQuery(style: StyleName): Query {
  return {
    view: 'connections',
    style,
    format: 'text',
    transports: [],
    inet4: true,
    inet6: true,
    protoFilter: [],
    selection: 'connected',
    ethernet: false,
    bound: false,
    numericHosts: false,
    numericPorts: false,
    numericUsers: false,
    fqdn: false,
    wide: false,
    showPid: false,
    showProgram: false,
    showExe: false,
    extend: 0,
    timers: false,
    offload: false,
    template: false,
    verbose: 0,
    interval: null,
    filters: {},
    changes: false,
    exposed: false,
    summary: false,
    diagnose: false,
    closeWaitThreshold: null,
    color: 'auto',
    parse: null,
    from: null,
    captures: [],
    openmetrics: false,
    serveMetrics: null,
    minInterval: 1,
    top: 10,
    allNamespaces: false,
    netns: null,
    ownerDetail: false,
  };
}

/** True when the query needs socket owners (the fd walk on Linux). */
export function wantsOwners(q: Query): boolean {
  return (
    q.showPid ||
    q.showProgram ||
    q.showExe ||
    q.summary ||
    q.exposed ||
    q.openmetrics ||
    q.diagnose ||
    (q.filters.pids?.length ?? 0) > 0 ||
    (q.filters.processes?.length ?? 0) > 0 ||
    (q.filters.units?.length ?? 0) > 0 ||
    (q.filters.containers?.length ?? 0) > 0 ||
    q.ownerDetail
  );
}

/** True when owners need their unit, container and pod (JSON carries them; filters and `--owner-detail` use them). */
export function wantsOwnerDetail(q: Query): boolean {
  return (
    q.ownerDetail ||
    (q.filters.units?.length ?? 0) > 0 ||
    (q.filters.containers?.length ?? 0) > 0 ||
    (q.format === 'json' && wantsOwners(q))
  );
}
