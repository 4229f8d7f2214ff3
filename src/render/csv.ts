/**
 * CSV output (pure, RFC 4180): a header row, then one row per record with the JSON fields.
 * Owners become two columns, `pids` and `processes`, each `;`-separated.
 */
import type { SocketRecord } from '../model/socket.js';
import { renderAll, rowChunks, type StreamRenderer } from './stream.js';

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

/** Records as CSV, streamed: the header row, then a row per record (`netns`: add `netns,netnsName`). */
export function csvStream(eol = '\n', opts: { netns?: boolean } = {}): StreamRenderer {
  const ns = opts.netns === true;
  return {
    *begin() {
      yield (ns ? [...CSV_COLUMNS, 'netns', 'netnsName'] : CSV_COLUMNS).join(',') + eol;
    },
    *push(records) {
      yield* rowChunks(records, (r) => (ns ? `${csvRow(r)},${csvCell(r.netns?.inode)},${csvCell(r.netns?.name)}` : csvRow(r)) + eol);
    },
    *end() {},
  };
}

/** Render records as CSV, in chunks. */
export function renderCsvConnections(records: readonly SocketRecord[], eol = '\n'): Iterable<string> {
  return renderAll(csvStream(eol), records);
}

function csvRow(r: SocketRecord): string {
  {
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
    return row.map(csvCell).join(',');
  }
}
