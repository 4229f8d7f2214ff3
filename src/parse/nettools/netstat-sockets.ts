/**
 * Parser for net-tools `netstat` socket listings (pure): `-tulpn`, `-an`, `-ap`, `-e`, `-o`, with
 * the unix section, in any language net-tools ships (rows are recognised by shape, not by the
 * translated titles).
 *
 * Real input line (`sudo netstat -lnp`, CentOS 7.7):
 * ```
 * tcp6       0      0 :::22                   :::*                    LISTEN      1206/sshd
 * ```
 * → `{ proto: 'tcp6', family: 'inet6', localAddress: '::', localPort: 22, remoteAddress: '::',
 *      remotePort: 0, state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 1206, name: 'sshd' }] }`
 */
import { UNIX_ACCEPTCON, type Owner, type Proto, type SocketRecord } from '../../model/socket.js';
import { endpoint, EndpointNotes, isNumericAddress, splitColonEndpoint, splitScope, type Endpoint } from '../common/endpoint.js';
import { inetRecord, unixRecord } from '../common/records.js';
import { int, numberedLines, Skips, spans, type CaptureOptions, type Line, type ParsedText, type Span } from '../common/text.js';
import { NETTOOLS_UNIX_STATE, NETTOOLS_UNIX_TYPE, netToolsInetState } from './states.js';

const INET_PROTOS: ReadonlySet<string> = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6']);
/** Other protocols net-tools lists that have no place in a socket record. */
const OTHER_PROTOS: ReadonlySet<string> = new Set(['udpl', 'udpl6', 'sctp', 'sctp6', 'ax25', 'ipx', 'netrom', 'rose', 'x25', 'l2cap', 'rfcomm']);

/** A net-tools inet row: proto, two queue numbers, then two addresses. */
export const NETTOOLS_INET_ROW = /^(tcp|udp|raw|udpl)6?\s+\d+\s+\d+\s+\S+\s+\S+/;
/** A net-tools unix row: `unix  2      [ ACC ]  …`. */
export const NETTOOLS_UNIX_ROW = /^unix\s+\d+\s+\[/;

/** Timer column (`-o`), in English or German: `off (0.00/0/0)`, `keepalive (7195.75/0/0)`. */
const TIMER = /\s((off|on\d*|keepalive|timewait|probe|unkn-\d+|aus|ein\d*)\s\((-?[\d.]+)\/(\d+)\/(\d+)\))\s*$/;
const TIMER_KIND: Readonly<Record<string, number>> = { off: 0, aus: 0, on: 1, ein: 1, keepalive: 2, timewait: 3, probe: 4 };

interface InetColumns {
  extend: boolean;
  program: boolean;
}

interface UnixColumns {
  program: boolean;
  /** Width of the PID/Program name column (net-tools pads it; names may contain spaces). */
  programWidth: number;
}

/** `1234/sshd` → owner; `-` (unknown) → none. */
export function parseProgram(text: string): Owner[] {
  const m = /^(\d+)\/(.*)$/.exec(text.trim());
  if (!m) return [];
  const name = (m[2] as string).trimEnd();
  return [{ pid: Number(m[1]), name, program: name }];
}

const pidLike = (s: string | undefined): boolean => s !== undefined && (/^\d+\//.test(s) || s === '-');

function endpointOf(text: string, family: 'inet' | 'inet6', proto: 'tcp' | 'udp' | 'raw', opts: CaptureOptions, notes: EndpointNotes): Endpoint | null {
  const hp = splitColonEndpoint(text);
  if (!hp) return null;
  const e = endpoint(hp.host, hp.port, family, proto, opts.services);
  notes.unknownService(e.unknownService);
  // net-tools cuts `host:port` to 23 characters without -W; a numeric address that no longer parses was cut.
  const host = splitScope(hp.host.replace(/^\[|\]$/g, '')).host;
  if (text.length === 23 && !isNumericAddress(host) && host !== '*') notes.truncatedHost();
  return e;
}

function inetRow(line: Line, cols: InetColumns, opts: CaptureOptions, skips: Skips, notes: EndpointNotes, unknownWords: Set<string>): SocketRecord | null {
  let text = line.text;
  let timer: SocketRecord['timer'];
  const tm = TIMER.exec(text);
  if (tm) {
    const kind = TIMER_KIND[(tm[2] as string).replace(/\d+$/, '')] ?? 5;
    timer = [kind, Math.round(Number(tm[3]) * 100), Number(tm[4]), Number(tm[5])];
    text = text.slice(0, tm.index);
  }
  const sp = spans(text);
  const protoText = (sp[0] as Span).text;
  if (!INET_PROTOS.has(protoText)) {
    skips.add(line, `${protoText} sockets have no place in a socket record`);
    return null;
  }
  const proto = protoText as Exclude<Proto, 'unix'>;
  const family = proto.endsWith('6') ? 'inet6' : 'inet';
  const transport = proto.replace('6', '') as 'tcp' | 'udp' | 'raw';
  const recvQ = int(sp[1]?.text);
  const sendQ = int(sp[2]?.text);
  const local = sp[3] ? endpointOf(sp[3].text, family, transport, opts, notes) : null;
  const remote = sp[4] ? endpointOf(sp[4].text, family, transport, opts, notes) : null;
  if (Number.isNaN(recvQ) || Number.isNaN(sendQ) || !local || !remote) {
    skips.add(line, 'not a net-tools socket row (queues or addresses unreadable)');
    return null;
  }
  let i = 5;
  let state: SocketRecord['state'] = null;
  let rawState: number | undefined;
  const next = sp[i]?.text;
  if (transport === 'tcp' && next !== undefined && !pidLike(next)) {
    const known = netToolsInetState(next);
    if (!known) unknownWords.add(next);
    // A state word of an unshipped translation: a socket without a peer port is listening.
    state = known ?? (remote.port === 0 ? 'LISTEN' : 'UNKNOWN');
    i++;
  } else if (transport === 'raw' && next !== undefined && /^\d+$/.test(next)) {
    rawState = Number(next);
    state = rawState === 1 ? 'ESTABLISHED' : null;
    i++;
  } else if (transport === 'udp' && next !== undefined && !pidLike(next) && (netToolsInetState(next) !== undefined || /^[\p{Lu}_]+$/u.test(next))) {
    const known = netToolsInetState(next);
    if (!known) unknownWords.add(next);
    state = known === 'CLOSE' ? null : known ?? 'UNKNOWN';
    i++;
  }
  let uid: number | undefined;
  let user: string | undefined;
  let inode: number | undefined;
  if (cols.extend && sp[i + 1] && /^\d+$/.test((sp[i + 1] as Span).text) && !pidLike(sp[i]?.text)) {
    const u = (sp[i] as Span).text;
    if (/^\d+$/.test(u)) uid = Number(u);
    else user = u;
    inode = Number((sp[i + 1] as Span).text);
    i += 2;
  }
  let owners: Owner[] = [];
  const rest = sp[i];
  if (rest && (cols.program || pidLike(rest.text))) owners = parseProgram(text.slice(rest.start));
  else if (rest) {
    skips.add(line, `unexpected text after the columns: ${text.slice(rest.start).trim()}`);
    return null;
  }
  const r = inetRecord(proto, local, remote, state, recvQ, sendQ, owners);
  if (rawState !== undefined) r.rawState = rawState;
  if (uid !== undefined) r.uid = uid;
  if (user !== undefined) r.user = user;
  if (inode !== undefined) r.inode = inode;
  if (timer) r.timer = timer;
  return r;
}

function unixRow(line: Line, cols: UnixColumns, skips: Skips): SocketRecord | null {
  const text = line.text;
  const open = text.indexOf('[');
  const close = text.indexOf(']', open);
  const head = spans(text.slice(0, open));
  const refCnt = int(head[1]?.text);
  if (open < 0 || close < 0 || Number.isNaN(refCnt)) {
    skips.add(line, 'not a net-tools unix row');
    return null;
  }
  const flags = text.slice(open + 1, close).trim().split(/\s+/);
  const after = spans(text.slice(close + 1)).map((s) => ({ ...s, start: s.start + close + 1, end: s.end + close + 1 }));
  const typeWord = after[0]?.text ?? '';
  let k = 1;
  let stateWord = '';
  if (after[k] && !/^\d+$/.test((after[k] as Span).text)) stateWord = (after[k++] as Span).text;
  const inodeSpan = after[k];
  if (!inodeSpan || !/^\d+$/.test(inodeSpan.text)) {
    skips.add(line, 'unix row without an inode number');
    return null;
  }
  let owners: Owner[] = [];
  let path = '';
  const restStart = after[k + 1]?.start;
  if (restStart !== undefined) {
    if (cols.program) {
      const progText = text.slice(restStart, restStart + cols.programWidth);
      owners = parseProgram(progText);
      path = text.slice(restStart + cols.programWidth).trim();
    } else path = text.slice(restStart).trim();
  }
  const state = stateWord === '' ? null : NETTOOLS_UNIX_STATE[stateWord.toUpperCase()] ?? 'UNKNOWN';
  const r = unixRecord({ state, unixType: NETTOOLS_UNIX_TYPE[typeWord.toUpperCase()] ?? 'UNKNOWN', path, owners });
  r.inode = Number(inodeSpan.text);
  r.refCnt = refCnt;
  if (flags.includes('ACC')) r.unixFlags = UNIX_ACCEPTCON;
  return r;
}

/** Parse a net-tools `netstat` socket listing (inet and unix sections). */
export function parseNetToolsSockets(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  const unknownWords = new Set<string>();
  const lines = numberedLines(text);
  let inet: InetColumns = { extend: false, program: false };
  let unix: UnixColumns = { program: false, programWidth: 20 };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as Line;
    const t = line.text;
    if (t.trim() === '') continue;
    if (NETTOOLS_INET_ROW.test(t)) {
      const r = inetRow(line, inet, opts, skips, notes, unknownWords);
      if (r) records.push(r);
      continue;
    }
    if (NETTOOLS_UNIX_ROW.test(t)) {
      const r = unixRow(line, unix, skips);
      if (r) records.push(r);
      continue;
    }
    const sp = spans(t);
    if (/Recv-Q/.test(t) && /Send-Q/.test(t)) {
      inet = { extend: /\bInode\b/.test(t), program: /PID\//.test(t) };
      continue;
    }
    if (sp[0]?.text === 'Proto' && /I-Node/.test(t)) {
      const pid = sp.find((s) => s.text.startsWith('PID/'));
      const last = sp[sp.length - 1] as Span;
      unix = { program: pid !== undefined, programWidth: pid && last.start > pid.start ? last.start - pid.start - 1 : 20 };
      continue;
    }
    // A title ("Active Internet connections (servers and established)", translated or not)
    // is the line just before a header.
    // (Found by scanning ahead, never by copying the rest: this runs for every line that is no row.)
    let nextText = '';
    for (let k = n + 1; k < lines.length && nextText === ''; k++) nextText = (lines[k] as Line).text.trim() === '' ? '' : (lines[k] as Line).text;
    if (/Recv-Q|I-Node|RefCnt/.test(nextText) || /^Proto\s/.test(nextText)) continue;
    const proto = sp[0]?.text ?? '';
    if (OTHER_PROTOS.has(proto)) skips.add(line, `${proto} sockets have no place in a socket record`);
    else skips.add(line, 'not a net-tools socket row');
  }
  const out = notes.list(opts.source, 'netstat');
  if (unknownWords.size)
    out.push(`${opts.source}: state words not recognised (sockets without a peer taken as LISTEN, others UNKNOWN): ${[...unknownWords].join(', ')}`);
  return { records, skipped: skips.list, notes: out };
}
