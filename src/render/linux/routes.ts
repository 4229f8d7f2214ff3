/**
 * net-tools `netstat -r` layout (pure), byte-identical to net-tools 2.10 for the same routes:
 * `Kernel IP routing table` with the three `-e` variants (`MSS Window irtt` by default,
 * `Metric Ref Use` with `-e`, both with `-ee`), reject routes (`!`) with dashes, `default` and
 * names truncated to 15 columns; `Kernel IPv6 routing table` (`-6`, `-A inet6`) with `[::]` for
 * the unspecified address unless `-n`.
 */
import { ipv4ToNumber, unmapV4 } from '../../parse/common/ip.js';
import { RTF } from '../../parse/linux/route-flags.js';
import type { Route } from '../../model/route.js';
import { padLeft, padRight } from '../layout.js';
import type { NameTables } from '../names.js';
import { escapeControl } from '../sanitize.js';

/** Whether a route is up (routes from sources without flag bits count as up). */
export function routeIsUp(r: Route): boolean {
  return r.flagBits === undefined ? true : (r.flagBits & RTF.UP) !== 0;
}

function isReject(r: Route): boolean {
  return r.flagBits !== undefined ? (r.flagBits & RTF.REJECT) !== 0 : r.flags.includes('!');
}

function isHostRoute(r: Route): boolean {
  return r.flagBits !== undefined ? (r.flagBits & RTF.HOST) !== 0 : r.flags.includes('H');
}

/** Whether net-tools looks a destination up as a host (gethostbyaddr) rather than a network. */
export function inetDestinationIsHost(r: Route): boolean {
  const a = ipv4ToNumber(r.destination) ?? 0;
  const hostBits = r.prefixLength >= 32 ? 0 : 0xffffffff >>> r.prefixLength;
  return isHostRoute(r) || (a & hostBits) !== 0;
}

/** Destination text (`INET_sprintmask`): `default`, a host or network name, or dotted. */
function inetDestination(r: Route, numeric: boolean, names: NameTables, networks: ReadonlyMap<string, string>): string {
  if (numeric) return r.destination;
  if (r.destination === '0.0.0.0') return r.prefixLength === 0 ? 'default' : '0.0.0.0';
  const name = inetDestinationIsHost(r) ? names.hosts.get(r.destination) : networks.get(r.destination);
  return name !== undefined ? escapeControl(name) : r.destination;
}

/** Gateway text (`INET_sprint` with the host flag): `0.0.0.0` for none, else a host name or dotted. */
function inetGateway(r: Route, numeric: boolean, names: NameTables): string {
  const gw = r.gateway ?? '0.0.0.0';
  if (numeric || gw === '0.0.0.0') return gw;
  const name = names.hosts.get(gw);
  return name !== undefined ? escapeControl(name) : gw;
}

/** The `ext` level of `rprint_fib`: 2 by default, 1 with `-e`, 3 with `-ee`. */
export function routeExt(extend: number): number {
  return extend === 0 ? 2 : extend === 1 ? 1 : 3;
}

const HEADERS: Readonly<Record<number, string>> = {
  1: 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n',
  2: 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n',
  3: 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n',
};

/** `%-Nd` / `%Nd` helpers. */
const dl = (n: number, w: number): string => padRight(String(n), w);
const dr = (n: number, w: number): string => padLeft(String(n), w);

/** The IPv4 table (`rprint_fib`). */
export interface InetRouteOptions {
  numeric: boolean;
  /** Count of `-e`. */
  extend: number;
  /** Host names (gateways, host routes). */
  names: NameTables;
  /** Network names from /etc/networks (network destinations, like `getnetbyaddr`). */
  networks: ReadonlyMap<string, string>;
}

export function* renderLinuxInetRoutes(routes: readonly Route[], opts: InetRouteOptions): Generator<string> {
  const ext = routeExt(opts.extend);
  yield `Kernel IP routing table\n${HEADERS[ext]}`;
  for (const r of routes) {
    if (r.family !== 'inet' || !routeIsUp(r)) continue;
    const net = padRight(inetDestination(r, opts.numeric, opts.names, opts.networks).slice(0, 15), 15);
    const gw = padRight(inetGateway(r, opts.numeric, opts.names).slice(0, 15), 15);
    const mask = padRight(r.netmask ?? '0.0.0.0', 15);
    const flags = padRight(r.flags, 5);
    const iface = escapeControl(r.interface);
    const reject = isReject(r);
    if (ext === 1) {
      yield reject
        ? `${net} -               ${mask} ${flags} ${dl(r.metric, 6)} -  ${dr(r.use ?? 0, 7)} -\n`
        : `${net} ${gw} ${mask} ${flags} ${dl(r.metric, 6)} ${dl(r.refCnt ?? 0, 2)} ${dr(r.use ?? 0, 7)} ${iface}\n`;
    } else if (ext === 2) {
      yield reject
        ? `${net} -               ${mask} ${flags}     - -          - -\n`
        : `${net} ${gw} ${mask} ${flags} ${dr(r.mss ?? 0, 5)} ${dl(r.window ?? 0, 5)} ${dr(r.irtt ?? 0, 6)} ${iface}\n`;
    } else {
      yield reject
        ? `${net} -               ${mask} ${flags} ${dl(r.metric, 6)} -  ${dr(r.use ?? 0, 7)} -        -     -      -\n`
        : `${net} ${gw} ${mask} ${flags} ${dl(r.metric, 6)} ${dl(r.refCnt ?? 0, 3)} ${dr(r.use ?? 0, 6)} ${padRight(iface.slice(0, 6), 6)}   ${dl(r.mss ?? 0, 5)} ${dl(r.window ?? 0, 6)} ${r.irtt ?? 0}\n`;
    }
  }
}

/** IPv6 address text (`INET6_sprint`): `[::]` for the unspecified address unless numeric, else a name or inet_ntop. */
export function inet6Text(addr: string, numeric: boolean, names: NameTables): string {
  if (numeric) return unmapV4(addr);
  if (addr === '::') return '[::]';
  const name = names.hosts.get(addr);
  return name !== undefined ? escapeControl(name) : unmapV4(addr);
}

/** The IPv6 table (`rprint_fib6`): every route but cache entries. */
export function* renderLinuxInet6Routes(routes: readonly Route[], opts: { numeric: boolean; names: NameTables }): Generator<string> {
  yield 'Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref  Use If\n';
  for (const r of routes) {
    if (r.family !== 'inet6') continue;
    if (r.flagBits !== undefined && (r.flagBits & RTF.CACHE) !== 0) continue;
    const dst = `${inet6Text(r.destination, opts.numeric, opts.names)}/${r.prefixLength}`;
    const hop = inet6Text(r.gateway ?? '::', opts.numeric, opts.names);
    yield `${padRight(dst, 30)} ${padRight(hop, 26)} ${padRight(r.flags, 4)} ${dl(r.metric, 3)} ${dl(r.refCnt ?? 0, 1)} ${dr(r.use ?? 0, 6)} ${escapeControl(r.interface)}\n`;
  }
}
