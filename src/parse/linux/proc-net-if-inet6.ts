/**
 * Parser for `/proc/net/if_inet6` (pure): the IPv6 addresses of each interface.
 *
 * Real input line (`fixtures/linux-proc/k2.6.18-net_if_inet6.txt`):
 * `fe80000000000000021517fffe98d0b8 02 40 20 80     eth0`
 * → `{ interface: 'eth0', index: 2, address: 'fe80::215:17ff:fe98:d0b8', prefixLength: 64, scope: 0x20 }`.
 */
import type { Parsed, SkippedLine } from '../issues.js';
import { ipv6FromHex } from './proc-net-ipv6-route.js';

export interface Inet6Address {
  interface: string;
  index: number;
  address: string;
  prefixLength: number;
  /** Scope bits (0 global, 0x10 host, 0x20 link, 0x40 site). */
  scope: number;
}

export function parseProcNetIfInet6(text: string, source: string): Parsed<Inet6Address> {
  const records: Inet6Address[] = [];
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const f = raw.trim().split(/\s+/);
    const address = ipv6FromHex(f[0] ?? '');
    const nums = [f[1], f[2], f[3]].map((h) => (h && /^[0-9a-fA-F]+$/.test(h) ? Number.parseInt(h, 16) : NaN));
    if (f.length < 6 || address === null || nums.some((v) => Number.isNaN(v))) {
      skipped.push({ source, line: i + 1, text: raw, reason: 'malformed if_inet6 line' });
      return;
    }
    records.push({ interface: f[5] as string, index: nums[0] as number, address, prefixLength: nums[1] as number, scope: nums[2] as number });
  });
  return { records, skipped };
}
