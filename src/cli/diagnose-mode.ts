/**
 * `--diagnose` as a mode (loaded with `modes.ts`): each tick gathers one snapshot of what the
 * checklist reads — the sockets with their owners, interface counters, protocol counters, host
 * facts — runs `audit/diagnose.ts` on it (with the previous tick's counters, for rates), and
 * renders the report: redrawn on a terminal, one JSON document, or with `--changes` only what
 * changed (text lines, or one JSON line per tick). Exit status 1 when any snapshot raised a warning.
 */
import { compareFindings, diagnose, type DiagnoseInput, type Diagnosis } from '../audit/diagnose.js';
import { compileSelection } from '../filter/select.js';
import type { Finding } from '../model/diagnosis.js';
import type { NetInterface } from '../model/interface.js';
import type { Statistics } from '../model/statistics.js';
import type { CaptureProbe } from '../probe/capture.js';
import type { Probe } from '../probe/types.js';
import { renderDiagnosisJson, renderDiagnosisJsonLine, renderDiagnosisText, renderFindingEvents } from '../render/diagnose.js';
import { formatTimestamp } from '../render/events.js';
import { PLAIN } from '../render/paint.js';
import { repeatTicks } from '../watch/loop.js';
import { connectionRequest } from './listing.js';
import type { ModeBase } from './mode-base.js';

/** The modes' presenter: a frame on a terminal, the text itself elsewhere. */
export interface Presenting {
  warn(message: string): void;
  show(text: string, counts: string, gutter: boolean): Promise<boolean>;
}

/** The modes' tick loop with its presenter (the screen is left however the loop ends). */
export type PresentedTicks = (tick: (p: Presenting) => Promise<boolean>) => Promise<void>;

/** The documented ephemeral range to assume for a probe or capture that does not say. */
function defaultRange(probe: Probe): 'linux' | 'windows' | 'macos' {
  const format = (probe as Partial<CaptureProbe>).capture?.format ?? probe.name;
  if (format.startsWith('windows')) return 'windows';
  if (format.startsWith('darwin') || format.startsWith('bsd') || format.startsWith('lsof') || format === 'sockstat') return 'macos';
  return 'linux';
}

/** One snapshot of everything the checklist reads (what a capture lacks is null). */
async function gather(ctx: ModeBase, warn: (w: string) => void): Promise<DiagnoseInput> {
  const { probe, q } = ctx;
  const capture = (probe as Partial<CaptureProbe>).capture;
  let records: DiagnoseInput['records'] = null;
  if (!capture || capture.connections) {
    const keep = compileSelection(q);
    const snap = await probe.connections(connectionRequest(q));
    for (const w of snap.warnings) warn(w);
    records = snap.records.filter(keep);
  }
  let interfaces: NetInterface[] | null = null;
  if (probe.interfaces && (!capture || capture.interfaces)) {
    const snap = await probe.interfaces();
    for (const w of snap.warnings) warn(w);
    interfaces = snap.records;
  }
  let statistics: Statistics | null = null;
  if (probe.statistics) {
    const s = await probe.statistics();
    for (const w of s.warnings) warn(w);
    statistics = s.statistics;
  }
  let facts = {};
  if (probe.hostFacts) {
    const f = await probe.hostFacts();
    for (const w of f.warnings) warn(w);
    facts = f.facts;
  }
  return { records, interfaces, statistics, facts };
}

/** Run `--diagnose`; `ticks` is the modes' tick loop with its presenter (watch screen or plain writes). */
export async function runDiagnose(ctx: ModeBase, ticks: PresentedTicks): Promise<number> {
  const { q } = ctx;
  const thresholds = q.closeWaitThreshold !== null ? { closeWait: q.closeWaitThreshold } : {};
  const range = defaultRange(ctx.probe);
  const rctx = { paint: ctx.paint ?? PLAIN, eol: ctx.eol };
  let previous: { interfaces: NetInterface[] | null; statistics: Statistics | null; at: number } | null = null;
  let before: Finding[] | null = null;
  let warned = false;
  /** Diagnose one snapshot against the previous one (counters as rates over the interval). */
  const step = async (warn: (w: string) => void): Promise<{ d: Diagnosis; changes: ReturnType<typeof compareFindings> | undefined }> => {
    const input = await gather(ctx, warn);
    const at = ctx.now().getTime();
    const seconds = previous ? Math.max(0.1, Math.round((at - previous.at) / 100) / 10) : 0;
    const d = diagnose(input, {
      thresholds,
      defaultRange: range,
      baseline: q.interval !== null && previous === null,
      previous: previous ? { interfaces: previous.interfaces, statistics: previous.statistics, seconds } : null,
    });
    previous = { interfaces: input.interfaces as NetInterface[] | null, statistics: input.statistics, at };
    const changes = q.interval !== null ? compareFindings(before ?? [], d.findings) : undefined;
    before = d.findings;
    if (d.warnings > 0) warned = true;
    return { d, changes };
  };
  if (q.changes) {
    // Only what changed: text events, or one JSON line per tick.
    await repeatTicks(q.interval, ctx.loop, async () => {
      const { d, changes } = await step(ctx.warn);
      const time = formatTimestamp(ctx.now());
      if (q.format === 'json') return ctx.out.write(renderDiagnosisJsonLine(d, changes, time));
      const text = changes ? renderFindingEvents(changes, time, rctx) : '';
      return text === '' ? true : ctx.out.write(text);
    });
    return warned ? 1 : 0;
  }
  await ticks(async (p) => {
    const { d, changes } = await step(p.warn);
    if (q.format === 'json') return p.show(renderDiagnosisJson(d, changes, q.interval !== null ? formatTimestamp(ctx.now()) : undefined), '', false);
    const counts = `${d.warnings} warning${d.warnings === 1 ? '' : 's'}, ${d.infos} note${d.infos === 1 ? '' : 's'}`;
    return p.show(renderDiagnosisText(d, rctx, changes), counts, false);
  });
  return warned ? 1 : 0;
}
