/**
 * Chooses the connection-listing renderer for a query (pure), and says which names it needs.
 */
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { renderCsvConnections } from './csv.js';
import { renderJsonConnections } from './json.js';
import { renderLinuxConnections } from './linux/connections.js';
import { renderMacosConnections } from './macos/connections.js';
import type { NameTables } from './names.js';
import { renderWindowsConnections } from './windows/connections.js';

export interface RenderContext {
  names: NameTables;
  /** Line ending for the Windows style (CRLF on Windows hosts). */
  eol: string;
}

/** Render a listing in the query's format and style. */
export function renderConnections(records: readonly SocketRecord[], q: Query, ctx: RenderContext): Iterable<string> {
  if (q.format === 'json') return renderJsonConnections(records);
  if (q.format === 'csv') return renderCsvConnections(records);
  switch (q.style) {
    case 'linux':
      return renderLinuxConnections(records, q, ctx.names);
    case 'windows':
      return renderWindowsConnections(records, q, ctx.names, { eol: ctx.eol });
    case 'macos':
      return renderMacosConnections(records, q, ctx.names);
  }
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
