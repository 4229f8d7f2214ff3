/**
 * Decoders for the owner-PID socket tables of `GetExtendedTcpTable` / `GetExtendedUdpTable`
 * (pure: bytes in, records out). Layouts (tcpmib.h, udpmib.h), sizes as measured on Windows x64 and
 * under Wine 8:
 *
 * | table (`dwNumEntries` at 0, rows from offset 4) | row | row size |
 * |---|---|---|
 * | `MIB_TCPTABLE_OWNER_PID`  | `dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid` | 24 |
 * | `MIB_TCP6TABLE_OWNER_PID` | `ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId, dwRemotePort, dwState, dwOwningPid` | 56 |
 * | `MIB_UDPTABLE_OWNER_PID`  | `dwLocalAddr, dwLocalPort, dwOwningPid` | 12 |
 * | `MIB_UDP6TABLE_OWNER_PID` | `ucLocalAddr[16], dwLocalScopeId, dwLocalPort, dwOwningPid` | 28 |
 *
 * Real input (`GetExtendedTcpTable(AF_INET, TCP_TABLE_OWNER_PID_ALL)` under Wine, first row):
 * ```
 * 03000000 02000000 7f000001 88630000 00000000 00000000 00000000
 * ```
 * → `{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 34915, remoteAddress: '0.0.0.0',
 *      remotePort: 0, state: 'LISTEN', owners: [{ pid: 0, name: '' }] }` (of 3 rows).
 */
import type { SocketRecord } from '../../model/socket.js';
import { WINDOWS_MIB_TCP_STATE } from '../../model/tcp-state.js';
import type { Parsed } from '../issues.js';
import { decodeTable, ipv4At, ipv6At, isLinkLocal6, portAt } from './iphlpapi-common.js';

/** Row sizes of the owner-PID tables. */
export const ROW_SIZE = { tcp: 24, tcp6: 56, udp: 12, udp6: 28 } as const;

/** Which table a buffer holds. */
export type SocketTableKind = keyof typeof ROW_SIZE;

export interface SocketTableOptions {
  /** Fill `owners` with the row's PID (names are added later by the probe). Default true. */
  owners?: boolean;
  /** Source name for skipped-row reports. */
  source?: string;
}

function scoped(addr: string, scopeId: number): string | undefined {
  return scopeId !== 0 && isLinkLocal6(addr) ? String(scopeId) : undefined;
}

/** Offsets of one row layout: addresses, ports, scope ids, state and PID (-1: the row has none). */
interface RowLayout {
  proto: SocketRecord['proto'];
  v6: boolean;
  local: number;
  localScope: number;
  localPort: number;
  remote: number;
  remoteScope: number;
  remotePort: number;
  state: number;
  pid: number;
}

const LAYOUT: Readonly<Record<SocketTableKind, RowLayout>> = {
  tcp: { proto: 'tcp', v6: false, state: 0, local: 4, localScope: -1, localPort: 8, remote: 12, remoteScope: -1, remotePort: 16, pid: 20 },
  tcp6: { proto: 'tcp6', v6: true, local: 0, localScope: 16, localPort: 20, remote: 24, remoteScope: 40, remotePort: 44, state: 48, pid: 52 },
  udp: { proto: 'udp', v6: false, local: 0, localScope: -1, localPort: 4, remote: -1, remoteScope: -1, remotePort: -1, state: -1, pid: 8 },
  udp6: { proto: 'udp6', v6: true, local: 0, localScope: 16, localPort: 20, remote: -1, remoteScope: -1, remotePort: -1, state: -1, pid: 24 },
};

/** Decode one owner-PID socket table returned by `GetExtendedTcpTable` / `GetExtendedUdpTable`. */
export function parseSocketTable(bytes: Uint8Array, kind: SocketTableKind, opts: SocketTableOptions = {}): Parsed<SocketRecord> {
  const source = opts.source ?? `${kind.startsWith('tcp') ? 'GetExtendedTcpTable' : 'GetExtendedUdpTable'}(${kind.endsWith('6') ? 'AF_INET6' : 'AF_INET'})`;
  const owners = opts.owners ?? true;
  const L = LAYOUT[kind];
  const addrAt = L.v6 ? ipv6At : ipv4At;
  const wildcard = L.v6 ? '::' : '0.0.0.0';
  return decodeTable(bytes, { first: 4, rowSize: ROW_SIZE[kind], source }, (o, dv) => {
    const pid = dv.getUint32(o + L.pid, true);
    const r: SocketRecord = {
      proto: L.proto,
      family: L.v6 ? 'inet6' : 'inet',
      localAddress: addrAt(bytes, o + L.local),
      localPort: portAt(bytes, o + L.localPort),
      // UDP has no peer: the wildcard of the family, as /proc/net/udp reports it on Linux.
      remoteAddress: L.remote < 0 ? wildcard : addrAt(bytes, o + L.remote),
      remotePort: L.remotePort < 0 ? 0 : portAt(bytes, o + L.remotePort),
      state: L.state < 0 ? null : (WINDOWS_MIB_TCP_STATE[dv.getUint32(o + L.state, true)] ?? 'UNKNOWN'),
      recvQ: null,
      sendQ: null,
      owners: owners ? [{ pid, name: '' }] : [],
    };
    const ls = L.localScope < 0 ? undefined : scoped(r.localAddress ?? '', dv.getUint32(o + L.localScope, true));
    const rs = L.remoteScope < 0 ? undefined : scoped(r.remoteAddress ?? '', dv.getUint32(o + L.remoteScope, true));
    if (ls) r.localScope = ls;
    if (rs) r.remoteScope = rs;
    return r;
  });
}
