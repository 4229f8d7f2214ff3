/**
 * `--openmetrics` and the exporter's snapshots of this machine: probe → filter → metric families
 * → exposition text. Loaded (dynamic import) only for them; `--openmetrics --parse` goes through
 * `fleet.ts`.
 */
import { collectMetrics } from '../audit/metrics.js';
import { compileSelection } from '../filter/select.js';
import type { Query } from '../model/query.js';
import type { Probe } from '../probe/types.js';
import { renderOpenMetrics } from '../render/openmetrics.js';
import { connectionRequest } from './listing.js';

/** Takes one snapshot per call: the sockets now, filtered, as exposition text (the filters compiled once). */
export function metricsSnapshotter(q: Query, probe: Probe, warn: (w: string) => void): () => Promise<string> {
  const req = connectionRequest(q);
  const keep = compileSelection(q);
  return async () => {
    const started = performance.now();
    const snap = await probe.connections(req);
    for (const w of snap.warnings) warn(w);
    const records = snap.records.filter(keep);
    const durationSeconds = (performance.now() - started) / 1000;
    return renderOpenMetrics(collectMetrics([{ records, durationSeconds }], q.top));
  };
}
