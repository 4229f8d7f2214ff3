/**
 * Parser for `route print` / `netstat -r` on Windows, in any display language (pure): the
 * Interface List, the IPv4 active and persistent routes and the IPv6 active and persistent routes.
 *
 * Sections are found by their `=====` rulers and by the `IPv4`/`IPv6` token of their titles (which
 * stay untranslated: `IPv4 Route Table`, `IPv4 Table de routage`, `IPv4-Routentabelle`); rows by
 * shape. The on-link gateway is whatever word(s) stand where an address would (`On-link`, or a
 * translation), so it is never matched by name. Long IPv6 destinations push the gateway to the next
 * line; that continuation is joined. A persistent route is a record of its own, `persistent: true`
 * with `interface: ''` and the metric it was configured with, after the active routes (which
 * include the route the system made active from it), as `model/route.ts` says.
 *
 * Real input lines (`route print`, Windows 10, en-US):
 * ```
 *   8...00 ff 58 60 5f 61 ......TAP-Windows Adapter V9
 *           0.0.0.0          0.0.0.0     192.168.31.1   192.168.31.221     30
 *   1    331 ::1/128                  On-link
 * ```
 * → interface `{ index: 8, mac: '00:ff:58:60:5f:61', description: 'TAP-Windows Adapter V9' }`;
 *   routes `{ family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.168.31.1',
 *   interface: '192.168.31.221', metric: 30, flags: 'UG' }` and `{ family: 'inet6',
 *   destination: '::1', prefixLength: 128, gateway: null, interface: '1', interfaceIndex: 1,
 *   metric: 331, flags: 'UH' }`.
 */
import type { NetInterface } from '../../model/interface.js';
import { netmaskToPrefix, prefixToNetmask, type Route } from '../../model/route.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { decodeCapture, isDigits, isIPv4Text, splitLines, tokens } from './text.js';

export interface WindowsRoutePrintParsed extends Parsed<Route> {
  /** The Interface List (index, MAC, description). */
  interfaces: NetInterface[];
}

const IFACE_ROW = /^\s*(\d+)\.{3}((?:[0-9a-f]{2} )*)\.*(.*)$/i;
const RULER = /^\s*={10,}\s*$/;

function isIPv6Text(s: string | undefined): s is string {
  return s !== undefined && s.includes(':') && /^[0-9a-f:.]+(?:%\w+)?$/i.test(s);
}

function flagsOf(gateway: string | null, prefixLength: number, family: 'inet' | 'inet6'): string {
  return `U${gateway ? 'G' : ''}${prefixLength === (family === 'inet' ? 32 : 128) ? 'H' : ''}`;
}

/** Parse `route print` / `netstat -r` text. */
export function parseWindowsRoutePrint(input: string | Uint8Array, source = 'route print'): WindowsRoutePrintParsed {
  const lines = splitLines(decodeCapture(input));
  const records: Route[] = [];
  const persistent: Route[] = [];
  const interfaces: NetInterface[] = [];
  const skipped: SkippedLine[] = [];
  let family: 'inet' | 'inet6' | null = null;
  /** Ruler count since the family title: 1 = active routes, 2 = persistent routes. */
  let block = 0;
  let rowsInBlock = false;
  /** An IPv6 row whose gateway is on the next line. */
  let pending: Route | null = null;

  const add = (r: Route): void => {
    (block >= 2 ? persistent : records).push(r);
    rowsInBlock = true;
  };

  lines.forEach((line, i) => {
    const t = tokens(line);
    if (t.length === 0) return;
    if (RULER.test(line)) {
      pending = null;
      if (family) block++;
      rowsInBlock = false;
      return;
    }
    const ifm = IFACE_ROW.exec(line);
    if (ifm && !family) {
      const nic: NetInterface = { name: (ifm[3] ?? '').trim(), index: Number(ifm[1]), mtu: null, flags: [] };
      const mac = (ifm[2] ?? '').trim();
      if (mac) nic.mac = mac.split(' ').join(':').toLowerCase();
      nic.description = nic.name;
      interfaces.push(nic);
      return;
    }
    if (pending) {
      const p: Route = pending;
      pending = null;
      if (!isDigits(t[0])) {
        p.gateway = isIPv6Text(t[0]) && t.length === 1 ? t[0] : null;
        p.flags = flagsOf(p.gateway, p.prefixLength, 'inet6');
        return;
      }
    }
    // IPv4 row: destination, netmask, gateway (address or on-link word(s)), [interface,] metric.
    if (isIPv4Text(t[0]) && isIPv4Text(t[1]) && t.length >= 4 && isDigits(t[t.length - 1])) {
      if (!family) (family = 'inet'), (block = 1);
      const active = block < 2 && t.length >= 5 && isIPv4Text(t[t.length - 2]);
      const gwWords = t.slice(2, active ? -2 : -1);
      const gateway = gwWords.length === 1 && isIPv4Text(gwWords[0]) ? gwWords[0] : null;
      const prefixLength = netmaskToPrefix(t[1]);
      const r: Route = {
        family: 'inet',
        destination: t[0],
        prefixLength,
        netmask: t[1],
        gateway,
        interface: active ? (t[t.length - 2] ?? '') : '',
        metric: Number(t[t.length - 1]),
        flags: flagsOf(gateway, prefixLength, 'inet'),
      };
      if (!active) r.persistent = true;
      (active ? records : persistent).push(r);
      rowsInBlock = true;
      return;
    }
    // IPv6 row: interface index, metric, destination/prefix, gateway (maybe on the next line).
    const slash = t[2]?.lastIndexOf('/') ?? -1;
    if (isDigits(t[0]) && isDigits(t[1]) && t[2] && slash > 0 && isIPv6Text(t[2].slice(0, slash)) && isDigits(t[2].slice(slash + 1))) {
      if (family !== 'inet6') (family = 'inet6'), (block = Math.max(block, 1));
      const prefixLength = Number(t[2].slice(slash + 1));
      const gwWords = t.slice(3);
      const gateway = gwWords.length === 1 && isIPv6Text(gwWords[0]) ? gwWords[0] : null;
      const r: Route = {
        family: 'inet6',
        destination: t[2].slice(0, slash).toLowerCase(),
        prefixLength,
        gateway,
        interface: t[0],
        interfaceIndex: Number(t[0]),
        metric: Number(t[1]),
        flags: flagsOf(gateway, prefixLength, 'inet6'),
      };
      if (block >= 2) r.persistent = true;
      add(r);
      if (gwWords.length === 0) pending = r;
      return;
    }
    // A section title names its family; everything else before a block's rows is a header.
    if (/IPv4/i.test(line) && !rowsInBlock) {
      family = 'inet';
      block = 0;
      return;
    }
    if (/IPv6/i.test(line) && !rowsInBlock) {
      family = 'inet6';
      block = 0;
      return;
    }
    if (!rowsInBlock) return;
    skipped.push({ source, line: i + 1, text: line, reason: 'not a route row' });
  });

  // Persistent routes are their own records (model/route.ts): the configured entry with its own
  // metric, listed under `Persistent Routes:`; the route made active from it is a separate record.
  for (const p of persistent) records.push(p.family === 'inet' ? { ...p, netmask: p.netmask ?? prefixToNetmask(p.prefixLength) } : p);
  return { records, skipped, interfaces };
}
