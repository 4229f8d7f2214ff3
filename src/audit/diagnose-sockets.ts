/**
 * The socket-based checks of `--diagnose` (pure): sockets stuck in CLOSE_WAIT per process,
 * half-open connections and full accept queues per listener, outgoing connections to one
 * destination that use up the ephemeral port range, connections to public addresses, and the
 * exposure audit's warnings (`exposure.ts`, reused as it is).
 */
import { ownersText, type EndpointCount, type Finding, type HostFacts, type PortRange } from '../model/diagnosis.js';
import type { Owner, SocketRecord } from '../model/socket.js';
import { unmapV4 } from '../parse/common/ip.js';
import { addressScope, auditExposure } from './exposure.js';

/** Thresholds of the socket checks (README "`--diagnose`" justifies each default). */
export interface SocketThresholds {
  /** CLOSE_WAIT sockets one process may hold before it is a pile-up. */
  closeWait: number;
  /** Half-open (SYN_RECV) connections on one listener. */
  synRecv: number;
  /** Share of the ephemeral range that connections to one remote address:port may use. */
  ephemeralShare: number;
}

/** The defaults: 10 CLOSE_WAIT per process, 20 SYN_RECV per listener, half the ephemeral range per destination. */
export const DEFAULT_SOCKET_THRESHOLDS: SocketThresholds = { closeWait: 10, synRecv: 20, ephemeralShare: 0.5 };

const isTcp = (r: SocketRecord): boolean => r.proto === 'tcp' || r.proto === 'tcp6';

/** `127.0.0.1:80`, `[::1]:80`, `*:80`. */
export function endpoint(address: string | null, port: number | null): string {
  const a = address === null || address === '' ? '*' : address.includes(':') ? `[${address}]` : address;
  return `${a}:${port ?? '*'}`;
}


const ownerKey = (owners: readonly Owner[]): string => (owners.length === 0 ? '' : owners.map((o) => `${o.pid}/${o.name}`).join(','));
const pickOwners = (owners: readonly Owner[]): Pick<Owner, 'pid' | 'name'>[] => owners.map((o) => ({ pid: o.pid, name: o.name }));

/** Group records by a key, keeping input order of first appearance. */
function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/**
 * The remote endpoints of `records`, most sockets first (ties by address), at most `n`. Sockets
 * whose local port is in `serverPorts` (accepted connections) are grouped by remote host alone —
 * their peers' ports are ephemeral and would each count once.
 */
export function topRemotes(records: readonly SocketRecord[], serverPorts: ReadonlySet<number | null> = new Set(), n = 5): EndpointCount[] {
  const counts = new Map<string, EndpointCount>();
  for (const r of records) {
    const address = r.remoteAddress === null ? null : unmapV4(r.remoteAddress);
    const port = serverPorts.has(r.localPort) ? null : r.remotePort;
    const k = endpoint(address, port);
    const c = counts.get(k);
    if (c) c.count++;
    else counts.set(k, { address, port, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || String(a.address).localeCompare(String(b.address)) || (a.port ?? 0) - (b.port ?? 0)).slice(0, n);
}

/** Local ports TCP listeners hold. */
const listeningPorts = (records: readonly SocketRecord[]): Set<number | null> => new Set(records.filter((r) => isTcp(r) && r.state === 'LISTEN').map((r) => r.localPort));

/** The exposure audit's warnings, one finding each. */
export function exposedServices(records: readonly SocketRecord[]): Finding[] {
  const report = auditExposure(records);
  const out: Finding[] = [];
  for (const e of report.exposed) {
    if (!e.warning) continue;
    const r = e.record;
    const at = `${r.proto} ${endpoint(r.localAddress, r.localPort)}`;
    const reach = e.scope === 'wildcard' ? 'every interface' : e.scope === 'link-local' ? 'the local link' : e.scope === 'private' ? 'the LAN' : 'a public address';
    out.push({
      id: 'exposed-service',
      severity: 'warning',
      subject: at,
      summary: `${e.warning.service} (${e.warning.kind}) listens on ${at}, reachable from ${reach}: such services are usually meant to be local, and an exposed one is a common way in`,
      evidence: { target: at, processes: pickOwners(r.owners), sockets: [r] },
      action: `bind it to ${r.family === 'inet6' ? '::1' : '127.0.0.1'} (or a private address it must serve) or firewall the port; \`tsnetstat --exposed\` lists every reachable listener`,
    });
  }
  return out;
}

/** Processes holding at least `threshold` sockets in CLOSE_WAIT. */
export function closeWaitPileups(records: readonly SocketRecord[], threshold: number): Finding[] {
  const waiting = records.filter((r) => isTcp(r) && r.state === 'CLOSE_WAIT');
  const servers = listeningPorts(records);
  const out: Finding[] = [];
  for (const list of groupBy(waiting, (r) => ownerKey(r.owners)).values()) {
    if (list.length < threshold) continue;
    const owners = pickOwners((list[0] as SocketRecord).owners);
    const who = owners.length ? `${ownersText(owners)} holds ${list.length} sockets` : `${list.length} sockets of an unknown process (not visible without more rights, or already gone) are`;
    out.push({
      id: 'close-wait-pileup',
      severity: 'warning',
      subject: owners.length ? `pid ${owners.map((o) => o.pid).join(',')}` : 'owner unknown',
      summary: `${who} in CLOSE_WAIT: the peers closed long ago and the program never called close(), a leak that ends in "too many open files"`,
      evidence: { processes: owners, counts: { CLOSE_WAIT: list.length }, threshold: { CLOSE_WAIT: threshold }, remotes: topRemotes(list, servers), sockets: list.slice(0, 5) },
      action: `find where ${owners[0]?.name || 'the program'} misses close() on connections whose peer hung up (error paths, timeouts); restarting it frees the sockets for now`,
    });
  }
  return out;
}

/** The listener a connection belongs to: same transport family, local port, and a matching or wildcard address. */
function listenerIndex(records: readonly SocketRecord[]): (r: SocketRecord) => SocketRecord | undefined {
  const byPort = groupBy(records.filter((r) => isTcp(r) && r.state === 'LISTEN'), (r) => String(r.localPort));
  return (r) => {
    const list = byPort.get(String(r.localPort));
    if (!list) return undefined;
    const local = r.localAddress === null ? null : unmapV4(r.localAddress);
    return list.find((l) => l.localAddress !== null && unmapV4(l.localAddress) === local) ?? list.find((l) => addressScope(l.localAddress) === 'wildcard') ?? list[0];
  };
}

function synCookieText(v: number | undefined): string {
  if (v === undefined) return '';
  return v === 0 ? ' SYN cookies are off (tcp_syncookies=0), so a SYN flood fills the queue.' : v === 1 ? ' SYN cookies are on when the queue overflows (tcp_syncookies=1).' : ' SYN cookies are always on (tcp_syncookies=2).';
}

/** Listeners with many half-open connections, and listeners whose accept queue is full. */
export function listenerPressure(records: readonly SocketRecord[], facts: HostFacts, threshold: number): Finding[] {
  const out: Finding[] = [];
  const settings = facts.synCookies === undefined ? {} : { settings: { tcp_syncookies: facts.synCookies } };
  const listenerOf = listenerIndex(records);
  const halfOpen = records.filter((r) => isTcp(r) && r.state === 'SYN_RECV');
  for (const list of groupBy(halfOpen, (r) => {
    const l = listenerOf(r);
    return l ? `${l.proto} ${endpoint(l.localAddress, l.localPort)}` : `${r.proto} ${endpoint(r.localAddress, r.localPort)}`;
  })) {
    const [at, socks] = list;
    if (socks.length < threshold) continue;
    const l = listenerOf(socks[0] as SocketRecord);
    out.push({
      id: 'syn-recv',
      severity: 'warning',
      subject: at,
      summary: `${socks.length} half-open connections (SYN_RECV) on ${at}: handshakes are not completing (a SYN flood, lost ACKs, or a full accept queue), and new clients wait or time out.${synCookieText(facts.synCookies)}`,
      evidence: { target: at, processes: pickOwners(l?.owners ?? []), counts: { SYN_RECV: socks.length }, threshold: { SYN_RECV: threshold }, remotes: topRemotes(socks, new Set([l?.localPort ?? null])), ...settings },
      action: 'see whether the SYNs come from a few sources (remotes above) and filter them; keep SYN cookies on (net.ipv4.tcp_syncookies=1); raise the backlog (listen(), net.core.somaxconn, net.ipv4.tcp_max_syn_backlog) if the load is real',
    });
  }
  const queues = new Map((facts.listenQueues ?? []).map((q) => [q.inode, q] as const));
  for (const r of records) {
    if (!isTcp(r) || r.state !== 'LISTEN') continue;
    const q = r.inode !== undefined ? queues.get(r.inode) : undefined;
    if (!q || q.queued === 0 || q.queued < q.backlog) continue;
    const at = `${r.proto} ${endpoint(r.localAddress, r.localPort)}`;
    out.push({
      id: 'listen-overflow',
      severity: 'warning',
      subject: at,
      summary: `the accept queue of ${at} is full (${q.queued} connections waiting, backlog ${q.backlog}): ${ownersText(pickOwners(r.owners))} is not calling accept() fast enough, so the kernel drops new connections.${synCookieText(facts.synCookies)}`,
      evidence: { target: at, processes: pickOwners(r.owners), counts: { queued: q.queued, backlog: q.backlog }, source: 'sock_diag (Recv-Q and Send-Q of the listener, as ss shows them)', ...settings },
      action: 'make the program accept faster (more workers, no blocking in the accept loop); raise the backlog passed to listen() and net.core.somaxconn',
    });
  }
  return out;
}

/** True for a port in the range. */
const inRange = (port: number | null, r: PortRange): boolean => port !== null && port >= r.low && port <= r.high;

/**
 * Destinations (remote address:port) that connections from this host use a large share of the
 * ephemeral range for. A connection is outgoing when its local port is in the range and no
 * listener holds that port. TIME_WAIT counts: those ports stay taken for 60 s.
 */
export function ephemeralPressure(records: readonly SocketRecord[], range: PortRange, share: number): Finding[] {
  const listening = listeningPorts(records);
  const outgoing = records.filter((r) => isTcp(r) && r.state !== 'LISTEN' && r.remotePort && inRange(r.localPort, range) && !listening.has(r.localPort));
  const size = range.high - range.low + 1;
  const limit = Math.max(1, Math.ceil(size * share));
  const out: Finding[] = [];
  for (const [dest, list] of groupBy(outgoing, (r) => endpoint(r.remoteAddress === null ? null : unmapV4(r.remoteAddress), r.remotePort))) {
    if (list.length < limit) continue;
    const states: Record<string, number> = {};
    for (const r of list) states[r.state ?? 'NONE'] = (states[r.state ?? 'NONE'] ?? 0) + 1;
    const owners = new Map<string, Pick<Owner, 'pid' | 'name'>>();
    for (const r of list) for (const o of r.owners) owners.set(`${o.pid}/${o.name}`, { pid: o.pid, name: o.name });
    const tw = states['TIME_WAIT'] ?? 0;
    out.push({
      id: 'ephemeral-ports',
      severity: 'warning',
      subject: dest,
      summary: `${list.length} connections from this host to ${dest} (${tw} in TIME_WAIT) use ${Math.round((100 * list.length) / size)}% of the ${size} ephemeral ports (${range.low}-${range.high}): when they run out, connect() to it fails with EADDRNOTAVAIL`,
      evidence: { target: dest, counts: { connections: list.length, ...states, rangeSize: size }, threshold: { connections: limit }, processes: [...owners.values()], portRange: range },
      action: 'reuse connections (keep-alive, a connection pool) instead of one per request; widen the range (net.ipv4.ip_local_port_range; Windows: netsh int ipv4 set dynamicport tcp); spread over more destination addresses',
    });
  }
  return out;
}

/** Established connections to public addresses, grouped by process and remote port (one info finding). */
export function outboundPublic(records: readonly SocketRecord[]): Finding[] {
  const listening = listeningPorts(records);
  const conns = records.filter(
    (r) => isTcp(r) && r.state === 'ESTABLISHED' && !listening.has(r.localPort) && r.remoteAddress !== null && addressScope(r.remoteAddress) === 'public',
  );
  if (conns.length === 0) return [];
  const groups: EndpointCount[] = [];
  for (const list of groupBy(conns, (r) => `${ownerKey(r.owners)} ${r.remotePort}`).values()) {
    const first = list[0] as SocketRecord;
    const hosts = new Set(list.map((r) => unmapV4(r.remoteAddress as string)));
    groups.push({ address: hosts.size === 1 ? [...hosts][0] as string : `${hosts.size} hosts`, port: first.remotePort, count: list.length, processes: pickOwners(first.owners) });
  }
  groups.sort((a, b) => b.count - a.count || (a.port ?? 0) - (b.port ?? 0));
  return [
    {
      id: 'outbound-public',
      severity: 'info',
      subject: 'public',
      summary: `${conns.length} established connection${conns.length === 1 ? '' : 's'} from this host to public addresses, in ${groups.length} group${groups.length === 1 ? '' : 's'} by process and remote port: read them for programs or ports you do not expect`,
      evidence: { counts: { connections: conns.length, groups: groups.length }, remotes: groups },
      action: 'check that each process is expected to talk to the internet on that port; `tsnetstat -anp --remote ADDR` shows the sockets of one group',
    },
  ];
}
