#!/usr/bin/env node
// Socket-load generator for the benchmark (loopback only). Opens N TCP connections (both ends),
// a few hundred listeners, UDP and unix sockets, IPv4 and IPv6, across worker processes that raise
// their own fd limit to the hard limit (via prlimit); as many workers as that limit requires. Prints one JSON line when ready, holds
// the sockets, and exits by itself after --duration seconds, when stdin closes, or on SIGTERM.
//
// --close-wait N: N more connections whose server end half-closes (server end FIN_WAIT2, client
// end CLOSE_WAIT), as on a real server with slow clients.
//
//   node bench/load.mjs --connections 100000 [--listeners 300] [--udp 200] [--unix 200] [--close-wait 0] [--duration 900]
import { fork, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numArg } from './args.mjs';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === 'worker') {
  // One worker: its share of listeners, connections, UDP and unix sockets.
  const [pairs, listeners, udp, unix, v6Share, closeWait] = process.argv.slice(3, 9).map(Number);
  const dir = process.argv[9];
  const keep = [];
  const servers = [];
  for (let i = 0; i < listeners; i++) {
    const v6 = i < listeners * v6Share;
    // The first `closeWait` accepted connections of worker listener 0 are half-closed by the server.
    let toClose = i === 0 ? closeWait : 0;
    const s = net.createServer({ allowHalfOpen: true }, (c) => {
      keep.push(c);
      if (toClose > 0) {
        toClose--;
        c.end();
      }
    });
    s.listen(0, v6 ? '::1' : '127.0.0.1');
    await once(s, 'listening');
    servers.push({ port: s.address().port, host: v6 ? '::1' : '127.0.0.1' });
    keep.push(s);
  }
  // Half-closed pairs first, all to listener 0; the client end ignores the FIN (stays CLOSE_WAIT).
  if (closeWait > 0) {
    await Promise.all(
      Array.from({ length: closeWait }, () => {
        const c = net.connect({ port: servers[0].port, host: servers[0].host, allowHalfOpen: true });
        c.on('end', () => {});
        c.resume();
        keep.push(c);
        return once(c, 'end');
      }),
    );
  }
  let made = 0;
  const batch = 400;
  while (made < pairs) {
    const n = Math.min(batch, pairs - made);
    await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const t = servers[(made + k) % servers.length];
        const c = net.connect({ port: t.port, host: t.host });
        keep.push(c);
        return once(c, 'connect');
      }),
    );
    made += n;
  }
  for (let i = 0; i < udp; i++) {
    const u = dgram.createSocket(i % 4 === 0 ? 'udp6' : 'udp4');
    u.bind(0, i % 4 === 0 ? '::1' : '127.0.0.1');
    await once(u, 'listening');
    keep.push(u);
  }
  for (let i = 0; i < unix; i++) {
    const s = net.createServer(() => {});
    s.listen(join(dir, `s${process.pid}-${i}.sock`));
    await once(s, 'listening');
    keep.push(s);
  }
  globalThis.keep = keep;
  process.send({ ready: true, pairs: made, closeWait, listeners, udp, unix });
  // Ending: connections are reset (RST), not closed, so no TIME_WAIT sockets linger into the next
  // benchmark size.
  process.on('disconnect', () => {
    for (const k of keep) if (typeof k.resetAndDestroy === 'function' && !k.destroyed) k.resetAndDestroy();
    setTimeout(() => process.exit(0), 200);
  });
} else {
  const connections = numArg('connections', 1000);
  const listeners = numArg('listeners', 300);
  const udp = numArg('udp', 200);
  const unix = numArg('unix', 200);
  const closeWait = numArg('close-wait', 0);
  const duration = numArg('duration', 900);
  const v6Share = 0.25;
  // The hard fd limit bounds each worker (it cannot be raised inside some sandboxes).
  const hard = Number(/Max open files\s+\d+\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? 1024);
  const perWorker = Math.max(1000, Math.min(hard, 250_000) - 1000);
  const workers = Math.max(2, Math.ceil(((connections + closeWait) * 2 + listeners + udp + unix) / perWorker));
  const dir = mkdtempSync(join(tmpdir(), 'tsnetstat-load-'));
  const share = (total, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0);
  const children = [];
  const start = Date.now();
  for (let i = 0; i < workers; i++) {
    const cw = i === 0 ? closeWait : 0;
    const fds = Math.min(hard, (share(connections, i) + cw) * 2 + share(listeners, i) + share(udp, i) + share(unix, i) + 1000);
    const wargs = ['worker', share(connections, i), Math.max(1, share(listeners, i)), share(udp, i), share(unix, i), v6Share, cw, dir].map(String);
    // Raise the worker's fd limit: prlimit wraps the node process (argument array, no shell).
    const child = fork(self, wargs, {
      execPath: '/usr/bin/prlimit',
      execArgv: [`--nofile=${fds}:${fds}`, '--', process.execPath],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
  }
  const reports = await Promise.all(children.map((c) => once(c, 'message').then(([m]) => m)));
  const info = {
    ready: true,
    workers,
    pids: children.map((c) => c.pid),
    connections: reports.reduce((n, r) => n + r.pairs, 0),
    closeWait: reports.reduce((n, r) => n + r.closeWait, 0),
    listeners: reports.reduce((n, r) => n + r.listeners, 0),
    udp: reports.reduce((n, r) => n + r.udp, 0),
    unix: reports.reduce((n, r) => n + r.unix, 0),
    seconds: (Date.now() - start) / 1000,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.disconnect();
    Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : null))).then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
    setTimeout(() => {
      for (const c of children) c.kill();
      process.exit(0);
    }, 10000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  setTimeout(stop, duration * 1000).unref();
}
