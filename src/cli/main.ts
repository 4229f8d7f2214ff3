/**
 * main(argv, deps) → exit code. Everything the program does, with the OS reached only through
 * `deps` (which `run.ts` builds from `process`). Tests call it with fakes.
 */
import { compileSelection } from '../filter/select.js';
import { isUserError, UsageError } from '../model/errors.js';
import type { Query, StyleName } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { Resolver } from '../probe/names.js';
import type { Probe } from '../probe/types.js';
import { connectionRenderer, hostsToResolve, type RenderContext } from '../render/connections.js';
import { hostStyleName, STYLES, styleOf, type StyleRegistry } from '../render/styles/registry.js';
import type { Style } from '../render/styles/style.js';
import { LineWriter } from '../render/line-writer.js';
import type { Paint } from '../render/paint.js';
import { escapeControl } from '../render/sanitize.js';
import { renderAll, type LaterSection } from '../render/stream.js';
import { repeatTicks } from '../watch/loop.js';
import type { CaptureInput } from './capture.js';
import { colorEnabled } from './color.js';
import { parseCommandLine } from './flags.js';
import { renderUsage } from './help.js';
import { connectionRequest, fillUsers, nameTables, needsMode, wantsUsers } from './listing.js';
import type { Output } from './output.js';

export type { Output } from './output.js';

declare const __TSNETSTAT_VERSION__: string;
/** Set by the standalone build (scripts/package.mjs): `standalone executable`. */
declare const __TSNETSTAT_BUILD__: string;

export interface MainDeps extends CaptureInput {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  stdout: Output;
  stderr: { write(s: string): void };
  createProbe(): Promise<Probe>;
  createResolver(): Resolver;
  /** Resolves after `ms`, or early (false) when the run is interrupted. */
  sleep(ms: number): Promise<boolean>;
  /** True once Ctrl+C (SIGINT/SIGTERM) was received. */
  interrupted(): boolean;
  /** The clock, for watch timestamps (default: the system clock). */
  now?(): Date;
  /** Calls `stop` once on SIGINT/SIGTERM, at once when one already came (the exporter's shutdown). */
  onInterrupt?(stop: () => void): void;
  /** The styles `--style` may name (default: the built-in registry; tests add a toy style). */
  styles?: StyleRegistry;
  /**
   * Called once the command line is read, before any I/O, when host names will be looked up:
   * reverse DNS runs on libuv's thread pool, and the entry makes room for parallel lookups (a
   * pool of 16 threads costs ~4 ms to start, which a numeric listing does not pay).
   */
  lookingUpNames?(): void;
}

const CHUNK = 64 * 1024;

/** Write rendered chunks in batches of ~64 KiB; false when the reader went away. */
export async function writeChunks(out: Output, chunks: Iterable<string>): Promise<boolean> {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length >= CHUNK) {
      if (!(await out.write(buf))) return false;
      buf = '';
    }
  }
  return buf.length === 0 ? true : out.write(buf);
}

/**
 * One snapshot of the listing. Streams when nothing needs the whole set first (numeric hosts or
 * JSON/CSV): each batch is filtered and rendered as the probe reads it. Otherwise the records are
 * collected, host names resolved in parallel, then rendered. False when the reader went away.
 */
async function connectionsOnce(
  q: Query,
  probe: Probe,
  resolver: Resolver,
  out: Output,
  fmt: Omit<RenderContext, 'names'> & { style: Style },
  warn: (w: string) => void,
): Promise<boolean> {
  const req = connectionRequest(q);
  // The line writer picks its way for a short or a long table by the probe's count.
  const writer = fmt.writer;
  if (writer) req.expect = (sockets) => writer.expectRows(sockets);
  const keep = compileSelection(q);
  const wantUsers = wantsUsers(q);
  const tables = nameTables(q, fmt.style);
  // A capture resolves no host names (they belong to another machine): it always streams.
  const streaming = q.format !== 'text' || q.numericHosts || q.parse !== null;
  if (streaming) {
    const names = await resolver.resolve({ hosts: [], ...tables });
    const sr = connectionRenderer(q, { names, ...fmt });
    let open = true;
    let last: Promise<boolean> = Promise.resolve(true);
    // Every chunk is written as it comes: an output that writes bytes at once takes the line
    // writer's chunks as bytes (they come back from it as '').
    const writeBytes = out.writeBytes;
    fmt.writer?.drainTo(writeBytes ? (b, n) => writeBytes.call(out, b, n) : null);
    const emit = (chunks: Iterable<string | Uint8Array>): void => {
      for (const c of chunks) {
        if (!open) return;
        if (typeof c !== 'string') {
          // Held rows (see StreamRenderer.later), as the bytes they were kept in.
          if (writeBytes) writeBytes.call(out, c, c.length);
          else last = out.write(Buffer.from(c.buffer, c.byteOffset, c.length).toString('utf8')).then((ok) => (open = open && ok));
        } else if (c !== '') last = out.write(c).then((ok) => (open = open && ok));
      }
    };
    try {
      emit(sr.begin());
      // The write of each batch is handed back: a probe that can wait (a streamed capture) does, so
      // the output's back-pressure reaches the input.
      const push = (batch: SocketRecord[]): Promise<boolean> => {
        const selected = batch.filter(keep);
        if (wantUsers) fillUsers(selected, names);
        emit(sr.push(selected));
        return last;
      };
      // A renderer that can hold rows back lets the probe read two tables in one pass (the
      // section is made when the probe first holds a row back: most listings never do).
      let held: LaterSection | undefined;
      const later = sr.later?.bind(sr);
      if (later) {
        req.later = {
          push: (batch) => {
            const selected = batch.filter(keep);
            if (wantUsers) fillUsers(selected, names);
            (held ??= later()).push(selected);
          },
          flush: () => {
            if (held) emit(held.close());
          },
        };
      }
      const snap = await probe.connections(req, push);
      if (held) emit(held.close()); // (in case the probe held rows back and said nothing)
      // A probe that does not stream returns its records instead.
      if (snap.records.length > 0) push(snap.records);
      for (const w of snap.warnings) warn(w);
      emit(sr.end());
    } finally {
      fmt.writer?.drainTo(null);
    }
    return (await last) && open;
  }
  const snap = await probe.connections(req);
  for (const w of snap.warnings) warn(w);
  const records = snap.records.filter(keep);
  const names = await resolver.resolve({ hosts: hostsToResolve(records, q, fmt.style), ...tables });
  if (wantUsers) fillUsers(records, names);
  return writeChunks(out, renderAll(connectionRenderer(q, { names, ...fmt }), records));
}

/** Run the program; returns the exit code. */
export async function main(deps: MainDeps): Promise<number> {
  const defaultStyle = hostStyleName(deps.platform);
  const styles = deps.styles ?? STYLES;
  const usageHint = "Try 'tsnetstat --help' for more information.\n";
  let q: Query;
  try {
    const parsed = parseCommandLine(deps.argv, {
      defaultStyle,
      envStyle: deps.env['TSNETSTAT_STYLE'],
      slashSwitches: deps.platform === 'win32',
      styles: deps.styles,
      platform: deps.platform,
    });
    if (parsed.kind === 'help') {
      await deps.stdout.write(renderUsage(defaultStyle));
      return 0;
    }
    if (parsed.kind === 'version') {
      const build = typeof __TSNETSTAT_BUILD__ === 'string' ? ` (${__TSNETSTAT_BUILD__})` : '';
      await deps.stdout.write(`tsnetstat ${typeof __TSNETSTAT_VERSION__ === 'string' ? __TSNETSTAT_VERSION__ : 'dev'}${build}\n`);
      return 0;
    }
    if (parsed.kind === 'completion') {
      // The generator reads every value table (formats, states): loaded only here.
      const { renderCompletion } = await import('./completion.js');
      await deps.stdout.write(renderCompletion(parsed.shell as Parameters<typeof renderCompletion>[0]));
      return 0;
    }
    q = parsed.query;
    if (!q.numericHosts) deps.lookingUpNames?.();
  } catch (e) {
    if (e instanceof UsageError) {
      deps.stderr.write(`tsnetstat: ${e.message}\n${usageHint}`);
      return 2;
    }
    throw e;
  }

  const warned = new Set<string>();
  const warn = (w: string): void => {
    if (warned.has(w)) return;
    warned.add(w);
    deps.stderr.write(`tsnetstat: ${escapeControl(w)}\n`);
  };

  let probe: Probe | undefined;
  try {
    const eol = deps.platform === 'win32' ? '\r\n' : '\n';
    // The style is picked once, here, and passed down as an object.
    const style = styles.get(q.style) ?? styleOf(q);
    // Several captures, or metrics: fleet.ts and metrics.ts are loaded only for them.
    if (q.parse !== null && (q.captures.length > 1 || q.openmetrics || q.changes)) {
      const paint = colorEnabled(q.color, q.format, deps.env, deps.stdout.isTTY) ? await loadPaint() : undefined;
      return await (await import('./fleet.js')).runFleet({ q, style, listOnce: connectionsOnce, deps, eol, warn, paint });
    }
    if (q.openmetrics) {
      probe = await deps.createProbe();
      return await (await import('./exporter.js')).runExporter(q, probe, deps, warn);
    }
    // --parse and the table views load their (large) modules only when used: cold start stays small.
    const capture = q.parse !== null ? await import('./capture.js') : null;
    const source = capture ? await capture.openCapture(q, deps) : await deps.createProbe();
    probe = source;
    const resolver = capture ? capture.captureResolver(deps.createResolver()) : deps.createResolver();
    const renderView = q.view !== 'connections' ? (await import('./views.js')).renderView : null;
    // Colour is decided once, here; chalk is loaded only when it is on.
    const listing = q.view === 'connections' || q.diagnose;
    const paint = colorEnabled(q.color, q.format, deps.env, deps.stdout.isTTY) && listing ? await loadPaint() : undefined;
    if (listing && needsMode(q, deps.stdout.isTTY)) {
      const out = deps.stdout;
      // Loaded only here: a plain listing's start-up does not pay for the modes.
      const { runMode } = await import('./modes.js');
      return await runMode({
        q,
        style,
        probe: source,
        resolver,
        out,
        eol,
        warn,
        paint,
        loop: deps,
        now: deps.now ?? (() => new Date()),
        size: () => out.size?.(),
        argv: deps.argv,
      });
    }
    // One line writer for the whole run, reused by every tick (memory stays flat).
    const fmt = { eol, paint, writer: new LineWriter(), style };
    // The classic repetition: the whole listing (or view) again every interval.
    await repeatTicks(q.interval, deps, async () => {
      if (renderView) return writeChunks(deps.stdout, await renderView(q, source, { resolver, eol, warn, style }));
      return connectionsOnce(q, source, resolver, deps.stdout, fmt, warn);
    });
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      deps.stderr.write(`tsnetstat: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    probe?.close?.();
  }
}

/** chalk's Paint, from its on-demand file (terminal colours only). */
async function loadPaint(): Promise<Paint> {
  return (await import('../render/chalk-paint.js')).loadPaint();
}
