/**
 * The services each process hosts (Windows): from the Service Control Manager, readable without
 * elevation, so an `svchost.exe` owner says `RpcSs` or `Dnscache` as netstat.exe `-b` does only
 * when run as administrator.
 */
import type { SocketRecord } from '../model/socket.js';
import { parseEnumServiceStatusProcess, servicesByPid } from '../parse/windows/services.js';
import type { WinApi } from './windows-iphlpapi.js';

/** Set `services` on every owner whose process hosts services; warnings when the SCM cannot be read. */
export function attachServices(api: WinApi, records: readonly SocketRecord[]): string[] {
  if (!api.services) return [];
  let byPid: Map<number, string[]>;
  try {
    const { bytes, count, base } = api.services();
    byPid = servicesByPid(parseEnumServiceStatusProcess(bytes, count, base));
  } catch (e) {
    return [`the services of each process could not be read (${e instanceof Error ? e.message : String(e)})`];
  }
  for (const r of records) {
    for (const o of r.owners) {
      const s = byPid.get(o.pid);
      if (s) o.services = s;
    }
  }
  return [];
}
