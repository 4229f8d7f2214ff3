/**
 * The metric families of `--openmetrics` and the exporter (pure): sockets by protocol and state,
 * listeners, exposed listeners (the `--exposed` audit), the top processes by sockets held, and
 * how long the snapshot took. `render/openmetrics.ts` writes them in the exposition format.
 *
 * With several `--parse` captures every sample starts with a `host` label; samples whose labels
 * coincide (two captures of one host) are added up, so no series appears twice.
 */
import type { SocketRecord } from '../model/socket.js';
import { auditExposure, isListener } from './exposure.js';
import { summarize } from './summary.js';

/** The records of one snapshot (one host), and how long taking it took. */
export interface MetricsSnapshot {
  /** The host label (fleet runs); undefined for this machine or one unlabelled capture. */
  host?: string | undefined;
  records: readonly SocketRecord[];
  durationSeconds: number;
}

/** Label name → value pairs, in the order they are printed. */
export type Labels = ReadonlyArray<readonly [string, string]>;

/** One gauge family: its samples in first-seen order. */
export interface MetricFamily {
  name: string;
  help: string;
  samples: { labels: Labels; value: number }[];
}

class FamilyBuilder {
  private readonly byKey = new Map<string, { labels: Labels; value: number }>();
  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly combine: (a: number, b: number) => number = (a, b) => a + b,
  ) {}

  add(labels: Labels, value: number): void {
    const key = labels.map(([k, v]) => `${k}\u0000${v}`).join('\u0001');
    const prev = this.byKey.get(key);
    if (prev) prev.value = this.combine(prev.value, value);
    else this.byKey.set(key, { labels, value });
  }

  build(): MetricFamily {
    return { name: this.name, help: this.help, samples: [...this.byKey.values()] };
  }
}

/** Owner names of a socket as one label value (`nginx`, `a,b` when shared; '' when unknown). */
function processLabel(r: SocketRecord): string {
  if (r.owners.length === 0) return '';
  if (r.owners.length === 1) return (r.owners[0] as { name: string }).name;
  return [...new Set(r.owners.map((o) => o.name))].join(',');
}

/** The families of the snapshots; `top` limits the processes listed per host. */
export function collectMetrics(snapshots: readonly MetricsSnapshot[], top: number): MetricFamily[] {
  const sockets = new FamilyBuilder('tsnetstat_sockets', 'Sockets by protocol and state (NONE: no state, e.g. unconnected UDP).');
  const listeners = new FamilyBuilder(
    'tsnetstat_listeners',
    'Listening sockets (TCP LISTEN, UDP without a peer) by protocol, local address, port and owning process.',
  );
  const exposed = new FamilyBuilder(
    'tsnetstat_exposed_listeners',
    'Listeners the network can reach, by protocol, port, process, scope (wildcard, link-local, private, public) and service (a service usually meant to be local, empty otherwise).',
  );
  const processes = new FamilyBuilder('tsnetstat_process_sockets', 'Sockets held by each of the top processes (a shared socket counts for each holder).');
  const duration = new FamilyBuilder('tsnetstat_snapshot_duration_seconds', 'Time taken to read the sockets of this snapshot.', Math.max);
  for (const snap of snapshots) {
    const host: Labels = snap.host !== undefined ? [['host', snap.host]] : [];
    for (const r of snap.records) {
      sockets.add([...host, ['proto', r.proto], ['state', r.state ?? 'NONE']], 1);
      if (isListener(r))
        listeners.add([...host, ['proto', r.proto], ['address', r.localAddress ?? '*'], ['port', String(r.localPort ?? 0)], ['process', processLabel(r)]], 1);
    }
    for (const e of auditExposure(snap.records).exposed) {
      const r = e.record;
      const labels: Labels = [...host, ['proto', r.proto], ['port', String(r.localPort ?? 0)], ['process', processLabel(r)], ['scope', e.scope], ['service', e.warning?.service ?? '']];
      exposed.add(labels, 1);
    }
    for (const p of summarize(snap.records, top).processes) processes.add([...host, ['pid', String(p.pid)], ['process', p.name]], p.count);
    duration.add(host, snap.durationSeconds);
  }
  return [sockets, listeners, exposed, processes, duration].map((f) => f.build());
}
