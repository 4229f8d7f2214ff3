/**
 * `--diagnose`: the findings of the troubleshooting checklist, and the host facts the checklist
 * needs beyond sockets and counters (the ephemeral port range, SYN cookies, listen backlogs).
 * Types and default tables only.
 */
import type { Owner, SocketRecord } from './socket.js';

/** The checks, by id (README "`--diagnose`" explains each). */
export type FindingId =
  | 'exposed-service'
  | 'close-wait-pileup'
  | 'syn-recv'
  | 'listen-overflow'
  | 'ephemeral-ports'
  | 'interface-errors'
  | 'tcp-retransmits'
  | 'outbound-public';

export type Severity = 'warning' | 'info';

/** A group of sockets sharing a remote endpoint (or a process and a remote port). */
export interface EndpointCount {
  address: string | null;
  port: number | null;
  count: number;
  /** Processes holding those sockets, when grouped by remote port. */
  processes?: Pick<Owner, 'pid' | 'name'>[];
}

/** What a finding rests on. Only the fields that apply are present. */
export interface Evidence {
  /** Counts of sockets or events (`CLOSE_WAIT`, `TIME_WAIT`, `queued`, `backlog` …). */
  counts?: Record<string, number>;
  /** The threshold the numbers were compared with. */
  threshold?: Record<string, number>;
  /** Processes concerned (pid and name). */
  processes?: Pick<Owner, 'pid' | 'name'>[];
  /** The listener or interface concerned, e.g. `tcp 0.0.0.0:6379`, `eth0`. */
  target?: string;
  /** Remote endpoints most involved, most sockets first (at most 5). */
  remotes?: EndpointCount[];
  /** A few of the sockets themselves (at most 5). */
  sockets?: SocketRecord[];
  /** Counter values: since boot, or the increase over the interval when `intervalSeconds` is set. */
  counters?: Record<string, number>;
  /** Per-second rates over the interval, or ratios (`retransmitRatio`). */
  rates?: Record<string, number>;
  /** The ephemeral port range used, and where it came from. */
  portRange?: PortRange;
  /** Kernel settings read (`tcp_syncookies`). */
  settings?: Record<string, number | string>;
  /** Seconds between the two snapshots the counters were compared over (absent: totals since boot). */
  intervalSeconds?: number;
  /** Where the numbers came from (`/proc/net/netstat ListenOverflows`, `netstat -s`). */
  source?: string;
}

/** One finding of the checklist. */
export interface Finding {
  id: FindingId;
  severity: Severity;
  /** What it is about, stable across snapshots (a process, a listener, an interface, a destination). */
  subject: string;
  /** One line: what is wrong and why it matters. */
  summary: string;
  evidence: Evidence;
  /** What to do. */
  action: string;
}

/** The local port range a host picks outgoing ports from. */
export interface PortRange {
  low: number;
  high: number;
  /** Where the range comes from (`/proc/sys/net/ipv4/ip_local_port_range`, or a documented default). */
  source: string;
}

/** A listener's accept queue as the kernel reports it (Linux sock_diag: rqueue, wqueue). */
export interface ListenQueue {
  inode: number;
  localPort: number;
  /** Connections completed and waiting for accept(). */
  queued: number;
  /** The backlog given to listen() (capped by somaxconn). */
  backlog: number;
}

/** Host facts the diagnosis reads besides sockets, interfaces and counters; absent when unknown. */
export interface HostFacts {
  ephemeralPorts?: PortRange;
  /** `/proc/sys/net/ipv4/tcp_syncookies`: 0 off, 1 when a listen queue overflows, 2 always. */
  synCookies?: number;
  /** Accept queues of TCP listeners, by inode. */
  listenQueues?: ListenQueue[];
}

/** Documented default ephemeral ranges, for systems (or captures) that do not say. */
export const DEFAULT_PORT_RANGES: Readonly<Record<'linux' | 'windows' | 'macos', PortRange>> = {
  linux: { low: 32768, high: 60999, source: 'Linux default (net.ipv4.ip_local_port_range), not read from the system' },
  windows: { low: 49152, high: 65535, source: 'Windows default dynamic port range (Vista and later, Microsoft KB 929851), not read from the system' },
  macos: { low: 49152, high: 65535, source: 'macOS default (net.inet.ip.portrange.first/last), not read from the system' },
};

/** How findings name processes: `node (pid 12)`, `pid 12` when the name is unknown, or `owner unknown`. */
export function ownersText(owners: readonly Pick<Owner, 'pid' | 'name'>[]): string {
  if (owners.length === 0) return 'owner unknown';
  return owners.map((o) => (o.pid < 0 ? o.name || '?' : o.name ? `${o.name} (pid ${o.pid})` : `pid ${o.pid}`)).join(', ');
}
