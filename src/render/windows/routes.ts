/**
 * Windows `netstat -r` / `route print` layout (pure): `Interface List` (`%3d...MAC ......name`, in
 * the probe's order),
 * `IPv4 Route Table` with `Active Routes:` (`%17s` columns, `On-link` one column left of the
 * others, `%7d` metric) and `Persistent Routes:` (`  None` when empty), `IPv6 Route Table`
 * (` If Metric Network Destination      Gateway`, long destinations wrap the gateway onto an
 * indented second line). Active routes are sorted by destination (ties keep the probe's order);
 * records marked `persistent` are the configured entries listed under `Persistent Routes:`. Checked against `fixtures/windows/win10-route-print.txt`.
 */
import type { NetInterface } from '../../model/interface.js';
import type { Route } from '../../model/route.js';
import { ipv4ToNumber, parseIPv6 } from '../../parse/common/ip.js';
import { padLeft, padRight } from '../layout.js';
import { routeIsUp } from '../linux/routes.js';
import { escapeControl } from '../sanitize.js';

const RULE = '='.repeat(75);

/** `00 15 5d fd 0d 45 ` from `00:15:5d:fd:0d:45`; empty for none or all-zero. */
export function windowsMac(mac: string | undefined): string {
  if (!mac) return '';
  const parts = mac.split(/[:-]/).filter((p) => p !== '');
  if (parts.length === 0 || parts.every((p) => /^0+$/.test(p))) return '';
  return parts.map((p) => `${p.toLowerCase().padStart(2, '0')} `).join('');
}

/** One `Interface List` line: ` 52...00 15 5d fd 0d 45 ......Hyper-V Virtual Ethernet Adapter`. */
export function interfaceListLine(i: NetInterface): string {
  const mac = windowsMac(i.mac);
  const lead = mac ? `...${mac}......` : '.'.repeat(27);
  return `${padLeft(String(i.index ?? 0), 3)}${lead}${escapeControl(i.description ?? i.name)}`;
}

function v4Key(a: string): number {
  return ipv4ToNumber(a) ?? 0;
}

function v6Key(a: string): string {
  const b = parseIPv6(a);
  return b ? Buffer.from(b).toString('hex') : a;
}

/** Whether a route belongs in netstat.exe's table (up, not a reject route). */
function shown(r: Route): boolean {
  return routeIsUp(r) && !r.flags.includes('!');
}

/** An `Active Routes:` line of the IPv4 table. */
export function inetRouteLine(r: Route): string {
  const gw = r.gateway === null ? 'On-link ' : r.gateway;
  const iface = r.interfaceAddress ?? escapeControl(r.interface);
  return `${padLeft(r.destination, 17)}${padLeft(r.netmask ?? '0.0.0.0', 17)}${padLeft(gw, 17)}${padLeft(iface, 17)}${padLeft(String(r.metric), 7)}`;
}

/** An `Active Routes:` entry of the IPv6 table (two lines when the destination is long). */
export function inet6RouteLines(r: Route, eol: string): string {
  const dst = `${r.destination}/${r.prefixLength}`;
  const gw = r.gateway ?? 'On-link';
  const head = `${padLeft(String(r.interfaceIndex ?? 0), 3)}${padLeft(String(r.metric), 7)} `;
  return dst.length > 24 ? `${head}${dst}${eol}${' '.repeat(36)}${gw}` : `${head}${padRight(dst, 24)} ${gw}`;
}

export interface WindowsRouteOptions {
  eol: string;
  inet4: boolean;
  inet6: boolean;
}

/** Render `route print` for the given routes and interfaces. */
export function* renderWindowsRoutes(routes: readonly Route[], interfaces: readonly NetInterface[], o: WindowsRouteOptions): Generator<string> {
  const e = o.eol;
  yield `${RULE}${e}Interface List${e}`;
  for (const i of interfaces) yield `${interfaceListLine(i)}${e}`;
  yield `${RULE}${e}`;
  const persistent = (list: readonly Route[], v4: boolean): string => {
    if (list.length === 0) return `Persistent Routes:${e}  None${e}`;
    let s = `Persistent Routes:${e}`;
    if (v4) {
      s += `  Network Address          Netmask  Gateway Address  Metric${e}`;
      for (const r of list) s += `${padLeft(r.destination, 17)}${padLeft(r.netmask ?? '0.0.0.0', 17)}${padLeft(r.gateway ?? '0.0.0.0', 17)}${padLeft(String(r.metric), 8)}${e}`;
    } else {
      s += ` If Metric Network Destination      Gateway${e}`;
      for (const r of list) s += `${inet6RouteLines(r, e)}${e}`;
    }
    return `${s}${RULE}${e}`;
  };
  if (o.inet4) {
    const v4 = routes
      .filter((r) => r.family === 'inet' && shown(r) && !r.persistent)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => v4Key(a.r.destination) - v4Key(b.r.destination) || v4Key(a.r.netmask ?? '') - v4Key(b.r.netmask ?? '') || a.i - b.i)
      .map((x) => x.r);
    yield `${e}IPv4 Route Table${e}${RULE}${e}Active Routes:${e}Network Destination        Netmask          Gateway       Interface  Metric${e}`;
    for (const r of v4) yield `${inetRouteLine(r)}${e}`;
    yield `${RULE}${e}${persistent(routes.filter((r) => r.family === 'inet' && r.persistent), true)}`;
  }
  if (o.inet6) {
    const v6 = routes
      .filter((r) => r.family === 'inet6' && shown(r) && !r.persistent)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (v6Key(a.r.destination) < v6Key(b.r.destination) ? -1 : v6Key(a.r.destination) > v6Key(b.r.destination) ? 1 : a.r.prefixLength - b.r.prefixLength || a.i - b.i))
      .map((x) => x.r);
    yield `${e}IPv6 Route Table${e}${RULE}${e}Active Routes:${e} If Metric Network Destination      Gateway${e}`;
    for (const r of v6) yield `${inet6RouteLines(r, e)}${e}`;
    yield `${RULE}${e}${persistent(routes.filter((r) => r.family === 'inet6' && r.persistent), false)}`;
  }
}
