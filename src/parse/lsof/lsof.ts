/**
 * Parsers for `lsof -i` (pure): the table (`-nP` or with names) and the `-F` field output.
 * lsof prints one row per process and descriptor; rows naming the same socket (same DEVICE
 * and NODE, or the same `d` field) become one record with every owner.
 *
 * Real input line (`lsof -i`, OS X):
 * ```
 * node      31833 matt   12u  IPv4 0x84b8f95379591003      0t0  TCP *:20559 (LISTEN)
 * ```
 * → `{ proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 20559, remoteAddress: '0.0.0.0',
 *      remotePort: 0, state: 'LISTEN', owners: [{ pid: 31833, name: 'node' }], user: 'matt' }`
 *
 * Real field output (`lsof -nP -iTCP -F pcnPtT`, Linux): `p3955`, `cnode`, `tIPv4`, `PTCP`,
 * `n127.0.0.1:45001`, `TST=LISTEN` → the same shape of record.
 */
import type { Owner, Proto, SocketRecord } from '../../model/socket.js';
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';
import { endpoint, EndpointNotes, splitColonEndpoint, type Endpoint } from '../common/endpoint.js';
import { inetRecord } from '../common/records.js';
import { numberedLines, Skips, spans, type CaptureOptions, type Line, type ParsedText } from '../common/text.js';

/** A row of the lsof table for an Internet socket: `… IPv4|IPv6 DEVICE [SIZE/OFF] TCP|UDP NAME`. */
export const LSOF_ROW = /^\S+\s+\d+\s.*\s(IPv4|IPv6)\s+\S+\s+(?:\S+\s+)?(TCP|UDP|ICMP|ICMPV6)\s+\S/;
/** lsof field output: every line is a field letter followed by its value, starting with `p<pid>`. */
export const LSOF_FIELD_LINE = /^[pcfnPtTdugLRaloGiksKSZD]/;

/** `\x20`-style escapes lsof uses in COMMAND and NAME. */
function unescapeLsof(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** lsof state words (`ESTABLISHED`, `LISTEN`, `CLOSE_WAIT`, `IDLE`, `BOUND` …). */
function lsofState(word: string | undefined, transport: 'tcp' | 'udp' | 'raw'): TcpState | null {
  if (transport !== 'tcp' || word === undefined) return null;
  const w = word.toUpperCase();
  if (w === 'IDLE' || w === 'CLOSED') return 'CLOSE';
  return STATE_ALIASES[w] ?? 'UNKNOWN';
}

interface Socket {
  transport: 'tcp' | 'udp' | 'raw';
  family: 'inet' | 'inet6';
  name: string;
  state: TcpState | null;
  recvQ: number | null;
  sendQ: number | null;
}

/** NAME → endpoints: `a:1->b:2`, `*:80`, `[::1]:5354`, `*:*`. */
function socketRecord(s: Socket, owners: Owner[], opts: CaptureOptions, notes: EndpointNotes): SocketRecord | null {
  const [lt, rt] = s.name.split('->') as [string, string | undefined];
  const ep = (text: string): Endpoint | null => {
    const hp = splitColonEndpoint(text);
    if (!hp) return null;
    const e = endpoint(hp.host, hp.port, s.family, s.transport === 'raw' ? 'raw' : s.transport, opts.services);
    notes.unknownService(e.unknownService);
    return e;
  };
  const local = ep(lt);
  const remote = rt !== undefined ? ep(rt) : null;
  if (!local || (rt !== undefined && !remote)) return null;
  // No peer: the unspecified address and port 0, as netstat and ss print it.
  return inetRecord((s.family === 'inet6' ? `${s.transport}6` : s.transport) as Exclude<Proto, 'unix'>, local, remote, s.state, s.recvQ, s.sendQ, owners);
}

function transportOfNode(node: string): 'tcp' | 'udp' | 'raw' {
  const n = node.toUpperCase();
  return n === 'TCP' ? 'tcp' : n === 'UDP' ? 'udp' : 'raw';
}

/** Add an owner to a record unless that pid is already there. */
function addOwner(r: SocketRecord, o: Owner): void {
  if (!r.owners.some((x) => x.pid === o.pid)) r.owners.push(o);
}

/** Parse the `lsof -i` table. */
export function parseLsofTable(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const byDevice = new Map<string, SocketRecord>();
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '' || /^COMMAND\s+PID\s/.test(t)) continue;
    if (!LSOF_ROW.test(t)) {
      skips.add(line, 'not an lsof Internet socket row');
      continue;
    }
    const sp = spans(t);
    const typeIdx = sp.findIndex((s, i) => i >= 2 && (s.text === 'IPv4' || s.text === 'IPv6'));
    const nodeIdx = sp.findIndex((s, i) => i > typeIdx + 1 && /^(TCP|UDP|ICMP|ICMPV6)$/i.test(s.text));
    const nameSpan = sp[nodeIdx + 1];
    if (typeIdx < 0 || nodeIdx < 0 || !nameSpan) {
      skips.add(line, 'lsof row without TYPE, NODE or NAME');
      continue;
    }
    const nameText = t.slice(nameSpan.start).trim();
    const m = /^(\S+)(?:\s+\(([^)]+)\))?$/.exec(nameText);
    const transport = transportOfNode((sp[nodeIdx] as { text: string }).text);
    const sock: Socket = {
      transport,
      family: sp[typeIdx]?.text === 'IPv6' ? 'inet6' : 'inet',
      name: unescapeLsof(m?.[1] ?? nameText),
      state: lsofState(m?.[2], transport),
      recvQ: null,
      sendQ: null,
    };
    const owner: Owner = { pid: Number(sp[1]?.text), name: unescapeLsof(sp[0]?.text ?? '') };
    const device = typeIdx + 1 < nodeIdx ? (sp[typeIdx + 1]?.text ?? '') : '';
    const key = device && device !== '0' ? `${device}/${transport}/${sock.name}` : '';
    const known = key ? byDevice.get(key) : undefined;
    if (known) {
      addOwner(known, owner);
      continue;
    }
    const r = socketRecord(sock, [owner], opts, notes);
    if (!r) {
      skips.add(line, 'unreadable NAME');
      continue;
    }
    const user = sp[typeIdx - 2]?.text;
    if (user !== undefined && typeIdx - 2 >= 2) {
      if (/^\d+$/.test(user)) r.uid = Number(user);
      else r.user = user;
    }
    // Linux lsof prints the socket inode as DEVICE.
    if (/^\d+$/.test(device)) r.inode = Number(device);
    if (key) byDevice.set(key, r);
    records.push(r);
  }
  return { records, skipped: skips.list, notes: notes.list(opts.source, 'lsof') };
}

/** Parse `lsof -F` field output (any field selection that includes `n`; `p`, `c`, `P`, `t`, `T`, `d` are used when present). */
export function parseLsofFields(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const byDevice = new Map<string, SocketRecord>();
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  let proc: { pid: number; name: string; uid?: number; login?: string } | null = null;
  let file: Record<string, string> = {};
  let fileLine: Line | null = null;
  let guessedProto = 0;
  let guessedState = 0;

  const flush = (): void => {
    if (!proc || !fileLine || file['n'] === undefined) {
      file = {};
      fileLine = null;
      return;
    }
    const type = file['t'];
    if (type !== undefined && type !== 'IPv4' && type !== 'IPv6') {
      skips.add(fileLine, `lsof ${type} file has no place in a socket record`);
      file = {};
      fileLine = null;
      return;
    }
    const tcpInfo = new Map<string, string>();
    for (const part of (file['T'] ?? '').split('\u0000')) {
      const eq = part.indexOf('=');
      if (eq > 0) tcpInfo.set(part.slice(0, eq), part.slice(eq + 1));
    }
    let protoText = file['P'];
    if (protoText === undefined) {
      guessedProto++;
      protoText = 'TCP';
    }
    const transport = transportOfNode(protoText);
    const name = unescapeLsof(file['n']);
    const family: 'inet' | 'inet6' = type === 'IPv6' || (type === undefined && name.startsWith('[')) ? 'inet6' : 'inet';
    const qr = tcpInfo.get('QR');
    const qs = tcpInfo.get('QS');
    const sock: Socket = {
      transport,
      family,
      name,
      state: lsofState(tcpInfo.get('ST'), transport),
      recvQ: qr !== undefined && /^\d+$/.test(qr) ? Number(qr) : null,
      sendQ: qs !== undefined && /^\d+$/.test(qs) ? Number(qs) : null,
    };
    if (transport === 'tcp' && !tcpInfo.has('ST')) {
      // No TCP state field (-F without T): a socket without a peer listens, one with a peer is connected.
      sock.state = name.includes('->') ? 'ESTABLISHED' : 'LISTEN';
      guessedState++;
    }
    const owner: Owner = { pid: proc.pid, name: proc.name };
    const device = file['d'] ?? '';
    const key = device ? `${device}/${transport}/${name}` : '';
    const known = key ? byDevice.get(key) : undefined;
    if (known) addOwner(known, owner);
    else {
      const r = socketRecord(sock, [owner], opts, notes);
      if (!r) skips.add(fileLine, 'unreadable n (name) field');
      else {
        if (proc.uid !== undefined) r.uid = proc.uid;
        if (proc.login !== undefined) r.user = proc.login;
        if (/^\d+$/.test(device)) r.inode = Number(device);
        if (key) byDevice.set(key, r);
        records.push(r);
      }
    }
    file = {};
    fileLine = null;
  };

  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t === '') continue;
    const field = t[0] as string;
    const value = t.slice(1);
    if (field === 'p') {
      flush();
      proc = /^\d+$/.test(value) ? { pid: Number(value), name: '' } : null;
      if (!proc) skips.add(line, 'bad pid field');
      continue;
    }
    if (!LSOF_FIELD_LINE.test(t)) {
      skips.add(line, 'not an lsof field line');
      continue;
    }
    if (fileLine === null && (field === 'c' || field === 'u' || field === 'L' || field === 'g' || field === 'R')) {
      if (proc) {
        if (field === 'c') proc.name = value;
        else if (field === 'u' && /^\d+$/.test(value)) proc.uid = Number(value);
        else if (field === 'L') proc.login = value;
      }
      continue;
    }
    // A file set starts with `f`, or with any field already seen in the current set.
    if (field === 'f' || (field !== 'T' && file[field] !== undefined)) flush();
    if (fileLine === null) fileLine = line;
    if (field === 'T') file['T'] = file['T'] === undefined ? value : `${file['T']}\u0000${value}`;
    else file[field] = value;
  }
  flush();
  const out = notes.list(opts.source, 'lsof');
  if (guessedState) out.push(`${opts.source}: ${guessedState} TCP sockets without the T (TCP state) field, taken as LISTEN (no peer) or ESTABLISHED`);
  if (guessedProto) out.push(`${opts.source}: ${guessedProto} sockets without the P (protocol) field, taken as TCP: run lsof with -F including P`);
  return { records, skipped: skips.list, notes: out };
}
