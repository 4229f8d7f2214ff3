/**
 * macOS `netstat -r` layout (pure): `Routing tables`, `Internet:` with
 * `%-18.18s %-18.18s %-10.10s %6u %8u %7.7s %6s` rows (Destination, Gateway, Flags, Refs, Use,
 * Netif, Expire), `Internet6:` without Refs/Use and, with `-n`, 39/31-column addresses.
 * Networks print BSD style (`127`, `169.254`, `224.0.0/4`; IPv6 prefixes only with `-n`), on-link
 * gateways as `link#N`, link-local IPv6 addresses with their `%scope`. Checked against `fixtures/macos/macos10.14-netstat-r*.txt`.
 */
import type { Route } from '../../model/route.js';
import { ipv4ToNumber, parseIPv6 } from '../../parse/common/ip.js';
import { fit, padLeft } from '../layout.js';
import { routeIsUp } from '../linux/routes.js';
import type { NameTables } from '../names.js';
import { escapeControl } from '../sanitize.js';

/** The classful mask BSD assumes for an address (`forgemask`). */
function classMask(a: number): number {
  if ((a & 0x80000000) === 0) return 0xff000000;
  if (((a >>> 0) & 0xc0000000) >>> 0 === 0x80000000) return 0xffff0000;
  return 0xffffff00;
}

/** BSD `netname`: drop trailing zero octets the classful mask allows, add `/bits` when the mask differs. */
export function bsdNetname(addr: string, prefixLength: number): string {
  const i = (ipv4ToNumber(addr) ?? 0) >>> 0;
  const o = [i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, i & 255];
  const dmask = classMask(i) >>> 0;
  let text: string;
  if (dmask === 0xff000000 && (i & 0x00ffffff) === 0) text = `${o[0]}`;
  else if (dmask !== 0xffffff00 && (i & 0x0000ffff) === 0) text = `${o[0]}.${o[1]}`;
  else if ((i & 0xff) === 0) text = `${o[0]}.${o[1]}.${o[2]}`;
  else text = o.join('.');
  const mask = prefixLength <= 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return mask === 0 || mask === dmask ? text : `${text}/${prefixLength}`;
}

/** True for an IPv6 address in fe80::/10 without a scope yet. */
function isLinkLocal(a: string): boolean {
  const b = a.includes('%') ? null : parseIPv6(a);
  return b !== null && b[0] === 0xfe && ((b[1] as number) & 0xc0) === 0x80;
}

/** An IPv6 address with `%scope` for link-local ones. */
function scoped(addr: string, iface: string): string {
  return isLinkLocal(addr) ? `${addr}%${escapeControl(iface)}` : addr;
}

function hostText(addr: string, numeric: boolean, names: NameTables): string {
  if (numeric) return addr;
  const n = names.hosts.get(addr);
  return n !== undefined ? escapeControl(n) : addr;
}

/** BSD prints host routes (flag `H`) without a mask; Linux marks no IPv6 /128 route `H`. */
function isHost(r: Route): boolean {
  return r.flags.includes('H') || (r.family === 'inet6' && r.prefixLength === 128);
}

function destination(r: Route, numeric: boolean, names: NameTables): string {
  if (r.prefixLength === 0 && (r.destination === '0.0.0.0' || r.destination === '::')) return 'default';
  if (r.family === 'inet') return isHost(r) ? hostText(r.destination, numeric, names) : bsdNetname(r.destination, r.prefixLength);
  // netname6: a name lookup unless -n; the prefix length only with -n.
  const a = hostText(r.destinationCut ? r.destination : scoped(r.destination, r.interface), numeric, names);
  return isHost(r) || !numeric ? a : `${a}/${r.prefixLength}`;
}

function gateway(r: Route, numeric: boolean, names: NameTables): string {
  if (r.gateway === null) return `link#${r.interfaceIndex ?? 0}`;
  return hostText(r.family === 'inet6' ? scoped(r.gateway, r.interface) : r.gateway, numeric, names);
}

/** BSD flag letters of a route: the source's own when it was BSD, else net-tools' (`!` is BSD's `R`). */
const flagText = (r: Route): string => r.nativeFlags ?? r.flags.replace('!', 'R');

export function* renderMacosRoutes(routes: readonly Route[], o: { numeric: boolean; names: NameTables; inet4: boolean; inet6: boolean }): Generator<string> {
  yield 'Routing tables\n';
  if (o.inet4) {
    yield `\nInternet:\n${fit('Destination', 18)} ${fit('Gateway', 18)} ${fit('Flags', 10)} ${padLeft('Refs', 6)} ${padLeft('Use', 8)} ${padLeft('Netif', 7)} Expire\n`;
    for (const r of routes) {
      if (r.family !== 'inet' || !routeIsUp(r)) continue;
      yield `${fit(destination(r, o.numeric, o.names), 18)} ${fit(gateway(r, o.numeric, o.names), 18)} ${fit(flagText(r), 10)} ${padLeft(String(r.refCnt ?? 0), 6)} ${padLeft(String(r.use ?? 0), 8)} ${padLeft(fit(escapeControl(r.interface), 7).trimEnd(), 7)} ${padLeft(r.expire ?? '', 6)}\n`;
    }
  }
  if (o.inet6) {
    const wd = o.numeric ? 39 : 18;
    const wg = o.numeric ? 31 : 18;
    yield `\nInternet6:\n${fit('Destination', wd)} ${fit('Gateway', wg)} ${fit('Flags', 10)} ${padLeft('Netif', 8)} Expire\n`;
    for (const r of routes) {
      if (r.family !== 'inet6' || !routeIsUp(r)) continue;
      yield `${fit(destination(r, o.numeric, o.names), wd)} ${fit(gateway(r, o.numeric, o.names), wg)} ${fit(flagText(r), 10)} ${padLeft(fit(escapeControl(r.interface), 8).trimEnd(), 8)} ${padLeft(r.expire ?? '', 6)}\n`;
    }
  }
}
