/**
 * Linux net-tools `netstat` layout for socket listings (pure). Byte-identical to net-tools 2.10
 * for the same sockets: titles, header, `%-4s  %6ld %6ld %-23s %-23s %-11s` rows, truncation to
 * 23 columns without `-W`, `0.0.0.0:*`, `:::*`, `PID/Program name`, and the unix section.
 */
import type { Query } from '../../model/query.js';
import { transportOf, type Owner, type SocketRecord } from '../../model/socket.js';
import { unmapV4 } from '../../parse/common/ip.js';
import { padRight } from '../layout.js';
import { LineWriter } from '../line-writer.js';
import { serviceKey, type NameTables } from '../names.js';
import type { Paint } from '../paint.js';
import { ownerDetailText } from '../owner-detail.js';
import { escapeControl } from '../sanitize.js';
import { HeldRows, renderAll, rowChunks, type StreamRenderer } from '../stream.js';

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

/**
 * ` PID/Program name` cell: first owner in /proc order, cut to 19 characters like net-tools;
 * `--owner-detail` appends `[unit]` or `[container]`.
 */
function programCell(r: SocketRecord, detail = false): string {
  const o = r.owners[0];
  const text = o ? `${o.pid}/${escapeControl(o.program || o.name)}`.slice(0, 19) : '-';
  const extra = detail && o ? ownerDetailText(o) : '';
  return ` ${padRight(extra ? `${text} ${extra}` : text, 20)}`;
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

/**
 * `finish_this_one` where it has more than a newline: User/Inode, PID/Program name (`program`'s
 * cell), Timer, newline (a row with none of them ends in linuxStream's `tail`).
 */
function finish(r: SocketRecord, q: Query, names: NameTables, timers: string, program: (r: SocketRecord) => string): string {
  let s = '';
  if (q.extend > 0) {
    const uid = r.uid ?? 0;
    const user = q.numericUsers ? undefined : (r.user ?? names.users.get(uid));
    s += user !== undefined ? ` ${padRight(user, 10)} ` : ` ${padRight(String(uid), 10)} `;
    s += padRight(String(r.inode ?? 0), 10);
  }
  if (q.showProgram || q.showPid || q.showExe) s += program(r);
  if (q.timers) s += ` ${timers}`;
  return `${s}\n`;
}

function digits(v: number): number {
  return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : String(v).length;
}

/** `addr_do_one` + `%-23s`, written in place: `host:port`, cut to 23 columns unless wide. */
function writeAddress(w: LineWriter, host: string, port: number | null, svc: 'tcp' | 'udp' | 'raw', q: Query, names: NameTables): void {
  // The port as text only when it is a name or `*`; numbers are written digit by digit.
  const named = !port ? '*' : q.numericPorts ? null : (names.services.get(serviceKey(svc, port)) ?? null);
  const portLen = named !== null ? named.length : digits(port as number);
  if (!q.wide && host.length + portLen > 22) {
    const text = netToolsAddress(host, named ?? String(port), false);
    w.padRight(text, 23);
    return;
  }
  w.repeated(host).char(58);
  if (named !== null) w.repeated(named);
  else w.numLeft(port as number, 0);
  w.spaces(23 - host.length - 1 - portLen);
}

/** Both queues empty (most rows): `%6ld %6ld ` of two zeros. */
const EMPTY_QUEUES = '     0      0 ';

/** One Internet row: `%-4s  %6ld %6ld %-23s %-23s %-11s` and `finish_this_one`. */
function inetRow(w: LineWriter, r: SocketRecord, q: Query, names: NameTables, paint: Paint | undefined, tail: (r: SocketRecord) => void): void {
  const t = transportOf(r.proto);
  const svc = t === 'unix' ? 'tcp' : t;
  let state: string;
  if (t === 'tcp') state = r.state === null ? '' : r.state;
  else if (t === 'udp') state = r.state === 'ESTABLISHED' ? 'ESTABLISHED' : r.state === null || r.state === 'CLOSE' ? '' : 'UNKNOWN';
  else state = String(r.rawState ?? (r.state === 'ESTABLISHED' ? 1 : 7));
  // tcp `%-4s  ` and udp `%-5s ` give the same six columns.
  w.repeated(r.proto).spaces(6 - r.proto.length);
  const recvQ = r.recvQ ?? 0;
  const sendQ = r.sendQ ?? 0;
  if (recvQ === 0 && sendQ === 0) w.repeated(EMPTY_QUEUES);
  else w.numLeft(recvQ, 6).char(32).numLeft(sendQ, 6).char(32);
  writeAddress(w, netToolsHost(r.localAddress, r.family, q.numericHosts, names), r.localPort, svc, q, names);
  w.char(32);
  writeAddress(w, netToolsHost(r.remoteAddress, r.family, q.numericHosts, names), r.remotePort, svc, q, names);
  w.char(32);
  if (paint === undefined) w.repeated(state).spaces(11 - state.length);
  else w.text(paint.state(state, t === 'raw' ? null : r.state)).spaces(11 - state.length);
  tail(r);
}

function unixRow(r: SocketRecord, q: Query, paint: Paint | undefined): string {
  const flags = r.unixFlags ?? 0;
  let f = '[ ';
  if (flags & 0x10000) f += 'ACC ';
  if (flags & 0x20000) f += 'W ';
  if (flags & 0x40000) f += 'N ';
  f += ']';
  const state = r.state === null ? '' : (UNIX_STATE[r.state] ?? 'UNKNOWN');
  const stateCell = paint === undefined ? padRight(state, 13) : paint.state(state, r.state) + ' '.repeat(Math.max(0, 13 - state.length));
  let s = `unix  ${padRight(String(r.refCnt ?? 0), 6)} ${padRight(f, 11)} ${padRight(r.unixType ?? 'UNKNOWN', 10)} ${stateCell} `;
  s += r.inode !== undefined ? padRight(String(r.inode), 8) : '-       ';
  if (q.showProgram || q.showPid || q.showExe) s += programCell(r, q.ownerDetail);
  // net-tools reads the path with sscanf("%s"): the first word only.
  const path = escapeControl((r.path ?? '').split(/[ \t]/, 1)[0] ?? '');
  return `${s} ${path}\n`;
}

/**
 * net-tools layout as a stream: the Internet section as records arrive, the unix section at the end.
 * `paint` colours the state words (terminals); without it the rows are net-tools' bytes.
 */
export function linuxStream(q: Query, names: NameTables, paint?: Paint, writer?: LineWriter): StreamRenderer {
  const inet = q.transports.some((t) => t !== 'unix');
  const owners = q.showProgram || q.showPid || q.showExe;
  const unix: SocketRecord[] = [];
  const w = writer ?? new LineWriter();
  // The PID/Program name cell depends on the first owner only: made once per process.
  const programCells = new Map<Owner, string>();
  const program = (r: SocketRecord): string => {
    const o = r.owners[0];
    if (o === undefined) return programCell(r, q.ownerDetail);
    let cell = programCells.get(o);
    if (cell === undefined) {
      cell = programCell(r, q.ownerDetail);
      programCells.set(o, cell);
    }
    return cell;
  };
  // The end of a row (`finish_this_one`): a newline, the program cell and a newline, or all of it.
  const plain = q.extend === 0 && !owners && !q.timers;
  const programOnly = q.extend === 0 && owners && !q.timers;
  const tailOf =
    (w: LineWriter) =>
    (r: SocketRecord): void => {
      if (plain) w.char(10);
      else if (programOnly) w.repeated(program(r)).char(10);
      else w.text(finish(r, q, names, q.timers ? timerText(r, transportOf(r.proto) === 'tcp') : '', program));
    };
  const tail = tailOf(w);
  return {
    *begin() {
      if (!inet) return;
      let head = `${sectionTitle('Internet connections', q)}\nProto Recv-Q Send-Q Local Address           Foreign Address         State      `;
      if (q.extend > 0) head += ' User       Inode     ';
      if (owners) head += ` ${padRight('PID/Program name', 20)}`;
      if (q.timers) head += ' Timer';
      yield `${head}\n`;
    },
    // Rows gather in the writer across batches and go out in large chunks (see LineWriter).
    *push(records) {
      for (const r of records) {
        if (r.proto === 'unix') unix.push(r);
        else if (inet) {
          inetRow(w, r, q, names, paint, tail);
          if (w.full()) yield w.take();
        }
      }
    },
    *end() {
      if (w.length > 0) yield w.take();
      if (!q.transports.includes('unix')) return;
      let head = `${sectionTitle('UNIX domain sockets', q)}\nProto RefCnt Flags       Type       State         I-Node  `;
      if (owners) head += ` ${padRight('PID/Program name', 20)}`;
      yield `${head} Path\n`;
      yield* rowChunks(unix, (r) => unixRow(r, q, paint));
    },
    later() {
      // Held rows gather in a writer of their own (the main one may be drained to the output).
      const held = new HeldRows();
      const hw = held.writer;
      const htail = tailOf(hw);
      return {
        push(records) {
          for (const r of records) {
            if (r.proto === 'unix') unix.push(r);
            else if (inet) {
              inetRow(hw, r, q, names, paint, htail);
              if (hw.full()) hw.take();
            }
          }
        },
        *close() {
          if (w.length > 0) yield w.take();
          yield* held.take();
        },
      };
    },
  };
}

/** Render a socket listing in net-tools layout, in chunks. */
export function renderLinuxConnections(records: readonly SocketRecord[], q: Query, names: NameTables): Iterable<string> {
  return renderAll(linuxStream(q, names), records);
}
