/**
 * Change events of `--changes` (pure): one line per event, grep-friendly, or one JSON object per
 * line (NDJSON) with `--json`.
 *
 * Text: `+ 2025-06-01T14:03:07.120+02:00 tcp  0  0 127.0.0.1:8080  0.0.0.0:*  LISTEN` — the mark
 * (`+` new, `-` closed, `~` changed), the local time with its UTC offset, and the record's row in
 * the current style on the same line (a Windows `-b` record's `[exe]` line is joined to it); a
 * changed record ends with what it was: `(was ESTABLISHED)`, `(was owned by 812/nginx)`.
 *
 * JSON: `{"version":1,"event":"changed","time":"…","record":{…},"changed":["state"],
 * "previous":{"state":"ESTABLISHED","owners":[…]}}` — `record` has the fields of the listing's
 * JSON schema.
 */
import type { Style } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { Change, ChangeKind } from '../model/change.js';
import { JSON_VERSION, publicRecord } from './json.js';
import type { Paint } from './paint.js';
import { escapeControl } from './sanitize.js';
import { stateName } from './state-name.js';

const MARK: Readonly<Record<ChangeKind, string>> = { new: '+', closed: '-', changed: '~' };

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local time as ISO 8601 with milliseconds and the UTC offset: `2025-06-01T14:03:07.120+02:00`. */
export function formatTimestamp(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const ms = String(d.getMilliseconds()).padStart(3, '0');
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${ms}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

function ownersText(r: SocketRecord): string {
  if (r.owners.length === 0) return 'no known owner';
  return `owned by ${r.owners.map((o) => `${o.pid}/${escapeControl(o.name)}`).join(',')}`;
}

/** `(was ESTABLISHED; was owned by 812/nginx)` for a changed record, '' otherwise. */
export function wasText(c: Change, style: Style): string {
  if (c.kind !== 'changed' || !c.previous || !c.fields) return '';
  const prev = c.previous;
  const parts = c.fields.map((f) => (f === 'state' ? (prev.state === null ? 'without state' : stateName(style, prev.state)) : ownersText(prev)));
  return `(was ${parts.join('; was ')})`;
}

export interface EventTextContext {
  style: Style;
  /** The record's line(s) in the current style (`render/rows.ts`). */
  row(r: SocketRecord): string[];
  paint: Paint;
}

/** One event as a text line (no line ending). */
export function eventLine(c: Change, time: string, ctx: EventTextContext): string {
  const row = ctx.row(c.record).map((l) => l.trim()).filter((l) => l !== '').join(' ');
  const was = wasText(c, ctx.style);
  const mark = MARK[c.kind];
  const p = ctx.paint;
  const line = `${time} ${row}${was ? `  ${was}` : ''}`;
  if (c.kind === 'new') return `${p.added(mark)} ${line}`;
  if (c.kind === 'closed') return `${p.removed(mark)} ${p.dim(line)}`;
  return `${p.changed(mark)} ${line}`;
}

/** One event as a JSON line (no line ending). */
export function eventJson(c: Change, time: string): string {
  const out: Record<string, unknown> = { version: JSON_VERSION, event: c.kind, time, record: publicRecord(c.record) };
  if (c.kind === 'changed' && c.previous && c.fields) {
    out['changed'] = c.fields;
    out['previous'] = { state: c.previous.state, owners: c.previous.owners.map((o) => ({ pid: o.pid, name: o.name })) };
  }
  return JSON.stringify(out);
}
