import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { RunError } from '../../src/model/errors.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { DARWIN_COMMANDS, createDarwinProbe, mergeLsofOwners, type InterfaceMeta } from '../../src/probe/darwin.js';
import { createHostProbe } from '../../src/probe/index.js';
import type { CommandRunner } from '../../src/probe/io.js';
import type { ConnectionRequest } from '../../src/probe/types.js';

const replay = (name: string): string => readFileSync(new URL(`../../fixtures/macos/replay/${name}`, import.meta.url), 'utf8');

/** Recorded outputs of a modern macOS (process:pid layout); argv → file under fixtures/macos/replay. */
const MODERN: Record<string, string> = {
  'netstat -anvW -p tcp': 'netstat-anvW-p-tcp.txt',
  'netstat -anvW -p udp': 'netstat-anvW-p-udp.txt',
  'netstat -an -f unix': 'netstat-an-f-unix.txt',
  'netstat -rn': 'netstat-rn.txt',
  'netstat -ibn': 'netstat-ibn.txt',
  'netstat -s': 'netstat-s.txt',
};

/** A fake runner: the exact argv must have a recording; every call is logged. */
function replayRunner(files: Record<string, string>, inline: Record<string, string> = {}): { run: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  const run: CommandRunner = async (file, args) => {
    const key = [file, ...args].join(' ');
    calls.push(key);
    if (inline[key] !== undefined) return { stdout: inline[key] as string, stderr: '', code: 0 };
    const f = files[key];
    if (f === undefined) return { stdout: '', stderr: `${file}: no recording for ${key}`, code: 127 };
    return { stdout: replay(f), stderr: '', code: 0 };
  };
  return { run, calls };
}

const ALL: ConnectionRequest = { transports: ['tcp', 'udp', 'unix'], inet4: true, inet6: true, owners: true, ownerNames: true };

describe('macOS probe, replaying recorded netstat output', () => {
  it('sockets: tcp, udp and unix from exact command lines; names from the process:pid column; no lsof needed', async () => {
    const { run, calls } = replayRunner(MODERN);
    const snap = await createDarwinProbe({ run }).connections(ALL);
    expect(calls).toEqual(['netstat -anvW -p tcp', 'netstat -anvW -p udp', 'netstat -an -f unix']);
    expect(snap.records).toHaveLength(4 + 2 + 429);
    expect(snap.records[2]).toMatchObject({ proto: 'tcp', localPort: 55910, remotePort: 4242, owners: [{ pid: 56664, name: 'Codex (Service)' }] });
    expect(snap.records[4]).toMatchObject({ proto: 'udp', localPort: 5353, owners: [{ pid: 21865, name: 'adb' }] });
    expect(snap.records.filter((r) => r.proto === 'unix' && r.path === '/var/run/mDNSResponder').length).toBeGreaterThan(10);
    expect(snap.warnings).toEqual([]);
  });

  it('owners netstat gives for free are kept; lsof is not run unless owners are asked for', async () => {
    const { run, calls } = replayRunner({ 'netstat -anvW -p tcp': 'legacy-netstat-anvW-p-tcp.txt' });
    const snap = await createDarwinProbe({ run }).connections({ ...ALL, transports: ['tcp'], owners: false, ownerNames: false });
    expect(snap.records[0]?.owners).toEqual([{ pid: 12345, name: '' }]);
    expect(calls).toEqual(['netstat -anvW -p tcp']);
  });

  it('families are filtered: -4 drops tcp46', async () => {
    const { run } = replayRunner(MODERN);
    const snap = await createDarwinProbe({ run }).connections({ ...ALL, transports: ['tcp'], inet6: false });
    expect(snap.records.map((r) => r.proto)).toEqual(['tcp', 'tcp', 'tcp']);
  });

  it('older macOS (`pid epid`): names come from lsof -F, run with an argument array', async () => {
    // The lsof reply is written in lsof's field format for the two sockets of the legacy captures.
    const lsofReply = 'p12345\ncnode\ntIPv4\nPTCP\nn*:3000\np321\ncmDNSResponder\ntIPv4\nPUDP\nn*:5353\n';
    const { run, calls } = replayRunner(
      { 'netstat -anvW -p tcp': 'legacy-netstat-anvW-p-tcp.txt', 'netstat -anvW -p udp': 'legacy-netstat-anvW-p-udp.txt' },
      { [DARWIN_COMMANDS.lsof.join(' ')]: lsofReply },
    );
    const snap = await createDarwinProbe({ run }).connections({ ...ALL, transports: ['tcp', 'udp'] });
    expect(calls).toEqual(['netstat -anvW -p tcp', 'netstat -anvW -p udp', 'lsof -nP -iTCP -iUDP -F pcnPt']);
    expect(snap.records.map((r) => r.owners)).toEqual([[{ pid: 12345, name: 'node' }], [{ pid: 321, name: 'mDNSResponder' }]]);
  });

  it('lsof missing: the pids stay, one warning says why', async () => {
    const { run } = replayRunner({ 'netstat -anvW -p tcp': 'legacy-netstat-anvW-p-tcp.txt' });
    const snap = await createDarwinProbe({ run }).connections({ ...ALL, transports: ['tcp'] });
    expect(snap.records[0]?.owners).toEqual([{ pid: 12345, name: '' }]);
    expect(snap.warnings).toEqual(['lsof is not available: lsof: no recording for lsof -nP -iTCP -iUDP -F pcnPt']);
  });

  it('netstat missing is a one-line error', async () => {
    const { run } = replayRunner({});
    await expect(createDarwinProbe({ run }).connections(ALL)).rejects.toThrow(RunError);
  });

  it('routes (netstat -rn), both families, filtered on request', async () => {
    const { run } = replayRunner(MODERN);
    const probe = createDarwinProbe({ run });
    const all = await probe.routes?.({ inet4: true, inet6: true });
    expect(all?.records).toHaveLength(60);
    expect(all?.records[0]).toEqual({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '10.175.9.195', interface: 'utun2', metric: 0, flags: 'UG', nativeFlags: 'UGSc' });
    const v6 = await probe.routes?.({ inet4: false, inet6: true });
    expect(v6?.records.every((r) => r.family === 'inet6')).toBe(true);
    expect(v6?.records.find((r) => r.gateway === 'fe80::6cbe:c5f5:d7fa:e09b%utun0')).toMatchObject({ destination: 'fe80::%utun0', prefixLength: 64 });
  });

  it('interfaces (netstat -ibn) with metadata from systeminformation when it answers', async () => {
    const { run } = replayRunner(MODERN);
    const meta: InterfaceMeta[] = [{ iface: 'en0', mac: '12:b9:24:5c:29:6c', speed: 1000, operstate: 'up' }];
    const snap = await createDarwinProbe({ run, interfaceMetadata: async () => meta }).interfaces?.();
    const en0 = snap?.records.find((i) => i.name === 'en0');
    expect(en0).toMatchObject({ index: 14, mtu: 1500, rxBytes: 75656778687, txBytes: 79224021508, speed: 1_000_000_000, flags: ['UP', 'RUNNING'] });
    const failing = await createDarwinProbe({ run, interfaceMetadata: () => Promise.reject(new Error('no')) }).interfaces?.();
    expect(failing?.records).toHaveLength(4);
    expect(failing?.records.find((i) => i.name === 'en0')?.speed).toBeUndefined();
  });

  it('statistics (netstat -s)', async () => {
    const { run } = replayRunner(MODERN);
    const s = await createDarwinProbe({ run }).statistics?.();
    expect(s?.statistics.tcp).toMatchObject({ OutSegs: 6878757, InSegs: 7402898, ActiveOpens: 472655 });
  });

  it('tsnetstat -s on macOS prints netstat -s in its own words (every BSD counter), -p keeps one section', async () => {
    const { run } = replayRunner(MODERN);
    const run1 = async (argv: string[]): Promise<string> => {
      let out = '';
      await main({
        argv,
        env: {},
        platform: 'darwin',
        stdout: { isTTY: false, write: async (c) => ((out += c), true) },
        stderr: { write: () => {} },
        createProbe: async () => createDarwinProbe({ run }),
        createResolver: () => ({ resolve: async () => ({ hosts: new Map(), services: new Map(), users: new Map(), hostname: 'mac' }) }),
        sleep: async () => false,
        interrupted: () => false,
      });
      return out;
    };
    const native = replay('netstat-s.txt');
    expect(await run1(['-s'])).toBe(native);
    expect(native.split('\n').length).toBeGreaterThan(60);
    expect(await run1(['-s', '-p', 'tcp'])).toBe(native);
    expect(await run1(['-s', '-p', 'udp'])).toBe('');
    // Other styles render the MIB-II counters read from it.
    expect(await run1(['-s', '--style', 'linux'])).toContain('6878757 segments sent out');
  });

  it('the host probe picks the macOS backend on darwin', async () => {
    const { run, calls } = replayRunner(MODERN);
    const probe = await createHostProbe({ platform: 'darwin', littleEndian: true, euid: 501, run });
    expect(probe.name).toBe('darwin-netstat');
    await probe.connections({ ...ALL, transports: ['udp'] });
    expect(calls).toEqual(['netstat -anvW -p udp']);
  });

  it('tsnetstat on macOS defaults to the macOS style', async () => {
    const { run } = replayRunner(MODERN);
    let out = '';
    const code = await main({
      argv: ['-anv', '-p', 'tcp'],
      env: {},
      platform: 'darwin',
      stdout: { isTTY: false, write: async (c) => ((out += c), true) },
      stderr: { write: () => {} },
      createProbe: async () => createDarwinProbe({ run }),
      createResolver: () => ({ resolve: async () => ({ hosts: new Map(), services: new Map(), users: new Map(), hostname: 'mac' }) }),
      sleep: async () => false,
      interrupted: () => false,
    });
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Active Internet connections (including servers)');
    expect(lines[4]).toContain('Codex (Service):56664');
  });
});

describe('mergeLsofOwners', () => {
  const rec = (over: Partial<SocketRecord>): SocketRecord => ({
    proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 80, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [], ...over,
  });
  it('fills names for known pids and owners for sockets without any', () => {
    const records = [rec({ owners: [{ pid: 7, name: '' }] }), rec({ localPort: 81 })];
    const lsof = [rec({ localPort: 9, owners: [{ pid: 7, name: 'httpd' }] }), rec({ localPort: 81, owners: [{ pid: 8, name: 'nginx' }, { pid: 9, name: 'nginx' }] })];
    expect(mergeLsofOwners(records, lsof)).toBe(2);
    expect(records.map((r) => r.owners)).toEqual([[{ pid: 7, name: 'httpd' }], [{ pid: 8, name: 'nginx' }, { pid: 9, name: 'nginx' }]]);
  });
});
