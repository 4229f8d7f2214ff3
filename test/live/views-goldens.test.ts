/**
 * Live: the golden files the unit tests compare with (`fixtures/expected/linux/`) are what this
 * machine's net-tools netstat prints for the fixtures: they are regenerated into a temporary
 * directory with `scripts/netstat-goldens.sh` (root, a private mount namespace) and compared.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const canRun =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('netstat', ['--version'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('unshare', ['-m', 'true'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!canRun)('goldens = real netstat over the fixtures', () => {
  const out = mkdtempSync(join(tmpdir(), `tsnetstat-goldens-${process.pid}-`));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  it('regenerated goldens equal the committed ones', () => {
    const r = spawnSync('scripts/netstat-goldens.sh', [out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const sets = readdirSync('fixtures/expected/linux').sort();
    expect(readdirSync(out).sort()).toEqual(sets);
    for (const set of sets)
      for (const f of readdirSync(`fixtures/expected/linux/${set}`))
        expect(readFileSync(join(out, set, f), 'latin1'), `${set}/${f}`).toBe(readFileSync(`fixtures/expected/linux/${set}/${f}`, 'latin1'));
  });
});
