/**
 * The exposure audit of `--exposed` (pure): which listeners the network can reach, from where,
 * who owns them, and which of them are services usually meant to stay local.
 *
 * A listener is a TCP socket in LISTEN or a UDP socket without a peer (it takes datagrams from
 * anyone). Its reach follows its local address:
 * - `loopback` (127.0.0.0/8, ::1, ::ffff:127.x): this machine only — not exposed;
 * - `wildcard` (0.0.0.0, ::, or no address): every interface (an IPv6 `::` socket that also takes
 *   IPv4 is marked `dualStack`);
 * - `link-local` (169.254.0.0/16, fe80::/10): the local link;
 * - `private` (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, multicast): the LAN;
 * - `public`: any other address.
 */
import type { SocketRecord } from '../model/socket.js';
import { ipv4ToNumber, parseIPv6, unmapV4 } from '../parse/common/ip.js';
import { localService, type LocalService } from './local-services.js';

export type ExposureScope = 'loopback' | 'wildcard' | 'link-local' | 'private' | 'public';

export interface ExposedListener {
  record: SocketRecord;
  scope: Exclude<ExposureScope, 'loopback'>;
  /** Set when the port belongs to a service usually meant to be local. */
  warning: LocalService | null;
}

export interface ExposureReport {
  /** Listeners looked at (loopback ones included). */
  listeners: number;
  /** Listeners the network can reach, in input order. */
  exposed: ExposedListener[];
  /** Exposed listeners with a warning. */
  warnings: number;
}

function inV4(n: number, net: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((net & mask) >>> 0);
}

const V4 = (a: string): number => ipv4ToNumber(a) as number;
const PRIVATE_V4: readonly [number, number][] = [
  [V4('10.0.0.0'), 8],
  [V4('172.16.0.0'), 12],
  [V4('192.168.0.0'), 16],
  [V4('100.64.0.0'), 10],
  [V4('224.0.0.0'), 4],
];

/** Where an address can be reached from (see the file comment). Unparseable text counts as public. */
export function addressScope(address: string | null): ExposureScope {
  if (address === null || address === '' || address === '*' || address === '0.0.0.0' || address === '::') return 'wildcard';
  const a = unmapV4(address);
  const v4 = ipv4ToNumber(a);
  if (v4 !== null) {
    if (inV4(v4, V4('127.0.0.0'), 8)) return 'loopback';
    if (v4 === 0) return 'wildcard';
    if (inV4(v4, V4('169.254.0.0'), 16)) return 'link-local';
    return PRIVATE_V4.some(([net, bits]) => inV4(v4, net, bits)) ? 'private' : 'public';
  }
  const b = parseIPv6(a);
  if (b === null) return 'public';
  if (b.every((x, i) => x === (i === 15 ? 1 : 0))) return 'loopback';
  if (b.every((x) => x === 0)) return 'wildcard';
  const b0 = b[0] as number;
  const b1 = b[1] as number;
  if (b0 === 0xfe && (b1 & 0xc0) === 0x80) return 'link-local';
  if ((b0 & 0xfe) === 0xfc || b0 === 0xff) return 'private';
  return 'public';
}

/** True for a socket that accepts connections or datagrams from anyone. */
export function isListener(r: SocketRecord): boolean {
  if (r.proto === 'tcp' || r.proto === 'tcp6') return r.state === 'LISTEN';
  if (r.proto === 'udp' || r.proto === 'udp6')
    return r.state !== 'ESTABLISHED' && (r.remoteAddress === null || r.remoteAddress === '*' || r.remoteAddress === '0.0.0.0' || r.remoteAddress === '::') && !r.remotePort;
  return false;
}

/** Audit the listeners among `records`. */
export function auditExposure(records: readonly SocketRecord[]): ExposureReport {
  const report: ExposureReport = { listeners: 0, exposed: [], warnings: 0 };
  for (const r of records) {
    if (!isListener(r)) continue;
    report.listeners++;
    const scope = addressScope(r.localAddress);
    if (scope === 'loopback') continue;
    const transport = r.proto.startsWith('tcp') ? 'tcp' : 'udp';
    const warning = r.localPort ? (localService(transport, r.localPort) ?? null) : null;
    if (warning) report.warnings++;
    report.exposed.push({ record: r, scope, warning });
  }
  return report;
}
