/**
 * Which `/proc/net` tables a Linux listing reads (pure): the files a request asks for, and which of
 * them the sockstat counters say are empty (each read walks the kernel's host-wide socket hash).
 */
import type { Proto } from '../model/socket.js';
import { parseProcNetSockstat } from '../parse/linux/proc-net-sockstat.js';
import type { ConnectionRequest } from './types.js';

/**
 * False when the sockstat counters say a `/proc/net` table is empty (`TCP: inuse 0 … tw 0`,
 * `TCP6: inuse 0`); true when it may hold sockets or a counter is missing.
 */
export function tableMayHold(proto: Exclude<Proto, 'unix'>, c: Readonly<Record<string, number>>): boolean {
  const key = { tcp: 'TCP', tcp6: 'TCP6', udp: 'UDP', udp6: 'UDP6', raw: 'RAW', raw6: 'RAW6' }[proto];
  const inuse = c[`${key}_inuse`];
  if (inuse === undefined) return true;
  // TIME_WAIT sockets of both families are counted once, under TCP.
  return inuse > 0 || (proto.startsWith('tcp') && (c['TCP_tw'] ?? 1) > 0);
}

/** Which `/proc/net` files answer a request, in net-tools order. */
export function procNetFiles(req: ConnectionRequest): Exclude<Proto, 'unix'>[] {
  const out: Exclude<Proto, 'unix'>[] = [];
  for (const t of ['tcp', 'udp', 'raw'] as const) {
    if (!req.transports.includes(t)) continue;
    if (req.inet4) out.push(t);
    if (req.inet6) out.push(`${t}6`);
  }
  return out;
}


/** Which `/proc/net` files answer a request, `unix` included when it asks for unix sockets (a namespace read elsewhere). */
export function tablesFor(req: ConnectionRequest): string[] {
  return [...procNetFiles(req), ...(req.transports.includes('unix') ? ['unix'] : [])];
}

/**
 * The sockstat counters from the texts of `/proc/net/sockstat` and `sockstat6` (`TCP_inuse`,
 * `TCP_tw` …); null without a sockstat text.
 */
export function sockstatCounts(sockstat: string | undefined, sockstat6: string | undefined): Record<string, number> | null {
  if (sockstat === undefined) return null;
  return parseProcNetSockstat(sockstat + (sockstat6 ?? ''), 'sockstat').statistics.sockstat ?? null;
}
