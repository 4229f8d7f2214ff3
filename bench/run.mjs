#!/usr/bin/env node
// The benchmark: tsnetstat against Node's own start (`node -e ''`), net-tools netstat and iproute2
// ss, on the same machine in the same run, at 200, 2,000, 20,000 and 100,000 TCP sockets (both ends
// of each connection count, and the listeners) made by bench/load.mjs on loopback.
// At each size every command alternates with the others (`node -e ''` included) round by round, so
// machine noise hits all of them alike; each tsnetstat row shows its median as "node + N ms".
// Medians, ratios, peak RSS and the issue's targets (met or missed by how much) go to a markdown
// file (bench/results.md; bench/results-netns.md with --netns).
//
//   npm run bench                              # host network namespace, all sizes
//   npm run bench -- --netns                   # load and every command in one private namespace (root)
//   npm run bench -- --netns --sizes 200,2000 --runs 9
//   options: --sizes a,b  --runs N (small sizes)  --large-runs N (20k and up)  --slow-runs N (netstat/ss
//            -tanp at 100k)  --ticks N (memory over N interval ticks at the first size; 0 = skip)
//            --cmds tan,tanp,ano,json,netstat,ss (subset of rows)  --out FILE  --no-cpu (no perf)
//            --keep-env (keep NODE_EXTRA_CA_CERTS for the timed commands)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg } from './args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const bin = join(root, 'bin/tsnetstat.js');
const netns = process.argv.includes('--netns');

// --netns: run this whole script again inside one private network and PID namespace (with its own
// /proc), loopback up: only the generated sockets and processes are there to list.
if (netns && !process.env['TSNETSTAT_BENCH_IN_NETNS']) {
  const r = spawnSync('unshare', ['--net', '--pid', '--fork', '--mount-proc', process.execPath, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TSNETSTAT_BENCH_IN_NETNS: '1' },
  });
  if (r.error || r.status !== 0) process.stderr.write(`bench: unshare failed (${r.error?.message ?? `exit ${r.status}`}); --netns needs root\n`);
  process.exit(r.status ?? 1);
}
if (netns) execFileSync('ip', ['link', 'set', 'lo', 'up']);

const sizes = String(arg('sizes', '200,2000,20000,100000')).split(',').map(Number);
const runs = Number(arg('runs', 15));
const largeRuns = Number(arg('large-runs', 7));
const slowRuns = Number(arg('slow-runs', 3)); // ss -tanp / netstat -tanp at 100k take seconds each
const ticks = Number(arg('ticks', 1000));
const only = new Set(String(arg('cmds', 'tan,tanp,ano,json,netstat,ss')).split(','));
const out = arg('out', join(root, netns ? 'bench/results-netns.md' : 'bench/results.md'));

const has = (tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// Timed commands run without NODE_EXTRA_CA_CERTS (unless --keep-env): where it is set, every Node
// start, `node -e ''` included, first parses that CA bundle (~400 M instructions on the dev machine).
const keepEnv = process.argv.includes('--keep-env');
const timedEnv = { ...process.env };
if (!keepEnv) delete timedEnv['NODE_EXTRA_CA_CERTS'];
const perf =
  !process.argv.includes('--no-cpu') &&
  spawnSync('perf', ['stat', '-x,', '-e', 'task-clock', '--', 'true'], { encoding: 'utf8' }).stderr?.includes('task-clock');
const devnull = openSync('/dev/null', 'w');
const scratch = mkdtempSync(join(tmpdir(), 'tsnetstat-bench-'));

/**
 * Run a command once. Plain: its wall time in ms, the command spawned directly. `wrapped`: its CPU
 * time over all its threads in ms (perf's task-clock, when perf works here: the measure a busy
 * machine disturbs least) and peak RSS in MB (GNU time, when present); the wrappers' own start
 * (~40 ms) stays out of the wall times this way.
 */
function measure(cmd, wrapped = false) {
  const rssFile = join(scratch, 'rss');
  const cpuFile = join(scratch, 'cpu');
  let [file, args] = [cmd[0], cmd.slice(1)];
  if (wrapped && timeBin) [file, args] = [timeBin, ['-f', '%M', '-o', rssFile, file, ...args]];
  if (wrapped && perf) [file, args] = ['perf', ['stat', '-x,', '-e', 'task-clock', '-o', cpuFile, '--', file, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { stdio: ['ignore', devnull, 'ignore'], env: timedEnv });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpu = null;
  if (wrapped && perf) {
    const line = readFileSync(cpuFile, 'utf8').split('\n').find((l) => l.includes('task-clock'));
    cpu = line ? Number(line.split(',')[0]) : null;
  }
  let rss = null;
  if (wrapped && timeBin) {
    try {
      rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    } catch {
      rss = null;
    }
  }
  return { ms, cpu, rss, ok: r.status === 0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/**
 * One unmeasured round (page cache, CPU frequency), then `n` alternating rounds of plain runs
 * (median wall time), then a shorter alternating pass under the wrappers (median CPU time, max
 * RSS): a third as many rounds, at least 3 (1 for the commands limited to a few runs).
 */
function compare(cmds, n) {
  for (const c of cmds) if (c.runs === undefined || c.runs > 0) measure(c.cmd);
  const res = Object.fromEntries(cmds.map((c) => [c.label, { ms: [], cpu: [], rss: [], ok: true }]));
  for (let i = 0; i < n; i++) {
    for (const c of cmds) {
      if (c.runs !== undefined && i >= c.runs) continue;
      const m = measure(c.cmd);
      res[c.label].ms.push(m.ms);
      res[c.label].ok &&= m.ok;
    }
  }
  const wrappedRounds = perf || timeBin ? Math.max(3, Math.ceil(n / 3)) : 0;
  for (let i = 0; i < wrappedRounds; i++) {
    for (const c of cmds) {
      if (c.runs !== undefined && i >= 1) continue;
      const m = measure(c.cmd, true);
      if (m.cpu !== null) res[c.label].cpu.push(m.cpu);
      if (m.rss !== null) res[c.label].rss.push(m.rss);
      res[c.label].ok &&= m.ok;
    }
  }
  return Object.fromEntries(
    Object.entries(res).map(([k, v]) => [k, { ms: median(v.ms), cpu: median(v.cpu), rss: v.rss.length ? Math.max(...v.rss) : null, n: v.ms.length, ok: v.ok }]),
  );
}

/** The load for `size` TCP sockets: listeners + both ends of each connection (+ half-closed pairs at 100k). */
function loadFor(size) {
  const listeners = size <= 200 ? 20 : size <= 2000 ? 100 : size <= 20000 ? 200 : 400;
  const closeWait = size >= 100000 ? 100 : 0;
  const connections = Math.max(0, Math.floor((size - listeners - 2 * closeWait) / 2));
  return { listeners, closeWait, connections, udp: Math.round(size / 100), unix: Math.round(size / 50) };
}

/** TCP sockets the tools see now (ss's own count; `netstat -tan` lists the same). */
function countTcp() {
  const r = spawnSync('ss', ['-tanH'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean).length : NaN;
}

async function withLoad(size, fn) {
  const l = loadFor(size);
  const args = ['--connections', l.connections, '--listeners', l.listeners, '--close-wait', l.closeWait, '--udp', l.udp, '--unix', l.unix];
  const child = spawn(process.execPath, [join(root, 'bench/load.mjs'), ...args.map(String), '--duration', '1800'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('load generator exited early');
    }),
  ]);
  const info = JSON.parse(String(line).split('\n')[0]);
  try {
    return await fn({ ...info, tcp: countTcp() });
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => {});
    // Let the kernel reap the closed connections (TIME_WAIT on loopback) before the next size.
    await waitForCalm(size);
  }
}

/** Wait (up to 60 s) until fewer than 1% of `size` TCP sockets are left over from the last load. */
async function waitForCalm(size) {
  const base = netns ? 0 : baseline;
  for (let i = 0; i < 120 && countTcp() > base + Math.max(50, size / 100); i++) await new Promise((r) => setTimeout(r, 500));
}

/** Tick an interval `ticks` times; RSS (MB) at 10%, 50% and 100% of the ticks. */
async function memoryOverTicks(n) {
  const child = spawn(process.execPath, [bin, '-tan', '0.001'], { stdio: ['ignore', 'pipe', 'ignore'], env: timedEnv });
  const marks = new Map([[Math.max(1, Math.round(n / 10)), null], [Math.round(n / 2), null], [n, null]]);
  let seen = 0;
  let tail = '\n';
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  await new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      const text = tail + d.toString('latin1');
      const count = (s) => (s.match(/\nActive Internet/g) ?? []).length;
      const before = seen;
      seen += count(text) - count(tail);
      tail = text.slice(-20);
      for (const k of marks.keys()) if (before < k && seen >= k) marks.set(k, rss());
      if (seen >= n) resolve();
    });
  });
  child.kill('SIGINT');
  await once(child, 'exit');
  return [...marks.entries()];
}

const fmt = (ms) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`) : '');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '');
const mb = (x) => (x === null || x === undefined ? '' : `${Math.round(x)} MiB`);
const plus = (ms, node) => (Number.isFinite(ms) && Number.isFinite(node) ? `node + ${Math.round(ms - node)} ms` : '');
const num = (n) => n.toLocaleString('en');

const tools = { netstat: has('netstat'), ss: has('ss') };
const baseline = tools.ss ? countTcp() : 0;
const machine = [
  `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`,
  `Linux ${release()}`,
  `Node ${process.version}`,
  tools.netstat ? execFileSync('netstat', ['--version'], { encoding: 'utf8' }).split('\n')[0] : 'no netstat',
  tools.ss ? execFileSync('ss', ['-V'], { encoding: 'utf8' }).trim() : 'no ss',
].join(', ');
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const where = netns
  ? 'load generator and every command in one private network and PID namespace (`unshare --net --pid --fork --mount-proc`)'
  : `host network namespace (${num(baseline)} TCP sockets of the machine's own before the load)`;
const envNote = process.env['NODE_EXTRA_CA_CERTS'] ? (keepEnv ? '; NODE_EXTRA_CA_CERTS kept' : '; NODE_EXTRA_CA_CERTS unset for the timed commands') : '';
const lines = [`Benchmark run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; ${where}; load average at start ${load}${envNote}.`, ''];
const log = (s = '') => {
  lines.push(s);
  process.stdout.write(`${s}\n`);
};
process.stdout.write(`${lines[0]}\n\n`);

/** Results by size and label, for the targets below. */
const results = new Map();
const tsn = (...flags) => [process.execPath, bin, ...flags];
const node = { label: "node -e ''", cmd: [process.execPath, '-e', ''] };

log('| TCP sockets | command | median | over Node | netstat | ss | / netstat | / ss | CPU (all threads) | peak RSS |');
log('|---|---|---|---|---|---|---|---|---|---|');
let nodeCpu = NaN;
const row = (size, label, r, nodeMs, ns, s) =>
  log(
    `| ${size} | \`${label}\` | ${fmt(r.ms)}${r.ok ? '' : ' (failed)'} | ${plus(r.ms, nodeMs)} | ${fmt(ns?.ms)} | ${fmt(s?.ms)} | ${ratio(r.ms, ns?.ms)} | ${ratio(r.ms, s?.ms)} | ${fmt(r.cpu)}${label.startsWith('tsnetstat') && Number.isFinite(nodeCpu) ? ` (node + ${Math.round(r.cpu - nodeCpu)})` : ''} | ${mb(r.rss)} |`,
  );

// Size 0 (the namespace's own, or the machine's in host mode): cold start of `tsnetstat -an`.
{
  const r = compare([node, { label: 'tsnetstat -an', cmd: tsn('-an') }], Math.max(runs, 21));
  const label = netns ? '0' : `(machine: ${num(baseline)})`;
  nodeCpu = r[node.label].cpu;
  log(`| ${label} | \`node -e ''\` | ${fmt(r[node.label].ms)} | | | | | | ${fmt(nodeCpu)} | ${mb(r[node.label].rss)} |`);
  row(label, 'tsnetstat -an', r['tsnetstat -an'], r[node.label].ms);
  results.set(0, r);
}

let memory = null;
for (const size of sizes) {
  await withLoad(size, async (info) => {
    const big = size >= 20000;
    const slow = size >= 100000 ? slowRuns : undefined;
    const n = big ? largeRuns : runs;
    const cmds = [node];
    if (only.has('tan')) cmds.push({ label: 'tsnetstat -tan', cmd: tsn('-tan') });
    if (only.has('json')) cmds.push({ label: 'tsnetstat -tan --json', cmd: tsn('-tan', '--json') });
    if (only.has('tanp')) cmds.push({ label: 'tsnetstat -tanp', cmd: tsn('-tanp') });
    if (only.has('ano')) cmds.push({ label: 'tsnetstat -ano', cmd: tsn('-ano') });
    for (const t of ['netstat', 'ss']) {
      if (!tools[t] || !only.has(t)) continue;
      if (only.has('tan')) cmds.push({ label: `${t} -tan`, cmd: [t, '-tan'] });
      if (only.has('tanp')) cmds.push({ label: `${t} -tanp`, cmd: [t, '-tanp'], runs: slow });
      if (t === 'netstat' && only.has('ano')) cmds.push({ label: 'netstat -ano', cmd: ['netstat', '-ano'] });
    }
    const r = compare(cmds, n);
    results.set(size, r);
    const label = netns ? num(size) : `${num(size)} (${num(info.tcp)} seen)`;
    const nodeMs = r[node.label].ms;
    nodeCpu = r[node.label].cpu;
    log(`| ${label} | \`node -e ''\` | ${fmt(nodeMs)} | | | | | | ${fmt(nodeCpu)} | ${mb(r[node.label].rss)} |`);
    for (const c of cmds) {
      if (!c.label.startsWith('tsnetstat')) continue;
      const flags = c.label.split(' ')[1];
      const sameFlags = c.label.endsWith('--json') ? undefined : flags;
      row(label, c.label, r[c.label], nodeMs, r[`netstat ${sameFlags}`], r[`ss ${sameFlags}`]);
    }
    for (const c of cmds) if (!c.label.startsWith('tsnetstat') && c !== node) row(label, c.label, r[c.label], nodeMs);
    if (size === sizes[0] && ticks > 0) memory = { size, marks: await memoryOverTicks(ticks) };
  });
}
log('');
if (memory) {
  log(`Memory over ${ticks} ticks of \`tsnetstat -tan 0.001\` at ${num(memory.size)} sockets (RSS): ${memory.marks.map(([k, v]) => `tick ${k}: ${mb(v)}`).join(', ')}.`);
  log('');
}
log(
  `Medians of ${runs} alternating runs at up to 2,000 sockets, ${largeRuns} from 20,000 (${slowRuns} for netstat/ss \`-tanp\` at 100,000), after one unmeasured round; output to /dev/null; wall times are of the commands spawned directly; CPU time (\`perf stat\` task-clock, all threads) and peak RSS (\`/usr/bin/time\`) come from a separate alternating pass under those wrappers (a third as many rounds, at least 3; 1 for netstat/ss \`-tanp\` at 100,000); "TCP sockets" counts both ends of each connection and the listeners (plus, at 100,000, 100 half-closed pairs: CLOSE_WAIT and FIN_WAIT2), with UDP (1%) and unix (2%) sockets besides.`,
);
log('');

// The issue's targets, checked on this run's medians.
const ms = (size, label) => results.get(size)?.[label]?.ms ?? NaN;
const rssOf = (size, label) => results.get(size)?.[label]?.rss ?? NaN;
const overNode = (size, label, limit) => {
  const d = ms(size, label) - ms(size, "node -e ''");
  return [`${size === 0 ? 'no load' : num(size)}: \`${label}\` ≤ \`node -e ''\` + ${limit} ms`, `node + ${Math.round(d)} ms`, d <= limit];
};
const times = (size, a, b, limit) => {
  const x = ms(size, a) / ms(size, b);
  return [`${num(size)}: \`${a}\` ≤ ${limit}× \`${b}\``, `${x.toFixed(2)}×`, x <= limit];
};
const targets = [
  overNode(0, 'tsnetstat -an', 25),
  overNode(200, 'tsnetstat -tan', 25),
  overNode(200, 'tsnetstat -tanp', 45),
  overNode(200, 'tsnetstat -ano', 45),
  overNode(2000, 'tsnetstat -tan', 40),
  overNode(2000, 'tsnetstat -tan --json', 50),
  overNode(2000, 'tsnetstat -tanp', 70),
  times(100000, 'tsnetstat -tan', 'netstat -tan', 0.8),
  times(100000, 'tsnetstat -tan', 'ss -tan', 1.1),
  times(100000, 'tsnetstat -tan --json', 'tsnetstat -tan', 1.3),
  times(100000, 'tsnetstat -tanp', 'ss -tanp', 0.4),
  times(100000, 'tsnetstat -tanp', 'netstat -tanp', 0.4),
  ['100,000: `tsnetstat -tanp` peak RSS ≤ 150 MiB', mb(rssOf(100000, 'tsnetstat -tanp')), rssOf(100000, 'tsnetstat -tanp') <= 150],
].filter(([, v]) => !/NaN|^$/.test(v));
log('| target | this run | |');
log('|---|---|---|');
for (const [t, v, ok] of targets) log(`| ${t} | ${v} | ${ok ? 'met' : '**missed**'} |`);

writeFileSync(out, `${lines.join('\n')}\n`);
closeSync(devnull);
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`\nwritten to ${out}\n`);
