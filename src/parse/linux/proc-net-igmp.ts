/**
 * Parsers for `/proc/net/igmp` and `/proc/net/igmp6` (pure): multicast group memberships.
 *
 * Real input (`/proc/net/igmp`, a device line then one tab-indented line per group):
 * `1	lo        :     1      V3` / `				010000E0     1 0:00000000		0`
 * → `{ family: 'inet', interface: 'lo', group: '224.0.0.1', refCount: 1 }` (the group is a
 * host-order word, like the socket tables).
 * `/proc/net/igmp6`: `1    lo              ff020000000000000000000000000001     1 0000000C 0`
 * → `{ family: 'inet6', interface: 'lo', group: 'ff02::1', refCount: 1 }` (plain big-endian hex).
 */
import type { GroupMembership } from '../../model/group.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { decodeHexAddr } from './hex-addr.js';
import { ipv6FromHex } from './proc-net-ipv6-route.js';

export function parseProcNetIgmp(text: string, opts: { littleEndian: boolean; source: string }): Parsed<GroupMembership> {
  const records: GroupMembership[] = [];
  const skipped: SkippedLine[] = [];
  let device: string | null = null;
  const lines = text.split('\n');
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue;
    if (raw[0] !== '\t') {
      // `Idx\tDevice    : Count Querier` (2.1+ kernels start with the index).
      const m = /^(?:\d+\t)?([^\s:]+)\s*:/.exec(raw);
      if (!m) {
        skipped.push({ source: opts.source, line: n + 1, text: raw, reason: 'malformed device line' });
        device = null;
        continue;
      }
      device = m[1] as string;
      continue;
    }
    const m = /^\s+([0-9A-Fa-f]{8})\s+(\d+)/.exec(raw);
    const group = m ? decodeHexAddr(m[1] as string, 0, 8, opts.littleEndian) : null;
    if (!m || group === null || device === null) {
      skipped.push({ source: opts.source, line: n + 1, text: raw, reason: device === null ? 'group without a device line' : 'malformed group line' });
      continue;
    }
    records.push({ family: 'inet', interface: device, refCount: Number(m[2]), group });
  }
  return { records, skipped };
}

export function parseProcNetIgmp6(text: string, source: string): Parsed<GroupMembership> {
  const records: GroupMembership[] = [];
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const f = raw.trim().split(/\s+/);
    const group = ipv6FromHex(f[2] ?? '');
    if (f.length < 4 || group === null || !/^\d+$/.test(f[3] ?? '')) {
      skipped.push({ source, line: i + 1, text: raw, reason: 'malformed igmp6 line' });
      return;
    }
    records.push({ family: 'inet6', interface: f[1] as string, refCount: Number(f[3]), group });
  });
  return { records, skipped };
}
