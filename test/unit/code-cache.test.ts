/**
 * The npm entry loads the CLI bundle with V8's code cache written at build time (src/boot/start.ts),
 * and only a cache made from that very bundle: a stale one is ignored, one V8 refuses is dropped,
 * and the bundle loads either way.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bundle.js';

const DIST = join(ROOT, 'dist');
const BUILT = existsSync(join(DIST, 'start.cjs')) && existsSync(join(DIST, 'cli.cjs'));

/** How a fresh Node process loads the bundle from `dir`, and whether its `run` is there. */
function load(dir: string): { cache: string; run: string } {
  const code = `const r = require(${JSON.stringify(join(DIST, 'start.cjs'))}).loadCli(${JSON.stringify(dir)}, {}); console.log(JSON.stringify({ cache: r.cache, run: typeof r.cli.run }));`;
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { cache: string; run: string };
}

describe.skipIf(!BUILT)('the code cache of the CLI bundle', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tsnetstat-cache-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the build wrote one for dist/cli.cjs, and a fresh process uses it', () => {
    expect(existsSync(join(DIST, 'cli.cache'))).toBe(true);
    expect(load(DIST)).toEqual({ cache: 'used', run: 'function' });
  });

  it('a cache not made from this bundle (size or time differ) is not even read', () => {
    copyFileSync(join(DIST, 'cli.cjs'), join(tmp, 'cli.cjs'));
    copyFileSync(join(DIST, 'cli.cache'), join(tmp, 'cli.cache'));
    writeFileSync(join(tmp, 'cli.cache.stamp'), readFileSync(join(DIST, 'cli.cache.stamp')));
    expect(load(tmp)).toEqual({ cache: 'none', run: 'function' });
  });

  it('a cache V8 refuses (here: garbage under the right stamp) is dropped and the bundle still loads', () => {
    copyFileSync(join(DIST, 'cli.cjs'), join(tmp, 'cli.cjs'));
    writeFileSync(join(tmp, 'cli.cache'), Buffer.alloc(4096, 7));
    const st = statSync(join(tmp, 'cli.cjs'));
    writeFileSync(join(tmp, 'cli.cache.stamp'), `${st.size}:${st.mtimeMs}`);
    expect(load(tmp)).toEqual({ cache: 'rejected', run: 'function' });
  });
});
