import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractor, extractTo, userCacheDir, type AssetManifest } from '../../src/sea/assets.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const CONTENT: Record<string, string> = {
  'node_modules/koffi/index.cjs': 'module.exports = 1;\n',
  'netlink-worker.cjs': '// worker\n',
};
const manifest: AssetManifest = {
  version: '0.1.0',
  hash: 'ab'.repeat(32),
  files: Object.entries(CONTENT).map(([path, text]) => ({ path, sha256: sha(text) })),
};
let reads: string[] = [];
const reader = (over: Record<string, string> = {}) => (key: string): ArrayBuffer => {
  reads.push(key);
  const text = key === 'manifest.json' ? JSON.stringify(manifest) : (over[key] ?? CONTENT[key]);
  if (text === undefined) throw new Error(`no asset ${key}`);
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
};

let dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tsn-15-assets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  reads = [];
});

describe('standalone assets', () => {
  it('extracts every file, then reuses files whose hash matches', () => {
    const dir = temp();
    extractTo(dir, manifest, reader(), 1);
    expect(readFileSync(join(dir, 'node_modules/koffi/index.cjs'), 'utf8')).toBe(CONTENT['node_modules/koffi/index.cjs']);
    reads = [];
    extractTo(dir, manifest, reader(), 2);
    expect(reads).toEqual([]);
    // No temporary file is left behind (each file was renamed into place).
    expect(readdirSync(dir).sort()).toEqual(['netlink-worker.cjs', 'node_modules']);
  });

  it('rewrites a file whose content no longer matches its hash', () => {
    const dir = temp();
    extractTo(dir, manifest, reader(), 1);
    writeFileSync(join(dir, 'netlink-worker.cjs'), 'tampered');
    reads = [];
    extractTo(dir, manifest, reader(), 1);
    expect(reads).toEqual(['netlink-worker.cjs']);
    expect(readFileSync(join(dir, 'netlink-worker.cjs'), 'utf8')).toBe('// worker\n');
  });

  it('refuses a damaged asset (hash differs from the build)', () => {
    expect(() => extractTo(temp(), manifest, reader({ 'netlink-worker.cjs': 'other' }), 1)).toThrow(/damaged/);
  });

  it('picks the user cache directory per OS, and a per-version directory in it', () => {
    const host = { env: {}, home: '/home/u', tmp: '/tmp', pid: 1 };
    expect(userCacheDir({ ...host, platform: 'linux' })).toBe('/home/u/.cache/tsnetstat');
    expect(userCacheDir({ ...host, platform: 'linux', env: { XDG_CACHE_HOME: '/xdg' } })).toBe('/xdg/tsnetstat');
    expect(userCacheDir({ ...host, platform: 'darwin' })).toBe('/home/u/Library/Caches/tsnetstat');
    expect(userCacheDir({ ...host, platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' } })).toContain('tsnetstat');
    const xdg = temp();
    const dir = createExtractor({ ...host, platform: 'linux', env: { XDG_CACHE_HOME: xdg } }, reader())();
    expect(dir).toBe(join(xdg, 'tsnetstat', `standalone-0.1.0-${'ab'.repeat(8)}`));
  });
});
