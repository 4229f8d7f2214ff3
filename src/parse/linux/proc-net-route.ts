/**
 * Parser for `/proc/net/route` (pure): the kernel's IPv4 main routing table.
 *
 * Real input line (`fixtures/linux-proc/jc-net_route.txt`, tab separated):
 * `ens33	00000000	0247A8C0	0003	0	0	100	00000000	0	0	0`
 * → `{ destination: '0.0.0.0', prefixLength: 0, gateway: '192.168.71.2', interface: 'ens33',
 *    metric: 100, flags: 'UG', flagBits: 3 }`.
 *
 * Columns are found by their header names (as net-tools' `proc_gen_fmt` does), so a kernel that
 * reorders or adds columns still parses. Addresses are host-order 32-bit hex words.
 */
import { netmaskToPrefix, type Route } from '../../model/route.js';
import { decodeHexAddr, hexNum } from './hex-addr.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { inetRouteFlags, RTF } from './route-flags.js';

export interface RouteParseOptions {
  /** Host byte order (how the kernel printed each 32-bit word). */
  littleEndian: boolean;
  /** Where the text came from, for skipped-line reports. */
  source: string;
}

const WANTED = ['Iface', 'Destination', 'Gateway', 'Flags', 'RefCnt', 'Use', 'Metric', 'Mask', 'MTU', 'Window', 'IRTT'] as const;

export function parseProcNetRoute(text: string, opts: RouteParseOptions): Parsed<Route> {
  const records: Route[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(/\s+/);
  const col = new Map<string, number>();
  header.forEach((h, i) => col.set(h, i));
  const missing = WANTED.slice(0, 8).filter((w) => !col.has(w));
  if (missing.length > 0) {
    if (text.trim() !== '') skipped.push({ source: opts.source, line: 1, text: lines[0] ?? '', reason: `header lacks ${missing.join(', ')}` });
    return { records, skipped };
  }
  const at = (f: string[], name: (typeof WANTED)[number]): string | undefined => {
    const i = col.get(name);
    return i === undefined ? undefined : f[i];
  };
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue;
    const f = raw.trim().split(/\s+/);
    const iface = at(f, 'Iface');
    const dst = at(f, 'Destination');
    const gw = at(f, 'Gateway');
    const mask = at(f, 'Mask');
    const flagText = at(f, 'Flags');
    const destination = dst && dst.length === 8 ? decodeHexAddr(dst, 0, 8, opts.littleEndian) : null;
    const gateway = gw && gw.length === 8 ? decodeHexAddr(gw, 0, 8, opts.littleEndian) : null;
    const netmask = mask && mask.length === 8 ? decodeHexAddr(mask, 0, 8, opts.littleEndian) : null;
    const bits = flagText ? hexNum(flagText, 0, flagText.length) : NaN;
    const num = (name: (typeof WANTED)[number]): number => {
      const v = at(f, name);
      return v === undefined ? 0 : Number.parseInt(v, 10);
    };
    if (!iface || destination === null || gateway === null || netmask === null || Number.isNaN(bits) || f.length < 10) {
      skipped.push({ source: opts.source, line: n + 1, text: raw, reason: 'malformed route line' });
      continue;
    }
    const route: Route = {
      family: 'inet',
      destination,
      prefixLength: netmaskToPrefix(netmask),
      netmask,
      gateway: gateway === '0.0.0.0' && !(bits & RTF.GATEWAY) ? null : gateway,
      interface: iface,
      metric: num('Metric'),
      flags: inetRouteFlags(bits),
      flagBits: bits,
      refCnt: num('RefCnt'),
      use: num('Use'),
      mss: num('MTU'),
      window: num('Window'),
      irtt: num('IRTT'),
    };
    records.push(route);
  }
  return { records, skipped };
}
