// Build:
// - dist/cli.cjs: the command, ONE CommonJS file. Node 20 starts a CommonJS entry ~10 ms faster than
//   an ES module, and every extra module file costs ~1 ms: one file keeps cold start small. Code
//   reached only through import() (views, --parse, watch modes, the Windows and macOS probes) stays
//   in the file as lazy initialisers that never run on the plain path; koffi, chalk, cli-table3 and
//   systeminformation stay external and are import()-ed from node_modules only where used.
// - dist/netlink-worker.cjs, dist/owners-worker.cjs: worker-thread entries.
// - dist/index.js: the library (ESM) and dist/types: its declarations (also a strict type check).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Native, ESM-only or large optional modules are loaded at run time, never inlined.
  external: ['koffi', 'systeminformation', 'chalk', 'cli-table3'],
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli/run.ts', 'netlink-worker': 'src/probe/netlink-worker.ts', 'owners-worker': 'src/probe/owners-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { __TSNETSTAT_VERSION__: JSON.stringify(version), 'import.meta.url': '__tsnMetaUrl' },
  banner: { js: 'const __tsnMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
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

// Type declarations for library users (also a strict type check of src/).
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  stdio: 'inherit',
});
