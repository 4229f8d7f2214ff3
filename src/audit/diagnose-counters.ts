/**
 * The counter-based checks of `--diagnose` (pure): interface errors and drops, TCP
 * retransmissions, and listen queue overflows. One snapshot gives totals since boot; two
 * snapshots (an interval) give what happened between them, as rates.
 */
import type { Finding } from '../model/diagnosis.js';
import type { NetInterface } from '../model/interface.js';
import type { Statistics } from '../model/statistics.js';

/** Thresholds of the counter checks (README "`--diagnose`" justifies each default). */
export interface CounterThresholds {
  /** Errors + drops in one direction since boot (the Windows `netstat -e` guides' "more than 100"). */
  interfaceErrors: number;
  /** …per second over an interval. */
  interfaceErrorRate: number;
  /** …and at least this share of the packets (so a rare drop on a busy link is not a finding). */
  interfaceErrorShare: number;
  /** Retransmitted segments / segments sent. */
  retransmitShare: number;
  /** Segments sent needed before the ratio means something (since boot; a tenth over an interval). */
  retransmitMinSegments: number;
}

/** The defaults: > 100 lost since boot or ≥ 1/s over an interval, and ≥ 0.1% of packets; ≥ 1% retransmitted of ≥ 1,000 segments. */
export const DEFAULT_COUNTER_THRESHOLDS: CounterThresholds = {
  interfaceErrors: 100,
  interfaceErrorRate: 1,
  interfaceErrorShare: 0.001,
  retransmitShare: 0.01,
  retransmitMinSegments: 1000,
};

/** The counters of two snapshots: `now`, and `before` with the seconds between them (null: since boot). */
export interface CounterWindow<T> {
  now: T;
  before: T | null;
  seconds: number | null;
}

const pct = (x: number): number => Math.round(x * 10000) / 100;
const round = (x: number): number => Math.round(x * 100) / 100;

type Direction = 'rx' | 'tx';

function dirCounters(i: NetInterface, d: Direction): { errors: number; dropped: number; packets: number } | null {
  const errors = d === 'rx' ? i.rxErrors : i.txErrors;
  const dropped = d === 'rx' ? i.rxDropped : i.txDropped;
  if (errors === undefined && dropped === undefined) return null;
  const packets = (d === 'rx' ? i.rxPackets : i.txPackets) ?? ((d === 'rx' ? i.rxUnicast : i.txUnicast) ?? 0) + ((d === 'rx' ? i.rxNonUnicast : i.txNonUnicast) ?? 0);
  return { errors: errors ?? 0, dropped: dropped ?? 0, packets };
}

const DIR_WORDS: Record<Direction, [string, string, string]> = {
  rx: ['receive', 'rxErrors', 'rxDropped'],
  tx: ['transmit', 'txErrors', 'txDropped'],
};

/** Interfaces losing packets: errors and drops per direction, since boot or per second over the interval. */
export function interfaceErrors(w: CounterWindow<readonly NetInterface[]>, t: CounterThresholds): Finding[] {
  const out: Finding[] = [];
  const before = new Map((w.before ?? []).map((i) => [i.name, i] as const));
  for (const i of w.now) {
    for (const d of ['rx', 'tx'] as const) {
      const c = dirCounters(i, d);
      if (!c) continue;
      const [word, errKey, dropKey] = DIR_WORDS[d];
      let errors = c.errors;
      let dropped = c.dropped;
      let packets = c.packets;
      const prev = w.before ? before.get(i.name) : undefined;
      if (w.before) {
        const p = prev ? dirCounters(prev, d) : null;
        // A new interface, or counters that went back (reset): no rate this time.
        if (!p || c.errors < p.errors || c.dropped < p.dropped || c.packets < p.packets) continue;
        errors -= p.errors;
        dropped -= p.dropped;
        packets -= p.packets;
      }
      const bad = errors + dropped;
      const share = bad / Math.max(1, packets + bad);
      const seconds = w.seconds;
      const over = seconds !== null && w.before ? bad / seconds >= t.interfaceErrorRate : bad > t.interfaceErrors;
      if (!over || share < t.interfaceErrorShare) continue;
      const when = seconds !== null && w.before ? `in the last ${seconds}s (${round(bad / seconds)}/s)` : 'since boot';
      out.push({
        id: 'interface-errors',
        severity: 'warning',
        subject: `${i.name} ${word}`,
        summary: `${i.name} lost ${bad} packets on ${word} ${when} (${errors} errors, ${dropped} dropped; ${pct(share)}% of ${packets + bad}): lost packets mean retransmissions and stalls for every connection through it`,
        evidence: {
          target: i.name,
          counters: { [errKey]: errors, [dropKey]: dropped, [d === 'rx' ? 'rxPackets' : 'txPackets']: packets },
          rates: { lostShare: pct(share), ...(seconds !== null && w.before ? { lostPerSecond: round(bad / seconds) } : {}) },
          threshold: seconds !== null && w.before ? { lostPerSecond: t.interfaceErrorRate, lostSharePercent: pct(t.interfaceErrorShare) } : { lost: t.interfaceErrors, lostSharePercent: pct(t.interfaceErrorShare) },
          ...(seconds !== null && w.before ? { intervalSeconds: seconds } : {}),
        },
        action:
          errors >= dropped
            ? 'errors point at the link: check the cable, port, duplex and speed settings, and the driver (ethtool -S on Linux); compare with the switch port counters'
            : 'drops point at the host: receive rings or queues overflowing, or traffic nobody takes (unknown protocols); check ethtool -g/-S, the CPU load and the qdisc',
      });
    }
  }
  return out;
}

function tcpSum(s: Statistics, name: string): number | undefined {
  const a = s.tcp?.[name];
  const b = s.tcpv6?.[name];
  if (a === undefined && b === undefined) return undefined;
  return (a ?? 0) + (b ?? 0);
}

/** Retransmitted segments against segments sent. */
export function tcpRetransmits(w: CounterWindow<Statistics>, t: CounterThresholds): Finding[] {
  let retrans = tcpSum(w.now, 'RetransSegs');
  let sent = tcpSum(w.now, 'OutSegs');
  if (retrans === undefined || sent === undefined) return [];
  const interval = w.before !== null && w.seconds !== null;
  if (w.before) {
    const r0 = tcpSum(w.before, 'RetransSegs');
    const s0 = tcpSum(w.before, 'OutSegs');
    if (r0 === undefined || s0 === undefined || retrans < r0 || sent < s0) return [];
    retrans -= r0;
    sent -= s0;
  }
  const min = interval ? t.retransmitMinSegments / 10 : t.retransmitMinSegments;
  const share = retrans / Math.max(1, sent);
  if (sent < min || share < t.retransmitShare) return [];
  const when = interval ? `in the last ${w.seconds}s` : 'since boot';
  return [
    {
      id: 'tcp-retransmits',
      severity: 'warning',
      subject: 'tcp',
      summary: `${pct(share)}% of TCP segments sent ${when} were retransmissions (${retrans} of ${sent}): packets are being lost on the way, and TCP slows down for every lost one`,
      evidence: {
        counters: { RetransSegs: retrans, OutSegs: sent },
        rates: { retransmitPercent: pct(share), ...(interval ? { retransmitsPerSecond: round(retrans / (w.seconds as number)) } : {}) },
        threshold: { retransmitPercent: pct(t.retransmitShare), minSegments: min },
        ...(interval ? { intervalSeconds: w.seconds as number } : {}),
      },
      action: 'look for the lossy hop: interface errors here (interface-errors), a congested or faulty link, Wi-Fi; `tsnetstat -s` and `ss -ti` show which connections retransmit',
    },
  ];
}

/** Listen queue overflow counters: Linux TcpExt ListenOverflows/ListenDrops, BSD "listen queue overflows". */
export function listenCounters(s: Statistics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of ['ListenOverflows', 'ListenDrops', 'SyncookiesSent', 'SyncookiesFailed']) {
    const v = s.tcpExt?.[k];
    if (v !== undefined) out[k] = v;
  }
  const bsd = s.tcp?.['listenQueueOverflows'];
  if (bsd !== undefined) out['listenQueueOverflows'] = bsd;
  return out;
}

/** The counters' increase between two snapshots (counters that went back are left out). */
function delta(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) {
    const b = before[k];
    if (b !== undefined && v >= b) out[k] = v - b;
  }
  return out;
}

/**
 * Listen queue overflows from the counters. `full` are the listen-overflow findings of listeners
 * whose queue is full now: the counters join their evidence instead of making a finding of their
 * own. Since boot the counters only say that it happened once (info); over an interval, that it
 * is happening (warning).
 */
export function listenOverflowCounters(w: CounterWindow<Statistics>, full: Finding[], synCookies: number | undefined): Finding[] {
  const now = listenCounters(w.now);
  const interval = w.before !== null && w.seconds !== null;
  const counters = w.before ? delta(now, listenCounters(w.before)) : now;
  const overflows = counters['ListenOverflows'] ?? counters['listenQueueOverflows'] ?? 0;
  const drops = counters['ListenDrops'] ?? 0;
  const source = 'ListenOverflows' in now ? '/proc/net/netstat TcpExt (netstat -s "times the listen queue of a socket overflowed")' : 'netstat -s "listen queue overflows"';
  for (const f of full) {
    f.evidence.counters = counters;
    f.evidence.source = `${f.evidence.source ?? ''}; counters: ${source}`;
    if (interval) f.evidence.intervalSeconds = w.seconds as number;
  }
  if (full.length > 0 || (overflows === 0 && drops === 0)) return [];
  const when = interval ? `in the last ${w.seconds}s` : 'since boot';
  return [
    {
      id: 'listen-overflow',
      severity: interval ? 'warning' : 'info',
      subject: 'counters',
      summary: `listen queues overflowed ${overflows} times ${when}${drops ? ` (${drops} connection attempts dropped)` : ''}: a server did not accept connections as fast as they came, and clients saw timeouts${interval ? '' : '; run with an interval to see whether it still happens'}`,
      evidence: { counters, source, ...(synCookies === undefined ? {} : { settings: { tcp_syncookies: synCookies } }), ...(interval ? { intervalSeconds: w.seconds as number } : {}) },
      action: 'find the listener with a full queue (Recv-Q at its backlog in `ss -ltn`); make it accept faster or raise its backlog and net.core.somaxconn',
    },
  ];
}
