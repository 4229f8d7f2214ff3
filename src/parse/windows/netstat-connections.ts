/**
 * Parser for Windows `netstat.exe` connection listings: `-a`, `-an`, `-ano`, `-anob`, `-anbv`,
 * plain `netstat` (names resolved), in any display language, from a string or captured bytes
 * (UTF-16LE with BOM, UTF-8, CRLF …). Pure; shared by the Windows fallback probe and `--parse`.
 *
 * Nothing depends on English words. A row is recognised by its shape: a `TCP`/`UDP` token, a local
 * `address:port` (`[v6]:port` for IPv6), a foreign `address:port` or `*:*`, then for TCP a state
 * word (translated on some systems, possibly two words), then an optional numeric PID (present
 * even where a translated header has no `PID` title). Titles and headers are whatever stands
 * before the rows or after a blank line. Lines right under a row are the `-b` record: `[exe]`,
 * a service name above it, component paths (`-v`), or — when no `[exe]` line follows — the
 * translated "Can not obtain ownership information" message. Output without any row (such as
 * "The requested operation requires elevation.") comes back in `messages`.
 *
 * Real input line (`netstat -ano`, Windows 10, en-US):
 * ```
 *   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712
 * ```
 * → `{ proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 135,
 *      remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 1712, name: '' }] }`
 */
import type { Owner, SocketRecord } from '../../model/socket.js';
import type { TcpState } from '../../model/tcp-state.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { windowsStateOf, stateKey } from './netstat-states.js';
import { decodeCapture, isDigits, isIPv4Text, splitLines, tokens } from './text.js';

/** What `parseWindowsNetstat` returns besides records and skipped lines. */
export interface WindowsNetstatParsed extends Parsed<SocketRecord> {
  /**
   * Free text the listing carried: an error printed instead of a table (elevation required) and
   * the `-b` "no owner" message, each once, as printed.
   */
  messages: string[];
  /** State words not in the tables; each row with one got `UNKNOWN` (or `LISTEN` when inferred by shape). */
  unknownStates: string[];
}

export interface WindowsNetstatOptions {
  /** Name of the input for skipped-line reports. */
  source?: string;
}

/** An endpoint as netstat.exe prints it: `1.2.3.4:80`, `[::1]:5173`, `[fe80::1%12]:139`, `host:https`, `*:*`. */
export interface Endpoint {
  address: string | null;
  port: number | null;
  family: 'inet' | 'inet6' | null;
  scope?: string;
}

/** Parse one `address:port` column, or null when the text is not shaped like one. */
export function parseEndpoint(text: string): Endpoint | null {
  if (text === '*:*') return { address: null, port: null, family: null };
  let host: string;
  let port: string;
  if (text.startsWith('[')) {
    const close = text.lastIndexOf(']');
    if (close < 0 || text[close + 1] !== ':') return null;
    host = text.slice(1, close);
    port = text.slice(close + 2);
    // Hex digits and colons as a rule, but what was printed is kept: captures are sometimes
    // anonymised by hand (`[fe80::asda:4124:2096:62b2%9]`), and the row is still a row.
    if (!host.includes(':') || /[\s\]]/.test(host)) return null;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon <= 0) return null;
    host = text.slice(0, colon);
    port = text.slice(colon + 1);
    if (host.includes(':')) return null;
  }
  if (port === '' || /\s/.test(port)) return null;
  const numericPort = isDigits(port) ? Number(port) : port === '*' ? 0 : null;
  if (numericPort !== null && numericPort > 65535) return null;
  if (text.startsWith('[')) {
    const pct = host.indexOf('%');
    const ep: Endpoint = { address: (pct < 0 ? host : host.slice(0, pct)).toLowerCase(), port: numericPort, family: 'inet6' };
    if (pct >= 0) ep.scope = host.slice(pct + 1);
    return ep;
  }
  return { address: host, port: numericPort, family: isIPv4Text(host) ? 'inet' : null };
}

interface RowParts {
  transport: 'tcp' | 'udp';
  local: Endpoint;
  foreign: Endpoint;
  stateWords: string;
  pid: number | null;
}

/** Split a line into the parts of a connection row, or null when it is not one. */
export function parseRowShape(line: string): RowParts | null {
  const t = tokens(line);
  const proto = t[0]?.toUpperCase();
  if (t.length < 3 || (proto !== 'TCP' && proto !== 'UDP' && proto !== 'TCPV6' && proto !== 'UDPV6')) return null;
  const local = parseEndpoint(t[1] ?? '');
  const foreign = parseEndpoint(t[2] ?? '');
  if (!local || !foreign || local.address === null) return null;
  const rest = t.slice(3);
  let pid: number | null = null;
  if (rest.length > 0 && isDigits(rest[rest.length - 1])) pid = Number(rest.pop());
  const transport = proto.startsWith('TCP') ? 'tcp' : 'udp';
  // A TCP row has a state word; a UDP row has at most the PID.
  if (transport === 'tcp' && rest.length === 0) return null;
  if (transport === 'udp' && rest.length > 0) return null;
  return { transport, local, foreign, stateWords: rest.join(' '), pid };
}

function wildcard(family: 'inet' | 'inet6'): string {
  return family === 'inet6' ? '::' : '0.0.0.0';
}

/** A pending `-b` record: the lines under one row. */
interface Follow {
  record: SocketRecord;
  lines: string[];
}

const COMPONENT = /[\\/]|^--|\.(?:dll|exe|sys)$/i;

function finishFollow(f: Follow, messages: Set<string>): void {
  const exeIndex = f.lines.findIndex((l) => /^\[.*\]$/.test(l));
  const owner: Owner | undefined = f.record.owners[0];
  if (exeIndex >= 0) {
    const exe = (f.lines[exeIndex] ?? '').slice(1, -1);
    const service = f.lines.slice(0, exeIndex).find((l) => /^[\w.$-]+$/.test(l) && !COMPONENT.test(l));
    const o: Owner = { pid: owner?.pid ?? -1, name: exe };
    if (service) o.service = service;
    f.record.owners = [o];
    return;
  }
  const text = f.lines.filter((l) => !COMPONENT.test(l));
  if (text.length > 0) messages.add(text.join(' '));
}

/** Parse a netstat.exe connection listing. See the module comment for what is recognised. */
export function parseWindowsNetstat(input: string | Uint8Array, opts: WindowsNetstatOptions = {}): WindowsNetstatParsed {
  const source = opts.source ?? 'netstat';
  const lines = splitLines(decodeCapture(input));
  const records: SocketRecord[] = [];
  const skipped: SkippedLine[] = [];
  const messages = new Set<string>();
  const preamble: string[] = [];
  /** Rows whose state word is unknown, by normalised word. */
  const unknown = new Map<string, { word: string; records: SocketRecord[]; listenerShaped: number }>();
  let follow: Follow | null = null;
  let afterBlank = true;
  let inPreamble = true;

  const closeFollow = (): void => {
    if (follow) finishFollow(follow, messages);
    follow = null;
  };

  lines.forEach((line, i) => {
    if (line.trim() === '') {
      closeFollow();
      afterBlank = true;
      return;
    }
    const row = parseRowShape(line);
    if (row) {
      closeFollow();
      const family = row.local.family ?? row.foreign.family ?? 'inet';
      const proto = row.transport === 'tcp' ? (family === 'inet6' ? 'tcp6' : 'tcp') : family === 'inet6' ? 'udp6' : 'udp';
      let state: TcpState | null = null;
      if (row.transport === 'tcp') state = windowsStateOf(row.stateWords) ?? 'UNKNOWN';
      const r: SocketRecord = {
        proto,
        family,
        localAddress: row.local.address,
        localPort: row.local.port,
        remoteAddress: row.foreign.address ?? wildcard(family),
        remotePort: row.foreign.address === null ? 0 : row.foreign.port,
        state,
        recvQ: null,
        sendQ: null,
        owners: row.pid === null ? [] : [{ pid: row.pid, name: '' }],
      };
      if (row.local.scope) r.localScope = row.local.scope;
      if (row.foreign.scope) r.remoteScope = row.foreign.scope;
      if (state === 'UNKNOWN') {
        const key = stateKey(row.stateWords);
        const u = unknown.get(key) ?? { word: row.stateWords, records: [], listenerShaped: 0 };
        u.records.push(r);
        if ((r.remoteAddress === '0.0.0.0' || r.remoteAddress === '::') && r.remotePort === 0) u.listenerShaped++;
        unknown.set(key, u);
      }
      records.push(r);
      follow = { record: r, lines: [] };
      inPreamble = false;
      afterBlank = false;
      return;
    }
    if (inPreamble || afterBlank) {
      // Title, translated header, or text printed instead of a table.
      preamble.push(line.trim());
      inPreamble = true;
      afterBlank = false;
      return;
    }
    if (follow && !/^(?:TCP|UDP)(?:v6)?\s/i.test(line.trim())) {
      follow.lines.push(line.trim());
      return;
    }
    skipped.push({ source, line: i + 1, text: line, reason: /^\s*(?:TCP|UDP)/i.test(line) ? 'protocol token, but the columns are not address:port pairs' : 'not a connection row' });
  });
  closeFollow();

  // Listeners by shape: an unknown word that most rows with a wildcard foreign end carry is the
  // local word for LISTENING (the one state netstat.exe prints with a `0.0.0.0:0` / `[::]:0` peer).
  const unknownStates: string[] = [];
  for (const u of unknown.values()) {
    unknownStates.push(u.word);
    if (u.listenerShaped > 0 && u.listenerShaped === u.records.length) for (const r of u.records) r.state = 'LISTEN';
  }
  if (records.length === 0) for (const p of preamble) messages.add(p);
  return { records, skipped, messages: [...messages], unknownStates };
}
