/**
 * One record's row(s), exactly as the style's listing prints them (pure). Watch screens, change
 * events and the exposure audit mark or annotate single rows; rather than a second copy of each
 * layout, the row is cut out of the style's own rendering: render the listing with and without
 * the record, and the lines that differ (between the common head and tail) are the record's.
 * Every layout prints fixed-width rows, so a row never depends on its neighbours.
 */
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { renderConnections, type RenderContext } from './connections.js';

/** Lines of rendered chunks, without line endings (LF or CRLF). */
export function renderedLines(chunks: Iterable<string>): string[] {
  let text = '';
  for (const c of chunks) text += c;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Text of a listing split into its frame (titles, headers) and nothing else: the empty listing. */
export function frameLines(q: Query, ctx: RenderContext): string[] {
  return renderedLines(renderConnections([], q, ctx));
}

/**
 * A function giving the line(s) of one record in the query's text style: one line, or more for
 * the Windows `-b` record (the `[exe]` follow-up line).
 */
export function rowRenderer(q: Query, ctx: RenderContext): (r: SocketRecord) => string[] {
  const empty = frameLines(q, ctx);
  return (r) => {
    const full = renderedLines(renderConnections([r], q, ctx));
    let head = 0;
    while (head < empty.length && full[head] === empty[head]) head++;
    let tail = 0;
    while (tail < empty.length - head && full[full.length - 1 - tail] === empty[empty.length - 1 - tail]) tail++;
    return full.slice(head, full.length - tail);
  };
}

/** A line of a listing, with the tag of the record it belongs to (none for titles and headers). */
export interface TaggedLine<T> {
  text: string;
  tag?: T;
}

/**
 * Render `records` as the style's listing and tag the lines of the records in `tags` (a record of
 * several lines tags each of them). Identical rows are interchangeable, so they are matched in
 * order.
 */
export function tagLines<T>(records: readonly SocketRecord[], tags: ReadonlyMap<SocketRecord, T>, q: Query, ctx: RenderContext): TaggedLine<T>[] {
  const lines = renderedLines(renderConnections(records, q, ctx));
  const out: TaggedLine<T>[] = lines.map((text) => ({ text }));
  if (tags.size === 0) return out;
  const row = rowRenderer(q, ctx);
  const pending = new Map<string, { tag: T; count: number }[]>();
  for (const [r, tag] of tags) {
    const rl = row(r);
    const first = rl[0];
    if (first === undefined) continue;
    const list = pending.get(first);
    const entry = { tag, count: rl.length };
    if (list) list.push(entry);
    else pending.set(first, [entry]);
  }
  for (let i = 0; i < out.length; i++) {
    const entry = pending.get(out[i]?.text as string)?.shift();
    if (!entry) continue;
    for (let k = 0; k < entry.count && i + k < out.length; k++) (out[i + k] as TaggedLine<T>).tag = entry.tag;
    i += entry.count - 1;
  }
  return out;
}
