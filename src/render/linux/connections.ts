/**
 * Linux net-tools `netstat` layout for socket listings (pure). Byte-identical to net-tools 2.10
 * for the same sockets: titles, header, `%-4s  %6ld %6ld %-23s %-23s %-11s` rows, truncation to
 * 23 columns without `-W`, `0.0.0.0:*`, `:::*`, `PID/Program name`, and the unix section.
 */
import type { Query } from '../../model/query.js';
import { transportOf, type SocketRecord } from '../../model/socket.js';
import { unmapV4 } from '../../parse/common/ip.js';
import { padLeft, padRight } from '../layout.js';
import { serviceKey, type NameTables } from '../names.js';
import { escapeControl } from '../sanitize.js';
import { renderAll, rowChunks, type StreamRenderer } from '../stream.js';

const UNIX_STATE: Readonly<Record<string, string>> = {
  LISTEN: 'LISTENING',
  SYN_SENT: 'CONNECTING',
  ESTABLISHED: 'CONNECTED',
  CLOSING: 'DISCONNECTING',
};

/** net-tools' `addr_do_one`: `host:port`, cut to 22+1 characters unless wide. */
export function netToolsAddress(host: string, port: string, wide: boolean): string {
  if (!wide && host.length + port.length > 22) {
    const portLen = Math.min(port.length, 18);
    const addrLen = 22 - portLen;
    return `${host.slice(0, addrLen)}:${port.slice(0, portLen)}`;
  }
  return `${host}:${port}`;
}

/** Host text as net-tools prints it (numeric: inet_ntop with IPv4-mapped shortened; else a name). */
export function netToolsHost(addr: string | null, family: SocketRecord['family'], numeric: boolean, names: NameTables): string {
  const a = addr ?? (family === 'inet6' ? '::' : '0.0.0.0');
  if (numeric) return unmapV4(a);
  if (a === '::') return '[::]';
  if (a === '0.0.0.0') return a;
  const name = names.hosts.get(a);
  return name !== undefined ? escapeControl(name) : unmapV4(a);
}

/** Port text as net-tools prints it: `*` for 0, a service name unless numeric. */
export function netToolsPort(port: number | null, proto: 'tcp' | 'udp' | 'raw', numeric: boolean, names: NameTables): string {
  if (!port) return '*';
  if (numeric) return String(port);
  return names.services.get(serviceKey(proto, port)) ?? String(port);
}

function sectionTitle(kind: string, q: Query): string {
  const which = q.selection === 'all' ? '(servers and established)' : q.selection === 'listening' ? '(only servers)' : '(w/o servers)';
  return `Active ${kind} ${which}`;
}

/** ` PID/Program name` cell: first owner in /proc order, cut to 19 characters like net-tools. */
function programCell(r: SocketRecord): string {
  const o = r.owners[0];
  const text = o ? `${o.pid}/${escapeControl(o.program || o.name)}`.slice(0, 19) : '-';
  return ` ${padRight(text, 20)}`;
}

function timerText(r: SocketRecord, tcp: boolean): string {
  const [kind, when, retr, timeout] = r.timer ?? [0, 0, 0, 0];
  const secs = (when / 100).toFixed(2);
  if (kind === 0) return `off (0.00/${retr}/${timeout})`;
  if (tcp) {
    const name = ({ 1: 'on', 2: 'keepalive', 3: 'timewait' } as Record<number, string>)[kind];
    if (name) return `${name} (${secs}/${retr}/${timeout})`;
  } else if (kind === 1 || kind === 2) return `on${kind} (${secs}/${retr}/${timeout})`;
  return `unkn-${kind} (${secs}/${retr}/${timeout})`;
}

/** `finish_this_one`: User/Inode, PID/Program name, Timer, newline. */
function finish(r: SocketRecord, q: Query, names: NameTables, timers: string): string {
  if (q.extend === 0 && !q.showProgram && !q.showPid && !q.showExe && !q.timers) return '\n';
  let s = '';
  if (q.extend > 0) {
    const uid = r.uid ?? 0;
    const user = q.numericUsers ? undefined : (r.user ?? names.users.get(uid));
    s += user !== undefined ? ` ${padRight(user, 10)} ` : ` ${padRight(String(uid), 10)} `;
    s += padRight(String(r.inode ?? 0), 10);
  }
  if (q.showProgram || q.showPid || q.showExe) s += programCell(r);
  if (q.timers) s += ` ${timers}`;
  return `${s}\n`;
}

/** Per-render caches of the strings every row repeats (ports, queue cells). */
interface RowCache {
  ports: Map<number, string>;
  queues: Map<number, string>;
}

function portText(port: number | null, svc: 'tcp' | 'udp' | 'raw', q: Query, names: NameTables, cache: RowCache): string {
  if (!port) return '*';
  if (!q.numericPorts) return netToolsPort(port, svc, false, names);
  let s = cache.ports.get(port);
  if (s === undefined) {
    s = String(port);
    cache.ports.set(port, s);
  }
  return s;
}

function queueCell(n: number | null, cache: RowCache): string {
  const v = n ?? 0;
  let s = cache.queues.get(v);
  if (s === undefined) {
    s = padLeft(String(v), 6);
    if (cache.queues.size < 4096) cache.queues.set(v, s);
  }
  return s;
}

function inetRow(r: SocketRecord, q: Query, names: NameTables, cache: RowCache): string {
  const t = transportOf(r.proto);
  const svc = t === 'unix' ? 'tcp' : t;
  const local = netToolsAddress(netToolsHost(r.localAddress, r.family, q.numericHosts, names), portText(r.localPort, svc, q, names, cache), q.wide);
  const remote = netToolsAddress(netToolsHost(r.remoteAddress, r.family, q.numericHosts, names), portText(r.remotePort, svc, q, names, cache), q.wide);
  const rq = queueCell(r.recvQ, cache);
  const sq = queueCell(r.sendQ, cache);
  if (t === 'tcp') {
    const state = r.state === null ? '' : r.state;
    return `${r.proto === 'tcp' ? 'tcp ' : r.proto}  ${rq} ${sq} ${padRight(local, 23)} ${padRight(remote, 23)} ${padRight(state, 11)}${finish(r, q, names, q.timers ? timerText(r, true) : '')}`;
  }
  if (t === 'udp') {
    const state = r.state === 'ESTABLISHED' ? 'ESTABLISHED' : r.state === null || r.state === 'CLOSE' ? '' : 'UNKNOWN';
    return `${padRight(r.proto, 5)} ${rq} ${sq} ${padRight(local, 23)} ${padRight(remote, 23)} ${padRight(state, 11)}${finish(r, q, names, q.timers ? timerText(r, false) : '')}`;
  }
  const st = r.rawState ?? (r.state === 'ESTABLISHED' ? 1 : 7);
  return `${padRight(r.proto, 4)}  ${rq} ${sq} ${padRight(local, 23)} ${padRight(remote, 23)} ${padRight(String(st), 11)}${finish(r, q, names, q.timers ? timerText(r, false) : '')}`;
}

function unixRow(r: SocketRecord, q: Query): string {
  const flags = r.unixFlags ?? 0;
  let f = '[ ';
  if (flags & 0x10000) f += 'ACC ';
  if (flags & 0x20000) f += 'W ';
  if (flags & 0x40000) f += 'N ';
  f += ']';
  const state = r.state === null ? '' : (UNIX_STATE[r.state] ?? 'UNKNOWN');
  let s = `unix  ${padRight(String(r.refCnt ?? 0), 6)} ${padRight(f, 11)} ${padRight(r.unixType ?? 'UNKNOWN', 10)} ${padRight(state, 13)} `;
  s += r.inode !== undefined ? padRight(String(r.inode), 8) : '-       ';
  if (q.showProgram || q.showPid || q.showExe) s += programCell(r);
  // net-tools reads the path with sscanf("%s"): the first word only.
  const path = escapeControl((r.path ?? '').split(/[ \t]/, 1)[0] ?? '');
  return `${s} ${path}\n`;
}

/** net-tools layout as a stream: the Internet section as records arrive, the unix section at the end. */
export function linuxStream(q: Query, names: NameTables): StreamRenderer {
  const inet = q.transports.some((t) => t !== 'unix');
  const owners = q.showProgram || q.showPid || q.showExe;
  const cache: RowCache = { ports: new Map(), queues: new Map() };
  const unix: SocketRecord[] = [];
  return {
    *begin() {
      if (!inet) return;
      let head = `${sectionTitle('Internet connections', q)}\nProto Recv-Q Send-Q Local Address           Foreign Address         State      `;
      if (q.extend > 0) head += ' User       Inode     ';
      if (owners) head += ` ${padRight('PID/Program name', 20)}`;
      if (q.timers) head += ' Timer';
      yield `${head}\n`;
    },
    *push(records) {
      const rows: SocketRecord[] = [];
      for (const r of records) (r.proto === 'unix' ? unix : rows).push(r);
      if (inet) yield* rowChunks(rows, (r) => inetRow(r, q, names, cache));
    },
    *end() {
      if (!q.transports.includes('unix')) return;
      let head = `${sectionTitle('UNIX domain sockets', q)}\nProto RefCnt Flags       Type       State         I-Node  `;
      if (owners) head += ` ${padRight('PID/Program name', 20)}`;
      yield `${head} Path\n`;
      yield* rowChunks(unix, (r) => unixRow(r, q));
    },
  };
}

/** Render a socket listing in net-tools layout, in chunks. */
export function renderLinuxConnections(records: readonly SocketRecord[], q: Query, names: NameTables): Iterable<string> {
  return renderAll(linuxStream(q, names), records);
}
