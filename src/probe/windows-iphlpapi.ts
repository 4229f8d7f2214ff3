/**
 * The Win32 calls behind the Windows probe, through the koffi FFI: each returns the raw bytes the
 * API filled, and the pure decoders in `parse/windows/iphlpapi-*.ts` turn them into records.
 * koffi is imported lazily by `loadWinApi()`, so nothing here loads on Linux or macOS.
 *
 * Sizing: `GetExtendedTcpTable` & co. are asked for their size, then called with that size plus
 * headroom; when the table grew in between (ERROR_INSUFFICIENT_BUFFER) the call is retried with
 * the new size, a bounded number of times (psutil issues #880 and #1676 show what happens
 * without). `GetIfTable2`, `GetIpForwardTable2` and `GetIpInterfaceTable` allocate their own
 * table, which is copied out and released with `FreeMibTable`.
 */
import { PROCESSENTRY32W_SIZE } from '../parse/windows/toolhelp.js';

/** Win32 error codes the probe distinguishes. */
export const NO_ERROR = 0;
export const ERROR_INSUFFICIENT_BUFFER = 122;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_NO_MORE_FILES = 18;

/** A failed Win32 call, with its name and error code. */
export class WinApiError extends Error {
  constructor(
    readonly call: string,
    readonly code: number,
  ) {
    super(`${call} failed with error ${code}`);
    this.name = 'WinApiError';
  }
}

/** Address family argument (`AF_UNSPEC` 0, `AF_INET` 2, `AF_INET6` 23). */
export type WinFamily = 0 | 2 | 23;

/** Raw access to the IP Helper API and the process snapshot. Every method returns the API's bytes. */
export interface WinApi {
  /** `GetExtendedTcpTable(…, TCP_TABLE_OWNER_PID_ALL)`. */
  tcpTable(af: 2 | 23): Uint8Array;
  /** `GetExtendedUdpTable(…, UDP_TABLE_OWNER_PID)`. */
  udpTable(af: 2 | 23): Uint8Array;
  /** `GetIfTable2`. */
  ifTable2(): Uint8Array;
  /** `GetIpAddrTable` (IPv4 addresses per interface). */
  ipAddrTable(): Uint8Array;
  /** `GetIpForwardTable2`. */
  ipForwardTable2(af: WinFamily): Uint8Array;
  /** `GetIpInterfaceTable`; null where the system does not support it (Wine 8). */
  ipInterfaceTable(af: WinFamily): Uint8Array | null;
  /** `GetIpStatisticsEx`, `GetTcpStatisticsEx`, `GetUdpStatisticsEx` (per family). */
  ipStatistics(af: 2 | 23): Uint8Array;
  tcpStatistics(af: 2 | 23): Uint8Array;
  udpStatistics(af: 2 | 23): Uint8Array;
  /** `GetIcmpStatisticsEx`; null when the call is missing (then `icmpStatistics` for IPv4). */
  icmpStatisticsEx(af: 2 | 23): Uint8Array | null;
  icmpStatistics(): Uint8Array;
  /** Every `PROCESSENTRY32W` of a `CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS)` snapshot. */
  processEntries(): Uint8Array[];
  /**
   * `EnumServicesStatusExW(SC_ENUM_PROCESS_INFO)` of the running Win32 services: the filled
   * buffer, its entry count and the address it had (its string pointers point into it). Optional:
   * absent in test doubles; throws WinApiError when the SCM refuses.
   */
  services?(): { bytes: Uint8Array; count: number; base: bigint };
}

/** `call(buffer, sizeInOut)` → Win32 error code, as the sized table functions behave. */
export type SizedCall = (buf: Uint8Array | null, size: number[]) => number;

/**
 * Read a table whose size is negotiated: ask for the size, allocate it with headroom (a quarter,
 * at least 4 KiB, doubled on each retry), retry while the API answers ERROR_INSUFFICIENT_BUFFER
 * (the table grew in between), at most `tries` times.
 */
export function readSizedTable(name: string, call: SizedCall, tries = 5): Uint8Array {
  const size = [0];
  let rc = call(null, size);
  if (rc !== NO_ERROR && rc !== ERROR_INSUFFICIENT_BUFFER) throw new WinApiError(name, rc);
  for (let attempt = 0; attempt < tries; attempt++) {
    const need = Math.max(size[0] ?? 0, 4);
    // Headroom doubles on every retry: a table that outgrew it once is growing fast.
    const buf = Buffer.alloc(need + Math.max(4096, need >>> 2) * 2 ** attempt);
    size[0] = buf.length;
    rc = call(buf, size);
    if (rc === NO_ERROR) return buf;
    if (rc !== ERROR_INSUFFICIENT_BUFFER) throw new WinApiError(name, rc);
  }
  throw new WinApiError(`${name} (table kept growing after ${tries} tries)`, ERROR_INSUFFICIENT_BUFFER);
}

/** The part of koffi this module uses (koffi 3: pointers are BigInts). */
interface Koffi {
  load(path: string): { func(convention: string, name: string, ret: string, args: string[]): (...args: unknown[]) => unknown };
  view(ptr: unknown, len: number): ArrayBuffer;
  alloc(type: string, len: number): unknown;
  free(ptr: unknown): void;
  address(ptr: unknown): bigint;
}

type Fn = (...args: unknown[]) => unknown;

/**
 * Load koffi and bind the calls. Throws when koffi or its native module cannot load (unsupported
 * CPU, missing prebuild, locked-down machine): the caller falls back to netstat.exe.
 */
export async function loadWinApi(): Promise<WinApi> {
  // koffi is an optional dependency, external to the bundles (the standalone build maps it to
  // its extracted copy: src/sea/koffi.ts).
  const mod = (await import('koffi')) as unknown as { default?: Koffi } & Koffi;
  const koffi: Koffi = mod.default ?? mod;
  const iphlpapi = koffi.load('iphlpapi.dll');
  const kernel32 = koffi.load('kernel32.dll');
  const fn = (lib: typeof iphlpapi, name: string, ret: string, args: string[]): Fn => lib.func('__stdcall', name, ret, args);
  const optional = (lib: typeof iphlpapi, name: string, ret: string, args: string[]): Fn | null => {
    try {
      return fn(lib, name, ret, args);
    } catch {
      return null;
    }
  };

  const GetExtendedTcpTable = fn(iphlpapi, 'GetExtendedTcpTable', 'uint32_t', ['void *', '_Inout_ uint32_t *', 'int', 'uint32_t', 'int', 'uint32_t']);
  const GetExtendedUdpTable = fn(iphlpapi, 'GetExtendedUdpTable', 'uint32_t', ['void *', '_Inout_ uint32_t *', 'int', 'uint32_t', 'int', 'uint32_t']);
  const GetIpAddrTable = fn(iphlpapi, 'GetIpAddrTable', 'uint32_t', ['void *', '_Inout_ uint32_t *', 'int']);
  const GetIfTable2 = fn(iphlpapi, 'GetIfTable2', 'uint32_t', ['_Out_ void **']);
  const GetIpForwardTable2 = fn(iphlpapi, 'GetIpForwardTable2', 'uint32_t', ['uint16_t', '_Out_ void **']);
  const GetIpInterfaceTable = optional(iphlpapi, 'GetIpInterfaceTable', 'uint32_t', ['uint16_t', '_Out_ void **']);
  const FreeMibTable = fn(iphlpapi, 'FreeMibTable', 'void', ['void *']);
  const GetIpStatisticsEx = fn(iphlpapi, 'GetIpStatisticsEx', 'uint32_t', ['void *', 'uint32_t']);
  const GetTcpStatisticsEx = fn(iphlpapi, 'GetTcpStatisticsEx', 'uint32_t', ['void *', 'uint32_t']);
  const GetUdpStatisticsEx = fn(iphlpapi, 'GetUdpStatisticsEx', 'uint32_t', ['void *', 'uint32_t']);
  const GetIcmpStatisticsEx = optional(iphlpapi, 'GetIcmpStatisticsEx', 'uint32_t', ['void *', 'uint32_t']);
  const GetIcmpStatistics = fn(iphlpapi, 'GetIcmpStatistics', 'uint32_t', ['void *']);
  const CreateToolhelp32Snapshot = fn(kernel32, 'CreateToolhelp32Snapshot', 'void *', ['uint32_t', 'uint32_t']);
  const Process32FirstW = fn(kernel32, 'Process32FirstW', 'int', ['void *', 'void *']);
  const Process32NextW = fn(kernel32, 'Process32NextW', 'int', ['void *', 'void *']);
  const CloseHandle = fn(kernel32, 'CloseHandle', 'int', ['void *']);
  const GetLastError = fn(kernel32, 'GetLastError', 'uint32_t', []);
  const services = bindServices(koffi, fn, () => Number(GetLastError()));

  const TCP_TABLE_OWNER_PID_ALL = 5;
  const UDP_TABLE_OWNER_PID = 1;
  const TH32CS_SNAPPROCESS = 2;

  /** Copy a self-allocated MIB table (`NumEntries` at 0, rows from `first`) and free it. */
  const mibTable = (name: string, call: (out: unknown[]) => unknown, rowSize: number, first: number): Uint8Array => {
    const out: unknown[] = [null];
    const rc = Number(call(out));
    if (rc !== NO_ERROR) throw new WinApiError(name, rc);
    const ptr = out[0];
    if (ptr === null || ptr === undefined || ptr === 0n) throw new WinApiError(name, rc);
    try {
      const count = new DataView(koffi.view(ptr, 4)).getUint32(0, true);
      // Copy before FreeMibTable: Buffer.from(ArrayBuffer) would share the memory being freed.
      return new Uint8Array(koffi.view(ptr, first + count * rowSize)).slice();
    } finally {
      FreeMibTable(ptr);
    }
  };

  const stats = (name: string, f: Fn, size: number, af: number): Uint8Array => {
    const buf = Buffer.alloc(size);
    const rc = Number(f(buf, af));
    if (rc !== NO_ERROR) throw new WinApiError(name, rc);
    return buf;
  };

  return {
    tcpTable: (af) => readSizedTable(`GetExtendedTcpTable(${af === 2 ? 'AF_INET' : 'AF_INET6'})`, (b, s) => Number(GetExtendedTcpTable(b, s, 0, af, TCP_TABLE_OWNER_PID_ALL, 0))),
    udpTable: (af) => readSizedTable(`GetExtendedUdpTable(${af === 2 ? 'AF_INET' : 'AF_INET6'})`, (b, s) => Number(GetExtendedUdpTable(b, s, 0, af, UDP_TABLE_OWNER_PID, 0))),
    ipAddrTable: () => readSizedTable('GetIpAddrTable', (b, s) => Number(GetIpAddrTable(b, s, 0))),
    ifTable2: () => mibTable('GetIfTable2', (out) => GetIfTable2(out), 1352, 8),
    ipForwardTable2: (af) => mibTable('GetIpForwardTable2', (out) => GetIpForwardTable2(af, out), 104, 8),
    ipInterfaceTable: (af) => {
      if (!GetIpInterfaceTable) return null;
      try {
        return mibTable('GetIpInterfaceTable', (out) => GetIpInterfaceTable(af, out), 168, 8);
      } catch (e) {
        if (e instanceof WinApiError && e.code === ERROR_NOT_SUPPORTED) return null;
        throw e;
      }
    },
    ipStatistics: (af) => stats('GetIpStatisticsEx', GetIpStatisticsEx, 92, af),
    tcpStatistics: (af) => stats('GetTcpStatisticsEx', GetTcpStatisticsEx, 60, af),
    udpStatistics: (af) => stats('GetUdpStatisticsEx', GetUdpStatisticsEx, 20, af),
    icmpStatisticsEx: (af) => (GetIcmpStatisticsEx ? stats('GetIcmpStatisticsEx', GetIcmpStatisticsEx, 2064, af) : null),
    icmpStatistics: () => {
      const buf = Buffer.alloc(104);
      const rc = Number(GetIcmpStatistics(buf));
      if (rc !== NO_ERROR) throw new WinApiError('GetIcmpStatistics', rc);
      return buf;
    },
    services,
    processEntries: () => {
      const snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
      // INVALID_HANDLE_VALUE is (HANDLE)-1.
      if (snap === null || snap === 0n || snap === 0xffffffffffffffffn || snap === -1n) {
        throw new WinApiError('CreateToolhelp32Snapshot', Number(GetLastError()));
      }
      const entries: Uint8Array[] = [];
      try {
        const entry = Buffer.alloc(PROCESSENTRY32W_SIZE);
        entry.writeUInt32LE(PROCESSENTRY32W_SIZE, 0);
        let ok = Number(Process32FirstW(snap, entry));
        // Bounded: a snapshot is finite, but never trust a loop to an FFI answer.
        for (let n = 0; ok && n < 1_000_000; n++) {
          entries.push(Buffer.from(entry));
          ok = Number(Process32NextW(snap, entry));
        }
        if (!ok && entries.length === 0) throw new WinApiError('Process32FirstW', Number(GetLastError()));
      } finally {
        CloseHandle(snap);
      }
      return entries;
    },
  };
}

/** `ERROR_MORE_DATA`: `EnumServicesStatusExW` wants a larger buffer. */
const ERROR_MORE_DATA = 234;

/**
 * Bind the Service Control Manager calls (advapi32): `OpenSCManagerW(SC_MANAGER_ENUMERATE_SERVICE)`
 * — allowed without elevation —, `EnumServicesStatusExW`, `CloseServiceHandle`. The buffer is
 * allocated by koffi so its address is known (the entries' string pointers point into it).
 */
function bindServices(
  koffi: Koffi,
  fn: (lib: ReturnType<Koffi['load']>, name: string, ret: string, args: string[]) => Fn,
  lastError: () => number,
): () => { bytes: Uint8Array; count: number; base: bigint } {
  const advapi32 = koffi.load('advapi32.dll');
  const OpenSCManagerW = fn(advapi32, 'OpenSCManagerW', 'void *', ['void *', 'void *', 'uint32_t']);
  const EnumServicesStatusExW = fn(advapi32, 'EnumServicesStatusExW', 'int', [
    'void *', 'int', 'uint32_t', 'uint32_t', 'void *', 'uint32_t', '_Out_ uint32_t *', '_Out_ uint32_t *', '_Inout_ uint32_t *', 'void *',
  ]);
  const CloseServiceHandle = fn(advapi32, 'CloseServiceHandle', 'int', ['void *']);
  const SC_MANAGER_ENUMERATE_SERVICE = 0x0004;
  const SC_ENUM_PROCESS_INFO = 0;
  const SERVICE_WIN32 = 0x30;
  const SERVICE_ACTIVE = 1;
  return () => {
    const scm = OpenSCManagerW(null, null, SC_MANAGER_ENUMERATE_SERVICE);
    if (scm === null || scm === 0n) throw new WinApiError('OpenSCManagerW', lastError());
    try {
      let size = 0;
      for (let attempt = 0; attempt < 5; attempt++) {
        const needed = [0];
        const returned = [0];
        const resume = [0];
        const ptr = size > 0 ? koffi.alloc('uint8_t', size) : null;
        try {
          const ok = Number(EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_ACTIVE, ptr, size, needed, returned, resume, null));
          if (ok && ptr !== null) {
            return { bytes: new Uint8Array(koffi.view(ptr, size)).slice(), count: returned[0] ?? 0, base: koffi.address(ptr) };
          }
          if (ok) return { bytes: new Uint8Array(0), count: 0, base: 0n };
          const err = lastError();
          if (err !== ERROR_MORE_DATA) throw new WinApiError('EnumServicesStatusExW', err);
          // Services can start in between: headroom, doubled on each retry.
          size = (needed[0] ?? 0) + 4096 * 2 ** attempt;
        } finally {
          if (ptr !== null) koffi.free(ptr);
        }
      }
      throw new WinApiError('EnumServicesStatusExW (the list kept growing)', ERROR_MORE_DATA);
    } finally {
      CloseServiceHandle(scm);
    }
  };
}
