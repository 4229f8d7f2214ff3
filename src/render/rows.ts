/**
 * One record's row(s), exactly as the style's listing prints them (pure). Watch screens, change
 * events and the exposure audit mark or annotate single rows; the style's `watchRow` gives them
 * (the built-in styles cut the row out of their own listing: `styles/cut-rows.ts`). The style is
 * `ctx.style`, or the registry's object for `q.style`.
 */
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { listingLines, renderedLines } from './styles/cut-rows.js';
import { styleOf } from './styles/registry.js';
import type { RenderContext } from './styles/style.js';

export { renderedLines };

/** Text of a listing split into its frame (titles, headers) and nothing else: the empty listing. */
export function frameLines(q: Query, ctx: RenderContext): string[] {
  return listingLines(ctx.style ?? styleOf(q), [], q, ctx);
}

/**
 * A function giving the line(s) of one record in the query's text style: one line, or more for
 * the Windows `-b` record (the `[exe]` follow-up line).
 */
export function rowRenderer(q: Query, ctx: RenderContext): (r: SocketRecord) => string[] {
  return (ctx.style ?? styleOf(q)).watchRow(q, ctx);
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
  const style = ctx.style ?? styleOf(q);
  const lines = listingLines(style, records, q, ctx);
  const out: TaggedLine<T>[] = lines.map((text) => ({ text }));
  if (tags.size === 0) return out;
  const row = style.watchRow(q, ctx);
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
