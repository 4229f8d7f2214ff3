/**
 * Live differential test (Linux): our own sockets in a private network namespace, listed by
 * tsnetstat and by the real `ss` and net-tools `netstat`, must agree.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyText, liveCapable, parseSsInet, parseSsUnix, run, startLive, tsnetstat, type LiveEnv, type SockKey } from './helpers.js';

const capable = liveCapable();
if (!capable && process.platform === 'linux' && process.env['CI']) throw new Error('live tests need ip, ss and netstat (install iproute2 and net-tools)');

interface JsonRec {
  proto: string;
  family: string;
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string | null;
  remotePort: number | null;
  state: string | null;
  owners: { pid: number; name: string }[];
  inode?: number;
  path?: string;
  type?: string;
}

function ourKeys(recs: JsonRec[]): { inet: SockKey[]; unix: SockKey[] } {
  const inet: SockKey[] = [];
  const unix: SockKey[] = [];
  for (const r of recs) {
    const pids = r.owners.map((o) => String(o.pid)).sort().join(',');
    if (r.proto === 'unix') {
      const state = r.state === null ? '-' : r.state;
      unix.push({ proto: `unix/${r.type}`, local: `${r.path ?? ''} ${r.inode}`, remote: '', state, pids });
    } else if (r.proto.startsWith('tcp') || r.proto.startsWith('udp')) {
      inet.push({
        proto: r.proto,
        local: `${r.localAddress} ${r.localPort}`,
        remote: `${r.remoteAddress} ${r.remotePort}`,
        state: r.state === null ? '-' : r.state === 'CLOSE' ? '-' : r.state,
        pids,
      });
    }
  }
  return { inet, unix };
}

describe.skipIf(!capable)('live: tsnetstat vs ss and netstat on the same sockets', () => {
  let env: LiveEnv;
  let pids: Set<string>;
  let ports: Set<string>;
  beforeAll(async () => {
    env = await startLive();
    pids = new Set([String(env.fixture.pid), String(env.fixture.sharerPid)]);
    ports = new Set([...env.fixture.tcp, ...env.fixture.udp].map(String));
  });
  afterAll(async () => {
    await env?.close();
  });

  /** Our sockets: in a private namespace that is everything; on the host, only the fixture's ports/pids. */
  const mine = (k: SockKey): boolean => {
    if (env.netns) return true;
    if (k.proto.startsWith('unix')) return k.pids.split(',').some((p) => pids.has(p));
    const lp = k.local.split(' ')[1] ?? '';
    const rp = k.remote.split(' ')[1] ?? '';
    return ports.has(lp) || ports.has(rp);
  };

  it('--json finds exactly the sockets ss -tuanp / ss -xanp finds (proto, addresses, ports, state, every owner pid)', async () => {
    const [ours, ssInet, ssUnix] = await Promise.all([
      tsnetstat(['-a', '-p', '--json'], env.netns),
      run('ss', ['-Htuanp'], { netns: env.netns }),
      run('ss', ['-Hxanp'], { netns: env.netns }),
    ]);
    expect(ours.code).toBe(0);
    const doc = JSON.parse(ours.stdout) as { version: number; connections: JsonRec[] };
    expect(doc.version).toBe(1);
    const o = ourKeys(doc.connections);
    const inetOurs = o.inet.filter(mine).map(keyText).sort();
    const inetSs = parseSsInet(ssInet.stdout).filter(mine).map(keyText).sort();
    expect(inetOurs).toEqual(inetSs);
    // The fixture's own sockets really are there (the comparison is not vacuous).
    expect(inetOurs.length).toBeGreaterThanOrEqual(env.fixture.tcp.length + env.fixture.udp.length);
    expect(inetOurs.some((k) => k.includes('TIME_WAIT []'))).toBe(true);
    // The shared listener lists both processes, as ss does.
    const shared = inetOurs.find((k) => k.startsWith(`tcp 127.0.0.1 ${env.fixture.shared} `));
    expect(shared).toContain([env.fixture.pid, env.fixture.sharerPid].map(String).sort().join(','));
    const unixOurs = o.unix.filter(mine).map(keyText).sort();
    const unixSs = parseSsUnix(ssUnix.stdout).filter(mine).map(keyText).sort();
    expect(unixOurs).toEqual(unixSs);
    expect(unixOurs.some((k) => k.includes(env.fixture.unix[0] as string))).toBe(true);
    expect(unixOurs.some((k) => k.includes(env.fixture.unix[1] as string))).toBe(true);
  });

  /** Port → name as glibc sees it, so -ta lines can be matched without our own service table. */
  const serviceNames = (): string[] => {
    const names: string[] = [];
    for (const p of ports) {
      for (const proto of ['tcp', 'udp']) {
        try {
          const out = execFileSync('getent', ['services', `${p}/${proto}`], { encoding: 'utf8' });
          const n = out.split(/\s+/)[0];
          if (n) names.push(n);
        } catch {
          /* no name */
        }
      }
    }
    return names;
  };

  const flagSets = ['-tan', '-tuan', '-tuln', '-tulpn', '-tanp', '-tanW', '-tane', '-an', '-ta'];
  for (const flags of flagSets) {
    it(`Linux style ${flags} is byte-identical to net-tools netstat ${flags}`, async () => {
      const [ours, theirs] = await Promise.all([
        tsnetstat(['--style', 'linux', flags], env.netns),
        run('netstat', [flags], { netns: env.netns, env: { LC_ALL: 'C', LANG: 'C' } }),
      ]);
      expect(ours.code).toBe(0);
      expect(theirs.code).toBe(0);
      const a = ours.stdout.split('\n');
      const b = theirs.stdout.split('\n');
      let pick: (l: string) => boolean;
      if (env.netns) pick = () => true;
      else {
        const tokens = [...ports, ...serviceNames()];
        const inodes = new Set<string>();
        pick = (l) => /^(Active|Proto)/.test(l) || tokens.some((t) => new RegExp(`:${t}\\b`).test(l)) || [...inodes].some((i) => l.includes(` ${i} `));
      }
      const ourLines = a.filter(pick);
      const theirLines = b.filter(pick);
      expect(ourLines).toEqual(theirLines);
      expect(ourLines.length).toBeGreaterThan(3);
      // Headers are part of the comparison.
      expect(ourLines[0]).toMatch(/^Active Internet connections/);
    });
  }

  // Both netlink dumpers: recvmmsg() on the thread pool (the default) and the worker thread (the fallback).
  for (const [flags, thread] of [...['-tan', '-tuan', '-tulpn', '-tanW', '-tane'].map((f) => [f, 'async']), ['-tuan', 'worker'], ['-tulpn', 'worker']]) {
    it(`via netlink sock_diag (the large-table source, ${thread} dumper) ${flags} is byte-identical to net-tools netstat too`, async () => {
      if (!env.netns) return; // the comparison needs a namespace holding only the fixture's sockets
      const [ours, theirs] = await Promise.all([
        tsnetstat(['--style', 'linux', flags as string], env.netns, { TSNETSTAT_SOURCE: 'netlink', TSNETSTAT_NETLINK: thread as string }),
        run('netstat', [flags as string], { netns: env.netns, env: { LC_ALL: 'C', LANG: 'C' } }),
      ]);
      expect(ours.code).toBe(0);
      expect(ours.stderr).toBe('');
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.stdout.split('\n').length).toBeGreaterThan(8);
    });
  }

  it('netlink and /proc give the same JSON records, owners included', async () => {
    if (!env.netns) return;
    const [viaNetlink, viaProc] = await Promise.all([
      tsnetstat(['-tuap', '--json'], env.netns, { TSNETSTAT_SOURCE: 'netlink' }),
      tsnetstat(['-tuap', '--json'], env.netns, { TSNETSTAT_SOURCE: 'proc' }),
    ]);
    const strip = (t: string): unknown[] =>
      (JSON.parse(t) as { connections: Record<string, unknown>[] }).connections.map(({ dualStack: _d, localScope: _s, ...r }) => r);
    expect(strip(viaNetlink.stdout)).toEqual(strip(viaProc.stdout));
    expect(strip(viaNetlink.stdout).length).toBeGreaterThan(10);
  });

  it('-W keeps the long IPv6 address whole, and without -W it is cut like net-tools', async () => {
    if (!env.longV6) return; // only in a private namespace
    const [wide, narrow] = await Promise.all([tsnetstat(['--style', 'linux', '-tanW'], env.netns), tsnetstat(['--style', 'linux', '-tan'], env.netns)]);
    expect(wide.stdout).toContain(`${env.longV6}:`);
    expect(narrow.stdout).not.toContain(`${env.longV6}:`);
    expect(narrow.stdout).toContain(env.longV6.slice(0, 15));
  });

  it('-ano shows the fixture process PID (Linux style, and Windows style)', async () => {
    const [linux, windows] = await Promise.all([
      tsnetstat(['--style', 'linux', '-ano'], env.netns),
      tsnetstat(['--style', 'windows', '-ano'], env.netns),
    ]);
    expect(linux.code).toBe(0);
    expect(linux.stdout).toMatch(new RegExp(`:${env.fixture.tcp[0]} .* ${env.fixture.pid}/node`));
    expect(windows.code).toBe(0);
    expect(windows.stdout).toMatch(new RegExp(`TCP +127\\.0\\.0\\.1:${env.fixture.tcp[0]} +0\\.0\\.0\\.0:0 +LISTENING +\\d+\\r?\\n`));
    expect(windows.stdout).toContain(` ${env.fixture.pid}\n`);
  });

  it('--csv carries the same records with a header row', async () => {
    const [csv, json] = await Promise.all([tsnetstat(['-tan', '--csv'], env.netns), tsnetstat(['-tan', '--json'], env.netns)]);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('proto,family,localAddress,localPort,remoteAddress,remotePort,state,recvQ,sendQ,pids,processes,uid,user,inode,path');
    const doc = JSON.parse(json.stdout) as { connections: JsonRec[] };
    const fromCsv = rows.slice(1).map((r) => r.split(',').slice(0, 7).join(' ')).filter((r) => !env.netns || true);
    const fromJson = doc.connections.map((r) => [r.proto, r.family, r.localAddress, r.localPort, r.remoteAddress, r.remotePort, r.state ?? ''].join(' '));
    if (env.netns) expect(fromCsv.sort()).toEqual(fromJson.sort());
    else expect(fromCsv.length).toBeGreaterThan(0);
  });
});
