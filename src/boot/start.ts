/**
 * The npm command's first file (`bin/tsnetstat.js` → `dist/start.cjs`): loads the CLI bundle
 * (`dist/cli.cjs`) with V8's code cache (`dist/cli.cache`, written at build time by a warm-up run),
 * so the start does not parse and compile the bundle again: ~5 ms less (measured in a private
 * netns at 2,000 sockets, ratio to netstat in the same rounds: 6.01× → 5.78×). Node 22
 * has this built in (`module.enableCompileCache`); Node 20 needs it done by hand.
 *
 * The cache is used only when it was made from this very bundle (its size and modification time are
 * recorded next to it: V8 itself checks only the source length) and V8 accepts it (same V8 version
 * and flags); otherwise, or on any error, the bundle is loaded with a plain `require`. The bundle
 * has no dynamic `import()` of its own (scripts/build.mjs turns them into `require`), which Node 20
 * would refuse in code compiled this way.
 *
 * `TSNETSTAT_WRITE_CODE_CACHE=1` (the build's warm-up run): write the cache at exit, with the
 * functions this run compiled.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const PARAMS = '(function (exports, require, module, __filename, __dirname) {';

/** What a cache was made from: the bundle's size and modification time. */
function stamp(file: string): string {
  const st = statSync(file);
  return `${st.size}:${st.mtimeMs}`;
}

/** How the bundle was loaded: with the cache, without one, with one V8 refused, or writing one. */
export type CacheUse = 'used' | 'none' | 'rejected' | 'writing' | 'failed';

/** Load `cli.cjs` from `dir` (with the code cache when it is this bundle's): its exports, and how. */
export function loadCli(dir: string, env: Readonly<Record<string, string | undefined>>): { cli: { run: () => Promise<void> }; cache: CacheUse } {
  const file = join(dir, 'cli.cjs');
  const cacheFile = join(dir, 'cli.cache');
  const write = env['TSNETSTAT_WRITE_CODE_CACHE'] === '1';
  try {
    let cachedData: Buffer | undefined;
    if (!write) {
      try {
        if (readFileSync(`${cacheFile}.stamp`, 'utf8') === stamp(file)) cachedData = readFileSync(cacheFile);
      } catch {
        cachedData = undefined; // no cache: compile as usual
      }
    }
    const script = new Script(`${PARAMS}${readFileSync(file, 'utf8')}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
    const mod = { exports: {} as { run: () => Promise<void> } };
    (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, dir);
    if (write) {
      process.on('exit', () => {
        // The cache carries a hash of V8's flags: write it under the defaults (the run turns
        // the optimising compiler off and on), as a later start compiles under them.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--opt');
        writeFileSync(cacheFile, script.createCachedData());
        writeFileSync(`${cacheFile}.stamp`, stamp(file));
      });
    }
    return { cli: mod.exports, cache: write ? 'writing' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
  } catch {
    return { cli: createRequire(file)(file) as { run: () => Promise<void> }, cache: 'failed' };
  }
}

/** Start the CLI (the `bin` entry). */
export function run(): Promise<void> {
  return loadCli(dirname(__filename), process.env).cli.run();
}
