/**
 * `--diagnose` (pure): the troubleshooting checklist of netstat tutorials, run over one snapshot
 * (sockets with owners, interface counters, protocol counters, host facts) or two (with an
 * interval, counters become what happened between them). Each check lives in
 * `diagnose-sockets.ts` or `diagnose-counters.ts`; this file runs them, orders the findings and
 * compares them across snapshots.
 */
import { DEFAULT_PORT_RANGES, type Finding, type FindingId, type HostFacts, type PortRange } from '../model/diagnosis.js';
import type { NetInterface } from '../model/interface.js';
import type { SocketRecord } from '../model/socket.js';
import type { Statistics } from '../model/statistics.js';
import { DEFAULT_COUNTER_THRESHOLDS, interfaceErrors, listenOverflowCounters, tcpRetransmits, type CounterThresholds } from './diagnose-counters.js';
import {
  closeWaitPileups,
  DEFAULT_SOCKET_THRESHOLDS,
  ephemeralPressure,
  exposedServices,
  listenerPressure,
  outboundPublic,
  type SocketThresholds,
} from './diagnose-sockets.js';

/** Every threshold of the checklist (`--close-wait-threshold` sets `closeWait`). */
export type Thresholds = SocketThresholds & CounterThresholds;

/** The documented defaults (README "`--diagnose`"). */
export const DEFAULT_THRESHOLDS: Thresholds = { ...DEFAULT_SOCKET_THRESHOLDS, ...DEFAULT_COUNTER_THRESHOLDS };

/** One snapshot of what the checks read; null where the source has none (a capture holds one kind). */
export interface DiagnoseInput {
  /** Every TCP/UDP socket, with owners where known. */
  records: readonly SocketRecord[] | null;
  interfaces: readonly NetInterface[] | null;
  statistics: Statistics | null;
  facts: HostFacts;
}

export interface DiagnoseOptions {
  thresholds?: Partial<Thresholds>;
  /** The previous snapshot's counters and the seconds since it (an interval); absent: one snapshot. */
  previous?: { interfaces: readonly NetInterface[] | null; statistics: Statistics | null; seconds: number } | null;
  /** True on the first snapshot of an interval run: counter checks wait for the second one. */
  baseline?: boolean;
  /** The ephemeral range to assume when the facts have none. */
  defaultRange?: keyof typeof DEFAULT_PORT_RANGES;
}

export interface Diagnosis {
  /** Warnings first, then notes, each in checklist order. */
  findings: Finding[];
  warnings: number;
  infos: number;
  /** The checks that had data to run on. */
  checked: FindingId[];
  /** Checks that could not run, and why. */
  skipped: { id: FindingId; reason: string }[];
  /** The ephemeral port range the ephemeral-ports check used (absent when it did not run). */
  ephemeralPorts?: PortRange;
}

const ORDER: readonly FindingId[] = ['exposed-service', 'close-wait-pileup', 'syn-recv', 'listen-overflow', 'ephemeral-ports', 'interface-errors', 'tcp-retransmits', 'outbound-public'];

/** Run the checklist. */
export function diagnose(input: DiagnoseInput, opts: DiagnoseOptions = {}): Diagnosis {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const findings: Finding[] = [];
  const checked = new Set<FindingId>();
  const skipped: Diagnosis['skipped'] = [];
  const skip = (ids: FindingId[], reason: string): void => {
    for (const id of ids) skipped.push({ id, reason });
  };
  const records = input.records;
  const socketChecks: FindingId[] = ['exposed-service', 'close-wait-pileup', 'syn-recv', 'listen-overflow', 'ephemeral-ports', 'outbound-public'];
  let full: Finding[] = [];
  let range: PortRange | undefined;
  if (records) {
    for (const id of socketChecks) checked.add(id);
    findings.push(...exposedServices(records), ...closeWaitPileups(records, t.closeWait));
    const pressure = listenerPressure(records, input.facts, t.synRecv);
    full = pressure.filter((f) => f.id === 'listen-overflow');
    findings.push(...pressure);
    range = input.facts.ephemeralPorts ?? DEFAULT_PORT_RANGES[opts.defaultRange ?? 'linux'];
    findings.push(...ephemeralPressure(records, range, t.ephemeralShare), ...outboundPublic(records));
  } else skip(socketChecks.filter((id) => id !== 'listen-overflow'), 'no socket listing in the input');

  const prev = opts.previous ?? null;
  const seconds = prev?.seconds ?? null;
  const waiting = opts.baseline === true;
  if (input.interfaces) {
    checked.add('interface-errors');
    if (waiting) skip(['interface-errors'], 'the first snapshot is the baseline: rates from the next one');
    else if (!prev || prev.interfaces) findings.push(...interfaceErrors({ now: input.interfaces, before: prev?.interfaces ?? null, seconds }, t));
  } else skip(['interface-errors'], 'no interface counters in the input');
  if (input.statistics) {
    checked.add('tcp-retransmits').add('listen-overflow');
    if (waiting) skip(['tcp-retransmits'], 'the first snapshot is the baseline: rates from the next one');
    else if (!prev || prev.statistics) {
      const w = { now: input.statistics, before: prev?.statistics ?? null, seconds };
      findings.push(...tcpRetransmits(w, t), ...listenOverflowCounters(w, full, input.facts.synCookies));
    }
  } else if (!records) skip(['tcp-retransmits', 'listen-overflow'], 'no protocol counters in the input');
  else skip(['tcp-retransmits'], 'no protocol counters in the input');

  const rank = (f: Finding): number => (f.severity === 'warning' ? 0 : 100) + ORDER.indexOf(f.id);
  const sorted = findings.map((f, i) => [f, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([f]) => f);
  const warnings = sorted.filter((f) => f.severity === 'warning').length;
  return { findings: sorted, warnings, infos: sorted.length - warnings, checked: ORDER.filter((id) => checked.has(id)), skipped, ...(range ? { ephemeralPorts: range } : {}) };
}

/** The identity of a finding across snapshots. */
export const findingKey = (f: Finding): string => `${f.id} ${f.subject}`;

/** What changed between two snapshots' findings: raised (new), cleared (gone), ongoing. */
export interface FindingChanges {
  raised: Finding[];
  cleared: Finding[];
  ongoing: Finding[];
}

/** Compare findings across snapshots by id and subject. */
export function compareFindings(before: readonly Finding[], now: readonly Finding[]): FindingChanges {
  const old = new Map(before.map((f) => [findingKey(f), f] as const));
  const seen = new Set(now.map(findingKey));
  return {
    raised: now.filter((f) => !old.has(findingKey(f))),
    ongoing: now.filter((f) => old.has(findingKey(f))),
    cleared: before.filter((f) => !seen.has(findingKey(f))),
  };
}
