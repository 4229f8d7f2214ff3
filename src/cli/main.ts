/**
 * main(argv, deps) → exit code. Everything the program does, with the OS reached only through
 * `deps` (which `run.ts` builds from `process`). Tests call it with fakes.
 */
import { selectRecords } from '../filter/select.js';
import { RunError, UsageError } from '../model/errors.js';
import { wantsOwners, type Query, type Style } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { Resolver } from '../probe/names.js';
import type { ConnectionRequest, Probe } from '../probe/types.js';
import { hostsToResolve, renderConnections } from '../render/connections.js';
import { NO_NAMES } from '../render/names.js';
import { escapeControl } from '../render/sanitize.js';
import { captureResolver, openCapture, type CaptureInput } from './capture.js';
import { parseCommandLine } from './flags.js';
import { renderUsage } from './help.js';
import { renderView } from './views.js';

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
  return { transports: q.transports, inet4: q.inet4, inet6: q.inet6, owners, ownerNames: owners };
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
    probe = q.parse !== null ? await openCapture(q, deps) : await deps.createProbe();
    const resolver = q.parse !== null ? captureResolver(deps.createResolver()) : deps.createResolver();
    const req = connectionRequest(q);
    const eol = deps.platform === 'win32' ? '\r\n' : '\n';
    for (;;) {
      if (q.view !== 'connections') {
        const chunks = await renderView(q, probe, { resolver, eol, warn });
        if (!(await writeChunks(deps.stdout, chunks))) return 0;
        if (q.interval === null || deps.interrupted()) break;
        if (!(await deps.sleep(q.interval * 1000))) break;
        continue;
      }
      const snap = await probe.connections(req);
      for (const w of snap.warnings) warn(w);
      const records: SocketRecord[] = selectRecords(snap.records, q);
      const wantUsers = q.format !== 'text' || (q.extend > 0 && !q.numericUsers);
      const names =
        q.format === 'text' && q.numericHosts && q.numericPorts && !wantUsers
          ? NO_NAMES
          : await resolver.resolve({
              hosts: hostsToResolve(records, q),
              networks: q.style === 'linux',
              services: q.format === 'text' && !q.numericPorts,
              users: wantUsers,
            });
      if (q.format !== 'text') {
        for (const r of records) {
          if (r.uid !== undefined && r.user === undefined) {
            const u = names.users.get(r.uid);
            if (u !== undefined) r.user = u;
          }
        }
      }
      if (!(await writeChunks(deps.stdout, renderConnections(records, q, { names, eol })))) return 0;
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
