/**
 * Windows probe: sockets, routes, interfaces and protocol statistics from the IP Helper API
 * (`iphlpapi.dll`) through the koffi FFI, process names from a Toolhelp snapshot (no
 * administrator rights needed). When the FFI cannot load, falls back to parsing `netstat.exe`
 * (see `windows-netstat.ts`) and says so once on stderr.
 *
 * Only `probe/index.ts` imports this module, and only on win32; koffi itself is imported inside
 * `loadWinApi()`.
 */
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { SocketRecord } from '../model/socket.js';
import type { Statistics } from '../model/statistics.js';
import type { SkippedLine } from '../parse/issues.js';
import { WIN_AF_INET, WIN_AF_INET6 } from '../parse/windows/iphlpapi-common.js';
import { parseIfTable2, parseIpAddrTable, type IpAddrRow } from '../parse/windows/iphlpapi-interfaces.js';
import { parseIpForwardTable2, parseIpInterfaceTable } from '../parse/windows/iphlpapi-routes.js';
import { parseSocketTable, type SocketTableKind } from '../parse/windows/iphlpapi-sockets.js';
import { parseIcmpStats, parseIcmpStatsEx, parseIpStats, parseTcpStats, parseUdpStats } from '../parse/windows/iphlpapi-stats.js';
import { parseProcessEntry, wellKnownProcessName } from '../parse/windows/toolhelp.js';
import type { CommandRunner } from './io.js';
import { createNetstatProbe } from './windows-netstat.js';
import { attachServices } from './windows-services.js';
import { loadWinApi, type WinApi } from './windows-iphlpapi.js';
import type { ConnectionRequest, Probe } from './types.js';

export interface WindowsProbeOptions {
  /** Runs netstat.exe for the fallback. */
  run: CommandRunner;
  /** Binds the Win32 calls; default koffi + iphlpapi.dll. Tests inject fakes or a failing loader. */
  loadApi?: () => Promise<WinApi>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function skippedWarnings(skipped: readonly SkippedLine[]): string[] {
  return skipped.map((s) => `${s.source}: ${s.reason}`);
}

/** Create the Windows probe: the IP Helper API when koffi loads, else the netstat.exe fallback. */
export async function createWindowsProbe(opts: WindowsProbeOptions): Promise<Probe> {
  let api: WinApi;
  try {
    api = await (opts.loadApi ?? loadWinApi)();
  } catch (e) {
    return createNetstatProbe({ run: opts.run, reason: message(e) });
  }
  return createIpHelperProbe(api);
}

/** Process image names by PID from one snapshot, with the well-known names for PIDs 0 and 4. */
export function processNames(api: WinApi): { names: Map<number, string>; warning?: string } {
  const names = new Map<number, string>();
  try {
    for (const bytes of api.processEntries()) {
      const p = parseProcessEntry(bytes);
      names.set(p.pid, p.exe);
    }
  } catch (e) {
    return { names, warning: `process names are not available: ${message(e)}` };
  }
  return { names };
}

/** Attach process names to the owners; one warning for the PIDs no snapshot entry names. */
export function nameOwners(records: SocketRecord[], names: ReadonlyMap<number, string>): string[] {
  let missing = 0;
  for (const r of records) {
    for (const o of r.owners) {
      const name = wellKnownProcessName(o.pid) ?? names.get(o.pid);
      if (name) o.name = name;
      else missing++;
    }
  }
  return missing === 0 ? [] : [`Can not obtain ownership information for ${missing} socket(s): the process exited or is not visible`];
}

/** The probe over an already bound Win32 API (exported for tests with a fake API). */
export function createIpHelperProbe(api: WinApi): Probe {
  return {
    name: 'windows-iphlpapi',

    async connections(req: ConnectionRequest) {
      const records: SocketRecord[] = [];
      const warnings: string[] = [];
      const tables: [SocketTableKind, () => Uint8Array][] = [];
      for (const t of ['tcp', 'udp'] as const) {
        if (!req.transports.includes(t)) continue;
        const read = (af: 2 | 23): Uint8Array => (t === 'tcp' ? api.tcpTable(af) : api.udpTable(af));
        if (req.inet4) tables.push([t, () => read(WIN_AF_INET)]);
        if (req.inet6) tables.push([`${t}6`, () => read(WIN_AF_INET6)]);
      }
      for (const [kind, read] of tables) {
        try {
          const parsed = parseSocketTable(read(), kind, { owners: req.owners });
          records.push(...parsed.records);
          warnings.push(...skippedWarnings(parsed.skipped));
        } catch (e) {
          warnings.push(message(e));
        }
      }
      if (req.owners && req.ownerNames) {
        const { names, warning } = processNames(api);
        if (warning) warnings.push(warning);
        else warnings.push(...nameOwners(records, names));
        warnings.push(...attachServices(api, records));
      } else if (req.owners) {
        for (const r of records) for (const o of r.owners) o.name = wellKnownProcessName(o.pid) ?? '';
      }
      return { records, warnings };
    },

    async routes(req) {
      const warnings: string[] = [];
      let addrs: IpAddrRow[] = [];
      try {
        const parsed = parseIpAddrTable(api.ipAddrTable());
        addrs = parsed.records;
        warnings.push(...skippedWarnings(parsed.skipped));
      } catch (e) {
        warnings.push(message(e));
      }
      const metrics = new Map<string, number>();
      try {
        const bytes = api.ipInterfaceTable(0);
        if (bytes) for (const row of parseIpInterfaceTable(bytes).records) metrics.set(`${row.family}/${row.index}`, row.metric);
      } catch (e) {
        warnings.push(message(e));
      }
      const firstAddr = (index: number): string | undefined =>
        (addrs.find((a) => a.index === index && (a.type & 1) !== 0) ?? addrs.find((a) => a.index === index))?.address;
      const af = req.inet4 && req.inet6 ? 0 : req.inet4 ? WIN_AF_INET : WIN_AF_INET6;
      const parsed = parseIpForwardTable2(api.ipForwardTable2(af), {
        interfaceName: (index, family) => (family === 'inet' ? firstAddr(index) : undefined),
        interfaceMetric: (index, family) => metrics.get(`${family}/${index}`),
      });
      warnings.push(...skippedWarnings(parsed.skipped));
      const records: Route[] = parsed.records.filter((r) => (r.family === 'inet' ? req.inet4 : req.inet6));
      return { records, warnings };
    },

    async interfaces() {
      const parsed = parseIfTable2(api.ifTable2());
      const warnings = skippedWarnings(parsed.skipped);
      try {
        const addrs = parseIpAddrTable(api.ipAddrTable());
        const byIndex = new Map<number, NetInterface>();
        for (const nic of parsed.records) if (nic.index !== undefined) byIndex.set(nic.index, nic);
        for (const a of addrs.records) {
          const nic = byIndex.get(a.index);
          if (nic) (nic.addresses ??= []).push({ family: 'inet', address: a.address, prefixLength: a.prefixLength });
        }
      } catch (e) {
        warnings.push(message(e));
      }
      return { records: parsed.records, warnings };
    },

    async statistics() {
      const statistics: Statistics = {};
      const warnings: string[] = [];
      const attempt = (what: () => void): void => {
        try {
          what();
        } catch (e) {
          warnings.push(message(e));
        }
      };
      for (const [af, v6] of [
        [WIN_AF_INET, false],
        [WIN_AF_INET6, true],
      ] as const) {
        attempt(() => (statistics[v6 ? 'ipv6' : 'ip'] = parseIpStats(api.ipStatistics(af), v6 ? 'inet6' : 'inet')));
        attempt(() => {
          const ex = api.icmpStatisticsEx(af);
          if (ex) statistics[v6 ? 'icmpv6' : 'icmp'] = parseIcmpStatsEx(ex, v6 ? 'inet6' : 'inet');
          else if (!v6) statistics.icmp = parseIcmpStats(api.icmpStatistics());
        });
        attempt(() => (statistics[v6 ? 'tcpv6' : 'tcp'] = parseTcpStats(api.tcpStatistics(af))));
        attempt(() => (statistics[v6 ? 'udpv6' : 'udp'] = parseUdpStats(api.udpStatistics(af))));
      }
      return { statistics, warnings };
    },
  };
}
