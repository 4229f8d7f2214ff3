/**
 * Decoder for the `ENUM_SERVICE_STATUS_PROCESSW` array that `EnumServicesStatusExW(…,
 * SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_ACTIVE, …)` fills (winsvc.h): the running services
 * and the process each runs in, readable without administrator rights (pure).
 *
 * Layout (x64, 56 bytes per entry): `lpServiceName` 0 and `lpDisplayName` 8 (pointers to
 * NUL-terminated UTF-16 strings the call puts after the array, in the same buffer), then
 * `SERVICE_STATUS_PROCESS` at 16: `dwServiceType`, `dwCurrentState`, `dwControlsAccepted`,
 * `dwWin32ExitCode`, `dwServiceSpecificExitCode`, `dwCheckPoint`, `dwWaitHint`, `dwProcessId` (44),
 * `dwServiceFlags` (48); 52 bytes padded to 56. On 32-bit Windows the pointers take 4 bytes (44).
 *
 * Real input (Wine 8.0 under the live test, decoded): `{ name: 'RpcSs', displayName: 'Remote
 * Procedure Call (RPC)', state: 4, pid: 228 }` (PID 228 is `rpcss.exe` in the Toolhelp snapshot),
 * `{ name: 'Eventlog', displayName: 'Event Log', state: 4, pid: 200 }` (`svchost.exe`).
 */
import { view, wcharAt } from './iphlpapi-common.js';

/** One running service. */
export interface ServiceEntry {
  name: string;
  displayName: string;
  /** `SERVICE_RUNNING` is 4. */
  state: number;
  /** 0 for a service that is not running. */
  pid: number;
}

/** Size of one entry: 56 with 8-byte pointers, 44 with 4-byte ones. */
export function serviceEntrySize(pointerSize: 4 | 8): number {
  return pointerSize === 8 ? 56 : 44;
}

/**
 * Decode `count` entries of `buf`. `base` is the address the buffer had when the call filled it
 * (the string pointers point into it); a pointer outside the buffer gives an empty string.
 */
export function parseEnumServiceStatusProcess(buf: Uint8Array, count: number, base: bigint, pointerSize: 4 | 8 = 8): ServiceEntry[] {
  const dv = view(buf);
  const size = serviceEntrySize(pointerSize);
  const out: ServiceEntry[] = [];
  const text = (at: number): string => {
    const p = pointerSize === 8 ? dv.getBigUint64(at, true) : BigInt(dv.getUint32(at, true));
    const off = Number(p - base);
    return p === 0n || off < 0 || off >= buf.length ? '' : wcharAt(buf, off, 257);
  };
  for (let i = 0; i < count && (i + 1) * size <= buf.length; i++) {
    const at = i * size;
    const s = at + 2 * pointerSize;
    out.push({ name: text(at), displayName: text(at + pointerSize), state: dv.getUint32(s + 4, true), pid: dv.getUint32(s + 28, true) });
  }
  return out;
}

/** Service names by the PID hosting them (running services only), in the order the SCM lists them. */
export function servicesByPid(entries: readonly ServiceEntry[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of entries) {
    if (e.pid === 0 || e.name === '') continue;
    const list = out.get(e.pid);
    if (list) list.push(e.name);
    else out.set(e.pid, [e.name]);
  }
  return out;
}
