/**
 * Fleet-wide counts for `--summary` over several captures (pure): one row per host, the processes
 * found on most hosts (by name: PIDs mean nothing across machines) and the listening ports open on
 * most hosts.
 */
import type { SocketRecord } from '../model/socket.js';
import { isListener } from './exposure.js';

/** The records of one capture and the host it stands for. */
export interface HostRecords {
  host: string;
  records: readonly SocketRecord[];
}

export interface HostRow {
  host: string;
  sockets: number;
  /** Listeners: TCP in LISTEN, UDP without a peer. */
  listening: number;
  established: number;
  /** Distinct processes holding a socket. */
  processes: number;
}

export interface FleetProcess {
  /** Process name as the capture shows it (`nginx`, `svchost.exe`). */
  name: string;
  /** Hosts where it holds a socket. */
  hosts: number;
  /** Sockets it holds over the fleet (a shared socket counts for each holder). */
  sockets: number;
}

export interface FleetPort {
  transport: 'tcp' | 'udp';
  port: number;
  /** Hosts with a listener on it. */
  hosts: number;
  /** Listeners on it over the fleet (IPv4 and IPv6 count apart). */
  listeners: number;
}

export interface FleetSummary {
  hosts: HostRow[];
  /** Most hosts first, then most sockets, then name. */
  processes: FleetProcess[];
  /** Most hosts first, then most listeners, then port. */
  ports: FleetPort[];
}

function add<K>(m: Map<K, { hosts: Set<string>; n: number }>, k: K, host: string): void {
  let e = m.get(k);
  if (!e) m.set(k, (e = { hosts: new Set(), n: 0 }));
  e.hosts.add(host);
  e.n++;
}

/** Count the fleet; `top` limits the process and port lists. */
export function summarizeFleet(members: readonly HostRecords[], top = 10): FleetSummary {
  const procs = new Map<string, { hosts: Set<string>; n: number }>();
  const ports = new Map<string, { hosts: Set<string>; n: number }>();
  const hosts: HostRow[] = [];
  for (const m of members) {
    const row: HostRow = { host: m.host, sockets: m.records.length, listening: 0, established: 0, processes: 0 };
    const pids = new Set<number>();
    for (const r of m.records) {
      if (r.state === 'ESTABLISHED') row.established++;
      for (const o of r.owners) {
        pids.add(o.pid);
        if (o.name !== '') add(procs, o.name, m.host); // a PID without a name means nothing on another host
      }
      if (isListener(r) && r.localPort !== null) {
        row.listening++;
        add(ports, `${r.proto.startsWith('tcp') ? 'tcp' : 'udp'}/${r.localPort}`, m.host);
      }
    }
    row.processes = pids.size;
    hosts.push(row);
  }
  const processes = [...procs]
    .map(([name, e]) => ({ name, hosts: e.hosts.size, sockets: e.n }))
    .sort((a, b) => b.hosts - a.hosts || b.sockets - a.sockets || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, top);
  const portList = [...ports]
    .map(([k, e]) => {
      const [transport, port] = k.split('/') as ['tcp' | 'udp', string];
      return { transport, port: Number(port), hosts: e.hosts.size, listeners: e.n };
    })
    .sort((a, b) => b.hosts - a.hosts || b.listeners - a.listeners || a.port - b.port || (a.transport < b.transport ? -1 : 1))
    .slice(0, top);
  return { hosts, processes, ports: portList };
}
