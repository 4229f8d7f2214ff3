/**
 * The Linux standalone executable (`npm run package` → release/tsnetstat-linux-x64) against the
 * npm build (`node bin/tsnetstat.js`): same command lines, byte-identical output. Both run inside
 * one private network namespace holding the socket fixture (helpers.ts startLive), the executable
 * with a PATH that holds no `node` and a fresh cache directory (koffi and the workers are
 * extracted there). Each comparison runs npm build, executable, npm build, and compares once the
 * two npm runs agree (counters can move between runs). Skipped when release/ was not built.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, startLive, type LiveEnv } from './helpers.js';

const EXE = join(ROOT, 'release/tsnetstat-linux-x64');
const enabled = process.platform === 'linux' && process.getuid?.() === 0 && existsSync(EXE);

/** Absolute path of `ip` (the executable's PATH cannot find it). */
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => existsSync(p)) ?? 'ip';

function inNs(netns: string | null, file: string, args: string[], env: Record<string, string | undefined>): Promise<string> {
  const [f, a] = netns ? [IP, ['netns', 'exec', netns, file, ...args]] : [file, args];
  return new Promise((resolve) => {
    execFile(f, a, { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000, encoding: 'latin1' }, (err, stdout, stderr) => {
      const code = err ? String((err as { code?: unknown }).code ?? 1) : '0';
      resolve(`${stdout}${stderr ? `\n[stderr] ${stderr}` : ''}${code === '0' ? '' : `\n[exit ${code}]`}`);
    });
  });
}

describe.skipIf(!enabled)('the Linux standalone executable gives the npm build output, byte for byte', () => {
  let live: LiveEnv;
  let emptyPath = '';
  let cache = '';
  const base = { LC_ALL: 'C', LANG: 'C', TSNETSTAT_STYLE: '', HOME: process.env['HOME'] };
  const npmEnv = (): Record<string, string | undefined> => ({ ...base, PATH: process.env['PATH'] });
  const exeEnv = (): Record<string, string | undefined> => ({ ...base, PATH: emptyPath, XDG_CACHE_HOME: cache });
  const npm = (args: string[], extra: Record<string, string> = {}): Promise<string> =>
    inNs(live.netns, process.execPath, [BIN, ...args], { ...npmEnv(), ...extra });
  const exe = (args: string[], extra: Record<string, string> = {}): Promise<string> => inNs(live.netns, EXE, args, { ...exeEnv(), ...extra });

  /** npm build, executable, npm build; once both npm runs agree, the executable must match them. */
  async function same(args: string[], extra: Record<string, string> = {}): Promise<void> {
    let last = ['', '', ''];
    for (let attempt = 0; attempt < 6; attempt++) {
      last = [await npm(args, extra), await exe(args, extra), await npm(args, extra)];
      if (last[0] === last[2]) break;
    }
    expect(last[0], 'the npm build gave the same output twice').toBe(last[2]);
    expect(last[1]).toBe(last[0]);
    expect(last[0]).not.toMatch(/\[exit/);
  }

  beforeAll(async () => {
    live = await startLive('tsn-15');
    emptyPath = mkdtempSync(join(tmpdir(), 'tsn-15-path-'));
    cache = mkdtempSync(join(tmpdir(), 'tsn-15-cache-'));
    if (live.netns) {
      execFileSync(IP, ['-n', live.netns, 'route', 'add', 'default', 'via', '127.0.0.1', 'dev', 'lo']);
      execFileSync(IP, ['-n', live.netns, 'route', 'add', '198.51.100.0/24', 'dev', 'lo']);
    }
  }, 60_000);

  afterAll(async () => {
    await live?.close();
    for (const d of [emptyPath, cache]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('runs without node on its PATH and says it is the standalone build', async () => {
    expect(await inNs(null, '/usr/bin/env', ['node', '--version'], exeEnv())).toMatch(/\[exit 127\]|No such file/);
    expect(await exe(['--version'])).toBe(`tsnetstat ${(await npm(['--version'])).trim().split(' ')[1]} (standalone executable)\n`);
  });

  it.each([['-tan', '-n'], ['-tanp'], ['--json'], ['-rn'], ['-s'], ['-an'], ['-ano', '--style', 'windows']])('%s', async (...args) => {
    await same(args);
  });

  it('--summary -n (the lazily loaded modes, cli-table3 bundled)', async () => {
    await same(['--summary', '-n']);
  }, 60_000);

  it('--parse FILE (a capture; the lazily loaded parser and views)', async () => {
    await same(['--parse', join(ROOT, 'fixtures/linux-tools/debian12-netstat-tuanpeoW.txt'), '--style', 'windows']);
    await same(['--parse', join(ROOT, 'fixtures/windows/win10-netstat-aonb.txt'), '--json']);
    await same(['--parse', join(ROOT, 'fixtures/linux-tools/debian12-netstat-s.txt')]);
  });

  it('netlink through koffi, extracted from the executable into the cache directory (TSNETSTAT_SOURCE=netlink)', async () => {
    // Forced netlink: the dump runs in the extracted netlink worker (koffi loaded there; a failure
    // would be an error, not a fallback), and the owner walk uses the extracted owners worker.
    await same(['-tuan'], { TSNETSTAT_SOURCE: 'netlink' });
    await same(['-tuanp'], { TSNETSTAT_SOURCE: 'netlink' });
    const dirs = readdirSync(join(cache, 'tsnetstat'));
    expect(dirs).toHaveLength(1);
    const dir = join(cache, 'tsnetstat', dirs[0] ?? '');
    for (const f of ['netlink-worker.cjs', 'owners-worker.cjs', 'netns-worker.cjs', 'node_modules/koffi/index.cjs', 'node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node'])
      expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('-N enters a namespace no process is in through the extracted netns worker (koffi setns)', async () => {
    const empty = `tsn-15-empty-${process.pid}`;
    execFileSync(IP, ['netns', 'add', empty]);
    try {
      const out = await inNs(null, EXE, ['-N', '-tan', '-n'], exeEnv());
      expect(out).not.toMatch(new RegExp(`${empty}.*skipped|\\[exit`));
      expect(out).toMatch(/^Active Internet connections/);
    } finally {
      execFileSync(IP, ['netns', 'del', empty]);
    }
  }, 60_000);

  it('bad input: one line and exit 2, no stack trace', async () => {
    expect(await exe(['--bogus'])).toBe(await npm(['--bogus']));
    expect(await exe(['--bogus'])).toMatch(/^\n\[stderr\] tsnetstat: unknown option --bogus\nTry 'tsnetstat --help' for more information.\n\n\[exit 2\]$/);
  });
});
