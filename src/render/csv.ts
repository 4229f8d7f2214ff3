/**
 * CSV output (pure, RFC 4180): a header row, then one row per record with the JSON fields.
 * Owners become two columns, `pids` and `processes`, each `;`-separated.
 */
import type { SocketRecord } from '../model/socket.js';

export const CSV_COLUMNS = [
  'proto',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'recvQ',
  'sendQ',
  'pids',
  'processes',
  'uid',
  'user',
  'inode',
  'path',
] as const;

/** Quote a CSV cell when needed; neutralise leading formula characters for spreadsheets. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Render records as CSV, one chunk per line. */
export function* renderCsvConnections(records: readonly SocketRecord[], eol = '\n'): Generator<string> {
  yield CSV_COLUMNS.join(',') + eol;
  for (const r of records) {
    const row: unknown[] = [
      r.proto,
      r.family,
      r.localAddress,
      r.localPort,
      r.remoteAddress,
      r.remotePort,
      r.state,
      r.recvQ,
      r.sendQ,
      r.owners.map((o) => o.pid).join(';'),
      r.owners.map((o) => o.name).join(';'),
      r.uid,
      r.user,
      r.inode,
      r.path,
    ];
    yield row.map(csvCell).join(',') + eol;
  }
}
