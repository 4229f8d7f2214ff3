/**
 * Selection of records by the query (pure): protocol, family, listening status and the user filters.
 */
import type { Query } from '../model/query.js';
import { transportOf, type Owner, type SocketRecord } from '../model/socket.js';
import { compileAddress, type AddressMatcher } from './address.js';

/**
 * True for a "server" socket the way net-tools decides it: TCP with no remote port,
 * UDP/raw with no remote address, unix sockets that accept connections.
 */
export function isServer(r: SocketRecord): boolean {
  switch (transportOf(r.proto)) {
    case 'tcp':
      return !r.remotePort;
    case 'udp':
    case 'raw':
      return r.remoteAddress === null || r.remoteAddress === '0.0.0.0' || r.remoteAddress === '::' || r.remoteAddress === '*';
    case 'unix':
      return r.state === 'LISTEN';
  }
}

const PROTO_OF: Readonly<Record<string, string>> = { tcp: 'tcp', tcpv6: 'tcp6', udp: 'udp', udpv6: 'udp6' };

/** Build the predicate for a query (compiled once; applied to every record of every tick). */
export function compileSelection(q: Query): (r: SocketRecord) => boolean {
  const transports = new Set(q.transports);
  const listingProtos = q.protoFilter.map((p) => PROTO_OF[p]).filter((p): p is string => p !== undefined);
  const f = q.filters;
  const states = f.states ? new Set<string>(f.states) : null;
  const unconnected = states !== null && states.has('CLOSE');
  const ports = f.ports ? new Set(f.ports) : null;
  const local: AddressMatcher[] | null = f.local ? f.local.map(compileAddress) : null;
  const remote: AddressMatcher[] | null = f.remote ? f.remote.map(compileAddress) : null;
  const pids = f.pids ? new Set(f.pids) : null;
  const procs = f.processes ? f.processes.map(compileName) : null;
  const units = f.units ? f.units.map(compileName) : null;
  const containers = f.containers ? f.containers.map(compileContainer) : null;
  return (r) => {
    const t = transportOf(r.proto);
    if (!transports.has(t)) return false;
    if ((t === 'tcp' || t === 'udp') && listingProtos.length > 0 && !listingProtos.includes(r.proto)) return false;
    if (r.family === 'inet' && !q.inet4) return false;
    if (r.family === 'inet6' && !q.inet6) return false;
    if (q.selection !== 'all') {
      const server = isServer(r);
      if (q.selection === 'listening' ? !server : server) return false;
    }
    // A socket without a state is an unconnected UDP/raw/unix one: `ss` calls it UNCONN (= CLOSE).
    if (states && !(r.state === null ? unconnected && t !== 'tcp' : states.has(r.state))) return false;
    // Port 0 is a wildcard (a listener's `*`), never a match.
    if (ports && !(r.localPort && ports.has(r.localPort)) && !(r.remotePort && ports.has(r.remotePort))) return false;
    if (local && !local.some((m) => m(r.localAddress))) return false;
    if (remote && !remote.some((m) => m(r.remoteAddress))) return false;
    if (pids && !r.owners.some((o) => pids.has(o.pid))) return false;
    if (procs && !r.owners.some((o) => procs.some((m) => m(o.name) || (o.program !== undefined && m(o.program))))) return false;
    if (units && !r.owners.some((o) => o.unit !== undefined && units.some((m) => unitMatches(m, o.unit as string)))) return false;
    if (containers && !r.owners.some((o) => containers.some((m) => m(o)))) return false;
    return true;
  };
}

/** Case-insensitive name match with `*` wildcards; `svchost` also matches `svchost.exe`. */
function compileName(pattern: string): (name: string) => boolean {
  const esc = pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const re = new RegExp(`^${esc}(\\.exe)?$`);
  return (name) => re.test(name.toLowerCase());
}

/** `--unit`: the whole unit, its last part (`app.scope` of `user@1000.service/app.scope`), or that without `.service`/`.scope`. */
function unitMatches(m: (name: string) => boolean, unit: string): boolean {
  const last = unit.slice(unit.lastIndexOf('/') + 1);
  return m(unit) || m(last) || m(last.replace(/\.(service|scope)$/, ''));
}

/** `--container`: an id prefix (at least one character of hex), or the name, `*` wildcards. */
function compileContainer(pattern: string): (o: Owner) => boolean {
  const name = compileName(pattern);
  const prefix = pattern.toLowerCase();
  return (o) => {
    const c = o.container;
    if (!c) return false;
    return c.id.startsWith(prefix) || name(c.id) || (c.name !== undefined && name(c.name));
  };
}

/** Apply a query to records. */
export function selectRecords(records: readonly SocketRecord[], q: Query): SocketRecord[] {
  const keep = compileSelection(q);
  return records.filter(keep);
}
