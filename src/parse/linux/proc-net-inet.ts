/**
 * Parser for `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6}` (pure: text in, records out).
 *
 * Real input line (`/proc/net/tcp`, Linux 6.x):
 * ```
 *    0: 0100007F:AFC9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6062 1 0000000000000000 100 0 0 10 0
 * ```
 * → `{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 45001, remoteAddress: '0.0.0.0',
 *      remotePort: 0, state: 'LISTEN', recvQ: 0, sendQ: 0, uid: 0, inode: 6062 }`
 */
import { NO_OWNERS, type Proto, type SocketRecord } from '../../model/socket.js';
import { LINUX_TCP_STATE } from '../../model/tcp-state.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { decodeHexAddr, hexNum } from './hex-addr.js';

export interface ProcNetInetOptions {
  /** Host byte order of the machine the text came from (x86 and most ARM: true). */
  littleEndian: boolean;
  /** Source name for skipped-line reports; default `/proc/net/<proto>`. */
  source?: string;
  /**
   * Receives the records in batches of `batchSize` as they are parsed (then not returned): the
   * caller renders and drops each batch, so few records are alive when the young generation is
   * collected (a copy of every live record each time).
   */
  onRecords?: (batch: SocketRecord[]) => void;
  /** Records per `onRecords` batch; default 256. */
  batchSize?: number;
  /**
   * Line number of the first line of `text` (default 1: the file's start, whose first line is the
   * header). A table read in pieces passes each piece with its place in the file.
   */
  firstLine?: number;
  /**
   * Read the timer columns (`tr:tm->when retrnsmt … timeout`) into `timer` (default true). Only
   * `--timers` shows them: a listing without skips four fields a row (unoptimised code, at a few
   * thousand rows, pays for every character) and leaves `timer` undefined.
   */
  timers?: boolean;
  /** Optional early filter: return false to drop a record before it is built. */
  keep?: (remotePort: number, remoteIsZero: boolean, state: number) => boolean;
}

/** A decimal field (`-1` allowed, as the timeout column has it) without a substring; NaN if not a number. */
function decimal(text: string, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (text.charCodeAt(i) === 45 /* - */) {
    sign = -1;
    i++;
  }
  if (i >= end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return sign * v;
}

/**
 * Where the fields of a row sit when the kernel printed it (`%4d: %08X:%04X %08X:%04X %02X
 * %08X:%08X %02X:%08lX %08X %5u %8d %lu`): fixed offsets after the first `:` up to the
 * retransmit count, for an address of `a` hex digits. Reading at these offsets skips the loop
 * over every character that splits a line into words (a listing of a few thousand rows runs as
 * unoptimised code, where each character costs several bytecodes, and allocates nothing more).
 * Returns the offset after the retransmit field, or -1 when the separators are not where the
 * kernel puts them: such lines go through the word-by-word reader, which explains what is wrong.
 * (The character tests are written out: a helper call per test costs more than the test.)
 */
function fixedLayout(text: string, p: number, a: number, eol: number): number {
  const b = p + 2 * a;
  if (b + 54 > eol) return -1;
  return text.charCodeAt(p + a) === 58 &&
    text.charCodeAt(p + a + 5) === 32 &&
    text.charCodeAt(b + 6) === 58 &&
    text.charCodeAt(b + 11) === 32 &&
    text.charCodeAt(b + 14) === 32 &&
    text.charCodeAt(b + 23) === 58 &&
    text.charCodeAt(b + 32) === 32 &&
    text.charCodeAt(b + 35) === 58 &&
    text.charCodeAt(b + 44) === 32 &&
    text.charCodeAt(b + 53) === 32
    ? b + 54
    : -1;
}

/**
 * A right-aligned decimal field (`%5u`, `%8d`) in [start, end): leading spaces, then digits
 * (`-1` allowed). NaN when it holds anything else or no digit.
 */
function paddedDecimal(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return decimal(text, i, end);
}

/** True for a header line (`  sl  local_address …`): first word `sl`. */
function isHeader(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return text.charCodeAt(i) === 115 /* s */ && text.charCodeAt(i + 1) === 108 /* l */ && text.charCodeAt(i + 2) === 32;
}

/** True for an address string of only zero hex digits. */
function allZero(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) !== 48) return false;
  return true;
}

/**
 * Parse one `/proc/net` inet table. `proto` names the file (`tcp`, `udp6`, `raw` …).
 * The header line is skipped; malformed lines are returned in `skipped`.
 */
export function parseProcNetInet(
  text: string,
  proto: Exclude<Proto, 'unix'>,
  opts: ProcNetInetOptions,
): Parsed<SocketRecord> & { lines: number } {
  let records: SocketRecord[] = [];
  const onRecords = opts.onRecords;
  const batchSize = opts.batchSize ?? 256;
  const skipped: SkippedLine[] = [];
  const source = opts.source ?? `/proc/net/${proto}`;
  const family = proto.endsWith('6') ? 'inet6' : 'inet';
  const isTcp = proto === 'tcp' || proto === 'tcp6';
  const isRaw = proto === 'raw' || proto === 'raw6';
  const n = text.length;
  const withTimers = opts.timers !== false;
  const A = family === 'inet' ? 8 : 32;
  // Token boundaries of the current line, reused.
  const ts: number[] = new Array(17);
  const te: number[] = new Array(17);
  // The same few addresses fill most rows: decode each hex spelling once.
  const addresses = new Map<string, string | null>();
  const decoded = (key: string): string | null => {
    let a = addresses.get(key);
    if (a === undefined) {
      a = decodeHexAddr(key, 0, key.length, opts.littleEndian);
      addresses.set(key, a);
    }
    return a;
  };
  const address = (start: number, len: number): string | null => decoded(text.slice(start, start + len));
  const stateOf = (st: number): SocketRecord['state'] =>
    isTcp ? (LINUX_TCP_STATE[st] ?? 'UNKNOWN') : st === 1 ? 'ESTABLISHED' : st === 7 ? null : 'UNKNOWN';
  /** One record from the fields of a row (both readers end here). */
  const push = (
    localAddress: string,
    localPort: number,
    remoteAddress: string,
    remotePort: number,
    st: number,
    recvQ: number,
    sendQ: number,
    uid: number,
    inode: number,
    timer: [number, number, number, number] | undefined,
  ): void => {
    const rec: SocketRecord = {
      proto,
      family,
      localAddress,
      localPort,
      remoteAddress,
      remotePort,
      state: stateOf(st),
      recvQ,
      sendQ,
      owners: NO_OWNERS,
      uid,
      inode,
      timer,
    };
    if (isRaw) rec.rawState = st;
    records.push(rec);
    if (onRecords && records.length >= batchSize) {
      onRecords(records);
      records = [];
    }
  };

  // One reporter for the whole text (no closure per line: small tables run as cold code).
  const report = (line: number, start: number, end: number, reason: string): void =>
    void skipped.push({ source, line, text: text.slice(start, end), reason });
  let pos = 0;
  const first = opts.firstLine ?? 1;
  let lineNo = first - 1;
  // The first `:` at or after the current line's start (-2: none left in the text). One search
  // serves every line up to that colon, so lines without one cost no rescan of the text.
  let nextColon = -1;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    lineNo++;
    const lineStart = pos;
    pos = eol + 1;
    if (lineNo === 1) continue; // header
    if (nextColon !== -2 && nextColon < lineStart) {
      nextColon = text.indexOf(':', lineStart);
      if (nextColon < 0) nextColon = -2;
    }
    // The kernel's own layout first (no tokenising); anything else word by word below.
    const p = nextColon + 2;
    let q = nextColon >= 0 && nextColon < eol ? fixedLayout(text, p, A, eol) : -1;
    if (q > 0) {
      const b = p + 2 * A;
      const localPort = hexNum(text, p + A + 1, 4);
      const remotePort = hexNum(text, b + 7, 4);
      const st = hexNum(text, b + 12, 2);
      // Most sockets have both queues empty: one comparison instead of sixteen digits.
      const emptyQueues = text.startsWith('00000000:00000000', b + 15);
      const sendQ = emptyQueues ? 0 : hexNum(text, b + 15, 8);
      const recvQ = emptyQueues ? 0 : hexNum(text, b + 24, 8);
      const timerKind = withTimers ? hexNum(text, b + 33, 2) : 0;
      const timerWhen = withTimers ? hexNum(text, b + 36, 8) : 0;
      const retr = withTimers ? hexNum(text, b + 45, 8) : 0;
      // `%5u %8d %lu`: uid, timeout (may be -1), inode. At their printed widths (uid < 100000,
      // timeout of up to 8 characters) at fixed places; wider ones word by word.
      let uid: number;
      let timeout = 0;
      if (text.charCodeAt(q + 5) === 32 && text.charCodeAt(q + 14) === 32) {
        uid = paddedDecimal(text, q, q + 5);
        if (withTimers) timeout = paddedDecimal(text, q + 6, q + 14);
        q += 15;
      } else {
        while (q < eol && text.charCodeAt(q) === 32) q++;
        const u0 = q;
        while (q < eol && text.charCodeAt(q) !== 32) q++;
        uid = decimal(text, u0, q);
        while (q < eol && text.charCodeAt(q) === 32) q++;
        const o0 = q;
        while (q < eol && text.charCodeAt(q) !== 32) q++;
        if (withTimers) timeout = decimal(text, o0, q);
        while (q < eol && text.charCodeAt(q) === 32) q++;
      }
      let i1 = text.indexOf(' ', q);
      if (i1 < 0 || i1 > eol) i1 = eol;
      const inode = decimal(text, q, i1);
      const localAddress = address(p, A);
      const remoteAddress = address(p + A + 6, A);
      if (
        localAddress !== null &&
        remoteAddress !== null &&
        !Number.isNaN(localPort + remotePort + st + sendQ + recvQ + timerKind + timerWhen + retr + uid + timeout + inode)
      ) {
        if (opts.keep && !opts.keep(remotePort, allZero(text, p + A + 6, p + 2 * A + 6), st)) continue;
        push(localAddress, localPort, remoteAddress, remotePort, st, recvQ, sendQ, uid, inode, withTimers ? [timerKind, timerWhen, retr, timeout] : undefined);
        continue;
      }
    }
    if (isHeader(text, lineStart, eol)) continue; // a capture may hold several headers
    // Tokenise (up to 14 tokens are needed).
    let count = 0;
    let i = lineStart;
    while (i < eol && count < 14) {
      let c = text.charCodeAt(i);
      while (i < eol && (c === 32 || c === 9 || c === 13)) c = text.charCodeAt(++i);
      if (i >= eol) break;
      ts[count] = i;
      while (i < eol && c !== 32 && c !== 9 && c !== 13) c = text.charCodeAt(++i);
      te[count] = i;
      count++;
    }
    if (count === 0) continue; // blank line
    if (count < 10) {
      report(lineNo, lineStart, eol, `expected at least 10 fields, found ${count}`);
      continue;
    }
    // Field 1/2: addr:port
    const l0 = ts[1] as number;
    const l1 = te[1] as number;
    const r0 = ts[2] as number;
    const r1 = te[2] as number;
    const lc = colonIn(text, l0, l1);
    const rc = colonIn(text, r0, r1);
    if (lc < 0 || lc >= l1 || rc < 0 || rc >= r1) {
      report(lineNo, lineStart, eol, 'address field without a port');
      continue;
    }
    const addrLen = lc - l0;
    if ((family === 'inet' && addrLen !== 8) || (family === 'inet6' && addrLen !== 32) || rc - r0 !== addrLen) {
      report(lineNo, lineStart, eol, `unexpected address length ${addrLen}`);
      continue;
    }
    const localPort = hexNum(text, lc + 1, l1 - lc - 1);
    const remotePort = hexNum(text, rc + 1, r1 - rc - 1);
    const st = hexNum(text, ts[3] as number, (te[3] as number) - (ts[3] as number));
    if (Number.isNaN(localPort) || Number.isNaN(remotePort) || Number.isNaN(st)) {
      report(lineNo, lineStart, eol, 'bad port or state');
      continue;
    }
    const remoteZero = allZero(text, r0, rc);
    if (opts.keep && !opts.keep(remotePort, remoteZero, st)) continue;
    const localAddress = address(l0, addrLen);
    const remoteAddress = address(r0, addrLen);
    if (localAddress === null || remoteAddress === null) {
      report(lineNo, lineStart, eol, 'bad hex address');
      continue;
    }
    // Field 4: tx_queue:rx_queue
    const q0 = ts[4] as number;
    const q1 = te[4] as number;
    const qc = colonIn(text, q0, q1);
    const sendQ = qc > 0 && qc < q1 ? hexNum(text, q0, qc - q0) : NaN;
    const recvQ = qc > 0 && qc < q1 ? hexNum(text, qc + 1, q1 - qc - 1) : NaN;
    // Field 5: tr:tm->when, 6: retrnsmt, 7: uid, 8: timeout, 9: inode
    const t0 = ts[5] as number;
    const t1 = te[5] as number;
    const tc = colonIn(text, t0, t1);
    const timerKind = tc > 0 && tc < t1 ? hexNum(text, t0, tc - t0) : 0;
    const timerWhen = tc > 0 && tc < t1 ? hexNum(text, tc + 1, t1 - tc - 1) : 0;
    const retr = hexNum(text, ts[6] as number, (te[6] as number) - (ts[6] as number));
    const uid = decimal(text, ts[7] as number, te[7] as number);
    const timeout = decimal(text, ts[8] as number, te[8] as number);
    const inode = decimal(text, ts[9] as number, te[9] as number);
    if (Number.isNaN(sendQ) || Number.isNaN(recvQ) || !Number.isFinite(uid) || !Number.isFinite(inode)) {
      report(lineNo, lineStart, eol, 'bad queue, uid or inode field');
      continue;
    }
    push(
      localAddress,
      localPort,
      remoteAddress,
      remotePort,
      st,
      recvQ,
      sendQ,
      uid,
      inode,
      withTimers ? [timerKind, timerWhen, Number.isNaN(retr) ? 0 : retr, Number.isFinite(timeout) ? timeout : 0] : undefined,
    );
  }
  if (onRecords) {
    if (records.length > 0) onRecords(records);
    records = [];
  }
  return { records, skipped, lines: lineNo - first + 1 };
}

/**
 * The first `:` of `text` in [from, to), or -1: a search bounded by the line (or field), so a
 * capture whose lines hold no colon is not rescanned to its end for every line (quadratic).
 */
function colonIn(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 58) return i;
  return -1;
}
