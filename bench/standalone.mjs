#!/usr/bin/env node
// Cold start of the standalone executable (release/, `npm run package`) beside the npm build
// (`node bin/tsnetstat.js`), with 0 and with 2,000 TCP sockets (bench/load.mjs: 20 listeners and 990 loopback connections, both ends
// counted, as bench/run.mjs counts sockets), all inside one
// private network namespace (root: `ip netns`; elsewhere the host's, which is not empty).
// Commands alternate within each round; medians are printed as a markdown table, with the sizes
// of the executables, and written to bench/standalone-results.md.
//
//   npm run bench:standalone                     # 15 rounds
//   npm run bench:standalone -- --runs 5 --sockets 2000
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = opt('runs', 15);
const sockets = opt('sockets', 2000);
const LISTENERS = 20;
/** Both ends of each connection count as TCP sockets, and the listeners too. */
const connections = Math.max(0, Math.floor((sockets - LISTENERS) / 2));
const exe = join(root, 'release/tsnetstat-linux-x64');
const winExe = join(root, 'release/tsnetstat-win-x64.exe');
if (!existsSync(exe)) throw new Error('release/tsnetstat-linux-x64 is missing: npm run package first');

const ns = process.getuid?.() === 0 ? `tsn-15-bench-${process.pid}` : null;
if (ns) {
  execFileSync('ip', ['netns', 'add', ns]);
  execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
}
const inNs = (cmd) => (ns ? ['ip', 'netns', 'exec', ns, ...cmd] : cmd);
const devnull = openSync('/dev/null', 'w');

/** Wall time of one run in ms (the `ip netns exec` wrapper costs all commands alike). */
function once1(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', devnull, 'ignore'] });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const commands = [
  { label: '`node bin/tsnetstat.js -tan`', cmd: [process.execPath, join(root, 'bin/tsnetstat.js'), '-tan'] },
  { label: '`release/tsnetstat-linux-x64 -tan`', cmd: [exe, '-tan'] },
  { label: '`node bin/tsnetstat.js -tanp`', cmd: [process.execPath, join(root, 'bin/tsnetstat.js'), '-tanp'] },
  { label: '`release/tsnetstat-linux-x64 -tanp`', cmd: [exe, '-tanp'] },
];

/** Median ms per command over `runs` alternating rounds (one warm-up run each, not counted). */
function round() {
  const times = commands.map(() => []);
  for (const c of commands) once1(inNs(c.cmd));
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => times[k].push(once1(inNs(c.cmd))));
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

let load;
try {
  const empty = round();
  const loadCmd = inNs([process.execPath, join(root, 'bench/load.mjs'), '--connections', String(connections), '--listeners', String(LISTENERS), '--udp', '0', '--unix', '0']);
  load = spawn(loadCmd[0], loadCmd.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  await once(load.stdout, 'data');
  const loaded = round();
  const mb = (f) => (existsSync(f) ? `${(statSync(f).size / 1e6).toFixed(1)} MB` : 'not built');
  const lines = [
    `Cold start, median of ${runs} runs (ms), ${ns ? 'in a private network namespace' : 'in the host namespace'}; ${cpus().length} CPUs, Node ${process.version}.`,
    '',
    `| command | 0 sockets | ${sockets} TCP sockets |`,
    '|---|---:|---:|',
    ...commands.map((c, k) => `| ${c.label} | ${empty[k].toFixed(0)} | ${loaded[k].toFixed(0)} |`),
    '',
    `Sizes: release/tsnetstat-linux-x64 ${mb(exe)}, release/tsnetstat-win-x64.exe ${mb(winExe)}.`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  writeFileSync(join(root, 'bench/standalone-results.md'), lines.join('\n'));
} finally {
  if (load) {
    load.stdin.end();
    load.kill('SIGTERM');
    await once(load, 'exit').catch(() => {});
  }
  if (ns) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}
