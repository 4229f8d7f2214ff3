/**
 * Live: `tsnetstat --diagnose --json` inside a private network namespace this test creates
 * (`tsn-16-<pid>`), first quiet (no findings, exit 0), then with each condition made for real by
 * its own process (`diagnose-scenario.mjs`): a server holding 20 sockets in CLOSE_WAIT, a
 * listener with backlog 1 that never accepts while 30 clients connect, a listener on
 * 0.0.0.0:6379, and a veth pair with an address whose peer's small MTU makes it drop datagrams;
 * then the same with an interval (rates between snapshots), and half-open connections (SYN_RECV).
 * Every finding must name the right process and counts. The namespace and processes go at the end.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tsnetstat.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./diagnose-scenario.mjs', import.meta.url));
const NS = `tsn-16-${process.pid}`;
const canRun = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('ip', ['-V'], { stdio: 'ignore' }).status === 0;

interface Finding {
  id: string;
  severity: string;
  subject: string;
  summary: string;
  evidence: {
    counts?: Record<string, number>;
    processes?: { pid: number; name: string }[];
    counters?: Record<string, number>;
    remotes?: { address: string; port: number; count: number }[];
    intervalSeconds?: number;
    rates?: Record<string, number>;
    target?: string;
    settings?: Record<string, number>;
  };
  action: string;
}
interface Report {
  diagnosis: { warnings: number; infos: number; checked: string[]; ephemeralPorts: { low: number; high: number; source: string } };
  findings: Finding[];
}

const children: ChildProcess[] = [];

/** Start one role of the scenario in the namespace; resolves with its ready line. */
function role(...args: string[]): Promise<{ pid: number; [k: string]: number }> {
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, SCENARIO, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not get ready`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(buf.slice(0, nl)) as { pid: number });
      }
    });
  });
}

function diagnose(...extra: string[]): { report: Report; code: number; stderr: string } {
  const r = spawnSync('ip', ['netns', 'exec', NS, process.execPath, BIN, '--diagnose', '--json', ...extra], { encoding: 'utf8', timeout: 30_000 });
  return { report: JSON.parse(r.stdout) as Report, code: r.status ?? -1, stderr: r.stderr };
}

const ip = (...args: string[]): string => execFileSync('ip', ['-n', NS, ...args], { encoding: 'utf8' });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!canRun)(`--diagnose in network namespace ${NS}`, () => {
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ip('link', 'set', 'lo', 'up');
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await sleep(100);
    spawnSync('ip', ['netns', 'del', NS]);
  });

  it('finds nothing in a quiet namespace (exit 0)', () => {
    const { report, code } = diagnose();
    expect(report.findings).toEqual([]);
    expect(report.diagnosis.warnings).toBe(0);
    expect(report.diagnosis.checked).toContain('interface-errors');
    // The namespace's own port range, read from /proc/sys.
    const range = execFileSync('ip', ['netns', 'exec', NS, 'cat', '/proc/sys/net/ipv4/ip_local_port_range'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    expect(report.diagnosis.ephemeralPorts).toEqual({ low: range[0], high: range[1], source: '/proc/sys/net/ipv4/ip_local_port_range' });
    expect(code).toBe(0);
  });

  it('reports each condition with the right process and counts (exit 1)', async () => {
    // CLOSE_WAIT: the server never closes what 20 clients closed.
    const server = await role('closewait-server', '0');
    await role('closers', String(server['port']), '20');
    // Overflow: backlog 1, never accepting, 30 clients.
    const stuck = await role('stuck-listener', '0');
    await role('connectors', String(stuck['port']), '30');
    // A cache on every interface.
    const redis = await role('redis');
    // Interface counters: datagrams bigger than the peer's MTU are dropped by the veth pair.
    ip('link', 'add', 'tsn16a', 'type', 'veth', 'peer', 'name', 'tsn16b');
    ip('link', 'set', 'tsn16b', 'mtu', '1280');
    ip('link', 'set', 'tsn16a', 'up');
    ip('link', 'set', 'tsn16b', 'up');
    ip('addr', 'add', '10.16.0.1/24', 'dev', 'tsn16a');
    const mac = execFileSync('ip', ['netns', 'exec', NS, 'cat', '/sys/class/net/tsn16b/address'], { encoding: 'utf8' }).trim();
    ip('neigh', 'add', '10.16.0.2', 'lladdr', mac, 'dev', 'tsn16a');
    await role('udp-blast', '10.16.0.2', '150', '1400');
    await sleep(1500);

    const { report, code, stderr } = diagnose();
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const of = (id: string): Finding[] => report.findings.filter((f) => f.id === id);

    const cw = of('close-wait-pileup');
    expect(cw).toHaveLength(1);
    expect(cw[0]?.evidence.processes).toEqual([{ pid: server.pid, name: 'node' }]);
    expect(cw[0]?.evidence.counts?.['CLOSE_WAIT']).toBe(20);
    // Accepted connections: the peers are grouped by host (their ports are ephemeral).
    expect(cw[0]?.evidence.remotes).toEqual([{ address: '127.0.0.1', port: null, count: 20 }]);

    const lo = of('listen-overflow');
    expect(lo).toHaveLength(1);
    expect(lo[0]?.severity).toBe('warning');
    expect(lo[0]?.subject).toBe(`tcp 127.0.0.1:${stuck['port']}`);
    expect(lo[0]?.evidence.processes).toEqual([{ pid: stuck.pid, name: 'node' }]);
    expect(lo[0]?.evidence.counts?.['backlog']).toBe(1);
    expect(lo[0]?.evidence.counts?.['queued']).toBeGreaterThanOrEqual(1);
    // The counters moved: the namespace's own ListenOverflows started at 0.
    expect(lo[0]?.evidence.counters?.['ListenOverflows']).toBeGreaterThan(0);
    expect(lo[0]?.evidence.counters?.['ListenDrops']).toBeGreaterThan(0);
    expect(lo[0]?.evidence.settings?.['tcp_syncookies']).toBeTypeOf('number');

    const ex = of('exposed-service');
    expect(ex).toHaveLength(1);
    expect(ex[0]?.subject).toBe('tcp 0.0.0.0:6379');
    expect(ex[0]?.evidence.processes).toEqual([{ pid: redis.pid, name: 'node' }]);
    expect(ex[0]?.summary).toContain('Redis');

    const ie = of('interface-errors');
    expect(ie.map((f) => f.subject).sort()).toEqual(['tsn16a transmit', 'tsn16b receive']);
    expect(ie.find((f) => f.subject === 'tsn16a transmit')?.evidence.counters?.['txDropped']).toBe(150);
    expect(ie.find((f) => f.subject === 'tsn16b receive')?.evidence.counters?.['rxDropped']).toBe(150);

    // Nothing else was created: no other warnings.
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.id).sort()).toEqual(
      ['close-wait-pileup', 'exposed-service', 'interface-errors', 'interface-errors', 'listen-overflow'],
    );
    expect(report.diagnosis.warnings).toBe(5);
  });

  it('prints the same findings as a text report', () => {
    const r = spawnSync('ip', ['netns', 'exec', NS, process.execPath, BIN, '--diagnose'], { encoding: 'utf8', timeout: 30_000 });
    if (process.env['TSN_SHOW']) console.log(r.stdout);
    expect(r.status).toBe(1);
    const heads = r.stdout.split('\n').filter((l) => /^(WARNING|NOTE) /.test(l)).map((l) => l.split(':')[0]);
    expect(heads).toEqual([
      'WARNING exposed-service',
      'WARNING close-wait-pileup',
      'WARNING listen-overflow',
      'WARNING interface-errors',
      'WARNING interface-errors',
    ]);
    expect(r.stdout).toMatch(/^5 warnings, 0 notes \(checked: /m);
  });

  it('with an interval, interface drops are rates between snapshots, raised then cleared (NDJSON per tick)', async () => {
    const child = spawn('ip', ['netns', 'exec', NS, process.execPath, BIN, '--diagnose', '--changes', '--json', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    type Tick = Report & { changes: { raised: { id: string; subject: string }[]; cleared: { id: string; subject: string }[] } };
    const ticks: Tick[] = [];
    let buf = '';
    let wake: () => void = () => {};
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        ticks.push(JSON.parse(buf.slice(0, nl)) as Tick);
        buf = buf.slice(nl + 1);
        wake();
      }
    });
    const until = async (ok: () => boolean): Promise<void> => {
      for (let i = 0; i < 30 && !ok(); i++) await new Promise<void>((r) => ((wake = r), setTimeout(r, 1000)));
      expect(ok()).toBe(true);
    };
    const dropped = (t: Tick): number => t.findings.filter((f) => f.subject === 'tsn16a transmit').reduce((n, f) => n + (f.evidence.counters?.['txDropped'] ?? 0), 0);
    await until(() => ticks.length >= 1);
    // The first snapshot is the baseline: the drops since the namespace was made are not a rate.
    expect(ticks[0]?.findings.filter((f) => f.id === 'interface-errors')).toEqual([]);
    await role('udp-blast', '10.16.0.2', '150', '1400');
    await until(() => ticks.slice(1).reduce((n, t) => n + dropped(t), 0) === 150);
    const raisedAt = ticks.findIndex((t) => t.changes.raised.some((r) => r.subject === 'tsn16a transmit'));
    expect(raisedAt).toBeGreaterThan(0);
    expect(ticks[raisedAt]?.findings.find((f) => f.subject === 'tsn16a transmit')?.evidence).toMatchObject({ intervalSeconds: expect.any(Number), rates: { lostPerSecond: expect.any(Number) } });
    // No more datagrams: the finding clears on a later tick.
    await until(() => ticks.some((t, i) => i > raisedAt && t.changes.cleared.some((c) => c.subject === 'tsn16a transmit')));
    child.kill('SIGINT');
  });

  it('syn-recv: 30 handshakes left half-open on one listener (TCP_DEFER_ACCEPT, clients that send nothing)', async () => {
    const deferring = await role('deferring-listener', '0');
    await role('connectors', String(deferring['port']), '30');
    await sleep(500);
    const { report, code } = diagnose();
    expect(code).toBe(1);
    const f = report.findings.filter((x) => x.id === 'syn-recv');
    expect(f.map((x) => x.subject)).toEqual([`tcp 127.0.0.1:${deferring['port']}`]);
    expect(f[0]?.evidence.counts).toEqual({ SYN_RECV: 30 });
    expect(f[0]?.evidence.processes).toEqual([{ pid: deferring.pid, name: 'node' }]);
    expect(f[0]?.evidence.settings?.['tcp_syncookies']).toBeTypeOf('number');
  });

  it('a threshold above the pile-up silences it', () => {
    const { report } = diagnose('--close-wait-threshold', '21');
    expect(report.findings.filter((f) => f.id === 'close-wait-pileup')).toEqual([]);
  });
});
