/**
 * The counts of `--summary` (pure): sockets by protocol and state, the processes holding the
 * most sockets, and the remote hosts with the most connections.
 */
import type { Proto, SocketRecord } from '../model/socket.js';
import { TCP_STATES, type TcpState } from '../model/tcp-state.js';
import { unmapV4 } from '../parse/common/ip.js';

/** The state key of a socket without one (unconnected UDP/raw/unix). */
export const NO_STATE = 'NONE';

export type StateKey = TcpState | typeof NO_STATE;

export interface ProcessCount {
  pid: number;
  name: string;
  /** Sockets this process holds (a shared socket counts for each holder). */
  count: number;
}

export interface HostCount {
  /** Numeric address (IPv4-mapped IPv6 shown as IPv4, so both families of one host add up). */
  address: string;
  /** Connections with this remote address. */
  count: number;
}

export interface Summary {
  total: number;
  byProtocol: Partial<Record<Proto, number>>;
  byState: Partial<Record<StateKey, number>>;
  /** protocol → state → count. */
  byProtocolState: Partial<Record<Proto, Partial<Record<StateKey, number>>>>;
  /** The top processes by sockets held, most first (ties: lower PID first). */
  processes: ProcessCount[];
  /** Processes holding at least one socket. */
  processCount: number;
  /** Sockets no known process holds (owners unknown, kernel sockets, TIME_WAIT). */
  unattributed: number;
  /** The top remote hosts by connections, most first (ties: by address). */
  remoteHosts: HostCount[];
  /** Distinct remote hosts. */
  remoteHostCount: number;
}

const PROTO_ORDER: readonly Proto[] = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix'];
const STATE_ORDER: readonly StateKey[] = [...TCP_STATES, NO_STATE];

function ordered<K extends string>(counts: Map<K, number>, order: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of order) {
    const n = counts.get(k);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** A remote end worth counting: a real peer (not a wildcard, not a listener's `*`). */
function remoteHost(r: SocketRecord): string | null {
  const a = r.remoteAddress;
  if (a === null || a === '*' || a === '0.0.0.0' || a === '::' || !r.remotePort) return null;
  return unmapV4(a);
}

/** Count `records`; `top` limits the process and host lists. */
export function summarize(records: readonly SocketRecord[], top = 10): Summary {
  const protos = new Map<Proto, number>();
  const states = new Map<StateKey, number>();
  const cross = new Map<Proto, Map<StateKey, number>>();
  const procs = new Map<number, ProcessCount>();
  const hosts = new Map<string, number>();
  let unattributed = 0;
  for (const r of records) {
    const state: StateKey = r.state ?? NO_STATE;
    bump(protos, r.proto);
    bump(states, state);
    let row = cross.get(r.proto);
    if (!row) cross.set(r.proto, (row = new Map()));
    bump(row, state);
    if (r.owners.length === 0) unattributed++;
    for (const o of r.owners) {
      const p = procs.get(o.pid);
      if (p) p.count++;
      else procs.set(o.pid, { pid: o.pid, name: o.name, count: 1 });
    }
    const h = remoteHost(r);
    if (h !== null) bump(hosts, h);
  }
  const byProtocolState: Summary['byProtocolState'] = {};
  for (const p of PROTO_ORDER) {
    const row = cross.get(p);
    if (row) byProtocolState[p] = ordered(row, STATE_ORDER);
  }
  const processes = [...procs.values()].sort((a, b) => b.count - a.count || a.pid - b.pid).slice(0, top);
  const remoteHosts = [...hosts]
    .map(([address, count]) => ({ address, count }))
    .sort((a, b) => b.count - a.count || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
    .slice(0, top);
  return {
    total: records.length,
    byProtocol: ordered(protos, PROTO_ORDER),
    byState: ordered(states, STATE_ORDER),
    byProtocolState,
    processes,
    processCount: procs.size,
    unattributed,
    remoteHosts,
    remoteHostCount: hosts.size,
  };
}
