/**
 * The files a standalone executable carries as SEA assets and needs on disk: koffi (its
 * JavaScript and the native addon of this platform) and the two worker-thread scripts. Node can
 * load a native addon or start a worker only from a file, so they are extracted, on first use,
 * to a per-version directory of the user's cache (`~/.cache/tsnetstat/standalone-0.1.0-<hash>`,
 * `%LOCALAPPDATA%\tsnetstat\Cache\…`, `~/Library/Caches/tsnetstat/…`).
 *
 * Every file is checked against the SHA-256 recorded at build time each time the directory is
 * used (so a truncated or altered file is rewritten, never loaded), and written to a temporary
 * name then renamed into place: two runs extracting at once each rename a complete file of the
 * same content. The manifest asset (`manifest.json`) lists the files:
 * `{"version":"0.1.0","hash":"3f2a…","files":[{"path":"node_modules/koffi/index.cjs","sha256":"…"}]}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One extracted file: its path under the extraction directory (also its asset key). */
export interface AssetFile {
  path: string;
  sha256: string;
}

/** What the build recorded about the carried files. */
export interface AssetManifest {
  version: string;
  /** Hash over every file's path and hash: names the extraction directory. */
  hash: string;
  files: AssetFile[];
}

/** Where the process runs: enough to pick the user cache directory. */
export interface CacheHost {
  platform: string;
  env: Record<string, string | undefined>;
  home: string;
  tmp: string;
  pid: number;
}

/** Reads one asset of the executable (node:sea getAsset). */
export type AssetReader = (key: string) => ArrayBuffer;

/** The user cache directory for tsnetstat on this OS (XDG on Linux, LOCALAPPDATA on Windows). */
export function userCacheDir(host: CacheHost): string {
  if (host.platform === 'win32') {
    const base = host.env['LOCALAPPDATA'] ?? join(host.home, 'AppData', 'Local');
    return join(base, 'tsnetstat', 'Cache');
  }
  if (host.platform === 'darwin') return join(host.home, 'Library', 'Caches', 'tsnetstat');
  const xdg = host.env['XDG_CACHE_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(host.home, '.cache'), 'tsnetstat');
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashMatches(file: string, expected: string): boolean {
  try {
    return sha256(readFileSync(file)) === expected;
  } catch {
    return false;
  }
}

/** Write `data` to `file` through a temporary name and a rename (atomic for concurrent runs). */
function writeAtomic(file: string, data: Uint8Array, pid: number, expected: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, data, { mode: 0o755 });
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    // Windows refuses to replace a DLL another run has loaded: fine when that one is right.
    if (!hashMatches(file, expected)) throw e;
  }
}

/** Extract the manifest's files into `dir` (each checked by hash; rewritten when wrong or absent). */
export function extractTo(dir: string, manifest: AssetManifest, read: AssetReader, pid: number): string {
  for (const f of manifest.files) {
    const target = join(dir, ...f.path.split('/'));
    if (existsSync(target) && hashMatches(target, f.sha256)) continue;
    const data = new Uint8Array(read(f.path));
    if (sha256(data) !== f.sha256) throw new Error(`the executable's copy of ${f.path} is damaged`);
    writeAtomic(target, data, pid, f.sha256);
  }
  return dir;
}

/**
 * Extract the carried files once per run and return their directory: the user cache directory,
 * or the temporary directory when that one cannot be written.
 */
export function createExtractor(host: CacheHost, read: AssetReader): () => string {
  let done: string | undefined;
  return () => {
    if (done) return done;
    const manifest = JSON.parse(new TextDecoder().decode(read('manifest.json'))) as AssetManifest;
    const name = `standalone-${manifest.version}-${manifest.hash.slice(0, 16)}`;
    const roots = [userCacheDir(host), join(host.tmp, `tsnetstat-${host.env['USER'] ?? host.env['USERNAME'] ?? 'user'}`)];
    let last: unknown;
    for (const root of roots) {
      try {
        done = extractTo(join(root, name), manifest, read, host.pid);
        return done;
      } catch (e) {
        last = e;
      }
    }
    throw last instanceof Error ? last : new Error(String(last));
  };
}
