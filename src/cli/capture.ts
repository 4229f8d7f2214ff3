/**
 * `--parse FILE` wiring: read the input through an injected reader, build the capture probe,
 * let the view follow what the capture holds, and keep name lookups local (a capture's
 * addresses and uids belong to another machine: no reverse DNS, no local user names).
 */
import { RunError } from '../model/errors.js';
import type { Query } from '../model/query.js';
import { createCaptureProbe, type CaptureProbe } from '../probe/capture.js';
import { errCode } from '../probe/io.js';
import type { Resolver } from '../probe/names.js';

export interface CaptureInput {
  /** Bytes of the input; `-` is standard input. */
  readInput?(path: string): Promise<Uint8Array>;
  /** `/etc/services` text ('' when there is none). */
  readServices?(): string;
}

const VIEW_FLAG: Readonly<Record<Query['view'], string>> = {
  connections: 'a socket listing',
  routes: '-r',
  interfaces: '-i',
  ethernet: '-e',
  statistics: '-s',
  groups: '-g',
};

/** Open the `--parse` input as a probe; sets `q.view` from the capture's kind when the command line names no view. */
export async function openCapture(q: Query, deps: CaptureInput): Promise<CaptureProbe> {
  const path = q.parse as string;
  if (!deps.readInput) throw new RunError('--parse is not available here', 2);
  let bytes: Uint8Array;
  try {
    bytes = await deps.readInput(path);
  } catch (e) {
    throw new RunError(`cannot read ${path === '-' ? 'standard input' : path}: ${errCode(e) || (e instanceof Error ? e.message : String(e))}`, 2);
  }
  const probe = createCaptureProbe(bytes, { source: path === '-' ? 'stdin' : path, format: q.from, services: deps.readServices?.() ?? '' });
  const kind = probe.capture.kind;
  const compatible = q.view === kind || (q.view === 'interfaces' && kind === 'ethernet') || (q.view === 'ethernet' && kind === 'interfaces');
  if (q.view === 'connections' && kind !== 'connections') q.view = kind;
  else if (!compatible) throw new RunError(`${path === '-' ? 'stdin' : path} holds ${kind} (${probe.capture.format}): it cannot answer ${VIEW_FLAG[q.view]}`, 2);
  return probe;
}

/** A resolver for captured data: service names only (ports mean the same everywhere). */
export function captureResolver(base: Resolver): Resolver {
  return { resolve: (req) => base.resolve({ ...req, hosts: [], networks: false, users: false }) };
}
