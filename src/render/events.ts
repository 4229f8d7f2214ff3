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
import type { StyleName } from '../model/query.js';
import type { Change } from '../model/change.js';
import { JSON_VERSION, publicRecord } from './json.js';
import type { Paint } from './paint.js';
import { styleFrom } from './styles/registry.js';
import type { SocketRecord } from '../model/socket.js';
import type { Style } from './styles/style.js';

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

export interface EventTextContext {
  /** The style object (or its name: the registry's object). */
  style: Style | StyleName;
  /** The record's line(s) in the current style (`Style.watchRow`). */
  row(r: SocketRecord): string[];
  paint: Paint;
}

/** One event as a text line (no line ending): the style's `changeRow`. */
export function eventLine(c: Change, time: string, ctx: EventTextContext): string {
  return styleFrom(ctx.style).changeRow(c, time, ctx);
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
