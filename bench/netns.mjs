#!/usr/bin/env node
// Benchmark of `tsnetstat -N` (issue 14): 20 network namespaces × 1,000 TCP sockets against the
// same 20,000 sockets in one namespace (`tsnetstat -tan` run inside it). Each namespace holds a
// `sleep` (so its tables are read through /proc/<pid>/net, as on a container host) and one loader
// process opens every socket: it enters each namespace with setns (koffi), opens listeners and
// loopback connections there, and comes back. Medians of alternating runs, output to /dev/null.
// Namespaces are named tsn-14-bench-*, and deleted afterwards. Needs root, ip, prlimit.
//
//   npm run bench:netns                          # 20 namespaces x 1000 sockets, 7 runs
//   npm run bench:netns -- --namespaces 5 --per 200 --runs 3
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numArg } from './args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const bin = join(root, 'bin/tsnetstat.js');
const CLONE_NEWNET = 0x40000000;

if (process.argv[2] === 'load') {
  // Loader: `load PER PATH...` opens PER TCP sockets (listeners + both ends of connections) in each namespace.
  const per = Number(process.argv[3]);
  const paths = process.argv.slice(4);
  const koffi = (await import('koffi')).default;
  const setns = koffi.load('libc.so.6').func('int setns(int, int)');
  const own = openSync('/proc/thread-self/ns/net', 'r');
  const keep = [];
  for (const path of paths) {
    const fd = openSync(path, 'r');
    if (setns(fd, CLONE_NEWNET) !== 0) throw new Error(`setns ${path}`);
    closeSync(fd);
    const listeners = Math.max(1, Math.round(per / 50));
    const ports = [];
    for (let i = 0; i < listeners; i++) {
      const s = net.createServer((c) => keep.push(c));
      s.listen(0, '127.0.0.1');
      await once(s, 'listening');
      ports.push(s.address().port);
      keep.push(s);
    }
    const pairs = Math.floor((per - listeners) / 2);
    for (let done = 0; done < pairs; ) {
      const n = Math.min(200, pairs - done);
      await Promise.all(
        Array.from({ length: n }, (_, k) => {
          const c = net.connect(ports[(done + k) % ports.length], '127.0.0.1');
          keep.push(c);
          return once(c, 'connect');
        }),
      );
      done += n;
    }
    if (setns(own, CLONE_NEWNET) !== 0) throw new Error('setns back');
  }
  process.stdout.write('ready\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
} else if (!process.env['TSN14_BENCH_ISOLATED'] && !process.argv.includes('--shared')) {
  // Other programs' namespaces and sockets on the same host would be listed by -N too: run the whole
  // benchmark in its own PID, mount and (empty) network namespace, with a private /run/netns, so
  // -N sees exactly the namespaces made here (--shared: on the host as it is).
  const r = spawnSync('unshare', ['--net', '--pid', '--fork', '--mount-proc', '--mount', '--propagation', 'private', '--', process.execPath, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TSN14_BENCH_ISOLATED: '1' },
  });
  process.exit(r.status ?? 1);
} else {
  if (process.env['TSN14_BENCH_ISOLATED']) {
    execFileSync('mkdir', ['-p', '/run/netns']);
    execFileSync('mount', ['-t', 'tmpfs', 'tsn-14-bench', '/run/netns']);
  }
  const count = numArg('namespaces', 20);
  const per = numArg('per', 1000);
  const runs = numArg('runs', 7);
  const ip = (...a) => execFileSync('ip', a, { stdio: 'ignore' });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (cmd) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const lines = (cmd) => spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split('\n').length - 1;

  const hard = Number(/Max open files\s+\d+\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1024);
  const cap = Math.max(500, Math.min(hard, 65536) - 200);

  /** Make namespaces, a sleep in each, and loaders (as many as the fd limit needs); run `fn`; remove everything. */
  async function withNamespaces(names, perNs, fn) {
    const holders = [];
    const loaders = [];
    try {
      for (const n of names) {
        spawnSync('ip', ['netns', 'del', n], { stdio: 'ignore' }); // a stale one from an interrupted run
        ip('netns', 'add', n);
        ip('-n', n, 'link', 'set', 'lo', 'up');
        holders.push(spawn('ip', ['netns', 'exec', n, 'sleep', '3600'], { stdio: 'ignore' }));
      }
      // Jobs of at most `cap` sockets: [namespace file, sockets], packed into loader processes.
      const jobs = names.flatMap((n) => Array.from({ length: Math.ceil(perNs / cap) }, (_, i) => [`/run/netns/${n}`, Math.min(cap, perNs - i * cap)]));
      const packs = [];
      for (const [path, k] of jobs) {
        const last = packs.at(-1);
        if (last && last.total + k <= cap && last.k === k) {
          last.paths.push(path);
          last.total += k;
        } else packs.push({ paths: [path], k, total: k });
      }
      for (const p of packs) {
        const fds = Math.min(hard, p.total + 200);
        const l = spawn('prlimit', [`--nofile=${fds}:${hard}`, '--', process.execPath, self, 'load', String(p.k), ...p.paths], { stdio: ['pipe', 'pipe', 'inherit'] });
        loaders.push(l);
        await Promise.race([
          once(l.stdout, 'data'),
          once(l, 'exit').then(([code]) => {
            throw new Error(`socket loader exited (${code})`);
          }),
        ]);
      }
      await new Promise((r) => setTimeout(r, 500));
      return await fn();
    } finally {
      for (const l of loaders) {
        l.stdin.end();
        l.kill();
      }
      for (const h of holders) h.kill();
      for (const n of names) spawnSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  const many = Array.from({ length: count }, (_, i) => `tsn-14-bench-${i}`);
  const results = {};
  if (numArg('hold', 0) > 0) {
    // For profiling: keep the namespaces for --hold seconds, then clean up.
    await withNamespaces(many, per, () => {
      console.log('holding');
      return new Promise((r) => setTimeout(r, numArg('hold', 0) * 1000));
    });
    process.exit(0);
  }
  await withNamespaces(many, per, async () => {
    const cmds = { '-N -tan': [process.execPath, bin, '-N', '-tan'], '-N -tanp': [process.execPath, bin, '-N', '-tanp'] };
    results.manyRows = lines(cmds['-N -tan']) - 2;
    for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(cmds)) (results[k] ??= []).push(time(c));
  });
  await withNamespaces(['tsn-14-bench-one'], count * per, async () => {
    const enter = ['nsenter', '--net=/run/netns/tsn-14-bench-one', process.execPath, bin];
    const cmds = { '-tan': [...enter, '-tan'], '-tanp': [...enter, '-tanp'] };
    results.oneRows = lines(cmds['-tan']) - 2;
    for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(cmds)) (results[k] ??= []).push(time(c));
  });
  const row = (a, b) => {
    const ma = median(results[a]);
    const mb = median(results[b]);
    return `| \`tsnetstat ${a}\` vs \`${b}\` in one namespace | ${ma.toFixed(0)} ms | ${mb.toFixed(0)} ms | ${(ma / mb).toFixed(2)}× |`;
  };
  console.log(`${count} namespaces × ${per} TCP sockets (-N listed ${results.manyRows} rows) against ${results.oneRows} rows in one namespace; medians of ${runs} alternating runs${process.env['TSN14_BENCH_ISOLATED'] ? ', in a private PID, mount and network namespace' : ''}:\n`);
  console.log('| listing | -N, many namespaces | one namespace | ratio (target ≤ 1.5×) |');
  console.log('|---|---|---|---|');
  console.log(row('-N -tan', '-tan'));
  console.log(row('-N -tanp', '-tanp'));
}
