/**
 * Windows `netstat.exe` layout for socket listings (pure): leading blank line, `Active Connections`,
 * two-space indent, `  %-5s  %-21s  %-21s  %s` rows that grow when an address overflows, `[::]:135`,
 * `0.0.0.0:0` for a listener's foreign end, `*:*` for UDP, the PID column with `-o`, and the
 * multi-line `-b` record. Checked against the captures in `fixtures/windows/`.
 */
import type { Query } from '../../model/query.js';
import { transportOf, type SocketRecord } from '../../model/socket.js';
import { WINDOWS_STATE_NAME } from '../../model/tcp-state.js';
import { ipv4ToNumber, isV4Mapped, parseIPv6, unmapV4 } from '../../parse/common/ip.js';
import { padRight } from '../layout.js';
import { serviceKey, type NameTables } from '../names.js';
import type { Paint } from '../paint.js';
import { escapeControl } from '../sanitize.js';
import { renderAll, rowChunks, type StreamRenderer } from '../stream.js';

const ORDER: Readonly<Record<string, number>> = { tcp: 0, tcp6: 1, udp: 2, udp6: 3, raw: 4, raw6: 5, unix: 6 };

/** Sort key bytes of an address (network order), for netstat.exe's table order. */
function addrKey(a: string | null): string {
  if (a === null) return '';
  const v4 = ipv4ToNumber(a);
  if (v4 !== null) return v4.toString(16).padStart(8, '0');
  const v6 = parseIPv6(a);
  return v6 ? Buffer.from(v6).toString('hex') : a;
}

/**
 * How Windows shows a record: IPv4 connections of a dual-stack socket (`::ffff:a.b.c.d` on Linux)
 * appear in the IPv4 table there, so they are shown as IPv4.
 */
export function asWindowsSees(r: SocketRecord): SocketRecord {
  if (r.family !== 'inet6' || !isV4Mapped(r.localAddress ?? '')) return r;
  const remote = r.remoteAddress === '::' ? '0.0.0.0' : unmapV4(r.remoteAddress ?? '');
  return { ...r, proto: r.proto === 'tcp6' ? 'tcp' : r.proto === 'udp6' ? 'udp' : r.proto, family: 'inet', localAddress: unmapV4(r.localAddress ?? ''), remoteAddress: remote };
}

/** Records in netstat.exe order: TCP, TCPv6, UDP, UDPv6, each by local then remote address and port. */
export function windowsOrder(records: readonly SocketRecord[]): SocketRecord[] {
  const keyed = records.map(asWindowsSees).map((r) => ({
    r,
    k: `${ORDER[r.proto] ?? 9}|${addrKey(r.localAddress)}|${String(r.localPort ?? 0).padStart(5, '0')}|${addrKey(r.remoteAddress)}|${String(r.remotePort ?? 0).padStart(5, '0')}`,
  }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.r);
}

function bracket(addr: string, scope: string | undefined, family: SocketRecord['family']): string {
  if (family !== 'inet6') return addr;
  return `[${addr}${scope ? `%${scope}` : ''}]`;
}

/** Foreign host text: resolved names unless numeric (short names unless -f), this host for `0.0.0.0`. */
function foreignHost(r: SocketRecord, q: Query, names: NameTables): string {
  const a = r.remoteAddress ?? (r.family === 'inet6' ? '::' : '0.0.0.0');
  if (!q.numericHosts) {
    if (a === '0.0.0.0' || a === '::') return escapeControl(names.hostname);
    const name = names.hosts.get(a);
    if (name !== undefined) return escapeControl(q.fqdn || /^[\d.]+$/.test(name) ? name : (name.split('.')[0] ?? name));
  }
  return bracket(a, r.remoteScope, r.family);
}

function localText(r: SocketRecord): string {
  if (r.proto === 'unix') return escapeControl(r.path || (r.inode !== undefined ? `@${r.inode}` : '*'));
  const a = r.localAddress ?? (r.family === 'inet6' ? '::' : '0.0.0.0');
  return `${bracket(a, r.localScope, r.family)}:${r.localPort ?? 0}`;
}

function foreignText(r: SocketRecord, q: Query, names: NameTables): string {
  const t = transportOf(r.proto);
  if (t === 'unix') return '*:*';
  if (t !== 'tcp' && (r.remoteAddress === null || r.remoteAddress === '0.0.0.0' || r.remoteAddress === '::') && !r.remotePort) return '*:*';
  const host = foreignHost(r, q, names);
  const port = r.remotePort ?? 0;
  const svc = !q.numericPorts && port ? names.services.get(serviceKey(t === 'udp' ? 'udp' : 'tcp', port)) : undefined;
  return `${host}:${svc ?? port}`;
}

/**
 * The PID cell: first owner (netstat.exe has one PID per row). A socket no process holds (inode 0:
 * TIME_WAIT, orphans) is the kernel's, PID 0 as on Windows; `-` when the owner could not be read.
 */
function pidText(r: SocketRecord): string {
  const o = r.owners[0];
  return o ? String(o.pid) : r.inode === 0 ? '0' : '-';
}

/** The `-b` follow-up line(s) for a record. */
function exeLines(r: SocketRecord, eol: string): string {
  const o = r.owners[0];
  if ((o && o.pid === 0) || (!o && r.inode === 0)) return '';
  if (!o || !o.name) return ` Can not obtain ownership information${eol}`;
  // Elevated netstat.exe names the service above the image: `  RpcSs` then ` [svchost.exe]`.
  const service = o.service ?? o.services?.join(', ');
  return `${service ? `  ${escapeControl(service)}${eol}` : ''} [${escapeControl(o.name)}]${eol}`;
}

export interface WindowsRenderOptions {
  /** Line ending: CRLF on Windows hosts, LF elsewhere. */
  eol: string;
  /** Colour for state words (terminals); absent: netstat.exe's bytes. */
  paint?: Paint | undefined;
}

/** netstat.exe layout as a stream: it sorts its table, so rows are printed at the end. */
export function windowsStream(q: Query, names: NameTables, opts: WindowsRenderOptions): StreamRenderer {
  const eol = opts.eol;
  const pid = q.showPid || q.showProgram;
  const exe = q.showExe || q.showProgram;
  const held: SocketRecord[] = [];
  const paint = opts.paint;
  const stateCell = (text: string, r: SocketRecord, width: number): string =>
    paint === undefined ? padRight(text, width) : paint.state(text, r.state) + ' '.repeat(Math.max(0, width - text.length));
  const row = (r: SocketRecord): string => {
    const t = transportOf(r.proto);
    const proto = t === 'tcp' ? 'TCP' : t === 'udp' ? 'UDP' : t === 'raw' ? 'RAW' : 'UNIX';
    // netstat.exe prints no state for UDP (its UDP table has none).
    const state = r.state === null || t === 'udp' ? '' : WINDOWS_STATE_NAME[r.state];
    let line = `  ${padRight(proto, 5)}  ${padRight(localText(r), 21)}  ${padRight(foreignText(r, q, names), 21)}  `;
    if (pid || q.offload) {
      line += stateCell(state, r, 15) + ' ';
      if (pid) line += q.offload ? padRight(pidText(r), 8) : pidText(r);
      if (q.offload) line += r.offload ?? 'InHost';
    } else line += paint === undefined ? state : paint.state(state, r.state);
    return `${line}${eol}${exe ? exeLines(r, eol) : ''}`;
  };
  return {
    *begin() {
      let head = '  Proto  Local Address          Foreign Address        State';
      if (pid) head = `${padRight(head, 71)}PID`;
      if (q.offload) head = `${padRight(head, pid ? 79 : 71)}Offload State`;
      yield `${eol}Active Connections${eol}${eol}${head}${eol}`;
    },
    *push(records) {
      for (const r of records) held.push(r);
    },
    *end() {
      yield* rowChunks(windowsOrder(held), row);
    },
  };
}

/** Render a socket listing in netstat.exe layout, in chunks. */
export function renderWindowsConnections(records: readonly SocketRecord[], q: Query, names: NameTables, opts: WindowsRenderOptions): Iterable<string> {
  return renderAll(windowsStream(q, names, opts), records);
}
