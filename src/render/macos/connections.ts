/**
 * macOS (BSD) `netstat -an` / `-anv` layout for socket listings (pure): `host.port` addresses
 * (`127.0.0.1.631`, `*.*`), `tcp4`/`tcp6`/`tcp46`, BSD state names (`SYN_RCVD`), and with a PID
 * request the `-v` columns ending in the newer `process:pid` column.
 */
import type { Query } from '../../model/query.js';
import { transportOf, type SocketRecord } from '../../model/socket.js';
import { BSD_STATE_NAME } from '../../model/tcp-state.js';
import { isV4Mapped, unmapV4 } from '../../parse/common/ip.js';
import { fit, padLeft, padRight } from '../layout.js';
import { serviceKey, type NameTables } from '../names.js';
import type { Paint } from '../paint.js';
import { escapeControl } from '../sanitize.js';
import { renderAll, rowChunks, type StreamRenderer } from '../stream.js';

/** BSD protocol column: `tcp4`, `tcp6`, `tcp46` (dual-stack), `udp4` …, `icm4` for ICMP sockets. */
export function bsdProto(r: SocketRecord): string {
  const t = transportOf(r.proto);
  if (t === 'unix') return 'unix';
  const v6 = r.family === 'inet6';
  const dual = v6 && r.dualStack === true && (r.localAddress === '::' || r.localAddress === null);
  const suffix = dual ? '46' : v6 ? '6' : '4';
  if (t === 'raw') return (r.localPort === 1 || r.localPort === 58 ? 'icm' : 'rip') + (v6 ? '6' : '4');
  return t + suffix;
}

/** `inetprint`: host (cut to 16 unless wide) + `.` + port, `*` for wildcards. */
export function bsdAddress(
  addr: string | null,
  scope: string | undefined,
  port: number | null,
  proto: 'tcp' | 'udp',
  q: Query,
  names: NameTables,
): string {
  let host: string;
  if (addr === null || addr === '0.0.0.0' || addr === '::') host = '*';
  else {
    const name = q.numericHosts ? undefined : names.hosts.get(addr);
    host = name !== undefined ? escapeControl(name) : `${addr}${scope ? `%${scope}` : ''}`;
  }
  if (!q.wide) host = host.slice(0, 16);
  let p: string;
  if (!port) p = '*';
  else {
    const svc = q.numericPorts ? undefined : names.services.get(serviceKey(proto, port));
    p = svc !== undefined ? svc.slice(0, 15) : String(port);
  }
  const text = `${host}.${p}`;
  return q.wide ? padRight(text, 22) : fit(text, 22);
}

function processCell(r: SocketRecord): string {
  const o = r.owners[0];
  if (!o) return `${padLeft('-', 16)}:${padRight('-', 5)}`;
  return `${padLeft(escapeControl(o.name).slice(0, 16), 16)}:${padRight(String(o.pid), 5)}`;
}

/** IPv4 connections of a dual-stack socket are `tcp4` rows with IPv4 addresses on macOS. */
function asBsdSees(r: SocketRecord): SocketRecord {
  if (r.family !== 'inet6' || !isV4Mapped(r.localAddress ?? '')) return r;
  const remote = r.remoteAddress === '::' ? '0.0.0.0' : unmapV4(r.remoteAddress ?? '');
  return { ...r, proto: r.proto === 'tcp6' ? 'tcp' : r.proto === 'udp6' ? 'udp' : r.proto, family: 'inet', localAddress: unmapV4(r.localAddress ?? ''), remoteAddress: remote };
}

/** macOS layout as a stream: Internet rows as records arrive, the unix section at the end. `paint` colours states. */
export function macosStream(q: Query, names: NameTables, paint?: Paint): StreamRenderer {
  const verbose = q.showPid || q.showProgram || q.showExe || q.verbose > 0;
  const inet = q.transports.some((t) => t !== 'unix');
  const unix: SocketRecord[] = [];
  const inetRow = (rec: SocketRecord): string => {
    const r = asBsdSees(rec);
    const t = transportOf(r.proto) === 'udp' ? 'udp' : 'tcp';
    const state = transportOf(r.proto) === 'tcp' && r.state !== null ? BSD_STATE_NAME[r.state] : '';
    let line = `${fit(bsdProto(r), 5)} ${padLeft(String(r.recvQ ?? 0), 6)} ${padLeft(String(r.sendQ ?? 0), 6)}  `;
    line += `${bsdAddress(r.localAddress, r.localScope, r.localPort, t, q, names)} `;
    line += `${bsdAddress(r.remoteAddress, r.remoteScope, r.remotePort, t, q, names)} `;
    line += paint === undefined ? padRight(state, 11) : paint.state(state, r.state) + ' '.repeat(Math.max(0, 11 - state.length));
    if (verbose) line += ` ${padLeft('-', 12)} ${padLeft('-', 12)} ${padLeft('-', 7)} ${padLeft('-', 7)} ${processCell(r)}`;
    return `${line}\n`;
  };
  // Kernel addresses (Address, Conn, Refs, Nextref) exist only on BSD: shown as `-`, never invented.
  const unixRow = (r: SocketRecord): string => {
    const type = (r.unixType ?? 'STREAM').toLowerCase().slice(0, 6);
    const inode = r.inode !== undefined ? r.inode.toString(16) : '-';
    const qn = (n: number | null): string => (n === null ? '-' : String(n));
    const line = `${padRight('-', 16)} ${padRight(type, 6)} ${padLeft(qn(r.recvQ), 6)} ${padLeft(qn(r.sendQ), 6)} ${padLeft(inode, 16)} ${padLeft('-', 16)} ${padLeft('-', 16)} ${padLeft('-', 16)}`;
    return `${line}${r.path ? ` ${escapeControl(r.path)}` : ''}\n`;
  };
  return {
    *begin() {
      if (!inet) return;
      let head = `Active Internet connections${q.selection === 'connected' ? '' : ' (including servers)'}\n`;
      head += 'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    ';
      if (verbose) head += '      rxbytes      txbytes  rhiwat  shiwat          process:pid';
      yield `${head}\n`;
    },
    *push(records) {
      const rows: SocketRecord[] = [];
      for (const r of records) (r.proto === 'unix' ? unix : rows).push(r);
      if (inet) yield* rowChunks(rows, inetRow);
    },
    *end() {
      if (!q.transports.includes('unix')) return;
      yield 'Active LOCAL (UNIX) domain sockets\nAddress          Type   Recv-Q Send-Q            Inode             Conn             Refs          Nextref Addr\n';
      yield* rowChunks(unix, unixRow);
    },
  };
}

/** Render a socket listing in macOS layout, in chunks. */
export function renderMacosConnections(records: readonly SocketRecord[], q: Query, names: NameTables): Iterable<string> {
  return renderAll(macosStream(q, names), records);
}
