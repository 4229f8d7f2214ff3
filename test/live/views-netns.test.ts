/**
 * Live: `tsnetstat --style linux` against net-tools `netstat` inside a network namespace this test
 * creates (unique name, two veth pairs, IPv4/IPv6 addresses, gateway, host, reject and blackhole
 * routes, IPv4/IPv6 multicast joins). Both tools run in the namespace (`ip netns exec`), so they see
 * the same state. Counters can move between two runs: each comparison is retried (bounded) until
 * netstat prints the same text before and after tsnetstat, and then must match byte for byte.
 * The namespace is deleted afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tsnetstat.js', import.meta.url));
const NS = `tsnv${process.pid}`;
const ENV = { ...process.env, LC_ALL: 'C', LANG: 'C' };

function have(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}
const canRun = process.platform === 'linux' && process.getuid?.() === 0 && have('ip', ['-V']) && have('netstat', ['--version']);

function ip(...args: string[]): void {
  execFileSync('ip', ['-n', NS, ...args], { stdio: 'pipe' });
}

function inNs(cmd: string[]): string {
  const r = spawnSync('ip', ['netns', 'exec', NS, ...cmd], { env: ENV, encoding: 'latin1', timeout: 30_000 });
  return `${r.stdout}${r.status === 0 ? '' : `\n[exit ${r.status}] ${r.stderr}`}`;
}
const netstat = (args: string[]): string => inNs(['netstat', ...args]);
const tsnetstat = (args: string[]): string => inNs([process.execPath, BIN, '--style', 'linux', ...args]);

/** Compare once the state is still: netstat, tsnetstat, netstat; equal netstat runs → exact match. */
function compare(args: string[]): void {
  let last: [string, string, string] = ['', '', ''];
  for (let attempt = 0; attempt < 8; attempt++) {
    last = [netstat(args), tsnetstat(args), netstat(args)];
    if (last[0] === last[2]) {
      expect(last[1]).toBe(last[0]);
      return;
    }
  }
  // Never still (busy counters): the same lines with numbers masked.
  const mask = (s: string): string => s.replace(/\d+/g, 'N');
  expect(mask(last[1])).toBe(mask(last[2]));
}

describe.skipIf(!canRun)(`views in network namespace ${NS} vs net-tools netstat`, () => {
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ip('link', 'set', 'lo', 'up');
    ip('link', 'add', 't2', 'type', 'veth', 'peer', 'name', 't10');
    ip('link', 'add', 'tdown', 'type', 'veth', 'peer', 'name', 'tdown1');
    for (const dev of ['t2', 't10']) ip('link', 'set', dev, 'up');
    ip('addr', 'add', '198.51.100.1/24', 'dev', 't2');
    ip('addr', 'add', '198.51.100.2/24', 'dev', 't10');
    ip('-6', 'addr', 'add', '2001:db8:1::1/64', 'dev', 't2', 'nodad');
    ip('route', 'add', 'unreachable', 'default');
    ip('route', 'add', 'blackhole', '10.98.0.0/16');
    ip('route', 'add', '203.0.113.0/24', 'via', '198.51.100.254', 'metric', '7');
    ip('route', 'add', '192.0.2.77/32', 'via', '198.51.100.254', 'dev', 't2');
    ip('-6', 'route', 'add', '2001:db8:2::/48', 'via', '2001:db8:1::fe');
    ip('-6', 'route', 'add', 'unreachable', '2001:db8:dead::/48');
    ip('-6', 'route', 'add', 'default', 'via', '2001:db8:1::ff', 'metric', '5');
    // Multicast joins (the kernel joins the group for an autojoin address).
    ip('addr', 'add', '239.1.2.3/32', 'dev', 't2', 'autojoin');
    ip('-6', 'addr', 'add', 'ff15::1234/128', 'dev', 't2', 'autojoin');
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS], { stdio: 'ignore' });
  });

  const sets: string[][] = [
    ['-r'],
    ['-rn'],
    ['-re'],
    ['-rnee'],
    ['-rn', '-A', 'inet6'],
    ['-rn', '-6'],
    ['-r', '-6'],
    ['-i'],
    ['-ia'],
    ['-s'],
    ['-st'],
    ['-su'],
    ['-sw'],
    ['-s', '-6'],
    ['-g'],
    ['-gn'],
  ];
  for (const args of sets) it(`netstat ${args.join(' ')}`, () => compare(args));

  it('the namespace really has what the comparisons rely on', () => {
    const routes = netstat(['-rn']);
    expect(routes).toMatch(/^0\.0\.0\.0 +- +0\.0\.0\.0 +! /m);
    expect(routes).toMatch(/^192\.0\.2\.77 +198\.51\.100\.254 +255\.255\.255\.255 UGH/m);
    expect(netstat(['-gn'])).toContain('239.1.2.3');
    expect(netstat(['-gn'])).toContain('ff15::1234');
    expect(netstat(['-ia'])).toContain('tdown');
    expect(netstat(['-i'])).not.toContain('tdown');
  });
  it('--json in the namespace: the routes netstat shows', () => {
    const doc = JSON.parse(tsnetstat(['-rn', '--json'])) as { version: number; routes: { destination: string; flags: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.routes.map((r) => r.destination)).toEqual(expect.arrayContaining(['0.0.0.0', '10.98.0.0', '192.0.2.77', '198.51.100.0', '203.0.113.0']));
  });
});
