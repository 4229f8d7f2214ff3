/**
 * `--diagnose` output (pure): the findings of `audit/diagnose.ts` as a text report, one JSON
 * document, or (with `--changes`) one JSON line or a few text lines per snapshot.
 *
 * Text, per finding: the severity and id, the one-line summary, the evidence (one line per kind),
 * and what to do:
 * ```
 * WARNING close-wait-pileup: node (pid 812) holds 20 sockets in CLOSE_WAIT: …
 *   counts: CLOSE_WAIT 20 (threshold 10)
 *   processes: node (pid 812)
 *   remote endpoints: 127.0.0.1:7001 (20)
 *   do: find where node misses close() …
 * ```
 */
import type { Diagnosis, FindingChanges } from '../audit/diagnose.js';
import { ownersText, type EndpointCount, type Evidence, type Finding } from '../model/diagnosis.js';
import { JSON_VERSION, publicRecord, renderJsonDocument } from './json.js';
import type { Paint } from './paint.js';
import { escapeControl } from './sanitize.js';
import { plural } from './layout.js';

export interface DiagnoseRenderContext {
  paint: Paint;
  eol: string;
}


function processes(list: readonly { pid: number; name: string }[] | undefined): string {
  if (!list || list.length === 0) return 'unknown';
  return escapeControl(ownersText(list));
}

function pairs(rec: Record<string, number | string>, threshold?: Record<string, number>): string {
  return Object.entries(rec)
    .map(([k, v]) => `${k} ${v}${threshold?.[k] !== undefined ? ` (threshold ${threshold[k]})` : ''}`)
    .join(', ');
}

function remote(e: EndpointCount): string {
  const a = e.address === null ? '*' : e.address.includes(':') ? `[${e.address}]` : e.address;
  const who = e.processes ? ` ${processes(e.processes)}` : '';
  return `${escapeControl(a)}:${e.port ?? '*'} (${e.count})${who}`;
}

/** Connections grouped by process and remote port, as a small table. */
function groupTable(groups: readonly EndpointCount[]): string[] {
  const rows = groups.map((g) => [String(g.count), String(g.port ?? '*'), escapeControl(g.address ?? '*'), processes(g.processes)]);
  const head = ['connections', 'port', 'remote', 'process'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padStart(width[i] as number) : i === cells.length - 1 ? c : c.padEnd(width[i] as number))).join('  ');
  return [line(head), ...rows.map(line)];
}

/** The evidence as labelled lines (without indentation). */
export function evidenceLines(ev: Evidence): string[] {
  const out: string[] = [];
  const over = ev.intervalSeconds !== undefined ? ` (in the last ${ev.intervalSeconds}s)` : '';
  if (ev.target) out.push(`on: ${escapeControl(ev.target)}`);
  if (ev.counts) out.push(`counts: ${pairs(ev.counts, ev.threshold)}`);
  if (ev.processes) out.push(`processes: ${processes(ev.processes)}`);
  if (ev.remotes && ev.remotes.length > 0) {
    if (ev.remotes.some((r) => r.processes)) out.push(...groupTable(ev.remotes));
    else out.push(`remote endpoints: ${ev.remotes.map(remote).join(', ')}`);
  }
  if (ev.counters) out.push(`counters${over || ' (since boot)'}: ${pairs(ev.counters)}`);
  if (ev.rates) out.push(`rates: ${pairs(ev.rates)}`);
  if (ev.threshold && !ev.counts) out.push(`threshold: ${pairs(ev.threshold)}`);
  if (ev.portRange) out.push(`ephemeral range: ${ev.portRange.low}-${ev.portRange.high} (${ev.portRange.source})`);
  if (ev.settings) out.push(`settings: ${pairs(ev.settings)}`);
  if (ev.source) out.push(`source: ${ev.source}`);
  return out;
}

function findingText(f: Finding, ctx: DiagnoseRenderContext, mark = ''): string {
  const p = ctx.paint;
  const sev = f.severity === 'warning' ? p.warning('WARNING') : p.title('NOTE');
  let out = `${mark}${sev} ${p.bold(f.id)}: ${escapeControl(f.summary)}${ctx.eol}`;
  for (const l of evidenceLines(f.evidence)) out += `  ${l}${ctx.eol}`;
  out += `  do: ${f.action}${ctx.eol}`;
  return out;
}

/** The report of one snapshot; with `changes` (an interval), new findings are marked `+` and cleared ones listed. */
export function renderDiagnosisText(d: Diagnosis, ctx: DiagnoseRenderContext, changes?: FindingChanges): string {
  const eol = ctx.eol;
  const raised = new Set(changes?.raised ?? []);
  let out = '';
  for (const f of d.findings) out += findingText(f, ctx, changes ? (raised.has(f) ? ctx.paint.added('+ ') : '  ') : '') + eol;
  if (changes && changes.cleared.length > 0) {
    for (const f of changes.cleared) out += ctx.paint.removed(`- cleared: ${f.id} ${escapeControl(f.subject)}`) + eol;
    out += eol;
  }
  out +=
    d.findings.length === 0
      ? `No findings: ${plural(d.checked.length, 'check')} passed (${d.checked.join(', ')}).${eol}`
      : `${plural(d.warnings, 'warning')}, ${plural(d.infos, 'note')} (checked: ${d.checked.join(', ')}).${eol}`;
  if (d.ephemeralPorts) out += `ephemeral port range: ${d.ephemeralPorts.low}-${d.ephemeralPorts.high} (${d.ephemeralPorts.source})${eol}`;
  const reasons = new Map<string, string[]>();
  for (const s of d.skipped) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s.id]);
  for (const [reason, ids] of reasons) out += `not checked: ${ids.join(', ')} (${reason})${eol}`;
  return out;
}

/** A finding as JSON: the evidence's sockets in the listing's record schema. */
function findingJson(f: Finding): Record<string, unknown> {
  const { sockets, ...rest } = f.evidence;
  return { id: f.id, severity: f.severity, subject: f.subject, summary: f.summary, evidence: { ...rest, ...(sockets ? { sockets: sockets.map(publicRecord) } : {}) }, action: f.action };
}

function body(d: Diagnosis, changes?: FindingChanges, time?: string): Record<string, unknown> {
  return {
    ...(time !== undefined ? { time } : {}),
    diagnosis: { warnings: d.warnings, infos: d.infos, checked: d.checked, skipped: d.skipped, ...(d.ephemeralPorts ? { ephemeralPorts: d.ephemeralPorts } : {}) },
    findings: d.findings.map(findingJson),
    ...(changes
      ? { changes: { raised: changes.raised.map((f) => ({ id: f.id, subject: f.subject })), cleared: changes.cleared.map((f) => ({ id: f.id, subject: f.subject })) } }
      : {}),
  };
}

/** `{"version":1,"diagnosis":{…},"findings":[…]}` (pretty, like the other documents). */
export function renderDiagnosisJson(d: Diagnosis, changes?: FindingChanges, time?: string): string {
  return renderJsonDocument(body(d, changes, time));
}

/** One snapshot as one JSON line (NDJSON, `--changes`). */
export function renderDiagnosisJsonLine(d: Diagnosis, changes: FindingChanges | undefined, time: string): string {
  return `${JSON.stringify({ version: JSON_VERSION, ...body(d, changes, time) })}\n`;
}

/** `--changes` text: one line per finding raised (`+`) or cleared (`-`), with the time. */
export function renderFindingEvents(changes: FindingChanges, time: string, ctx: DiagnoseRenderContext): string {
  let out = '';
  for (const f of changes.cleared) out += `${ctx.paint.removed('-')} ${time} ${f.id} ${escapeControl(f.subject)}: cleared${ctx.eol}`;
  for (const f of changes.raised) out += `${ctx.paint.added('+')} ${time} ${f.severity === 'warning' ? ctx.paint.warning('WARNING') : 'NOTE'} ${f.id}: ${escapeControl(f.summary)}${ctx.eol}`;
  return out;
}
