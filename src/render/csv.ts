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

/** The header row's cells: a leading `host` column when the records come from labelled captures, `netns,netnsName` at the end with namespaces. */
export function csvHeader(host: boolean, netns = false): string[] {
  const cols: string[] = host ? ['host', ...CSV_COLUMNS] : [...CSV_COLUMNS];
  return netns ? [...cols, 'netns', 'netnsName'] : cols;
}

/**
 * Records as CSV, streamed: the header row, then a row per record (`netns`: add `netns,netnsName`).
 * Records of labelled captures (a fleet run, or a `# host:` line) carry `host`, which becomes the
 * first column; the header waits for the first batch to know (a listing without records has the
 * plain header).
 */
export function csvStream(eol = '\n', opts: { netns?: boolean } = {}): StreamRenderer {
  const ns = opts.netns === true;
  let host: boolean | null = null;
  return {
    *begin() {},
    *push(records) {
      if (host === null) {
        if (records.length === 0) return;
        host = records[0]?.host !== undefined;
        yield csvHeader(host, ns).join(',') + eol;
      }
      const withHost = host;
      yield* rowChunks(records, (r) => (ns ? `${csvRow(r, withHost)},${csvCell(r.netns?.inode)},${csvCell(r.netns?.name)}` : csvRow(r, withHost)) + eol);
    },
    *end() {
      if (host === null) yield csvHeader(false, ns).join(',') + eol;
    },
  };
}

/** Render records as CSV, in chunks. */
export function renderCsvConnections(records: readonly SocketRecord[], eol = '\n'): Iterable<string> {
  return renderAll(csvStream(eol), records);
}

/** One record's CSV row (no line ending); `host` adds the record's host as the first cell. */
export function csvRow(r: SocketRecord, host = false): string {
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
  if (host) row.unshift(r.host ?? '');
  return row.map(csvCell).join(',');
}
