/**
 * The npm package as a user gets it: `npm pack` holds only bin, dist, man, README, LICENSE (and
 * package.json); the tarball installs into a temporary global prefix (`npm install -g --prefix`,
 * dependencies from the npm cache or registry) and the installed `tsnetstat` runs from there,
 * with its man page under the prefix's share/man.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const enabled = process.platform === 'linux' && process.env['TSNETSTAT_SKIP_NPM_PACK'] !== '1';

describe.skipIf(!enabled)('npm pack and a global install of the tarball', () => {
  let dir = '';
  let files: string[] = [];
  let tarball = '';
  let install = { code: -1, stderr: '', stdout: '' };
  const prefix = (): string => join(dir, 'prefix');

  // Asynchronous runs (npm takes a while; a blocked test worker cannot answer vitest).
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsn-15-pack-'));
    // dist/ and man/ are built by pretest; --ignore-scripts: no second build.
    const packed = await run(npm, ['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', dir], { timeoutMs: 120_000 });
    if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info?.files.map((f) => f.path) ?? [];
    tarball = join(dir, info?.filename ?? '');
    install = await run(npm, ['install', '-g', '--prefix', prefix(), tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      timeoutMs: 170_000,
    });
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds only what a user needs', () => {
    const top = new Set(files.map((f) => f.split('/')[0]));
    expect([...top].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'man', 'package.json']);
    for (const f of ['bin/tsnetstat.js', 'dist/cli.cjs', 'man/tsnetstat.1', 'LICENSE', 'README.md']) expect(files).toContain(f);
    expect(files.filter((f) => /\.test\.|^src\/|^fixtures\/|^release\//.test(f))).toEqual([]);
  });

  it('installs into a global prefix and runs tsnetstat -ano and --help from there', () => {
    expect(install.code, install.stderr).toBe(0);
    const bin = join(prefix(), 'bin', 'tsnetstat');
    expect(existsSync(bin)).toBe(true);
    const env = { ...process.env, PATH: `${join(prefix(), 'bin')}:${process.env['PATH'] ?? ''}`, TSNETSTAT_STYLE: '' };
    const ano = spawnSync('tsnetstat', ['-ano'], { encoding: 'utf8', env, cwd: dir });
    expect(ano.status, ano.stderr).toBe(0);
    expect(ano.stdout).toMatch(/^Active Internet connections/);
    const help = spawnSync('tsnetstat', ['--help'], { encoding: 'utf8', env, cwd: dir });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsnetstat \[options\] \[interval\]/);
    expect(existsSync(join(prefix(), 'share', 'man', 'man1', 'tsnetstat.1'))).toBe(true);
  });
});
