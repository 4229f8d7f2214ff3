/**
 * The streaming capture probe (`--parse` of a large socket listing): records come from a capture
 * read batch by batch as it arrives, so memory stays bounded whatever its size. Each batch of
 * about {@link BATCH_CHARS} characters is parsed with the format's own parser, with the section
 * title and column header in force carried in front of it (`parse/stream-formats.ts`), and its
 * records are handed to the listing's sink at once. Skipped lines are summarised as they go (a
 * count and the first line ranges per reason), never held.
 */
import type { SocketRecord } from '../model/socket.js';
import type { LineDecoder } from '../parse/common/line-decoder.js';
import type { CaptureOptions } from '../parse/common/text.js';
import { parseAs, type Capture } from '../parse/detect.js';
import { streamShape } from '../parse/stream-formats.js';
import type { CaptureProbe } from './capture.js';
import type { ConnectionRequest, RecordSink, Snapshot } from './types.js';

/** Characters of rows parsed at a time. */
export const BATCH_CHARS = 1 << 20;

/** Line ranges kept per skip reason (the count is always exact). */
const RANGES_KEPT = 8;

/** Skipped lines summarised as they go: per reason a count, the first ranges and one sample. */
class SkipSummary {
  private readonly by = new Map<string, { count: number; ranges: [number, number][]; sample: string; more: boolean }>();
  constructor(private readonly source: string) {}

  add(line: number, text: string, reason: string, to = line): void {
    let e = this.by.get(reason);
    if (!e) this.by.set(reason, (e = { count: 0, ranges: [], sample: text.trim(), more: false }));
    e.count += to - line + 1;
    const last = e.ranges[e.ranges.length - 1];
    if (last && last[1] === line - 1) last[1] = to;
    else if (e.ranges.length < RANGES_KEPT) e.ranges.push([line, to]);
    else e.more = true;
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [reason, e] of this.by) {
      const ranges = e.ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ') + (e.more ? ', …' : '');
      const sample = e.count === 1 ? `: ${e.sample.length > 80 ? `${e.sample.slice(0, 77)}...` : e.sample}` : '';
      out.push(`${this.source}: skipped ${e.count === 1 ? 'line' : `${e.count} lines`} ${ranges} (${reason})${sample}`);
    }
    return out;
  }
}

/** Where the stream stands when the probe takes over: the decoder, lines already decoded, the rest. */
export interface StreamStart {
  format: string;
  decoder: LineDecoder;
  /** Decoded lines not yet parsed, and the number of the first of them. */
  lines: string[];
  firstLine: number;
  /** Lines before `lines` that no format recognised (reported as skipped). */
  unrecognised: number;
  rest: AsyncIterator<Uint8Array>;
  /** Notes to print (how the input is read). */
  notes: string[];
  /** The host the capture stands for (its `# host:` line, or the fleet's label); its records carry it. */
  host?: string;
}

/** A capture probe over a socket listing read as a stream (`connections()` can be called once). */
export function createStreamingCaptureProbe(start: StreamStart, opts: CaptureOptions): CaptureProbe {
  const shape = streamShape(start.format);
  if (!shape) throw new Error(`${start.format} is not read as a stream`);
  const capture: Capture = { format: start.format, kind: 'connections', skipped: [], notes: start.notes };
  let used = false;
  return {
    name: `capture:${start.format}`,
    capture,
    host: start.host,
    async connections(_req: ConnectionRequest, sink?: RecordSink): Promise<Snapshot> {
      if (used) return { records: [], warnings: [`${opts.source}: a capture read as a stream is listed once`] };
      used = true;
      const skips = new SkipSummary(opts.source);
      if (start.unrecognised > 0) skips.add(1, '', 'no recognised row before', start.unrecognised);
      const kept: SocketRecord[] = [];
      const notes = new Map<string, string>();
      let context: string[] = [];
      let batch: string[] = [];
      let batchChars = 0;
      let batchFirst = start.firstLine;
      let next = start.firstLine;

      const flush = (): void | Promise<unknown> => {
        if (batch.length === 0) return;
        const prefix = context;
        const c = parseAs(start.format, [...prefix, ...batch].join('\n'), opts);
        for (const s of c.skipped) if (s.line > prefix.length) skips.add(s.line - prefix.length + batchFirst - 1, s.text, s.reason);
        // A note repeated by every batch (with its own counts) is printed once, as the first batch said it.
        for (const n of c.notes) notes.set(n.replace(/\d+/g, '#'), notes.get(n.replace(/\d+/g, '#')) ?? n);
        const host = start.host;
        const records = host === undefined ? (c.connections ?? []) : (c.connections ?? []).map((r) => ({ ...r, host }));
        let written: void | Promise<unknown> = undefined;
        if (sink) written = sink(records);
        else for (const r of records) kept.push(r);
        // The context for the next batch: titles and headers met in this one.
        for (const l of batch) {
          if (shape.section?.(l)) context = [l];
          else if (shape.context(l)) context = [...context.slice(-2), l];
        }
        batch = [];
        batchChars = 0;
        return written;
      };
      // Parse each full batch; the writes it started are waited for before reading on (back-pressure).
      const feed = async (lines: readonly string[]): Promise<void> => {
        for (const l of lines) {
          if (batchChars >= BATCH_CHARS && shape.recordStart(l)) {
            await flush();
            batchFirst = next;
          }
          batch.push(l);
          batchChars += l.length + 1;
          next++;
        }
      };

      await feed(start.lines);
      start.lines = [];
      for (let r = await start.rest.next(); !r.done; r = await start.rest.next()) await feed(start.decoder.push(r.value));
      await feed(start.decoder.end());
      await flush();
      const warnings = [...start.notes, ...notes.values(), ...skips.lines()];
      if (start.decoder.cutLines > 0) warnings.push(`${opts.source}: ${start.decoder.cutLines} line${start.decoder.cutLines === 1 ? '' : 's'} longer than 1 MiB cut`);
      return { records: kept, warnings };
    },
  };
}
