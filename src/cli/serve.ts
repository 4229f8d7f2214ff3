/**
 * `--serve-metrics [ADDR:]PORT`: a Prometheus exporter. GET (or HEAD) `/metrics` answers a fresh
 * snapshot in the text exposition format; `/` answers one line pointing there; any other path is
 * 404 and any other method 405. Nothing in a request is read besides its method and path (query
 * strings are ignored): no request can make it read a file or run a command.
 *
 * Concurrent scrapes share one probe run, and a snapshot is reused for `--min-interval` after it
 * was taken (a scrape within it gets that snapshot; the next one after it takes a fresh one). An interrupt (SIGINT/SIGTERM,
 * passed in by the entry as `onInterrupt`) closes the server and its connections; the run then
 * ends with status 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { RunError } from '../model/errors.js';
import { EXPOSITION_CONTENT_TYPE } from '../render/openmetrics.js';
import type { ListenAddress } from './listen.js';

export interface ServeOptions {
  address: ListenAddress;
  /** Least time between two snapshots, in milliseconds. */
  minIntervalMs: number;
  /** Take one snapshot: the exposition text. */
  snapshot(): Promise<string>;
  /** A monotonic clock in milliseconds. */
  now(): number;
  /** One line on stderr (the caller prefixes `tsnetstat: `). */
  say(message: string): void;
  /** Calls `stop` once on SIGINT/SIGTERM (at once when one already came). */
  onInterrupt(stop: () => void): void;
}

/** Shares one snapshot between concurrent callers and reuses it within `minIntervalMs`. */
export function sharedSnapshots(take: () => Promise<string>, minIntervalMs: number, now: () => number): () => Promise<string> {
  let inflight: Promise<string> | null = null;
  let last: { at: number; body: string } | null = null;
  return () => {
    if (inflight) return inflight;
    if (last && now() - last.at < minIntervalMs) return Promise.resolve(last.body);
    inflight = take().then(
      (body) => {
        // Counted from the end of a snapshot: however long a probe takes, the exporter idles
        // at least the minimum interval between two (a busy machine is not probed back to back).
        last = { at: now(), body };
        inflight = null;
        return body;
      },
      (e: unknown) => {
        inflight = null;
        throw e;
      },
    );
    return inflight;
  };
}

const POINTER = 'tsnetstat exporter: metrics at /metrics\n';

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, head = false): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(head ? undefined : body);
}

/** Serve until interrupted; resolves with the exit code (0). Throws RunError when it cannot listen. */
export async function serveMetrics(opts: ServeOptions): Promise<number> {
  const current = sharedSnapshots(opts.snapshot, opts.minIntervalMs, opts.now);
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const head = req.method === 'HEAD';
    if (path !== '/metrics' && path !== '/') return send(res, 404, 'not found: metrics at /metrics\n', {}, head);
    if (req.method !== 'GET' && !head) return send(res, 405, 'method not allowed: use GET\n', { Allow: 'GET, HEAD' });
    if (path === '/') return send(res, 200, POINTER, {}, head);
    current().then(
      (body) => send(res, 200, body, { 'Content-Type': EXPOSITION_CONTENT_TYPE }, head),
      (e: unknown) => send(res, 500, `snapshot failed: ${e instanceof Error ? e.message : String(e)}\n`, {}, head),
    );
  };
  const server = createServer(handle);
  server.keepAliveTimeout = 65_000;
  const { host, port, wildcard } = opts.address;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new RunError(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`, 2)));
    server.listen(port, host, () => resolve());
  });
  const bound = server.address();
  const shown = typeof bound === 'object' && bound ? (bound.family === 'IPv6' ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`) : `${host}:${port}`;
  if (wildcard) opts.say(`warning: listening on every interface (${shown}): process names, ports and addresses become visible to anyone who can reach it`);
  opts.say(`serving http://${shown}/metrics`);
  await new Promise<void>((resolve) => {
    opts.onInterrupt(() => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });
  return 0;
}
