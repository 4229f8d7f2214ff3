/**
 * The capture probe (`--parse FILE`): a Probe whose answers come from captured text instead of
 * the OS. A connections capture answers `connections()`, a routes capture `routes()` and so on;
 * asking a capture for what it does not hold is a one-line error.
 */
import { RunError } from '../model/errors.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { Statistics } from '../model/statistics.js';
import { serviceLookupFromText } from '../parse/common/endpoint.js';
import { decodeCapture, summariseSkipped } from '../parse/common/text.js';
import { parseCapture, type Capture, type CaptureKind } from '../parse/detect.js';
import type { Probe, Snapshot } from './types.js';

export interface CaptureProbeOptions {
  /** Name of the input, for messages (`-` for stdin). */
  source: string;
  /** `--from FORMAT`: skip detection. */
  format?: string | null;
  /** `/etc/services` text, to turn printed port names back into numbers ('' when none). */
  services?: string;
}

/** A probe over a parsed capture, plus the capture itself (its kind decides the default view). */
export interface CaptureProbe extends Probe {
  readonly capture: Capture;
}

const KIND_NAME: Readonly<Record<CaptureKind, string>> = {
  connections: 'sockets',
  routes: 'routes',
  interfaces: 'interfaces',
  ethernet: 'interface statistics',
  statistics: 'protocol statistics',
};

/** Build a probe from captured bytes (UTF-8 or UTF-16, any line endings). */
export function createCaptureProbe(bytes: Uint8Array | string, opts: CaptureProbeOptions): CaptureProbe {
  const text = typeof bytes === 'string' ? bytes : decodeCapture(bytes);
  const capture = parseCapture(text, {
    source: opts.source,
    format: opts.format ?? null,
    nameHint: opts.source,
    ...(opts.services ? { services: serviceLookupFromText(opts.services) } : {}),
  });
  const warnings = [...capture.notes, ...summariseSkipped(capture.skipped)];
  const holds = (kind: CaptureKind, asked: string): never => {
    throw new RunError(`${opts.source} holds ${KIND_NAME[kind]} (${capture.format}), not ${asked}`, 2);
  };
  return {
    name: `capture:${capture.format}`,
    capture,
    async connections(): Promise<Snapshot> {
      if (!capture.connections) holds(capture.kind, 'sockets');
      // Records are handed out as copies: filters and renderers may annotate them.
      return { records: (capture.connections ?? []).map((r) => ({ ...r, owners: [...r.owners] })), warnings };
    },
    async routes(req): Promise<Snapshot<Route>> {
      if (!capture.routes) holds(capture.kind, 'routes');
      const records = (capture.routes ?? []).filter((r) => (r.family === 'inet' ? req.inet4 : req.inet6));
      return { records, warnings };
    },
    async interfaces(): Promise<Snapshot<NetInterface>> {
      if (!capture.interfaces) holds(capture.kind, 'interfaces');
      return { records: capture.interfaces ?? [], warnings };
    },
    async statistics(): Promise<{ statistics: Statistics; warnings: string[] }> {
      if (!capture.statistics) holds(capture.kind, 'protocol statistics');
      return { statistics: capture.statistics ?? {}, warnings };
    },
  };
}
