/**
 * The Windows probe on every OS: the IP Helper API path over a fake API that returns buffers built
 * from the documented layouts, and the netstat.exe fallback over a command runner that replays real
 * captures. Also: nothing Windows-specific is loaded by the Linux start-up path.
 */
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandRunner, type CommandResult, type CommandRunner } from '../../src/probe/io.js';
import type { ConnectionRequest } from '../../src/probe/types.js';
import { WinApiError, type WinApi } from '../../src/probe/windows-iphlpapi.js';
import { createNetstatProbe } from '../../src/probe/windows-netstat.js';
import { createIpHelperProbe, createWindowsProbe } from '../../src/probe/windows.js';
import { BUILT, CAN_UNSHARE, loadedPackages } from '../helpers/bundle.js';
import { fwdRow, ifRow, ip4, processEntry, table, tcp6Row, tcpRow, u32, udp6Row, udpRow } from './windows-buffers.js';

const root = join(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'fixtures/windows', name)).toString('utf8');
const ALL: ConnectionRequest = { transports: ['tcp', 'udp', 'raw', 'unix'], inet4: true, inet6: true, owners: true, ownerNames: true };

/** A fake WinApi over synthetic buffers; any method can be overridden. */
function fakeApi(over: Partial<WinApi> = {}): WinApi {
  const addrRow = (a: string, idx: number, mask: string, type: number): Buffer =>
    Buffer.concat([ip4(a), u32(idx), ip4(mask), u32(1), u32(65535), Buffer.from([0, 0, type, 0])]);
  const ifaceRow = (fam: number, idx: number, metric: number): Buffer => {
    const b = Buffer.alloc(168);
    b.writeUInt16LE(fam, 0);
    b.writeUInt32LE(idx, 16);
    b.writeUInt32LE(metric, 148);
    return b;
  };
  return {
    tcpTable: (af) =>
      af === 2
        ? table([tcpRow(2, '0.0.0.0', 135, '0.0.0.0', 0, 1712), tcpRow(5, '192.168.1.10', 50000, '93.184.216.34', 443, 5000), tcpRow(11, '192.168.1.10', 50001, '93.184.216.34', 443, 0)])
        : table([tcp6Row('0', 0, 445, '0', 0, 0, 2, 4)]),
    udpTable: (af) => (af === 2 ? table([udpRow('0.0.0.0', 5353, 6000)]) : table([udp6Row('1', 0, 1900, 4242)])),
    ifTable2: () =>
      table(
        [
          ifRow({ index: 1, alias: 'Loopback Pseudo-Interface 1', description: 'Software Loopback Interface 1', mtu: 1500, type: 24, oper: 1, admin: 1 }),
          ifRow({ index: 11, alias: 'Ethernet', description: 'Realtek PCIe GBE Family Controller', mac: [0x98, 0x28, 0xa6, 0x27, 0xd5, 0x93], mtu: 1500, type: 6, oper: 1, admin: 1, counters: { inOctets: 1000n, outOctets: 2000n } }),
        ],
        8,
      ),
    ipAddrTable: () => table([addrRow('127.0.0.1', 1, '255.0.0.0', 1), addrRow('192.168.1.10', 11, '255.255.255.0', 1)]),
    ipForwardTable2: () =>
      table([fwdRow(11, '0.0.0.0', 0, '192.168.1.1', 0, 3), fwdRow(1, '127.0.0.0', 8, '0.0.0.0', 256, 2), fwdRow(1, '00000000000000000000000000000001', 128, '00000000000000000000000000000000', 256, 2)], 8),
    ipInterfaceTable: () => table([ifaceRow(2, 11, 25), ifaceRow(2, 1, 75), ifaceRow(23, 1, 75)], 8),
    ipStatistics: () => Buffer.concat(Array.from({ length: 23 }, (_, i) => u32(i))),
    tcpStatistics: (af) => Buffer.concat(Array.from({ length: 15 }, (_, i) => u32(af === 2 ? i : 100 + i))),
    udpStatistics: () => Buffer.concat([u32(72), u32(0), u32(0), u32(96), u32(2)]),
    icmpStatisticsEx: () => Buffer.alloc(2064),
    icmpStatistics: () => Buffer.alloc(104),
    processEntries: () => [processEntry(0, 0, '[System Process]'), processEntry(4, 0, 'System'), processEntry(1712, 600, 'svchost.exe'), processEntry(6000, 1, 'chrome.exe'), processEntry(4242, 1, 'node.exe')],
    ...over,
  };
}

describe('Windows probe over the IP Helper API (fake API, real decoders)', () => {
  it('lists TCP and UDP of both families with owners and image names from the snapshot', async () => {
    const snap = await createIpHelperProbe(fakeApi()).connections(ALL);
    expect(snap.records.map((r) => `${r.proto} ${r.localAddress}:${r.localPort} ${r.state} ${r.owners.map((o) => `${o.pid}/${o.name}`).join(',')}`)).toEqual([
      'tcp 0.0.0.0:135 LISTEN 1712/svchost.exe',
      'tcp 192.168.1.10:50000 ESTABLISHED 5000/',
      'tcp 192.168.1.10:50001 TIME_WAIT 0/System Idle Process',
      'tcp6 :::445 LISTEN 4/System',
      'udp 0.0.0.0:5353 null 6000/chrome.exe',
      'udp6 ::1:1900 null 4242/node.exe',
    ]);
    // PID 5000 is not in the snapshot (the process exited): said once, never a crash.
    expect(snap.warnings).toEqual(['Can not obtain ownership information for 1 socket(s): the process exited or is not visible']);
  });

  it('asks only for the tables the request needs, and no snapshot without -b/-p', async () => {
    const asked: string[] = [];
    const api = fakeApi();
    const spy = fakeApi({
      tcpTable: (af) => (asked.push(`tcp${af}`), api.tcpTable(af)),
      udpTable: (af) => (asked.push(`udp${af}`), api.udpTable(af)),
      processEntries: () => {
        throw new Error('must not be called');
      },
    });
    const snap = await createIpHelperProbe(spy).connections({ transports: ['udp'], inet4: false, inet6: true, owners: true, ownerNames: false });
    expect(asked).toEqual(['udp23']);
    expect(snap.records).toHaveLength(1);
    expect(snap.records[0]?.owners).toEqual([{ pid: 4242, name: '' }]);
    const none = await createIpHelperProbe(spy).connections({ transports: ['tcp'], inet4: true, inet6: false, owners: false, ownerNames: false });
    expect(none.records.every((r) => r.owners.length === 0)).toBe(true);
  });

  it('a failing table or snapshot is a warning; the rest is still listed', async () => {
    const api = fakeApi({
      tcpTable: (af) => {
        if (af === 23) throw new WinApiError('GetExtendedTcpTable(AF_INET6)', 87);
        return fakeApi().tcpTable(af);
      },
      processEntries: () => {
        throw new WinApiError('CreateToolhelp32Snapshot', 5);
      },
    });
    const snap = await createIpHelperProbe(api).connections(ALL);
    expect(snap.records.map((r) => r.proto)).toEqual(['tcp', 'tcp', 'tcp', 'udp', 'udp6']);
    expect(snap.warnings).toEqual([
      'GetExtendedTcpTable(AF_INET6) failed with error 87',
      'process names are not available: CreateToolhelp32Snapshot failed with error 5',
    ]);
  });

  it('routes: IPv4 interfaces named by their address, metric = route + interface metric, family filter', async () => {
    const probe = createIpHelperProbe(fakeApi());
    const all = await probe.routes?.({ inet4: true, inet6: true });
    expect(all?.warnings).toEqual([]);
    expect(all?.records.map((r) => [r.destination, r.prefixLength, r.gateway, r.interface, r.metric, r.flags])).toEqual([
      ['0.0.0.0', 0, '192.168.1.1', '192.168.1.10', 25, 'UG'],
      ['127.0.0.0', 8, null, '127.0.0.1', 331, 'U'],
      ['::1', 128, null, '1', 331, 'UH'],
    ]);
    const v6 = await probe.routes?.({ inet4: false, inet6: true });
    expect(v6?.records.map((r) => r.family)).toEqual(['inet6']);
    // Without GetIpInterfaceTable (Wine): the route metric alone.
    const wine = await createIpHelperProbe(fakeApi({ ipInterfaceTable: () => null })).routes?.({ inet4: true, inet6: false });
    expect(wine?.records.map((r) => r.metric)).toEqual([0, 256]);
  });

  it('interfaces: GetIfTable2 rows with their IPv4 addresses', async () => {
    const snap = await createIpHelperProbe(fakeApi()).interfaces?.();
    expect(snap?.records.map((n) => [n.name, n.index, n.mac, n.rxBytes, n.txBytes, n.addresses])).toEqual([
      ['Loopback Pseudo-Interface 1', 1, undefined, 0, 0, [{ family: 'inet', address: '127.0.0.1', prefixLength: 8 }]],
      ['Ethernet', 11, '98:28:a6:27:d5:93', 1000, 2000, [{ family: 'inet', address: '192.168.1.10', prefixLength: 24 }]],
    ]);
  });

  it('statistics: every family key, TCP kept per family, the old ICMP struct when Ex is missing', async () => {
    const full = await createIpHelperProbe(fakeApi()).statistics?.();
    expect(Object.keys(full?.statistics ?? {}).sort()).toEqual(['icmp', 'icmpv6', 'ip', 'ipv6', 'tcp', 'tcpv6', 'udp', 'udpv6']);
    expect(full?.statistics.tcp?.['ActiveOpens']).toBe(4);
    expect(full?.statistics.tcpv6?.['ActiveOpens']).toBe(104);
    const old = await createIpHelperProbe(fakeApi({ icmpStatisticsEx: () => null, udpStatistics: () => Buffer.alloc(3) })).statistics?.();
    expect(old?.statistics.icmp).toMatchObject({ InMsgs: 0, OutAddrMaskReps: 0 });
    expect(old?.statistics.icmpv6).toBeUndefined();
    expect(old?.statistics.udp).toBeUndefined();
    expect(old?.warnings).toEqual(['statistics struct of 3 bytes, expected 20', 'statistics struct of 3 bytes, expected 20']);
  });
});

/** A command runner that answers netstat.exe argument lists with captures, and records the calls. */
function replay(answers: Record<string, CommandResult>): { run: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push(`${file} ${args.join(' ')}`);
    const a = answers[args.join(' ')];
    return a ?? { stdout: '', stderr: 'unexpected arguments', code: 1 };
  };
  return { run, calls };
}
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', code: 0 });
const failingLoad = (): Promise<WinApi> => Promise.reject(new Error("Cannot find module 'koffi'"));

describe('fallback: netstat.exe output when the FFI cannot load', () => {
  it('says why once per answer, runs netstat.exe with an argument array, parses -b records', async () => {
    const { run, calls } = replay({ '-a -n -o -b': ok(fixture('win10-netstat-aonb.txt')) });
    const probe = await createWindowsProbe({ run, loadApi: failingLoad });
    expect(probe.name).toBe('windows-netstat');
    const snap = await probe.connections(ALL);
    expect(calls).toEqual(['netstat.exe -a -n -o -b']);
    expect(snap.warnings[0]).toBe("the IP Helper API is not available (Cannot find module 'koffi'); using netstat.exe output instead (fallback)");
    expect(snap.records).toHaveLength(318);
    expect(snap.records[0]).toMatchObject({ localPort: 135, owners: [{ pid: 1712, name: 'svchost.exe', service: 'RpcSs' }] });
  });

  it('-b without elevation: one warning with netstat’s own message, then -ano without names', async () => {
    const { run, calls } = replay({
      '-a -n -o -b': { stdout: fixture('win7-netstat-vb-requires-elevation.txt'), stderr: '', code: 1 },
      '-a -n -o': ok(fixture('fr-win-netstat-ano.txt')),
    });
    const snap = await (await createWindowsProbe({ run, loadApi: failingLoad })).connections(ALL);
    expect(calls).toEqual(['netstat.exe -a -n -o -b', 'netstat.exe -a -n -o']);
    expect(snap.warnings).toContain('netstat -b gave no table (The requested operation requires elevation.); process names are not shown');
    expect(snap.records).toHaveLength(217);
  });

  it('applies the request (transports, families, owners) to what netstat printed', async () => {
    const { run } = replay({ '-a -n -o': ok(fixture('ru-win-netstat-ano-utf8.txt')) });
    const probe = await createWindowsProbe({ run, loadApi: failingLoad });
    const snap = await probe.connections({ transports: ['udp'], inet4: false, inet6: true, owners: false, ownerNames: false });
    expect(snap.records).toHaveLength(12);
    expect(snap.records.every((r) => r.proto === 'udp6' && r.owners.length === 0)).toBe(true);
  });

  it('a netstat.exe that fails outright is a warning, not a crash', async () => {
    const { run } = replay({});
    const snap = await (await createWindowsProbe({ run, loadApi: failingLoad })).connections({ ...ALL, ownerNames: false });
    expect(snap.records).toEqual([]);
    expect(snap.warnings).toContain('netstat.exe -a -n -o exited with 1: unexpected arguments');
  });

  it('routes, interfaces and statistics come from netstat -r -n, -e and -s', async () => {
    const { run, calls } = replay({
      '-r -n': ok(fixture('win10-route-print.txt')),
      '-e': ok(fixture('win7-netstat-e-transcribed.txt')),
      '-s': ok(fixture('win7-netstat-ns.txt')),
    });
    const probe = await createWindowsProbe({ run, loadApi: failingLoad });
    // 47 active IPv4 routes and the configured (persistent) one, a record of its own.
    const routes = (await probe.routes?.({ inet4: true, inet6: false }))?.records ?? [];
    expect(routes).toHaveLength(48);
    expect(routes.filter((r) => r.persistent)).toEqual([expect.objectContaining({ destination: '157.0.0.0', metric: 3, interface: '' })]);
    expect((await probe.interfaces?.())?.records[0]).toMatchObject({ name: '*', rxBytes: 167849775 });
    expect((await probe.statistics?.())?.statistics.tcp).toMatchObject({ InSegs: 433, OutSegs: 231 });
    expect(calls).toEqual(['netstat.exe -r -n', 'netstat.exe -e', 'netstat.exe -s']);
  });
});

describe('nothing Windows-specific loads on Linux or macOS', () => {
  it('the Linux probe is chosen on linux, without importing koffi', async () => {
    const { createHostProbe } = await import('../../src/probe/index.js');
    const probe = await createHostProbe({ platform: 'linux', littleEndian: true, euid: null, run: replay({}).run });
    expect(probe.name).toBe('linux-proc');
  });

  it.skipIf(!BUILT || process.platform !== 'linux')('the built command loads koffi only where an FFI call is made (never at start-up)', () => {
    // In an empty namespace (small tables): no FFI. Where that is not possible, force the /proc source.
    const small: Record<string, string> = CAN_UNSHARE ? {} : { TSNETSTAT_SOURCE: 'proc' };
    // koffi, or its native module straight from its platform package (probe/koffi-native.ts).
    const koffi = (packages: Set<string>): boolean => packages.has('koffi') || [...packages].some((p) => p.startsWith('@koromix/koffi-'));
    expect(koffi(loadedPackages(['-an'], small, true))).toBe(false);
    expect(koffi(loadedPackages(['-rn'], small, true))).toBe(false);
    // Positive control: the netlink source (large tables) does load it.
    expect(koffi(loadedPackages(['-tn'], { TSNETSTAT_SOURCE: 'netlink' }))).toBe(true);
    // …and the bundle names it only in the lazily run module that `import('koffi')` becomes
    // (scripts/build.mjs: a plain require inside a wrapper executed at the first import).
    const cli = readFileSync(join(root, 'dist/cli.cjs'), 'utf8');
    expect(cli).not.toMatch(/from\s*["']koffi["']/);
    const requires = cli.match(/.{0,12}require\(\s*["']koffi["']\s*\)/g) ?? [];
    expect(requires.length).toBeGreaterThan(0);
    for (const r of requires) expect(r).toMatch(/\.exports\s*=\s*require\(/);
  });
});

describe.runIf(process.platform === 'win32')('on a real Windows machine', () => {
  async function withListener<T>(fn: (port: number) => Promise<T>): Promise<T> {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      return await fn((server.address() as AddressInfo).port);
    } finally {
      server.close();
    }
  }

  it('the IP Helper API lists this process’s listener with its PID and image name', async () => {
    await withListener(async (port) => {
      const probe = await createWindowsProbe({ run: createCommandRunner(process.env) });
      expect(probe.name).toBe('windows-iphlpapi');
      const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: false, owners: true, ownerNames: true });
      const mine = snap.records.find((r) => r.localPort === port && r.state === 'LISTEN');
      expect(mine).toMatchObject({ localAddress: '127.0.0.1', remoteAddress: '0.0.0.0', remotePort: 0, owners: [{ pid: process.pid, name: 'node.exe' }] });
      const stats = await probe.statistics?.();
      expect(stats?.statistics.tcp?.['PassiveOpens']).toBeGreaterThanOrEqual(0);
      expect((await probe.interfaces?.())?.records.length).toBeGreaterThan(0);
      expect((await probe.routes?.({ inet4: true, inet6: true }))?.records.length).toBeGreaterThan(0);
    });
  });

  it('the netstat.exe fallback finds the same listener, whatever the display language', async () => {
    await withListener(async (port) => {
      const probe = createNetstatProbe({ run: createCommandRunner(process.env), reason: 'test' });
      const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: false, owners: true, ownerNames: false });
      expect(snap.records.find((r) => r.localPort === port && r.state === 'LISTEN')?.owners).toEqual([{ pid: process.pid, name: '' }]);
    });
  });
});
