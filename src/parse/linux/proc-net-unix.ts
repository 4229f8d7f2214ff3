/**
 * Parser for `/proc/net/unix` (pure).
 *
 * Real input line (Linux 6.x, unprivileged readers see a zeroed `Num`):
 * ```
 * 0000000000000000: 00000002 00000000 00010000 0001 01 3442596 /var/run/postgresql/.s.PGSQL.5432
 * ```
 * → `{ proto: 'unix', unixType: 'STREAM', unixFlags: 0x10000, refCnt: 2, state: 'LISTEN',
 *      inode: 3442596, path: '/var/run/postgresql/.s.PGSQL.5432' }`
 */
import { NO_OWNERS, UNIX_ACCEPTCON, type SocketRecord, type UnixType } from '../../model/socket.js';
import { unixRecord } from '../common/records.js';
import type { TcpState } from '../../model/tcp-state.js';
import type { Parsed, SkippedLine } from '../issues.js';

const UNIX_TYPES: Readonly<Record<number, UnixType>> = { 1: 'STREAM', 2: 'DGRAM', 3: 'RAW', 4: 'RDM', 5: 'SEQPACKET' };

/** Kernel `socket_state` (SS_*) plus the accept flag → canonical state. */
export function unixState(ss: number, flags: number): TcpState | null {
  switch (ss) {
    case 1:
      return flags & UNIX_ACCEPTCON ? 'LISTEN' : null; // SS_UNCONNECTED
    case 2:
      return 'SYN_SENT'; // SS_CONNECTING
    case 3:
      return 'ESTABLISHED'; // SS_CONNECTED
    case 4:
      return 'CLOSING'; // SS_DISCONNECTING
    default:
      return 'UNKNOWN';
  }
}

const ROW = /^\s*([0-9a-fA-F]+):\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+(\d+)(?: (.*))?$/;
const ROW_NO_INODE = /^\s*([0-9a-fA-F]+):\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)()(?: (.*))?$/;

/** Parse `/proc/net/unix`. Very old kernels have no Inode column; then `inode` is absent. */
export function parseProcNetUnix(text: string, source = '/proc/net/unix'): Parsed<SocketRecord> {
  const records: SocketRecord[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  const hasInode = (lines[0] ?? '').includes('Inode');
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln] as string;
    if (line.trim() === '') continue;
    const m = (hasInode ? ROW : ROW_NO_INODE).exec(line);
    if (!m) {
      skipped.push({ source, line: ln + 1, text: line, reason: 'not a /proc/net/unix row' });
      continue;
    }
    const refCnt = parseInt(m[2] as string, 16);
    const flags = parseInt(m[4] as string, 16);
    const type = parseInt(m[5] as string, 16);
    const ss = parseInt(m[6] as string, 16);
    let path = (m[8] ?? '').replace(/\r$/, '');
    // Old kernels print the whole sun_path of an abstract socket, NUL padding included.
    if (path.startsWith('@')) path = path.replace(/[\0\s]+$/, '').replace(/\0/g, '@');
    const rec = unixRecord({ state: unixState(ss, flags), unixType: UNIX_TYPES[type] ?? 'UNKNOWN', path, owners: NO_OWNERS });
    rec.unixFlags = flags;
    rec.refCnt = refCnt;
    if (m[7]) rec.inode = Number(m[7]);
    records.push(rec);
  }
  return { records, skipped };
}
