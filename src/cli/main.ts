/**
 * main(argv, deps) → exit code. Everything the program does, with the OS reached only through
 * `deps` (which `run.ts` builds from `process`). Tests call it with fakes.
 */
import { compileSelection } from '../filter/select.js';
import { RunError, UsageError } from '../model/errors.js';
import { wantsOwners, type Query, type Style } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { Resolver } from '../probe/names.js';
import type { ConnectionRequest, Probe } from '../probe/types.js';
import { connectionRenderer, hostsToResolve } from '../render/connections.js';
import type { NameTables } from '../render/names.js';
import { escapeControl } from '../render/sanitize.js';
import { renderAll } from '../render/stream.js';
import type { CaptureInput } from './capture.js';
import { parseCommandLine } from './flags.js';
import { renderUsage } from './help.js';

declare const __TSNETSTAT_VERSION__: string;

/** Where output goes. `write` resolves false once the reader has gone away (EPIPE): stop quietly. */
export interface Output {
  write(chunk: string): Promise<boolean>;
  readonly isTTY: boolean;
}

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
}

/** The style used when nothing else says: the host OS's own. */
export function hostStyle(platform: string): Style {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux';
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

function connectionRequest(q: Query): ConnectionRequest {
  const owners = wantsOwners(q);
  return { transports: q.transports, inet4: q.inet4, inet6: q.inet6, owners, ownerNames: owners, timers: q.timers };
}

/** Fill `user` from the users table (JSON/CSV carry it where known). */
function fillUsers(records: SocketRecord[], names: NameTables): void {
  for (const r of records) {
    if (r.uid !== undefined && r.user === undefined) {
      const u = names.users.get(r.uid);
      if (u !== undefined) r.user = u;
    }
  }
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
  eol: string,
  warn: (w: string) => void,
): Promise<boolean> {
  const req = connectionRequest(q);
  const keep = compileSelection(q);
  const wantUsers = q.format !== 'text' || (q.extend > 0 && !q.numericUsers);
  const tables = { networks: q.style === 'linux', services: q.format === 'text' && !q.numericPorts, users: wantUsers };
  const streaming = q.format !== 'text' || q.numericHosts;
  if (streaming) {
    const names = await resolver.resolve({ hosts: [], ...tables });
    const sr = connectionRenderer(q, { names, eol });
    let open = true;
    let last: Promise<boolean> = Promise.resolve(true);
    const emit = (chunks: Iterable<string>): void => {
      for (const c of chunks) {
        if (!open) return;
        last = out.write(c).then((ok) => (open = open && ok));
      }
    };
    emit(sr.begin());
    const push = (batch: SocketRecord[]): void => {
      const selected = batch.filter(keep);
      if (wantUsers) fillUsers(selected, names);
      emit(sr.push(selected));
    };
    const snap = await probe.connections(req, push);
    // A probe that does not stream returns its records instead.
    if (snap.records.length > 0) push(snap.records);
    for (const w of snap.warnings) warn(w);
    emit(sr.end());
    return (await last) && open;
  }
  const snap = await probe.connections(req);
  for (const w of snap.warnings) warn(w);
  const records = snap.records.filter(keep);
  const names = await resolver.resolve({ hosts: hostsToResolve(records, q), ...tables });
  if (wantUsers) fillUsers(records, names);
  return writeChunks(out, renderAll(connectionRenderer(q, { names, eol }), records));
}

/** Run the program; returns the exit code. */
export async function main(deps: MainDeps): Promise<number> {
  const style = hostStyle(deps.platform);
  const usageHint = "Try 'tsnetstat --help' for more information.\n";
  let q: Query;
  try {
    const parsed = parseCommandLine(deps.argv, { defaultStyle: style, envStyle: deps.env['TSNETSTAT_STYLE'], slashSwitches: deps.platform === 'win32' });
    if (parsed.kind === 'help') {
      await deps.stdout.write(renderUsage(style));
      return 0;
    }
    if (parsed.kind === 'version') {
      await deps.stdout.write(`tsnetstat ${typeof __TSNETSTAT_VERSION__ === 'string' ? __TSNETSTAT_VERSION__ : 'dev'}\n`);
      return 0;
    }
    q = parsed.query;
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
    // --parse and the table views load their (large) modules only when used: cold start stays small.
    const capture = q.parse !== null ? await import('./capture.js') : null;
    probe = capture ? await capture.openCapture(q, deps) : await deps.createProbe();
    const resolver = capture ? capture.captureResolver(deps.createResolver()) : deps.createResolver();
    const renderView = q.view !== 'connections' ? (await import('./views.js')).renderView : null;
    const eol = deps.platform === 'win32' ? '\r\n' : '\n';
    for (;;) {
      if (renderView) {
        const chunks = await renderView(q, probe, { resolver, eol, warn });
        if (!(await writeChunks(deps.stdout, chunks))) return 0;
        if (q.interval === null || deps.interrupted()) break;
        if (!(await deps.sleep(q.interval * 1000))) break;
        continue;
      }
      if (!(await connectionsOnce(q, probe, resolver, deps.stdout, eol, warn))) return 0;
      if (q.interval === null || deps.interrupted()) break;
      if (!(await deps.sleep(q.interval * 1000))) break;
    }
    return 0;
  } catch (e) {
    if (e instanceof RunError || e instanceof UsageError) {
      deps.stderr.write(`tsnetstat: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    probe?.close?.();
  }
}
