/**
 * Live (issue 14): sockets of every network namespace, and owners' units and containers.
 * Three namespaces are made: one named with `ip netns add` (a fixture process inside), one held
 * by an unshared child process (`unshare -n`), and one named namespace no process is in (a helper
 * opens its sockets there with setns and goes back to ours: read through the setns worker). Each
 * gets a listener on 0.0.0.0, a connection to it and a UDP socket. Then two fixtures are moved
 * into cgroups named like a systemd service and like a Docker scope. Needs root, ip, unshare and
 * net-tools netstat; everything made is removed afterwards.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tsnetstat } from './helpers.js';

const have = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const canRun =
  process.platform === 'linux' && process.getuid?.() === 0 && have('ip', ['-V']) && have('unshare', ['--version']) && have('netstat', ['--version']);

const NS_A = `tsn-14-a-${process.pid}`;
const NS_C = `tsn-14-c-${process.pid}`;
const FIXTURE = join(ROOT, 'test/live/netns-fixture.mjs');

interface Started {
  child: ChildProcess;
  pid: number;
  port: number;
  client: number;
}

/** Start a fixture and wait for its description line. */
function start(file: string, args: string[]): Promise<Started> {
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'inherit'], cwd: ROOT });
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`fixture ${args.join(' ')} did not start`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, ...(JSON.parse(buf.slice(0, nl)) as { pid: number; port: number; client: number }) });
      }
    });
    child.on('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
  });
}

async function stop(f: Started | undefined): Promise<void> {
  if (!f) return;
  f.child.stdin?.end();
  await new Promise((r) => {
    const t = setTimeout(() => {
      f.child.kill('SIGKILL');
      r(null);
    }, 3000);
    f.child.once('exit', () => {
      clearTimeout(t);
      r(null);
    });
  });
}

interface JsonRecord {
  proto: string;
  localAddress: string;
  localPort: number;
  remotePort: number;
  state: string | null;
  owners: { pid: number; name: string; unit?: string; container?: { runtime: string; id: string } }[];
  netns?: { inode: number; name?: string };
}

async function listing(args: string[]): Promise<JsonRecord[]> {
  const r = await tsnetstat([...args, '--json'], null);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { connections: JsonRecord[] }).connections;
}

const netnsInode = (pid: number): number => Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))?.[1]);

describe.skipIf(!canRun)('every network namespace (-N, --netns)', () => {
  let a: Started | undefined;
  let b: Started | undefined;
  let c: Started | undefined;
  beforeAll(async () => {
    for (const ns of [NS_A, NS_C]) {
      execFileSync('ip', ['netns', 'add', ns]);
      execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    a = await start('ip', ['netns', 'exec', NS_A, process.execPath, FIXTURE, '41401']);
    b = await start('unshare', ['-n', '--', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${FIXTURE}" 41402`]);
    c = await start(process.execPath, [FIXTURE, '41403', '--enter', `/run/netns/${NS_C}`]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stop(a), stop(b), stop(c)]);
    for (const ns of [NS_A, NS_C]) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  });

  /** The listener, the connection's two ends and the UDP socket of a fixture, in `records`. */
  function expectFixture(records: JsonRecord[], f: Started, netns: { inode: number; name?: string }): void {
    const mine = records.filter((r) => r.netns?.inode === netns.inode && (r.localPort === f.port || r.localPort === f.client));
    const listener = mine.find((r) => r.proto === 'tcp' && r.state === 'LISTEN');
    expect(listener).toMatchObject({ localAddress: '0.0.0.0', localPort: f.port, netns });
    expect(listener?.owners.map((o) => o.pid)).toEqual([f.pid]);
    const ends = mine.filter((r) => r.state === 'ESTABLISHED');
    expect(ends.map((r) => `${r.localPort}>${r.remotePort}`).sort()).toEqual([`${f.client}>${f.port}`, `${f.port}>${f.client}`].sort());
    for (const e of ends) expect(e.owners.map((o) => o.pid)).toEqual([f.pid]);
    expect(mine.find((r) => r.proto === 'udp')).toMatchObject({ localAddress: '127.0.0.1', localPort: f.port });
  }

  it('-N --json lists each namespace with its inode, name, addresses and owners (one fd walk)', async () => {
    const records = await listing(['-N', '-anp']);
    const inodeC = Number(execFileSync('stat', ['-L', '-c', '%i', `/run/netns/${NS_C}`], { encoding: 'utf8' }).trim());
    expectFixture(records, a as Started, { inode: netnsInode((a as Started).pid), name: NS_A });
    expectFixture(records, b as Started, { inode: netnsInode((b as Started).pid) });
    // No process is in NS_C: its tables come from the setns worker; the owner is the helper in our namespace.
    expect(netnsInode((c as Started).pid)).not.toBe(inodeC);
    expectFixture(records, c as Started, { inode: inodeC, name: NS_C });
    // Our own namespace is there too, and the fixtures' sockets are in no other namespace.
    const own = netnsInode(process.pid);
    expect(records.some((r) => r.netns?.inode === own)).toBe(true);
    for (const f of [a, b, c] as Started[]) expect(records.filter((r) => r.localPort === f.port && r.state === 'LISTEN')).toHaveLength(1);
  });

  it('--netns NAME and --netns PID list one namespace', async () => {
    const byName = await listing(['--netns', NS_A, '-an']);
    expect(new Set(byName.map((r) => r.netns?.name))).toEqual(new Set([NS_A]));
    expect(byName.some((r) => r.localPort === 41401 && r.state === 'LISTEN')).toBe(true);
    const byPid = await listing(['--netns', String((b as Started).pid), '-an']);
    expect(new Set(byPid.map((r) => r.netns?.inode))).toEqual(new Set([netnsInode((b as Started).pid)]));
    expect(byPid.some((r) => r.localPort === 41402 && r.state === 'LISTEN')).toBe(true);
    const bad = await tsnetstat(['--netns', 'tsn-14-no-such-namespace'], null);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('text: a Netns column only with -N', async () => {
    const r = await tsnetstat(['-N', '-tln', '--style', 'linux'], null);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^Netns\s+Proto Recv-Q Send-Q Local Address/);
    expect(lines.some((l) => l.startsWith(`${NS_A} tcp        0      0 0.0.0.0:41401`))).toBe(true);
    const plain = await tsnetstat(['-tln', '--style', 'linux'], null);
    expect(plain.stdout).not.toContain('Netns');
  });

  it('--exposed says a wildcard listener is reachable only through its namespace', async () => {
    const r = await tsnetstat(['-N', '--exposed', '-n', '--port', '41401'], null);
    expect(r.stdout).toContain(`all IPv4 interfaces of network namespace ${NS_A}`);
    const s = await tsnetstat(['-N', '--summary', '--json', '--port', '41401,41402,41403'], null);
    expect((JSON.parse(s.stdout) as { summary: { byState: Record<string, number> } }).summary.byState['LISTEN']).toBe(3);
  });

  it('plain tsnetstat -an still equals net-tools netstat -an, byte for byte (inside the named namespace)', () => {
    const inNs = (cmd: string[]): string =>
      spawnSync('ip', ['netns', 'exec', NS_A, ...cmd], { env: { ...process.env, LC_ALL: 'C', TSNETSTAT_STYLE: '' }, encoding: 'latin1' }).stdout;
    for (let attempt = 0; attempt < 8; attempt++) {
      const [n1, t, n2] = [inNs(['netstat', '-an']), inNs([process.execPath, BIN, '--style', 'linux', '-an']), inNs(['netstat', '-an'])];
      if (n1 === n2) {
        expect(t).toBe(n1);
        return;
      }
    }
    throw new Error('netstat -an never printed the same text twice');
  });
});

/** The cgroup root a test may create directories in, and whether it is the systemd one (v1). */
function cgroupBase(): string | null {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return '/sys/fs/cgroup';
  for (const d of ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified', '/sys/fs/cgroup/pids']) if (existsSync(join(d, 'cgroup.procs'))) return d;
  return null;
}

describe.skipIf(!canRun || cgroupBase() === null)('owners in cgroups named like a systemd service and a Docker scope', () => {
  const base = cgroupBase() as string;
  const id = randomBytes(32).toString('hex');
  const unitDir = join(base, 'tsn14.slice', 'tsn-14-web.service');
  const scopeDir = join(base, 'tsn14.slice', `docker-${id}.scope`);
  const NS = `tsn-14-g-${process.pid}`;
  let web: Started | undefined;
  let box: Started | undefined;
  beforeAll(async () => {
    execFileSync('ip', ['netns', 'add', NS]);
    execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
    web = await start('ip', ['netns', 'exec', NS, process.execPath, FIXTURE, '41411']);
    box = await start('ip', ['netns', 'exec', NS, process.execPath, FIXTURE, '41412']);
    for (const [dir, f] of [
      [unitDir, web],
      [scopeDir, box],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'cgroup.procs'), String(f.pid));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stop(web), stop(box)]);
    for (const dir of [unitDir, scopeDir, join(base, 'tsn14.slice')]) {
      for (let i = 0; i < 20 && existsSync(dir); i++) {
        try {
          rmdirSync(dir);
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    spawnSync('ip', ['netns', 'del', NS], { stdio: 'ignore' });
  });

  it('JSON owners carry the unit and the container; --unit and --container filter by them', async () => {
    const records = await listing(['--netns', NS, '-tlnp']);
    const owner = (port: number) => records.find((r) => r.localPort === port && r.state === 'LISTEN')?.owners[0];
    expect(owner(41411)).toMatchObject({ pid: (web as Started).pid, unit: 'tsn-14-web.service' });
    expect(owner(41411)?.container).toBeUndefined();
    expect(owner(41412)).toMatchObject({ pid: (box as Started).pid, unit: `docker-${id}.scope`, container: { runtime: 'docker', id } });
    const byUnit = await listing(['--netns', NS, '-tln', '--unit', 'tsn-14-web']);
    expect(byUnit.map((r) => r.localPort)).toEqual([41411]);
    const byContainer = await listing(['--netns', NS, '-tln', '--container', id.slice(0, 12)]);
    expect(byContainer.map((r) => r.localPort)).toEqual([41412]);
  });

  it('the Linux style keeps PID/Program name; --owner-detail appends [unit] / [container]', async () => {
    const plain = await tsnetstat(['--netns', NS, '-tlnp', '--style', 'linux'], null);
    expect(plain.stdout).toMatch(new RegExp(`0\\.0\\.0\\.0:41411 .*LISTEN      ${(web as Started).pid}/node\\s*$`, 'm'));
    const detail = await tsnetstat(['--netns', NS, '-tlnp', '--style', 'linux', '--owner-detail'], null);
    expect(detail.stdout).toContain(`${(web as Started).pid}/node [tsn-14-web.service]`);
    expect(detail.stdout).toContain(`${(box as Started).pid}/node [docker:${id.slice(0, 12)}]`);
  });
});
