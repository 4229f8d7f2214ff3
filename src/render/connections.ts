/**
 * Chooses the connection-listing renderer for a query (pure), and says which names it needs.
 */
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { csvStream } from './csv.js';
import { jsonStream } from './json.js';
import { linuxStream } from './linux/connections.js';
import { macosStream } from './macos/connections.js';
import { netnsColumnStream } from './netns-column.js';
import type { LineWriter } from './line-writer.js';
import type { NameTables } from './names.js';
import type { Paint } from './paint.js';
import { renderAll, type StreamRenderer } from './stream.js';
import { windowsStream } from './windows/connections.js';

export interface RenderContext {
  names: NameTables;
  /** Line ending for the Windows style (CRLF on Windows hosts). */
  eol: string;
  /** Colour for state words (terminals only); absent: the native bytes. */
  paint?: Paint | undefined;
  /**
   * A line writer to reuse (the caller keeps one for the whole run): a fresh 64 KiB buffer every
   * interval tick makes the process's memory creep.
   */
  writer?: LineWriter | undefined;
}

/** The stream renderer for the query's format and style (with a `Netns` column for `-N` text). */
export function connectionRenderer(q: Query, ctx: RenderContext): StreamRenderer {
  if (q.allNamespaces && q.format === 'text') return netnsColumnStream(() => styleRenderer(q, ctx), q.style === 'windows' ? ctx.eol : '\n');
  return styleRenderer(q, ctx);
}

function styleRenderer(q: Query, ctx: RenderContext): StreamRenderer {
  if (q.format === 'json') return jsonStream();
  if (q.format === 'csv') return csvStream('\n', { netns: q.allNamespaces || q.netns !== null });
  switch (q.style) {
    case 'linux':
      return linuxStream(q, ctx.names, ctx.paint, ctx.writer);
    case 'windows':
      return windowsStream(q, ctx.names, { eol: ctx.eol, paint: ctx.paint });
    case 'macos':
      return macosStream(q, ctx.names, ctx.paint);
  }
}

/** Render a whole listing in the query's format and style. */
export function renderConnections(records: readonly SocketRecord[], q: Query, ctx: RenderContext): Iterable<string> {
  return renderAll(connectionRenderer(q, ctx), records);
}

/** Addresses the text renderer of a style would show as names (none for numeric output or JSON/CSV). */
export function hostsToResolve(records: readonly SocketRecord[], q: Query): Set<string> {
  const out = new Set<string>();
  if (q.numericHosts || q.format !== 'text') return out;
  for (const r of records) {
    if (r.proto === 'unix') continue;
    // netstat.exe resolves only the foreign end; net-tools and BSD resolve both.
    if (q.style !== 'windows' && r.localAddress && r.localAddress !== '0.0.0.0' && r.localAddress !== '::') out.add(r.localAddress);
    if (r.remoteAddress && r.remoteAddress !== '0.0.0.0' && r.remoteAddress !== '::') out.add(r.remoteAddress);
  }
  return out;
}
