/**
 * Parser for BSD-family `netstat` socket listings (pure): macOS and FreeBSD `-an`, `-anW`, `-A`,
 * `-Abn`, `-aT`, and macOS `-anv` in both layouts — older `… rhiwat shiwat pid epid …` and newer
 * `… rxbytes txbytes rhiwat shiwat process:pid state options …` (process names may contain
 * spaces and parentheses, so the pid is read from the right of the field) — plus the unix section.
 * Columns are located from the header; rows without a header use the `-an` layout.
 *
 * Real input line (`netstat -anv -p tcp`, macOS 14, process:pid layout):
 * ```
 * tcp4       0      0  127.0.0.1.55910        127.0.0.1.4242         ESTABLISHED         2960          528  406912  146988  Codex (Service):56664  00102 00000008 000000000bf559ba 00000080 04000800      2      0 000000
 * ```
 * → `{ proto: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 55910, remoteAddress: '127.0.0.1',
 *      remotePort: 4242, state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [{ pid: 56664, name: 'Codex (Service)' }] }`
 */
import type { Owner, Proto, SocketRecord, UnixType } from '../../model/socket.js';
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';
import { endpoint, EndpointNotes, isNumericAddress, splitDotEndpoint, splitScope, type Endpoint } from '../common/endpoint.js';
import { inetRecord, unixRecord } from '../common/records.js';
import { numberedLines, Skips, spans, type CaptureOptions, type Line, type ParsedText, type Span } from '../common/text.js';

/** A BSD inet row, optionally after `-A` prefix columns: `tcp4`, `udp46`, `icm6`, AIX/old `tcp`. */
export const BSD_INET_ROW = /^(?:[0-9a-f]{6,16}\s+(?:[0-9a-f]{1,8}\s+)?)?(tcp|udp)(4|6|46)?\s+\d*\s*\d*\s*\S+\.\S+\s+\S+\.\S+/;
/** A BSD unix row: kernel address, type, two queue numbers. */
export const BSD_UNIX_ROW = /^[0-9a-f]{8,16}\s+(stream|dgram|seqpac|raw|rdm)\s+\d+\s+\d+\s/;

const UNIX_TYPES: Readonly<Record<string, UnixType>> = { stream: 'STREAM', dgram: 'DGRAM', seqpac: 'SEQPACKET', raw: 'RAW', rdm: 'RDM' };
const OTHER_ROWS: Readonly<Record<string, string>> = {
  kevt: 'kernel event sockets have no place in a socket record',
  kctl: 'kernel control sockets have no place in a socket record',
  mptcp: 'multipath TCP rows have no place in a socket record',
  rip4: 'raw IP sockets of this kind have no place in a socket record',
  rip6: 'raw IP sockets of this kind have no place in a socket record',
};

interface InetLayout {
  /** Columns before Proto (`Socket Flowhash` for -A, `PCB/ADDR` on AIX). */
  prefix: number;
  /** Names of the numeric columns between Proto and Local Address. */
  numeric: string[];
  /** Column names after Foreign Address (first `(state)` when present). */
  tail: string[];
}

const DEFAULT_LAYOUT: InetLayout = { prefix: 0, numeric: ['Recv-Q', 'Send-Q'], tail: ['(state)'] };

/** Read the column layout from an inet header line. */
export function bsdInetLayout(header: string): InetLayout | null {
  const t = header.replace(/Local Address/, 'Local-Address').replace(/Foreign Address/, 'Foreign-Address').trim().split(/\s+/);
  const p = t.indexOf('Proto');
  const l = t.indexOf('Local-Address');
  const f = t.indexOf('Foreign-Address');
  if (p < 0 || l < p || f !== l + 1) return null;
  return { prefix: p, numeric: t.slice(p + 1, l), tail: t.slice(f + 1) };
}

function bsdState(word: string | undefined): TcpState | undefined {
  if (word === undefined || /^\d/.test(word)) return undefined;
  return STATE_ALIASES[word.toUpperCase()];
}

/** The `process:pid` field → owner (`Codex (Service):56664`, `-:-` none). */
export function parseProcessPid(text: string): Owner[] {
  const m = /^(.*):(\d+)$/.exec(text.trim());
  if (!m) return [];
  return [{ pid: Number(m[2]), name: m[1] as string }];
}

interface ProtoInfo {
  transport: 'tcp' | 'udp' | 'raw';
  family: 'inet' | 'inet6' | null;
  dual: boolean;
}

function protoInfo(text: string): ProtoInfo | null {
  if (text === 'icm4') return { transport: 'raw', family: 'inet', dual: false };
  if (text === 'icm6') return { transport: 'raw', family: 'inet6', dual: false };
  const m = /^(tcp|udp)(4|6|46)?$/.exec(text);
  if (!m) return null;
  const v = m[2];
  return { transport: m[1] as 'tcp' | 'udp', family: v === '4' ? 'inet' : v === undefined ? null : 'inet6', dual: v === '46' };
}

function bsdEndpoint(text: string, transport: 'tcp' | 'udp', family: 'inet' | 'inet6', opts: CaptureOptions, notes: EndpointNotes): Endpoint | null {
  const hp = splitDotEndpoint(text);
  if (!hp) return null;
  const e = endpoint(hp.host, hp.port, family, transport, opts.services);
  notes.unknownService(e.unknownService);
  const host = splitScope(hp.host).host;
  // netstat cuts hosts to 16 characters (12 with -A) unless -W: a cut IPv6 address no longer parses.
  if (host.includes(':') && !isNumericAddress(host)) notes.truncatedHost();
  return e;
}

function inetRow(line: Line, layout: InetLayout, opts: CaptureOptions, skips: Skips, notes: EndpointNotes): SocketRecord | null {
  const sp = spans(line.text);
  let k = layout.prefix;
  const protoText = sp[k]?.text ?? '';
  const info = protoInfo(protoText);
  if (!info) {
    skips.add(line, OTHER_ROWS[protoText] ?? `${protoText} rows have no place in a socket record`);
    return null;
  }
  k++;
  const nums: Record<string, number> = {};
  for (const name of layout.numeric) {
    const tok = sp[k]?.text;
    if (tok === undefined || !/^\d+$/.test(tok)) break; // FreeBSD -aT leaves them blank for UDP
    nums[name] = Number(tok);
    k++;
  }
  const localText = sp[k]?.text;
  const remoteText = sp[k + 1]?.text;
  if (localText === undefined || remoteText === undefined) {
    skips.add(line, 'row without local and foreign address');
    return null;
  }
  k += 2;
  const family = info.family ?? (splitDotEndpoint(localText)?.host.includes(':') || splitDotEndpoint(remoteText)?.host.includes(':') ? 'inet6' : 'inet');
  const addrProto = info.transport === 'raw' ? 'tcp' : info.transport;
  const local = bsdEndpoint(localText, addrProto, family, opts, notes);
  const remote = bsdEndpoint(remoteText, addrProto, family, opts, notes);
  if (!local || !remote) {
    skips.add(line, 'unreadable address');
    return null;
  }
  let state: TcpState | null = null;
  let tail = layout.tail;
  // `-T` and friends print no state column: a TCP socket without a peer port listens; others are unknown.
  if (tail[0] !== '(state)' && info.transport === 'tcp') state = remote.port === 0 ? 'LISTEN' : 'UNKNOWN';
  if (tail[0] === '(state)') {
    tail = tail.slice(1);
    const s = bsdState(sp[k]?.text);
    if (s !== undefined) {
      if (info.transport === 'tcp') state = s;
      k++;
    }
  }
  const owners = ownersFromTail(line.text, sp.slice(k), tail);
  const proto = (family === 'inet6' ? `${info.transport}6` : info.transport) as Exclude<Proto, 'unix'>;
  const r = inetRecord(proto, local, remote, state, nums['Recv-Q'] ?? null, nums['Send-Q'] ?? null, owners);
  if (info.transport === 'raw') {
    // ICMP sockets: like Linux raw sockets, the protocol number stands in the local port.
    r.localPort = family === 'inet6' ? 58 : 1;
    r.rawState = family === 'inet6' ? 58 : 1;
  }
  if (info.dual) r.dualStack = true;
  return r;
}

/** Owners from the columns after the state: `process:pid` (newer macOS) or `pid epid` (older). */
function ownersFromTail(text: string, rest: Span[], tail: string[]): Owner[] {
  const pp = tail.indexOf('process:pid');
  if (pp >= 0) {
    const first = rest[pp];
    if (!first) return [];
    const after = tail.length - pp - 1;
    let last = rest.length - 1 - after;
    // Rows shorter than the header (UDP rows of some versions): the field ends at the first `name:pid` token.
    if (last < pp || !/:\d+$/.test((rest[last] as Span).text)) {
      last = rest.findIndex((s, i) => i >= pp && /:(\d+|-)$/.test(s.text));
      if (last < 0) return [];
    }
    return parseProcessPid(text.slice(first.start, (rest[last] as Span).end));
  }
  const p = tail.indexOf('pid');
  if (p >= 0) {
    const tok = rest[p]?.text;
    if (tok !== undefined && /^\d+$/.test(tok) && tok !== '0') return [{ pid: Number(tok), name: '' }];
  }
  return [];
}

function unixRow(line: Line, skips: Skips): SocketRecord | null {
  const sp = spans(line.text);
  if (sp.length < 8) {
    skips.add(line, 'unix row with too few columns');
    return null;
  }
  const type = UNIX_TYPES[(sp[1] as Span).text] ?? 'UNKNOWN';
  const vnode = (sp[4] as Span).text;
  const conn = (sp[5] as Span).text;
  const path = sp[8] ? line.text.slice(sp[8].start).trimEnd() : '';
  // BSD prints no state: a connected socket has a peer (Conn); a bound stream socket without one listens.
  let state: TcpState | null = null;
  if (conn !== '0') state = 'ESTABLISHED';
  else if (vnode !== '0' && (type === 'STREAM' || type === 'SEQPACKET')) state = 'LISTEN';
  return unixRecord({ state, unixType: type, path, owners: [], recvQ: Number((sp[2] as Span).text), sendQ: Number((sp[3] as Span).text) });
}

/** Parse a BSD/macOS `netstat` socket listing (inet and unix sections). */
export function parseBsdSockets(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  let layout = DEFAULT_LAYOUT;
  let section: 'inet' | 'unix' | 'other' = 'inet';
  let otherReason = '';
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '') continue;
    if (/^Active .*Internet/.test(t)) {
      section = /Multipath/.test(t) ? 'other' : 'inet';
      otherReason = 'multipath TCP rows have no place in a socket record';
      continue;
    }
    if (/^Active .*(UNIX|LOCAL)/.test(t)) {
      section = 'unix';
      continue;
    }
    if (/^(Active kernel|Registered kernel)/.test(t)) {
      section = 'other';
      otherReason = `${t.trim().replace(/^Active |^Registered /, '')} have no place in a socket record`;
      continue;
    }
    if (/\bProto\b/.test(t) && /Local Address/.test(t)) {
      layout = bsdInetLayout(t) ?? DEFAULT_LAYOUT;
      continue;
    }
    if (/^Address\s+Type\s+Recv-Q/.test(t) || /^(SADR\/PCB|id\s+flags|kctlref|Proto\s+Recv-Q\s+Send-Q\s+(vendor|unit))/.test(t)) continue;
    if (BSD_UNIX_ROW.test(t)) {
      const r = unixRow(line, skips);
      if (r) records.push(r);
      continue;
    }
    const sp = spans(t);
    const first = sp[layout.prefix]?.text ?? sp[0]?.text ?? '';
    if (protoInfo(first) || (section === 'inet' && /^(tcp|udp|icm|rip)/.test(first))) {
      const r = inetRow(line, section === 'inet' ? layout : DEFAULT_LAYOUT, opts, skips, notes);
      if (r) records.push(r);
      continue;
    }
    if (section === 'other') skips.add(line, otherReason);
    else if (OTHER_ROWS[sp[0]?.text ?? '']) skips.add(line, OTHER_ROWS[sp[0]?.text ?? ''] as string);
    else if (section === 'unix' && /^[0-9a-f]{8,16}$/.test(t.trim())) skips.add(line, 'continuation line of a unix row (AIX)');
    else skips.add(line, 'not a netstat socket row');
  }
  return { records, skipped: skips.list, notes: notes.list(opts.source, 'netstat') };
}
