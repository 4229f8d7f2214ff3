/**
 * Loaded (dynamic import) only when a listing needs one of its modes (`needsMode()` in listing.ts).
 * The socket listings that need whole snapshots: the watch screen (an interval on a terminal),
 * `--changes` events, `--summary` and `--exposed`. Each tick: probe → filter → (diff | count |
 * audit) → render → write, repeated by `watch/loop.ts`. The caches that make ticks cheap (the
 * resolver's names, the probe's netlink socket) live for the whole run; the change tracker keeps
 * only the previous snapshot.
 */
import { auditExposure } from '../audit/exposure.js';
import { summarize } from '../audit/summary.js';
import { compileSelection } from '../filter/select.js';
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { Resolver } from '../probe/names.js';
import { hostsToResolve } from '../render/connections.js';
import { eventJson, formatTimestamp } from '../render/events.js';
import { exposureQuery, renderExposureCsv, renderExposureJson, renderExposureText } from '../render/exposure.js';
import { NO_NAMES, type NameTables } from '../render/names.js';
import { PLAIN } from '../render/paint.js';
import { renderedLines, tagLines } from '../render/rows.js';
import { escapeControl } from '../render/sanitize.js';
import { LEAVE_SCREEN, renderScreen, type ScreenLine } from '../render/screen.js';
import { renderSummaryJson, renderSummaryText, type TableConstructor } from '../render/summary.js';
import { ChangeTracker } from '../watch/diff.js';
import { repeatTicks } from '../watch/loop.js';
import { connectionRequest, fillUsers, nameTables, wantsUsers, watchScreen } from './listing.js';
import { LineWriter } from '../render/line-writer.js';
import { runDiagnose } from './diagnose-mode.js';
import type { ModeBase } from './mode-base.js';
import type { Style } from '../render/styles/style.js';

export interface ModeContext extends ModeBase {
  /** The style the CLI picked. */
  style: Style;
  resolver: Resolver;
  /** The terminal's size, when output is a terminal. */
  size(): { columns: number; rows: number } | undefined;
  /** The command line as typed (for the watch status line). */
  argv: readonly string[];
  /** One line writer for the whole run: rows are rendered one at a time, every tick. */
  writer?: LineWriter;
}

/** Takes one snapshot of the listing's sockets per call, filtered (the filters compiled once). */
function snapshotter(ctx: ModeContext, warn: (w: string) => void): () => Promise<SocketRecord[]> {
  const req = connectionRequest(ctx.q);
  const keep = compileSelection(ctx.q);
  return async () => {
    const snap = await ctx.probe.connections(req);
    for (const w of snap.warnings) warn(w);
    return snap.records.filter(keep);
  };
}

/** Names for the rows of `records` as the style shows them (cached by the resolver across ticks). */
async function namesFor(ctx: ModeContext, q: Query, records: SocketRecord[]): Promise<NameTables> {
  const names = await ctx.resolver.resolve({ hosts: hostsToResolve(records, q, ctx.style), ...nameTables(q, ctx.style) });
  if (wantsUsers(q)) fillUsers(records, names);
  return names;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Draws frames on a terminal (the watch screen) or writes snapshots one after the other (a pipe).
 * On a terminal, warnings are held until the screen is left, so they do not tear a frame.
 */
class Presenter {
  private onScreen = false;
  /** Warnings met while the screen is up (each once: a probe repeats its warnings every tick). */
  private held = new Set<string>();
  readonly screen: boolean;
  constructor(private readonly ctx: ModeContext) {
    this.screen = watchScreen(ctx.q, ctx.out.isTTY);
  }

  warn = (w: string): void => {
    if (this.screen) this.held.add(w);
    else this.ctx.warn(w);
  };

  /** Write one snapshot: a frame on a terminal, the text itself elsewhere. */
  show(text: string | ScreenLine[], counts: string, gutter: boolean): Promise<boolean> {
    if (!this.screen) return this.ctx.out.write(typeof text === 'string' ? text : text.map((l) => l.text + this.ctx.eol).join(''));
    const lines = typeof text === 'string' ? renderedLines([text]).map((t) => ({ text: t })) : text;
    const size = this.ctx.size() ?? { columns: 80, rows: 24 };
    const t = this.ctx.now();
    const n = this.held.size;
    const warned = n ? ` · ${n} warning${n === 1 ? '' : 's'} (shown on exit)` : '';
    const status = `Every ${this.ctx.q.interval}s: ${commandLineText(this.ctx.argv)}   ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}   ${counts}${warned}`;
    const frame = renderScreen(status, lines, { ...size, first: !this.onScreen, paint: this.ctx.paint ?? PLAIN, eol: this.ctx.eol, gutter, marks: this.ctx.style.gutter });
    this.onScreen = true;
    return this.ctx.out.write(frame);
  }

  /** Leave the screen (restore the terminal), then print the held warnings. */
  async close(): Promise<void> {
    if (this.onScreen) await this.ctx.out.write(LEAVE_SCREEN);
    this.onScreen = false;
    for (const w of this.held) this.ctx.warn(w);
    this.held.clear();
  }
}

/** Repeat `tick(snapshot, presenter)`; the screen (if any) is left however the loop ends. */
async function run(ctx: ModeContext, tick: (snapshot: () => Promise<SocketRecord[]>, p: Presenter) => Promise<boolean>): Promise<void> {
  const presenter = new Presenter(ctx);
  const snapshot = snapshotter(ctx, presenter.warn);
  try {
    await repeatTicks(ctx.q.interval, ctx.loop, () => tick(snapshot, presenter));
  } finally {
    await presenter.close();
  }
}

/** The watch screen: the listing redrawn in place, new rows highlighted, closed ones dimmed for a tick, changes marked. */
async function runWatch(ctx: ModeContext): Promise<number> {
  const { q } = ctx;
  const tracker = new ChangeTracker();
  await run(ctx, async (snapshot, p) => {
    const records = await snapshot();
    const diff = tracker.update(records);
    const closed = diff.changes.filter((c) => c.kind === 'closed').map((c) => c.record);
    const shown = closed.length > 0 ? records.concat(closed) : records;
    const names = await namesFor(ctx, q, shown);
    const marks = new Map(diff.changes.map((c) => [c.record, c.kind] as const));
    const lines = tagLines(shown, marks, q, { names, eol: ctx.eol, paint: ctx.paint, writer: ctx.writer, style: ctx.style }).map((l) => ({ text: l.text, mark: l.tag }));
    const counts = diff.first
      ? `${diff.total} socket${diff.total === 1 ? '' : 's'}`
      : `${diff.total} socket${diff.total === 1 ? '' : 's'}: +${diff.added} new, -${diff.closed} closed, ~${diff.changed} changed`;
    return p.show(lines, counts, true);
  });
  return 0;
}

/** `--changes`: only the events, as text lines or NDJSON. The first snapshot is the baseline. */
async function runChanges(ctx: ModeContext): Promise<number> {
  const { q } = ctx;
  const tracker = new ChangeTracker();
  const snapshot = snapshotter(ctx, ctx.warn);
  await repeatTicks(q.interval, ctx.loop, async () => {
    const diff = tracker.update(await snapshot());
    if (diff.changes.length === 0) return true;
    const time = formatTimestamp(ctx.now());
    if (q.format === 'json') return ctx.out.write(diff.changes.map((c) => `${eventJson(c, time)}\n`).join(''));
    const names = await namesFor(ctx, q, diff.changes.map((c) => c.record));
    const row = ctx.style.watchRow(q, { names, eol: ctx.eol, paint: ctx.paint, writer: ctx.writer, style: ctx.style });
    const ectx = { row, paint: ctx.paint ?? PLAIN };
    return ctx.out.write(diff.changes.map((c) => ctx.style.changeRow(c, time, ectx) + ctx.eol).join(''));
  });
  return 0;
}

/** `--summary`: counts by protocol and state, top processes and remote hosts. */
async function runSummary(ctx: ModeContext): Promise<number> {
  const { q } = ctx;
  const Table: TableConstructor | null = q.format === 'text' ? (await import('cli-table3')).default : null;
  await run(ctx, async (snapshot, p) => {
    const s = summarize(await snapshot(), q.top);
    if (Table === null) return p.show(renderSummaryJson(s), '', false);
    const hosts = q.numericHosts ? [] : s.remoteHosts.map((h) => h.address);
    const names = hosts.length > 0 ? await ctx.resolver.resolve({ hosts, services: false, users: false }) : NO_NAMES;
    const text = renderSummaryText(s, { style: ctx.style, Table, paint: ctx.paint ?? PLAIN, names, eol: ctx.eol });
    return p.show(text, `${s.total} socket${s.total === 1 ? '' : 's'}`, false);
  });
  return 0;
}

/** `--exposed`: listeners reachable from the network; exit 1 when one is a usually-local service. */
async function runExposed(ctx: ModeContext): Promise<number> {
  const { q } = ctx;
  const rq = exposureQuery(q, ctx.style);
  let warned = false;
  await run(ctx, async (snapshot, p) => {
    const report = auditExposure(await snapshot());
    if (report.warnings > 0) warned = true;
    if (q.format === 'json') return p.show(renderExposureJson(report), '', false);
    if (q.format === 'csv') return p.show(renderExposureCsv(report, ctx.eol), '', false);
    const names = await namesFor(ctx, rq, report.exposed.map((e) => e.record));
    const text = renderExposureText(report, q, { names, eol: ctx.eol, paint: ctx.paint ?? PLAIN, style: ctx.style });
    return p.show(text, `${report.exposed.length} exposed, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`, false);
  });
  return warned ? 1 : 0;
}

/** Run the mode the query asks for; returns the exit code. */
export function runMode(mode: ModeContext): Promise<number> {
  const ctx: ModeContext = { ...mode, writer: mode.writer ?? new LineWriter() };
  if (ctx.q.diagnose) return runDiagnose(ctx, (tick) => run(ctx, (_snapshot, p) => tick(p)));
  if (ctx.q.changes) return runChanges(ctx);
  if (ctx.q.summary) return runSummary(ctx);
  if (ctx.q.exposed) return runExposed(ctx);
  return runWatch(ctx);
}

/** The command line as the status line shows it (control characters escaped). */
function commandLineText(argv: readonly string[]): string {
  return escapeControl(['tsnetstat', ...argv].join(' '));
}
