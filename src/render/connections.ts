/**
 * The connection listing in the query's format (pure): JSON and CSV are formats, the same for
 * every style; text is drawn by the style object (`ctx.style`, which the CLI picked once; the
 * registry's object for `q.style` otherwise). Also says which addresses the style shows as names.
 */
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { csvStream } from './csv.js';
import { jsonStream } from './json.js';
import { netnsColumnStream } from './netns-column.js';
import { renderAll, type StreamRenderer } from './stream.js';
import { styleOf } from './styles/registry.js';
import type { RenderContext, Style } from './styles/style.js';

export type { RenderContext } from './styles/style.js';

/** The stream renderer for the query's format, and for text the style's (with a `Netns` column for `-N`). */
export function connectionRenderer(q: Query, ctx: RenderContext): StreamRenderer {
  // The column goes into the style's text: its rows get a line writer of their own, not the
  // caller's (which may hand its chunks straight to the output, see LineWriter.drainTo).
  if (q.allNamespaces && q.format === 'text') return netnsColumnStream(() => styleRenderer(q, { ...ctx, writer: undefined }), (ctx.style ?? styleOf(q)).lineEnding(ctx.eol));
  return styleRenderer(q, ctx);
}

function styleRenderer(q: Query, ctx: RenderContext): StreamRenderer {
  if (q.format === 'json') return jsonStream({}, ctx.writer);
  if (q.format === 'csv') return csvStream('\n', { netns: q.allNamespaces || q.netns !== null });
  return (ctx.style ?? styleOf(q)).connections(q, ctx);
}

/** Render a whole listing in the query's format and style. */
export function renderConnections(records: readonly SocketRecord[], q: Query, ctx: RenderContext): Iterable<string> {
  return renderAll(connectionRenderer(q, ctx), records);
}

/** Addresses the text renderer of a style would show as names (none for numeric output or JSON/CSV). */
export function hostsToResolve(records: readonly SocketRecord[], q: Query, style: Style = styleOf(q)): Set<string> {
  const out = new Set<string>();
  if (q.numericHosts || q.format !== 'text') return out;
  const { local, remote } = style.resolves;
  for (const r of records) {
    if (r.proto === 'unix') continue;
    if (local && r.localAddress && r.localAddress !== '0.0.0.0' && r.localAddress !== '::') out.add(r.localAddress);
    if (remote && r.remoteAddress && r.remoteAddress !== '0.0.0.0' && r.remoteAddress !== '::') out.add(r.remoteAddress);
  }
  return out;
}
