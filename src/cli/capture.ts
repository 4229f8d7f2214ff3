/**
 * `--parse FILE` wiring: read the input through an injected reader, build the capture probe,
 * let the view follow what the capture holds, and keep name lookups local (a capture's
 * addresses and uids belong to another machine: no reverse DNS, no local user names).
 */
import { RunError } from '../model/errors.js';
import type { Query } from '../model/query.js';
import { listsUnixSockets } from '../parse/detect.js';
import { createCaptureProbe, KIND_NAME, type CaptureProbe } from '../probe/capture.js';
import { errCode } from '../probe/io.js';
import type { Resolver } from '../probe/names.js';
import { openCaptureStream } from './capture-stream.js';

export interface CaptureInput {
  /** Bytes of the input; `-` is standard input. */
  readInput?(path: string): Promise<Uint8Array>;
  /**
   * The input as chunks as they arrive (`-` is standard input): preferred over `readInput`, so a
   * capture of any size (a FIFO, `/dev/zero`, a 1 GiB file) is read in bounded memory.
   */
  openInput?(path: string): AsyncIterable<Uint8Array>;
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

/** Statistics keys of IPv6-only tables, and of IPv4-only ones (`tcp`, `tcpExt` count both families on Linux). */
const V6_STATS = ['ipv6', 'icmpv6', 'udpv6', 'udplitev6', 'tcpv6'];
const V4_STATS = ['ip', 'icmp', 'icmpMsg', 'udp', 'udplite'];

/**
 * The view follows what the capture holds: a capture answers its own view without the flag, a
 * flag for another view is refused, and when no `-4`/`-6` was given a capture of one family is
 * shown as that family (net-tools prints only the IPv4 routes or counters unless told `-6`).
 */
function followCapture(q: Query, probe: CaptureProbe, name: string): void {
  const { kind, format } = probe.capture;
  const defaulted = q.view === 'connections' && kind !== 'connections';
  const compatible = q.view === kind || (q.view === 'interfaces' && kind === 'ethernet') || (q.view === 'ethernet' && kind === 'interfaces');
  if (defaulted) q.view = kind;
  else if (!compatible) throw new RunError(`${name} holds ${KIND_NAME[kind]} (${format}): it cannot answer ${VIEW_FLAG[q.view]}`, 2);
  // The default set of a capture is every transport; a tool that never lists unix sockets
  // (netstat.exe, lsof -i, /proc/net/tcp) leaves no empty unix section to print.
  const everyTransport = (['tcp', 'udp', 'raw', 'unix'] as const).every((t) => q.transports.includes(t));
  if (q.view === 'connections' && everyTransport && !listsUnixSockets(format)) q.transports = q.transports.filter((t) => t !== 'unix');
  const stats = probe.capture.statistics;
  if (q.view === 'statistics') {
    // Windows `netstat -e -s`: the capture's -e block comes along, as it did on that machine.
    if (defaulted && probe.capture.interfaces) q.ethernet = true;
    if (q.ethernet && !probe.capture.interfaces) throw new RunError(`${name} holds protocol statistics without the -e block (${format}): it cannot answer -e -s`, 2);
    if (q.format === 'text' && stats && Object.keys(stats).every((k) => k === 'sockstat'))
      throw new RunError(`${name} holds socket usage counts (${format}), which no netstat layout prints: use --json or --csv`, 2);
  }
  if (!(q.inet4 && q.inet6)) return;
  const routes = probe.capture.routes;
  if (q.view === 'routes' && routes && routes.length > 0) {
    q.inet4 = routes.some((r) => r.family === 'inet');
    q.inet6 = routes.some((r) => r.family === 'inet6');
  }
  if (q.view === 'statistics' && stats) {
    const keys = Object.keys(stats);
    if (keys.some((k) => V6_STATS.includes(k)) && !keys.some((k) => V4_STATS.includes(k))) q.inet4 = false;
  }
}

/** Open a `--parse` input (default the first) as a probe, labelled `host` unless its first line names one; sets `q.view` (and the families) from what the capture holds when the command line does not say. */
export async function openCapture(q: Query, deps: CaptureInput, path = q.parse as string, host?: string): Promise<CaptureProbe> {
  if (deps.openInput) {
    const name = path === '-' ? 'stdin' : path;
    const probe = await openCaptureStream(q, deps.openInput(path), { name, readServices: deps.readServices, ...(host !== undefined ? { host } : {}) });
    // --diagnose reads whatever the capture holds: no view to follow.
    if (!q.diagnose) followCapture(q, probe, name);
    return probe;
  }
  if (!deps.readInput) throw new RunError('--parse is not available here', 2);
  let bytes: Uint8Array;
  try {
    bytes = await deps.readInput(path);
  } catch (e) {
    throw new RunError(`cannot read ${path === '-' ? 'standard input' : path}: ${errCode(e) || (e instanceof Error ? e.message : String(e))}`, 2);
  }
  const name = path === '-' ? 'stdin' : path;
  const probe = createCaptureProbe(bytes, { source: name, format: q.from, services: deps.readServices?.() ?? '', ...(host !== undefined ? { host } : {}) });
  // --diagnose reads whatever the capture holds: no view to follow.
  if (!q.diagnose) followCapture(q, probe, name);
  return probe;
}

/** A resolver for captured data: service names only (ports mean the same everywhere). */
export function captureResolver(base: Resolver): Resolver {
  return { resolve: (req) => base.resolve({ ...req, hosts: [], networks: false, users: false }) };
}
