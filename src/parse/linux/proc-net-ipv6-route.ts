/**
 * Parser for `/proc/net/ipv6_route` (pure): every IPv6 route the kernel holds (all tables).
 *
 * Real input line (`fixtures/linux-proc/jc-net_ipv6_route.txt`):
 * `fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001    ens33`
 * → `{ destination: 'fe80::', prefixLength: 64, gateway: null, metric: 256, refCnt: 1, use: 0,
 *    flags: 'U', interface: 'ens33' }`.
 *
 * Fields: destination, its prefix length, source, its prefix length, next hop, metric, reference
 * count, use count, flags (all hex), device. Addresses are plain big-endian hex (not host-order words).
 */
import type { Route } from '../../model/route.js';
import { formatIPv6 } from '../common/ip.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { hexNum } from './hex-addr.js';
import { inet6RouteFlags } from './route-flags.js';

/** 32 hex digits (network order) → IPv6 text, or null. */
export function ipv6FromHex(hex: string): string | null {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return formatIPv6(bytes);
}

export function parseProcNetIpv6Route(text: string, source: string): Parsed<Route> {
  const records: Route[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue;
    const f = raw.trim().split(/\s+/);
    const dst = ipv6FromHex(f[0] ?? '');
    const hop = ipv6FromHex(f[4] ?? '');
    const hexes = [f[1], f[5], f[6], f[7], f[8]].map((h) => (h && /^[0-9a-fA-F]+$/.test(h) ? hexNum(h, 0, h.length) : NaN));
    if (f.length < 10 || dst === null || hop === null || hexes.some((v) => Number.isNaN(v))) {
      skipped.push({ source, line: n + 1, text: raw, reason: 'malformed IPv6 route line' });
      continue;
    }
    const [plen, metric, refCnt, use, bits] = hexes as [number, number, number, number, number];
    records.push({
      family: 'inet6',
      destination: dst,
      prefixLength: plen,
      gateway: hop === '::' ? null : hop,
      interface: f[9] as string,
      // The kernel prints the metric as an unsigned 32-bit word; net-tools shows it signed (`-1`).
      metric: metric | 0,
      flags: inet6RouteFlags(bits),
      flagBits: bits,
      refCnt,
      use,
    });
  }
  return { records, skipped };
}
