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
import { eachRow, ipv4At, ipv6At, isLinkLocal6, portAt, view } from './iphlpapi-common.js';

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

/** Decode one owner-PID socket table returned by `GetExtendedTcpTable` / `GetExtendedUdpTable`. */
export function parseSocketTable(bytes: Uint8Array, kind: SocketTableKind, opts: SocketTableOptions = {}): Parsed<SocketRecord> {
  const records: SocketRecord[] = [];
  const source = opts.source ?? `${kind.startsWith('tcp') ? 'GetExtendedTcpTable' : 'GetExtendedUdpTable'}(${kind.endsWith('6') ? 'AF_INET6' : 'AF_INET'})`;
  if (bytes.length < 4) return { records, skipped: [{ source, line: 0, text: '', reason: `table of ${bytes.length} bytes has no entry count` }] };
  const dv = view(bytes);
  const count = dv.getUint32(0, true);
  const owners = opts.owners ?? true;
  const own = (pid: number): SocketRecord['owners'] => (owners ? [{ pid, name: '' }] : []);
  const skipped = eachRow(bytes, count, 4, ROW_SIZE[kind], source, (o) => {
    switch (kind) {
      case 'tcp':
        records.push({
          proto: 'tcp',
          family: 'inet',
          localAddress: ipv4At(bytes, o + 4),
          localPort: portAt(bytes, o + 8),
          remoteAddress: ipv4At(bytes, o + 12),
          remotePort: portAt(bytes, o + 16),
          state: WINDOWS_MIB_TCP_STATE[dv.getUint32(o, true)] ?? 'UNKNOWN',
          recvQ: null,
          sendQ: null,
          owners: own(dv.getUint32(o + 20, true)),
        });
        break;
      case 'tcp6': {
        const local = ipv6At(bytes, o);
        const remote = ipv6At(bytes, o + 24);
        const r: SocketRecord = {
          proto: 'tcp6',
          family: 'inet6',
          localAddress: local,
          localPort: portAt(bytes, o + 20),
          remoteAddress: remote,
          remotePort: portAt(bytes, o + 44),
          state: WINDOWS_MIB_TCP_STATE[dv.getUint32(o + 48, true)] ?? 'UNKNOWN',
          recvQ: null,
          sendQ: null,
          owners: own(dv.getUint32(o + 52, true)),
        };
        const ls = scoped(local, dv.getUint32(o + 16, true));
        const rs = scoped(remote, dv.getUint32(o + 40, true));
        if (ls) r.localScope = ls;
        if (rs) r.remoteScope = rs;
        records.push(r);
        break;
      }
      case 'udp':
        records.push({
          proto: 'udp',
          family: 'inet',
          localAddress: ipv4At(bytes, o),
          localPort: portAt(bytes, o + 4),
          remoteAddress: '0.0.0.0',
          remotePort: 0,
          state: null,
          recvQ: null,
          sendQ: null,
          owners: own(dv.getUint32(o + 8, true)),
        });
        break;
      case 'udp6': {
        const local = ipv6At(bytes, o);
        const r: SocketRecord = {
          proto: 'udp6',
          family: 'inet6',
          localAddress: local,
          localPort: portAt(bytes, o + 20),
          remoteAddress: '::',
          remotePort: 0,
          state: null,
          recvQ: null,
          sendQ: null,
          owners: own(dv.getUint32(o + 24, true)),
        };
        const ls = scoped(local, dv.getUint32(o + 16, true));
        if (ls) r.localScope = ls;
        records.push(r);
        break;
      }
    }
  });
  return { records, skipped };
}
