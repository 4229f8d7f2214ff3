/**
 * `--summary` output (pure): tables drawn by cli-table3 (its constructor is passed in, so it is
 * loaded only on this path), or one JSON document. Protocols and states are spelled as the style's
 * native tool spells them; JSON uses the canonical names of the socket schema.
 */
import type CliTable3 from 'cli-table3';
import type { Summary, StateKey } from '../audit/summary.js';
import { NO_STATE } from '../audit/summary.js';
import type { StyleName } from '../model/query.js';
import type { Proto } from '../model/socket.js';
import { renderJsonDocument } from './json.js';
import type { NameTables } from './names.js';
import type { Paint } from './paint.js';
import { escapeControl } from './sanitize.js';
import { styleFrom } from './styles/registry.js';
import type { Style } from './styles/style.js';

export type TableConstructor = typeof CliTable3;

export interface SummaryTextContext {
  /** The style object (or its name: the registry's object): its protocol and state words. */
  style: Style | StyleName;
  Table: TableConstructor;
  paint: Paint;
  /** Host names for the remote hosts (empty with -n). */
  names: NameTables;
  eol: string;
}

function stateLabel(style: Style, s: StateKey): string {
  return s === NO_STATE ? '(no state)' : style.stateWord(s);
}

const right = (n: number | undefined): CliTable3.Cell => ({ content: n === undefined ? '' : String(n), hAlign: 'right' });

/** The summary as text tables. */
export function renderSummaryText(s: Summary, ctx: SummaryTextContext): string {
  const { paint: p, Table } = ctx;
  const style = styleFrom(ctx.style);
  const table = (head: string[]): CliTable3.Table => new Table({ head: head.map((h) => p.bold(h)), style: { head: [], border: [], compact: true } });
  const lines = (t: CliTable3.Table): string => t.toString().split('\n').join(ctx.eol);
  const labels = (k: Proto): string => style.protocolWord(k);
  const protos = Object.keys(s.byProtocol) as Proto[];
  const out: string[] = [];
  const perProto = protos.map((k) => `${labels(k)} ${s.byProtocol[k] ?? 0}`).join(', ');
  out.push(`${p.bold('Sockets')}: ${s.total}${perProto ? ` (${perProto})` : ''}`);
  if (s.total > 0) {
    const t = table(['State', ...protos.map((k) => labels(k)), 'Total']);
    for (const st of Object.keys(s.byState) as StateKey[]) {
      const label = stateLabel(style, st);
      t.push([st === NO_STATE ? label : p.state(label, st), ...protos.map((k) => right(s.byProtocolState[k]?.[st])), right(s.byState[st])]);
    }
    t.push([p.bold('Total'), ...protos.map((k) => right(s.byProtocol[k])), right(s.total)]);
    out.push(lines(t));
  }
  const owners = `${s.processCount} process${s.processCount === 1 ? '' : 'es'}; ${s.unattributed} socket${s.unattributed === 1 ? '' : 's'} without a known owner`;
  out.push(`${p.bold('Top processes')} by sockets held (${owners})`);
  if (s.processes.length > 0) {
    const t = table(['PID', 'Process', 'Sockets']);
    for (const pr of s.processes) t.push([right(pr.pid), escapeControl(pr.name) || '-', right(pr.count)]);
    out.push(lines(t));
  }
  out.push(`${p.bold('Top remote hosts')} by connections (${s.remoteHostCount} host${s.remoteHostCount === 1 ? '' : 's'})`);
  if (s.remoteHosts.length > 0) {
    const t = table(['Remote host', 'Connections']);
    for (const h of s.remoteHosts) {
      const name = ctx.names.hosts.get(h.address);
      t.push([name !== undefined && name !== h.address ? `${escapeControl(name)} (${h.address})` : h.address, right(h.count)]);
    }
    out.push(lines(t));
  }
  return out.join(ctx.eol) + ctx.eol;
}

/** The summary as one JSON document: `{"version":1,"summary":{…}}`. */
export function renderSummaryJson(s: Summary): string {
  return renderJsonDocument({ summary: s });
}
