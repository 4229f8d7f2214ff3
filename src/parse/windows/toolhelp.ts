/**
 * Decoder for `PROCESSENTRY32W` (tlhelp32.h), the record `Process32FirstW`/`Process32NextW` fill
 * from a `CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS)` snapshot: the image name of every process,
 * readable without administrator rights (pure).
 *
 * Layout on x64, 568 bytes: `dwSize` 0, `cntUsage` 4, `th32ProcessID` 8, `th32DefaultHeapID` 16
 * (ULONG_PTR), `th32ModuleID` 24, `cntThreads` 28, `th32ParentProcessID` 32, `pcPriClassBase` 36,
 * `dwFlags` 40, `szExeFile[260]` 44.
 *
 * Real input (Wine 8, the first entry of a snapshot): `th32ProcessID` 56, `th32ParentProcessID` 40,
 * `szExeFile` `services.exe` → `{ pid: 56, parentPid: 40, exe: 'services.exe' }`.
 */
import { view, wcharAt } from './iphlpapi-common.js';

/** `sizeof(PROCESSENTRY32W)` on x64 (the `dwSize` to set before the first call). */
export const PROCESSENTRY32W_SIZE = 568;

export interface ProcessEntry {
  pid: number;
  parentPid: number;
  /** Image name (`svchost.exe`), as netstat.exe `-b` prints it between brackets. */
  exe: string;
}

/** Decode one `PROCESSENTRY32W`. */
export function parseProcessEntry(bytes: Uint8Array): ProcessEntry {
  if (bytes.length < PROCESSENTRY32W_SIZE) throw new RangeError(`PROCESSENTRY32W of ${bytes.length} bytes, expected ${PROCESSENTRY32W_SIZE}`);
  const dv = view(bytes);
  return { pid: dv.getUint32(8, true), parentPid: dv.getUint32(32, true), exe: wcharAt(bytes, 44, 260) };
}

/**
 * The name netstat.exe and Task Manager give a PID: 0 is the System Idle Process and 4 the
 * System process whatever the snapshot calls them (`[System Process]`, `System`).
 */
export function wellKnownProcessName(pid: number): string | undefined {
  return pid === 0 ? 'System Idle Process' : pid === 4 ? 'System' : undefined;
}
