/**
 * Text of fleet runs (pure): the `==> web-01 <==` line above each capture's output (as `tail`
 * prints several files), the fleet section of `--summary` (a row per host, the processes and
 * listening ports found on most hosts) and the one footer of `--exposed` over every host.
 */
import type { ExposureReport } from '../audit/exposure.js';
import type { FleetSummary } from '../audit/fleet.js';
import type { Paint } from './paint.js';
import { warningLine } from './exposure.js';
import { escapeControl } from './sanitize.js';
import type { TableConstructor } from './summary.js';
import { plural } from './layout.js';

/** The line above a capture's output: `==> web-01 <==`, after a blank line unless it is the first. */
export function hostHeader(host: string, first: boolean, eol: string): string {
  return `${first ? '' : eol}==> ${escapeControl(host)} <==${eol}`;
}


/** The fleet section of `--summary`: hosts, then the top processes and ports over the fleet. */
export function renderFleetSummaryText(f: FleetSummary, ctx: { Table: TableConstructor; paint: Paint; eol: string }): string {
  const { paint: p, Table } = ctx;
  const table = (head: string[]): InstanceType<TableConstructor> => new Table({ head: head.map((h) => p.bold(h)), style: { head: [], border: [], compact: true } });
  const right = (n: number): { content: string; hAlign: 'right' } => ({ content: String(n), hAlign: 'right' });
  const lines = (t: InstanceType<TableConstructor>): string => t.toString().split('\n').join(ctx.eol);
  const out: string[] = [];
  out.push(`${p.bold('Hosts')}: ${f.hosts.length}`);
  const h = table(['Host', 'Sockets', 'Listening', 'Established', 'Processes']);
  for (const r of f.hosts) h.push([escapeControl(r.host), right(r.sockets), right(r.listening), right(r.established), right(r.processes)]);
  out.push(lines(h));
  out.push(`${p.bold('Top processes')} over the fleet, by hosts running them`);
  if (f.processes.length > 0) {
    const t = table(['Process', 'Hosts', 'Sockets']);
    for (const r of f.processes) t.push([escapeControl(r.name) || '-', right(r.hosts), right(r.sockets)]);
    out.push(lines(t));
  }
  out.push(`${p.bold('Top listening ports')} over the fleet, by hosts listening`);
  if (f.ports.length > 0) {
    const t = table(['Proto', 'Port', 'Hosts', 'Listeners']);
    for (const r of f.ports) t.push([r.transport, right(r.port), right(r.hosts), right(r.listeners)]);
    out.push(lines(t));
  }
  return out.join(ctx.eol) + ctx.eol;
}

/** The one footer of a fleet's exposure audit: counts over all hosts, then every warning with its host. */
export function renderFleetExposureFooter(reports: readonly { host: string; report: ExposureReport }[], ctx: { paint: Paint; eol: string }): string {
  const { eol } = ctx;
  let listeners = 0;
  let exposed = 0;
  let warnings = 0;
  let hostsExposed = 0;
  let hostsWarned = 0;
  for (const { report } of reports) {
    listeners += report.listeners;
    exposed += report.exposed.length;
    warnings += report.warnings;
    if (report.exposed.length > 0) hostsExposed++;
    if (report.warnings > 0) hostsWarned++;
  }
  const n = reports.length;
  let out = `${eol}${exposed} of ${plural(listeners, 'listener')} reachable from the network on ${hostsExposed} of ${plural(n, 'host')}; `;
  out += `${plural(warnings, 'warning')}${warnings ? ` on ${plural(hostsWarned, 'host')}:` : '.'}${eol}`;
  for (const { host, report } of reports) for (const e of report.exposed) if (e.warning) out += warningLine(e, ctx.paint, `${escapeControl(host)}: `) + eol;
  return out;
}
