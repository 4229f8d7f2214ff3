// Build: one ESM bundle for the CLI (fast cold start), one for the library, and .d.ts types.
// Heavy or platform-specific modules stay behind dynamic import() and become separate chunks.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts', 'netlink-worker': 'src/probe/netlink-worker.ts', 'owners-worker': 'src/probe/owners-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native or large optional modules are resolved at run time, never inlined.
  external: ['koffi', 'systeminformation'],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // CommonJS dependencies (commander, cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __tsnCreateRequire } from 'node:module'; const require = __tsnCreateRequire(import.meta.url);" },
  define: { __TSNETSTAT_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
});

// Type declarations for library users (also a strict type check of src/).
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  stdio: 'inherit',
});
