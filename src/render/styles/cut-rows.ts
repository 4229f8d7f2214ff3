/**
 * One record's row(s), exactly as a style's listing prints them (pure): the watch screen's row
 * (`Style.watchRow`) of every built-in style. Rather than a second copy of each layout, the row is
 * cut out of the style's own rendering: render the listing with and without the record, and the
 * lines that differ (between the common head and tail) are the record's. Every built-in layout
 * prints fixed-width rows, so a row never depends on its neighbours.
 */
import type { Query } from '../../model/query.js';
import type { SocketRecord } from '../../model/socket.js';
import { renderAll } from '../stream.js';
import type { RenderContext, Style } from './style.js';

/** Lines of rendered chunks, without line endings (LF or CRLF). */
export function renderedLines(chunks: Iterable<string>): string[] {
  let text = '';
  for (const c of chunks) text += c;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The lines of `records` as `style` lists them. */
export function listingLines(style: Style, records: readonly SocketRecord[], q: Query, ctx: RenderContext): string[] {
  return renderedLines(renderAll(style.connections(q, ctx), records));
}

/**
 * A function giving the line(s) of one record in `style`: one line, or more for the Windows
 * `-b` record (the `[exe]` follow-up line).
 */
export function cutRows(style: Style, q: Query, ctx: RenderContext): (r: SocketRecord) => string[] {
  const empty = listingLines(style, [], q, ctx);
  return (r) => {
    const full = listingLines(style, [r], q, ctx);
    let head = 0;
    while (head < empty.length && full[head] === empty[head]) head++;
    let tail = 0;
    while (tail < empty.length - head && full[full.length - 1 - tail] === empty[empty.length - 1 - tail]) tail++;
    return full.slice(head, full.length - tail);
  };
}
