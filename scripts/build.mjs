// Build:
// - dist/cli.cjs: the command as CommonJS (Node 20 starts a CommonJS entry ~10 ms faster than an
//   ES module), holding only what a socket listing needs; every module file and every kilobyte to
//   parse costs start-up time.
// - dist/lazy/*.cjs: the parts loaded on demand by import(): the table views (and each style's
//   view renderers), --parse, the watch modes, the Windows and macOS probes, the Linux views' readers. Each bundles its own copy of
//   shared code (errors are recognised by shape across them: model/errors.ts isUserError).
// - dist/netlink-worker.cjs, dist/owners-worker.cjs: worker-thread entries.
// - dist/start.cjs (bin/tsnetstat.js runs it): loads dist/cli.cjs with V8's code cache, dist/cli.cache,
//   written by a warm-up run at the end of the build.
// - dist/index.js: the library (ESM) and dist/types: its declarations (also a strict type check).
// koffi, chalk, cli-table3 and systeminformation stay external, loaded from node_modules where used
// (koffi with require(): koffiByRequire below).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // TSNETSTAT_BUILD_DEBUG=1: readable bundles (function names in CPU profiles).
  minify: !process.env['TSNETSTAT_BUILD_DEBUG'],
  external: ['koffi', 'systeminformation', 'chalk', 'cli-table3'],
  legalComments: 'none',
  logLevel: 'warning',
};

/** Source module → its on-demand bundle under dist/lazy/. */
const LAZY = {
  'src/cli/views.ts': 'views',
  'src/cli/capture.ts': 'capture',
  'src/cli/modes.ts': 'modes',
  'src/cli/fleet.ts': 'fleet',
  'src/cli/exporter.ts': 'exporter',
  'src/probe/windows.ts': 'windows',
  'src/probe/darwin.ts': 'darwin',
  'src/probe/linux-views.ts': 'linux-views',
  'src/cli/completion.ts': 'completion',
  'src/probe/linux-host-facts.ts': 'linux-host-facts',
  'src/probe/netns-connections.ts': 'netns',
  // Each style's table views (`Style.views()`): not in the start-up bundle.
  'src/render/linux/views.ts': 'linux-style-views',
  'src/render/windows/views.ts': 'windows-style-views',
  'src/render/macos/views.ts': 'macos-style-views',
  // chalk is an ES module: only a file loaded by require() may import() it (see src/boot/start.ts).
  'src/render/chalk-paint.ts': 'chalk-paint',
};

/** Dynamic imports of the LAZY modules become imports of their separate files. */
const lazyFiles = (fromLazyDir) => ({
  name: 'lazy-files',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const src = relative(process.cwd(), resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')));
      const name = LAZY[src];
      if (!name) return undefined;
      return { path: fromLazyDir ? `./${name}.cjs` : `./lazy/${name}.cjs`, external: true };
    });
  },
});

/**
 * `import('koffi')` becomes a plain require() in the CommonJS bundles: koffi ships a CommonJS
 * entry, and Node's ES module loader costs ~13 ms more to get to it (measured: 13 vs 26 ms).
 */
const koffiByRequire = {
  name: 'koffi-by-require',
  setup(b) {
    b.onResolve({ filter: /^koffi$/ }, (args) => (args.namespace === 'koffi-cjs' ? { path: 'koffi', external: true } : { path: 'koffi', namespace: 'koffi-cjs' }));
    b.onLoad({ filter: /.*/, namespace: 'koffi-cjs' }, () => ({ contents: 'module.exports = require("koffi");', loader: 'js' }));
  },
};

const cjs = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { __TSNETSTAT_VERSION__: JSON.stringify(version), 'import.meta.url': '__tsnMetaUrl' },
  banner: { js: 'const __tsnMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

await build({
  ...cjs,
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: 'dist',
  plugins: [lazyFiles(false), koffiByRequire],
  // No import() left in the start-up bundle: each becomes a require() (the lazy files, koffi and
  // Node's modules are CommonJS), so src/boot/start.ts may compile it with V8's code cache.
  supported: { 'dynamic-import': false },
});

await build({
  ...cjs,
  entryPoints: { 'netlink-worker': 'src/probe/netlink-worker.ts', 'owners-worker': 'src/probe/owners-worker.ts', 'netns-worker': 'src/probe/netns-worker.ts' },
  outdir: 'dist',
  plugins: [lazyFiles(false), koffiByRequire],
});

// The entry of bin/tsnetstat.js: loads dist/cli.cjs with the code cache written below.
await build({ ...cjs, entryPoints: { start: 'src/boot/start.ts' }, outdir: 'dist' });

await build({
  ...cjs,
  entryPoints: Object.fromEntries(Object.entries(LAZY).map(([src, name]) => [name, src])),
  outdir: 'dist/lazy',
  plugins: [lazyFiles(true), koffiByRequire],
});

await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  format: 'esm',
  define: { __TSNETSTAT_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __tsnCreateRequire } from 'node:module'; const require = __tsnCreateRequire(import.meta.url);" },
});

// V8's code cache for dist/cli.cjs (src/boot/start.ts): one warm-up listing compiles the functions
// a listing runs, and the cache keeps them. Best effort: without it the command compiles as before.
{
  const { spawnSync } = await import('node:child_process');
  const warm = spawnSync(process.execPath, ['bin/tsnetstat.js', '-an', '--style', 'linux'], {
    env: { ...process.env, TSNETSTAT_WRITE_CODE_CACHE: '1' },
    stdio: 'ignore',
    timeout: 60_000,
  });
  if (warm.status !== 0) console.warn(`build: no code cache (warm-up run ${warm.error?.message ?? `exit ${warm.status}`})`);
}

// man/tsnetstat.1 from the options table and the README.
await import('./man.mjs');

// Type declarations for library users (also a strict type check of src/).
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  stdio: 'inherit',
});
