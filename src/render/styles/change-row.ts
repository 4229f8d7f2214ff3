/**
 * The `--changes` text line of every built-in style (`Style.changeRow`), pure:
 * `+ 2025-06-01T14:03:07.120+02:00 tcp  0  0 127.0.0.1:8080  0.0.0.0:*  LISTEN` — the mark
 * (`+` new, `-` closed, `~` changed), the time, the record's row in the style (a Windows `-b`
 * record's `[exe]` line joined to it), and for a changed record what it was, in the style's
 * state words: `(was ESTABLISHED)`, `(was owned by 812/nginx)`.
 */
import type { Change, ChangeKind } from '../../model/change.js';
import type { SocketRecord } from '../../model/socket.js';
import { escapeControl } from '../sanitize.js';
import type { ChangeRowContext, Style } from './style.js';

const MARK: Readonly<Record<ChangeKind, string>> = { new: '+', closed: '-', changed: '~' };

function ownersText(r: SocketRecord): string {
  if (r.owners.length === 0) return 'no known owner';
  return `owned by ${r.owners.map((o) => `${o.pid}/${escapeControl(o.name)}`).join(',')}`;
}

/** `(was ESTABLISHED; was owned by 812/nginx)` for a changed record, '' otherwise. */
export function wasText(style: Style, c: Change): string {
  if (c.kind !== 'changed' || !c.previous || !c.fields) return '';
  const prev = c.previous;
  const parts = c.fields.map((f) => (f === 'state' ? (prev.state === null ? 'without state' : style.stateWord(prev.state)) : ownersText(prev)));
  return `(was ${parts.join('; was ')})`;
}

/** One event as a text line (no line ending). */
export function changeLine(style: Style, c: Change, time: string, ctx: ChangeRowContext): string {
  const row = ctx.row(c.record).map((l) => l.trim()).filter((l) => l !== '').join(' ');
  const was = wasText(style, c);
  const mark = MARK[c.kind];
  const p = ctx.paint;
  const line = `${time} ${row}${was ? `  ${was}` : ''}`;
  if (c.kind === 'new') return `${p.added(mark)} ${line}`;
  if (c.kind === 'closed') return `${p.removed(mark)} ${p.dim(line)}`;
  return `${p.changed(mark)} ${line}`;
}
