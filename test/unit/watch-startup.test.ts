/**
 * Cold start of a plain listing does not pay for watch mode: chalk, cli-table3 (and the FFI) are
 * loaded only by the paths that use them. Needs `dist/` (npm test builds it first).
 */
import { describe, expect, it } from 'vitest';
import { BUILT, CAN_UNSHARE, loadedPackages } from '../helpers/bundle.js';

describe.skipIf(!BUILT)('what a command loads', () => {
  it('a plain listing loads neither chalk nor cli-table3 nor systeminformation', () => {
    const loaded = loadedPackages(['-tln']);
    for (const p of ['chalk', 'cli-table3', 'systeminformation']) expect(loaded.has(p), p).toBe(false);
  });
  it.skipIf(!CAN_UNSHARE)('a plain listing of a small table does not load koffi either (FFI only for large tables)', () => {
    const loaded = [...loadedPackages(['-an'], {}, true)];
    expect(loaded.filter((p) => p === 'koffi' || p.startsWith('@koromix/koffi-'))).toEqual([]);
  });
  it('colour loads chalk, the summary loads cli-table3 (the check sees them when they load)', () => {
    expect(loadedPackages(['--color', 'always', '-tln']).has('chalk')).toBe(true);
    expect(loadedPackages(['--summary']).has('cli-table3')).toBe(true);
  });
});
