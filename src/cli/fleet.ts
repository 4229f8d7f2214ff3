/**
 * Fleet runs: several `--parse` captures in one run (`tsnetstat --parse hosts/*.txt --exposed`),
 * and `--openmetrics` or `--changes` over captures. Loaded (dynamic import) only for them.
 *
 * Each capture stands for a host: its first line `# host: NAME`, else its file name without the
 * extension. Each is opened as its own capture probe (formats may differ per file), with its own
 * copy of the query (the view and families follow what it holds, as for one capture); a capture
 * that cannot be read, is not recognised, or holds another view than the others is reported on one
 * line and left out. Exit status 2 only when no capture could be used.
 *
 * Output: text shows each capture's output in the style in force under `==> web-01 <==`; JSON and
 * CSV records carry `host`; `--summary` adds the fleet's table; `--exposed` is one audit with one
 * footer; `--changes` compares the captures of each host in command-line order.
 */
import { auditExposure, type ExposureReport } from '../audit/exposure.js';
import { summarizeFleet } from '../audit/fleet.js';
import { collectMetrics, type MetricsSnapshot } from '../audit/metrics.js';
import { summarize } from '../audit/summary.js';
import { compileSelection } from '../filter/select.js';
import { isUserError, RunError } from '../model/errors.js';
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import { hostFromPath } from '../parse/common/host-label.js';
import { KIND_NAME, type CaptureProbe } from '../probe/capture.js';
import type { Resolver } from '../probe/names.js';
import { csvCell } from '../render/csv.js';
import { eventJson, eventLine, formatTimestamp } from '../render/events.js';
import { renderExposureCsv, renderExposureJson, renderExposureText } from '../render/exposure.js';
import { hostHeader, renderFleetExposureFooter, renderFleetSummaryText } from '../render/fleet.js';
import { renderJsonDocument } from '../render/json.js';
import { LineWriter } from '../render/line-writer.js';
import { renderOpenMetrics } from '../render/openmetrics.js';
import { PLAIN, type Paint } from '../render/paint.js';
import { rowRenderer } from '../render/rows.js';
import { renderSummaryJson, renderSummaryText } from '../render/summary.js';
import type { RenderContext, Style } from '../render/styles/style.js';
import type { Probe } from '../probe/types.js';
import { ChangeTracker } from '../watch/diff.js';
import { captureResolver, openCapture } from './capture.js';
import { connectionRequest, nameTables } from './listing.js';
import type { CaptureInput } from './capture.js';
import type { Output } from './output.js';

/** What a fleet run needs of `main()`'s dependencies. */
export interface FleetDeps extends CaptureInput {
  stdout: Output;
  stderr: { write(s: string): void };
  createResolver(): Resolver;
  now?(): Date;
}

/** `main.ts`'s one-snapshot listing (streamed), passed in so this module does not import main. */
export type ListOnce = (q: Query, probe: Probe, resolver: Resolver, out: Output, fmt: ListFormat, warn: (w: string) => void) => Promise<boolean>;
type ListFormat = Omit<RenderContext, 'names'> & { style: Style };

export interface FleetContext {
  q: Query;
  /** The listing of one capture (main.ts's). */
  listOnce: ListOnce;
  /** The style picked by the CLI (`main.ts`). */
  style: Style;
  deps: FleetDeps;
  eol: string;
  warn(message: string): void;
  paint: Paint | undefined;
}

/** One usable capture: the host it stands for, its probe and its own query. */
interface Member {
  host: string;
  source: string;
  probe: CaptureProbe;
  q: Query;
  /** Seconds spent reading and parsing it. */
  seconds: number;
}

function copyQuery(q: Query): Query {
  return { ...q, transports: [...q.transports] };
}

/**
 * Open every capture; report those that cannot be used (one line each) and go on. The first usable
 * capture decides the view when the command line does not.
 */
async function openMembers(ctx: FleetContext): Promise<Member[]> {
  const { q, deps } = ctx;
  const members: Member[] = [];
  const several = q.captures.length > 1;
  for (const path of q.captures) {
    const source = path === '-' ? 'stdin' : path;
    try {
      const started = performance.now();
      // openCapture follows this capture on a copy of the command line's query.
      const cq = copyQuery(q);
      const probe = await openCapture(cq, deps, path, several ? hostFromPath(path) : undefined);
      const seconds = (performance.now() - started) / 1000;
      const first = members[0];
      if (first && cq.view !== first.q.view)
        throw new RunError(`${source} holds ${KIND_NAME[probe.capture.kind]} (${probe.capture.format}), unlike ${first.source} (${KIND_NAME[first.probe.capture.kind]}): left out`, 2);
      const mode = q.openmetrics ? '--openmetrics' : q.exposed ? '--exposed' : q.summary ? '--summary' : q.changes ? '--changes' : null;
      if (mode && cq.view !== 'connections') throw new RunError(`${source} holds ${KIND_NAME[probe.capture.kind]} (${probe.capture.format}): ${mode} works on sockets`, 2);
      members.push({ host: probe.host ?? hostFromPath(path), source, probe, q: cq, seconds });
    } catch (e) {
      if (!isUserError(e)) throw e;
      // One line naming the file (the messages of openCapture and the parsers name it already).
      deps.stderr.write(`tsnetstat: ${e.message}\n`);
    }
  }
  return members;
}

/** The selected socket records of a member (its warnings go to stderr). */
async function recordsOf(m: Member, warn: (w: string) => void): Promise<SocketRecord[]> {
  const snap = await m.probe.connections(connectionRequest(m.q));
  for (const w of snap.warnings) warn(w);
  return snap.records.filter(compileSelection(m.q));
}

/** Run over the `--parse` captures of `ctx.q`; returns the exit code. */
export async function runFleet(ctx: FleetContext): Promise<number> {
  const members = await openMembers(ctx);
  if (members.length === 0) {
    if (ctx.q.captures.length > 1) ctx.deps.stderr.write(`tsnetstat: none of the ${ctx.q.captures.length} captures could be used\n`);
    return 2;
  }
  try {
    const { q } = ctx;
    if (q.openmetrics) return await fleetMetrics(ctx, members);
    if (q.changes) return await fleetChanges(ctx, members);
    if (q.summary) return await fleetSummary(ctx, members);
    if (q.exposed) return await fleetExposure(ctx, members);
    return await fleetListing(ctx, members);
  } finally {
    for (const m of members) m.probe.close?.();
  }
}

/** Text under a `==> host <==` line per capture (none when only one capture was given). */
function headed(ctx: FleetContext): (host: string) => string {
  let first = true;
  return (host) => {
    if (ctx.q.captures.length < 2) return '';
    const h = hostHeader(host, first, ctx.eol);
    first = false;
    return h;
  };
}

/** `--openmetrics` over captures: every series with its `host` label when there are several. */
async function fleetMetrics(ctx: FleetContext, members: Member[]): Promise<number> {
  const snaps: MetricsSnapshot[] = [];
  for (const m of members) {
    const started = performance.now();
    const records = await recordsOf(m, ctx.warn);
    const seconds = m.seconds + (performance.now() - started) / 1000;
    snaps.push({ host: ctx.q.captures.length > 1 || m.probe.host !== undefined ? m.host : undefined, records, durationSeconds: seconds });
  }
  await ctx.deps.stdout.write(renderOpenMetrics(collectMetrics(snaps, ctx.q.top)));
  return 0;
}

/** The listing or view of each capture: text under headers; JSON and CSV as one document. */
async function fleetListing(ctx: FleetContext, members: Member[]): Promise<number> {
  const { q, deps } = ctx;
  const resolver: Resolver = captureResolver(deps.createResolver());
  const header = headed(ctx);
  if (members[0]?.q.view !== 'connections') return fleetViews(ctx, members, resolver);
  if (q.format === 'text') {
    const writer = new LineWriter();
    for (const m of members) {
      const h = header(m.host);
      if (h && !(await deps.stdout.write(h))) return 0;
      if (!(await ctx.listOnce(m.q, m.probe, resolver, deps.stdout, { eol: ctx.eol, paint: ctx.paint, writer, style: ctx.style }, ctx.warn))) return 0;
    }
    return 0;
  }
  // One JSON document or CSV table: every record carries its host.
  const { connectionRenderer } = await import('../render/connections.js');
  const names = await resolver.resolve({ hosts: [], ...nameTables(q, ctx.style) });
  const sr = connectionRenderer(q, { names, eol: ctx.eol, style: ctx.style });
  const chunks: string[] = [...sr.begin()];
  for (const m of members) chunks.push(...sr.push(await recordsOf(m, ctx.warn)));
  chunks.push(...sr.end());
  await deps.stdout.write(chunks.join(''));
  return 0;
}

/** Table views (routes, interfaces, statistics, groups) of several captures. */
async function fleetViews(ctx: FleetContext, members: Member[], resolver: Resolver): Promise<number> {
  const { q, deps } = ctx;
  const { renderView } = await import('./views.js');
  const vctx = { resolver, eol: ctx.eol, warn: ctx.warn, style: ctx.style };
  const header = headed(ctx);
  if (q.format === 'json') {
    const hosts: Record<string, unknown>[] = [];
    for (const m of members) {
      const { version: _v, ...doc } = JSON.parse([...(await renderView(m.q, m.probe, vctx))].join('')) as Record<string, unknown>;
      hosts.push({ host: m.host, ...doc });
    }
    await deps.stdout.write(renderJsonDocument({ hosts }));
    return 0;
  }
  let wroteHeader = false;
  for (const m of members) {
    const text = [...(await renderView(m.q, m.probe, vctx))].join('');
    if (q.format === 'csv') {
      // The same table for every host, with `host` as the first column. The view CSV renderers end
      // lines in LF on every OS (views.ts passes them no eol), so their lines are split and kept so.
      const lines = text.split('\n').filter((l) => l !== '');
      const rows = lines.slice(1).map((l) => `${csvCell(m.host)},${l}\n`);
      const head = wroteHeader ? '' : `host,${lines[0] ?? ''}\n`;
      wroteHeader = true;
      if (!(await deps.stdout.write(head + rows.join('')))) return 0;
    } else if (!(await deps.stdout.write(header(m.host) + text))) return 0;
  }
  return 0;
}

/** `--summary`: each capture's summary under its header, then the fleet's table (JSON: one document). */
async function fleetSummary(ctx: FleetContext, members: Member[]): Promise<number> {
  const { q, deps } = ctx;
  const header = headed(ctx);
  const per: { host: string; records: SocketRecord[] }[] = [];
  for (const m of members) per.push({ host: m.host, records: await recordsOf(m, ctx.warn) });
  const fleet = summarizeFleet(per, q.top);
  if (q.format === 'json') {
    if (q.captures.length < 2) {
      await deps.stdout.write(renderSummaryJson(summarize(per[0]?.records ?? [], q.top)));
      return 0;
    }
    const hosts = per.map((h) => ({ host: h.host, summary: summarize(h.records, q.top) }));
    await deps.stdout.write(renderJsonDocument({ summary: summarize(per.flatMap((h) => h.records), q.top), hosts, fleet }));
    return 0;
  }
  const Table = (await import('cli-table3')).default;
  const { NO_NAMES } = await import('../render/names.js');
  const paint = ctx.paint ?? PLAIN;
  let out = '';
  for (const h of per) out += header(h.host) + renderSummaryText(summarize(h.records, q.top), { style: ctx.style, Table, paint, names: NO_NAMES, eol: ctx.eol });
  if (q.captures.length > 1) out += `${ctx.eol}==> fleet (${per.length} host${per.length === 1 ? '' : 's'}) <==${ctx.eol}` + renderFleetSummaryText(fleet, { Table, paint, eol: ctx.eol });
  await deps.stdout.write(out);
  return 0;
}

/** `--exposed`: one audit over the fleet; exit 1 when any host raised a warning. */
async function fleetExposure(ctx: FleetContext, members: Member[]): Promise<number> {
  const { q, deps } = ctx;
  const reports: { host: string; report: ExposureReport; q: Query }[] = [];
  for (const m of members) reports.push({ host: m.host, report: auditExposure(await recordsOf(m, ctx.warn)), q: m.q });
  const all: ExposureReport = {
    listeners: reports.reduce((n, r) => n + r.report.listeners, 0),
    exposed: reports.flatMap((r) => r.report.exposed),
    warnings: reports.reduce((n, r) => n + r.report.warnings, 0),
  };
  const hostsWithWarnings = reports.filter((r) => r.report.warnings > 0).length;
  if (q.format === 'json') await deps.stdout.write(renderExposureJson(all, { hosts: reports.length, hostsWithWarnings }));
  else if (q.format === 'csv') await deps.stdout.write(renderExposureCsv(all, ctx.eol));
  else {
    const { NO_NAMES } = await import('../render/names.js');
    const header = headed(ctx);
    const paint = ctx.paint ?? PLAIN;
    const single = q.captures.length < 2;
    let out = '';
    for (const r of reports) out += header(r.host) + renderExposureText(r.report, r.q, { names: NO_NAMES, eol: ctx.eol, paint, style: ctx.style, footer: single, ...(single ? {} : { host: r.host }) });
    if (!single) out += renderFleetExposureFooter(reports, { paint, eol: ctx.eol });
    await deps.stdout.write(out);
  }
  return all.warnings > 0 ? 1 : 0;
}

/**
 * `--changes` over captures: the captures of one host, in command-line order, are its successive
 * snapshots (`mon/web-01.txt tue/web-01.txt`); the first is the baseline. Events as with an interval.
 */
async function fleetChanges(ctx: FleetContext, members: Member[]): Promise<number> {
  const { q, deps } = ctx;
  const byHost = new Map<string, Member[]>();
  for (const m of members) byHost.set(m.host, [...(byHost.get(m.host) ?? []), m]);
  const { NO_NAMES } = await import('../render/names.js');
  const writer = new LineWriter();
  const header = headed(ctx);
  const time = formatTimestamp(deps.now?.() ?? new Date());
  let out = '';
  for (const [host, list] of byHost) {
    if (list.length < 2) {
      ctx.warn(`${host}: one capture (${list[0]?.source}), nothing to compare it with`);
      continue;
    }
    const tracker = new ChangeTracker();
    let text = '';
    for (const m of list) {
      const diff = tracker.update(await recordsOf(m, ctx.warn));
      if (q.format === 'json') {
        for (const c of diff.changes) text += `${eventJson(c, time)}\n`;
        continue;
      }
      const row = rowRenderer(m.q, { names: NO_NAMES, eol: ctx.eol, paint: ctx.paint, writer, style: ctx.style });
      const ectx = { style: ctx.style, row, paint: ctx.paint ?? PLAIN };
      for (const c of diff.changes) text += eventLine(c, time, ectx) + ctx.eol;
    }
    out += q.format === 'json' ? text : header(host) + text;
  }
  await deps.stdout.write(out);
  return 0;
}
