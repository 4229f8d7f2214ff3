#!/usr/bin/env node
// The benchmark: tsnetstat against net-tools netstat and iproute2 ss, on the same machine in the
// same run, at about 1k, 10k and 100k TCP connections made by bench/load.mjs (loopback only).
// Commands alternate within each round, so machine noise hits all of them alike; medians are
// reported with the ratios and peak RSS, as a markdown table (also written to bench/results.md).
//
//   npm run bench                       # 1k, 10k, 100k
//   npm run bench -- --sizes 1000,10000 --runs 5
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/tsnetstat.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const sizes = String(arg('sizes', '1000,10000,100000')).split(',').map(Number);
const runs = Number(arg('runs', 7));
const slowRuns = Number(arg('slow-runs', 3)); // ss -tanp / netstat -tanp at 100k take tens of seconds
const ticks = Number(arg('ticks', 1000));
const out = arg('out', join(root, 'bench/results.md'));

const has = (tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const devnull = openSync('/dev/null', 'w');
const scratch = mkdtempSync(join(tmpdir(), 'tsnetstat-bench-'));

/** Run a command once: wall time in ms and peak RSS in MB (via GNU time when present). */
function measure(cmd) {
  const rssFile = join(scratch, 'rss');
  const [file, args] = timeBin ? [timeBin, ['-f', '%M', '-o', rssFile, ...cmd]] : [cmd[0], cmd.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { stdio: ['ignore', devnull, 'ignore'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rss = null;
  if (timeBin) {
    try {
      rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    } catch {
      rss = null;
    }
  }
  return { ms, rss, ok: r.status === 0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Alternate commands for `n` rounds; median time and max RSS per command. */
function compare(cmds, n) {
  const res = Object.fromEntries(cmds.map((c) => [c.label, { ms: [], rss: [], ok: true }]));
  for (let i = 0; i < n; i++) {
    for (const c of cmds) {
      if (c.runs !== undefined && i >= c.runs) continue;
      const m = measure(c.cmd);
      res[c.label].ms.push(m.ms);
      if (m.rss !== null) res[c.label].rss.push(m.rss);
      res[c.label].ok &&= m.ok;
    }
  }
  return Object.fromEntries(
    Object.entries(res).map(([k, v]) => [k, { ms: median(v.ms), rss: v.rss.length ? Math.max(...v.rss) : null, n: v.ms.length, ok: v.ok }]),
  );
}

async function withLoad(connections, fn) {
  const child = spawn(process.execPath, [join(root, 'bench/load.mjs'), '--connections', String(connections), '--duration', '1800'], {
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
    return await fn(info);
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => {});
    // Let the kernel reap the closed connections' TIME_WAIT before the next size.
    await new Promise((r) => setTimeout(r, 1500));
  }
}

/** Tick an interval `ticks` times; RSS (MB) at 10%, 50% and 100% of the ticks. */
async function memoryOverTicks(n) {
  const child = spawn(process.execPath, [bin, '-tan', '0.001'], { stdio: ['ignore', 'pipe', 'ignore'] });
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

const fmt = (ms) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const mb = (x) => (x === null || x === undefined ? 'n/a' : `${Math.round(x)} MB`);

const tools = { netstat: has('netstat'), ss: has('ss') };
const machine = [
  `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`,
  `Linux ${release()}`,
  `Node ${process.version}`,
  tools.netstat ? execFileSync('netstat', ['--version'], { encoding: 'utf8' }).split('\n')[0] : 'no netstat',
  tools.ss ? execFileSync('ss', ['-V'], { encoding: 'utf8' }).trim() : 'no ss',
].join(', ');
const lines = [`Benchmark run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.`, ''];
const log = (s = '') => {
  lines.push(s);
  process.stdout.write(`${s}\n`);
};
process.stdout.write(`${lines[0]}\n\n`);

// Cold start on an idle machine (before any load): tsnetstat -an against bare node.
const cold = compare(
  [
    { label: 'node', cmd: [process.execPath, '-e', ''] },
    { label: 'tsn', cmd: [process.execPath, bin, '-an'] },
  ],
  Math.max(runs, 41), // start-up differences of a few ms need many samples on a noisy machine
);
log('| cold start, idle machine | median | peak RSS |');
log('|---|---|---|');
log(`| \`node -e ''\` | ${fmt(cold.node.ms)} | ${mb(cold.node.rss)} |`);
log(`| \`tsnetstat -an\` | ${fmt(cold.tsn.ms)} (+${Math.round(cold.tsn.ms - cold.node.ms)} ms) | ${mb(cold.tsn.rss)} |`);
log('');

let memory = null;
log('| sockets | command | tsnetstat | netstat | ss | tsnetstat / netstat | tsnetstat / ss | tsnetstat peak RSS |');
log('|---|---|---|---|---|---|---|---|');
for (const n of sizes) {
  await withLoad(n, async (info) => {
    const tcp = info.connections * 2 + info.listeners;
    const big = n >= 50000;
    for (const flags of ['-tan', '-tanp']) {
      const slow = flags === '-tanp' && big ? slowRuns : undefined;
      const cmds = [{ label: 'tsn', cmd: [process.execPath, bin, flags] }];
      if (tools.netstat) cmds.push({ label: 'netstat', cmd: ['netstat', flags], runs: slow });
      if (tools.ss) cmds.push({ label: 'ss', cmd: ['ss', flags], runs: slow });
      const r = compare(cmds, runs);
      log(
        `| ${tcp.toLocaleString('en')} | \`${flags}\` | ${fmt(r.tsn.ms)} | ${fmt(r.netstat?.ms)} | ${fmt(r.ss?.ms)} | ${ratio(r.tsn.ms, r.netstat?.ms)} | ${ratio(r.tsn.ms, r.ss?.ms)} | ${mb(r.tsn.rss)} |`,
      );
    }
    const j = compare([{ label: 'tsn', cmd: [process.execPath, bin, '-tan', '--json'] }], runs);
    log(`| ${tcp.toLocaleString('en')} | \`-tan --json\` | ${fmt(j.tsn.ms)} | | | | | ${mb(j.tsn.rss)} |`);
    if (n === sizes[0]) memory = { tcp, marks: await memoryOverTicks(ticks) };
  });
}
log('');
if (memory) {
  log(`Memory over ${ticks} ticks of \`tsnetstat -tan 0.001\` at ${memory.tcp.toLocaleString('en')} sockets (RSS): ${memory.marks.map(([k, v]) => `tick ${k}: ${mb(v)}`).join(', ')}.`);
  log('');
}
log(`Medians of ${runs} alternating runs (${slowRuns} for netstat/ss \`-tanp\` at 100k); output to /dev/null; "sockets" counts TCP sockets (both ends of each connection and the listeners).`);
writeFileSync(out, `${lines.join('\n')}\n`);
closeSync(devnull);
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`\nwritten to ${out}\n`);
