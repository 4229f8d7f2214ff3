/**
 * Runs under the Windows build of Node (Wine in CI, or real Windows): drives the Windows probe
 * through the real FFI and writes everything it got as JSON to the file named by argv[2], so the
 * Linux-side test can check it against the sockets and counters it knows. Bundled by the test
 * with esbuild; koffi stays external and is found next to the bundle.
 */
import { writeFileSync } from 'node:fs';
import { parseEnumServiceStatusProcess } from '../../src/parse/windows/services.js';
import { parseProcessEntry } from '../../src/parse/windows/toolhelp.js';
import { loadWinApi } from '../../src/probe/windows-iphlpapi.js';
import { createWindowsProbe } from '../../src/probe/windows.js';

const outFile = process.argv[2];
if (!outFile) throw new Error('usage: harness.mjs OUTPUT.json');
const result: Record<string, unknown> = { platform: process.platform, pid: process.pid };
try {
  const api = await loadWinApi();
  const probe = await createWindowsProbe({
    run: () => Promise.reject(new Error('the harness never falls back')),
    loadApi: () => Promise.resolve(api),
  });
  result['probe'] = probe.name;
  result['connections'] = await probe.connections({ transports: ['tcp', 'udp'], inet4: true, inet6: true, owners: true, ownerNames: true });
  result['routes'] = await probe.routes?.({ inet4: true, inet6: true });
  result['interfaces'] = await probe.interfaces?.();
  result['statistics'] = await probe.statistics?.();
  result['processes'] = api.processEntries().map((b) => parseProcessEntry(b));
  // Issue 14: the running services and their PIDs, from the Service Control Manager.
  try {
    const svc = api.services?.();
    result['services'] = svc ? parseEnumServiceStatusProcess(svc.bytes, svc.count, svc.base) : null;
  } catch (e) {
    result['services'] = { error: e instanceof Error ? e.message : String(e) };
  }
  result['bytes'] = {
    tcp: api.tcpTable(2).length,
    tcp6: api.tcpTable(23).length,
    udp: api.udpTable(2).length,
    udp6: api.udpTable(23).length,
    ifTable2: api.ifTable2().length,
    ipForwardTable2: api.ipForwardTable2(0).length,
  };
} catch (e) {
  result['error'] = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
}
writeFileSync(outFile, JSON.stringify(result, null, 1));
