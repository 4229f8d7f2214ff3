/**
 * The record contract every capture parser's output is held to (pure), checked once where the
 * format table dispatches (`parse/detect.ts`): ports 0–65535 or null, known protocols and states,
 * addresses as text without white space or control characters, prefix lengths within the family,
 * counters finite and not negative. A record that breaks it (a capture damaged in transit:
 * `1\u001b[31m92.168.5.2`, a NUL in a row) is dropped and a note says how many and why, so no
 * renderer or JSON consumer ever sees it.
 *
 * Real record kept: `{ proto: 'tcp', localAddress: '192.168.5.2', localPort: 22, state: 'ESTABLISHED', … }`.
 */
import type { NetInterface } from '../../model/interface.js';
import type { Route } from '../../model/route.js';
import type { SocketRecord } from '../../model/socket.js';
import { TCP_STATES } from '../../model/tcp-state.js';

const STATES: ReadonlySet<string> = new Set(TCP_STATES);
const PROTOS: ReadonlySet<string> = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix']);
/** Address (or name) text: non-empty, no white space, no C0/C1 control characters. */
const ADDRESS = /^[^\s\u0000-\u001f\u007f-\u009f]+$/;

const port = (p: number | null): boolean => p === null || (Number.isInteger(p) && p >= 0 && p <= 65535);
const counter = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Why a socket record breaks the contract, or null. */
export function socketFault(r: SocketRecord): string | null {
  if (!PROTOS.has(r.proto)) return 'an unknown protocol';
  if (!port(r.localPort) || !port(r.remotePort)) return 'a port outside 0-65535';
  if (r.state !== null && !STATES.has(r.state)) return 'an unknown state';
  for (const a of [r.localAddress, r.remoteAddress]) if (a !== null && !ADDRESS.test(a)) return 'an address with white space or control characters';
  for (const o of r.owners) if (!Number.isInteger(o.pid) || o.pid < 0) return 'a bad process id';
  return null;
}

/** Why a route breaks the contract, or null. */
export function routeFault(r: Route): string | null {
  const max = r.family === 'inet' ? 32 : 128;
  if (!Number.isInteger(r.prefixLength) || r.prefixLength < 0 || r.prefixLength > max) return 'a prefix length out of range';
  if (!ADDRESS.test(r.destination) || (r.gateway !== null && !ADDRESS.test(r.gateway))) return 'an address with white space or control characters';
  if (!Number.isFinite(r.metric)) return 'a metric that is not a number';
  return null;
}

/** Why an interface breaks the contract, or null. */
export function interfaceFault(i: NetInterface): string | null {
  for (const [k, v] of Object.entries(i)) if (/^(rx|tx)[A-Z]/.test(k) && !counter(v)) return 'a counter that is not a number';
  if (i.mtu !== null && !Number.isFinite(i.mtu)) return 'an MTU that is not a number';
  return null;
}

/** Keep the records that hold the contract; one note per reason for the dropped ones. */
export function screen<T>(records: T[], fault: (r: T) => string | null, source: string, notes: string[]): T[] {
  let dropped: Map<string, number> | null = null;
  const kept: T[] = [];
  for (const r of records) {
    const why = fault(r);
    if (why === null) kept.push(r);
    else (dropped ??= new Map()).set(why, (dropped.get(why) ?? 0) + 1);
  }
  if (!dropped) return records;
  for (const [why, n] of dropped) notes.push(`${source}: ${n} row${n === 1 ? '' : 's'} dropped: ${why}`);
  return kept;
}
