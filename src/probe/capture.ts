/**
 * The capture probe (`--parse FILE`): a Probe whose answers come from captured text instead of
 * the OS. A connections capture answers `connections()`, a routes capture `routes()`, a groups
 * capture `groups()` and so on; the methods of views a capture does not hold are absent (a
 * `route print` capture also answers `interfaces()` with its Interface List); asked for sockets it
 * does not hold, a capture answers none, with a note (`cli/capture.ts` refuses a listing of them).
 */
import type { GroupMembership } from '../model/group.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { Statistics } from '../model/statistics.js';
import type { NativeStatistics } from './types.js';
import { serviceLookupFromText } from '../parse/common/endpoint.js';
import { splitHostLine } from '../parse/common/host-label.js';
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
  /** The host this capture stands for when its first line does not say (`# host: NAME`); fleet runs pass the file's name. */
  host?: string;
}

/** A probe over a parsed capture, plus the capture itself (its kind decides the default view). */
export interface CaptureProbe extends Probe {
  readonly capture: Capture;
  /** The host label of the capture (its `# host:` line, else `opts.host`); its socket records carry it. */
  readonly host: string | undefined;
}

/** What each kind of capture holds, in words for messages. */
export const KIND_NAME: Readonly<Record<CaptureKind, string>> = {
  connections: 'sockets',
  routes: 'routes',
  interfaces: 'interfaces',
  ethernet: 'interface statistics',
  statistics: 'protocol statistics',
  groups: 'multicast group memberships',
};

/** Build a probe from captured bytes (UTF-8 or UTF-16, any line endings). */
export function createCaptureProbe(bytes: Uint8Array | string, opts: CaptureProbeOptions): CaptureProbe {
  const labelled = splitHostLine(typeof bytes === 'string' ? bytes : decodeCapture(bytes));
  const text = labelled.text;
  const host = labelled.host ?? opts.host;
  const capture = parseCapture(text, {
    source: opts.source,
    format: opts.format ?? null,
    nameHint: opts.source,
    ...(opts.services ? { services: serviceLookupFromText(opts.services) } : {}),
  });
  const warnings = [...capture.notes, ...summariseSkipped(capture.skipped)];
  const { connections, routes, interfaces, statistics, groups } = capture;
  // Records are handed out as copies: filters and renderers may annotate them.
  const probe: CaptureProbe = {
    name: `capture:${capture.format}`,
    capture,
    host,
    async connections(): Promise<Snapshot> {
      // The listing view of a capture without sockets is refused before (cli/capture.ts); a view
      // that appends sockets (Windows `-s -p tcp`) gets none, and a note says why.
      if (!connections) return { records: [], warnings: [...warnings, `${opts.source} holds ${KIND_NAME[capture.kind]} (${capture.format}), not sockets: no connections to list`] };
      if (host !== undefined) return { records: connections.map((r) => ({ ...r, owners: [...r.owners], host })), warnings };
      return { records: connections.map((r) => ({ ...r, owners: [...r.owners] })), warnings };
    },
  };
  // The views a capture does not hold stay absent, as on a probe of a system that lacks them.
  if (routes)
    probe.routes = async (req): Promise<Snapshot<Route>> => ({
      records: routes.filter((r) => (r.family === 'inet' ? req.inet4 : req.inet6)).map((r) => ({ ...r })),
      warnings,
    });
  if (interfaces) probe.interfaces = async (): Promise<Snapshot<NetInterface>> => ({ records: interfaces.map((i) => ({ ...i })), warnings });
  // A BSD netstat -s capture keeps its own words for the macOS style (many BSD counters have no MIB-II name).
  const native: NativeStatistics | undefined = capture.format === 'bsd-statistics' ? { style: 'macos', text } : undefined;
  if (statistics)
    probe.statistics = async () => ({ statistics: structuredClone(statistics), warnings, ...(native ? { native } : {}) });
  if (groups) probe.groups = async (): Promise<Snapshot<GroupMembership>> => ({ records: groups.map((g) => ({ ...g })), warnings });
  return probe;
}
