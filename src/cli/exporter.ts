/**
 * `--openmetrics` (one snapshot on stdout) and `--serve-metrics` (the HTTP exporter) for this
 * machine. Loaded (dynamic import) only for them.
 */
import type { Query } from '../model/query.js';
import type { Probe } from '../probe/types.js';
import { parseListenAddress } from './listen.js';
import type { Output } from './output.js';
import { metricsSnapshotter } from './metrics.js';
import { serveMetrics } from './serve.js';

/** What the exporter needs of `main()`'s dependencies. */
export interface ExporterDeps {
  stdout: Output;
  stderr: { write(s: string): void };
  interrupted(): boolean;
  onInterrupt?(stop: () => void): void;
}

/** Print one snapshot, or serve them until interrupted; returns the exit code. */
export async function runExporter(q: Query, probe: Probe, deps: ExporterDeps, warn: (w: string) => void): Promise<number> {
  const snapshot = metricsSnapshotter(q, probe, warn);
  if (q.serveMetrics === null) {
    await deps.stdout.write(await snapshot());
    return 0;
  }
  const onInterrupt = deps.onInterrupt;
  return serveMetrics({
    address: parseListenAddress(q.serveMetrics),
    minIntervalMs: q.minInterval * 1000,
    snapshot,
    now: () => performance.now(),
    say: (m) => deps.stderr.write(`tsnetstat: ${m}\n`),
    onInterrupt: (stop) => {
      if (onInterrupt) onInterrupt(stop);
      else if (deps.interrupted()) stop();
    },
  });
}
