#!/usr/bin/env node
// Load benchmark of the exporter (`npm run bench:metrics`): in a private network namespace
// (tsn-13-bench-*, loopback only), bench/load.mjs opens ~20,000 sockets, `tsnetstat
// --serve-metrics` serves them, and 50 concurrent clients scrape /metrics back to back for 30 s.
// Reports requests served, errors (must be 0), p50/p99 latency, snapshots taken, and the
// exporter's RSS at start and end (must stay flat). Needs Linux and root (`ip netns`).
//
//   node bench/metrics-load.mjs [--clients 50] [--seconds 30] [--sockets 20000]
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numArg } from './args.mjs';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const PORT = 19101;

if (process.argv[2] === 'clients') {
  // Runs inside the namespace: N clients, each scraping back to back on its own keep-alive connection.
  const clients = Number(process.argv[3]);
  const seconds = Number(process.argv[4]);
  const end = Date.now() + seconds * 1000;
  const latencies = [];
  let errors = 0;
  let firstError = '';
  const scrape = (agent) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port: PORT, path: '/metrics', agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          const ok = res.statusCode === 200 && body.includes('# TYPE tsnetstat_sockets gauge') && body.includes('tsnetstat_snapshot_duration_seconds');
          if (ok) latencies.push(performance.now() - t0);
          else {
            errors++;
            firstError ||= `status ${res.statusCode}`;
          }
          resolve();
        });
      });
      req.on('error', (e) => {
        errors++;
        firstError ||= e.message;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (Date.now() < end) await scrape(agent);
      agent.destroy();
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? null;
  process.stdout.write(`${JSON.stringify({ served: latencies.length, errors, firstError, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? null })}\n`);
  process.exit(0);
}

const clients = numArg('clients', 50);
const seconds = numArg('seconds', 30);
const sockets = numArg('sockets', 20000);
if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.error('bench:metrics needs Linux and root (it works in a private network namespace)');
  process.exit(2);
}
const ns = `tsn-13-bench-${process.pid}`;
const rssMB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

execFileSync('ip', ['netns', 'add', ns]);
const children = [];
try {
  execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  // ~20,000 sockets: both ends of the TCP connections, listeners and UDP sockets (no unix: the metrics look at TCP/UDP).
  const listeners = 200;
  const udp = 200;
  const connections = Math.max(0, Math.round((sockets - listeners - udp) / 2));
  const load = spawn('ip', ['netns', 'exec', ns, process.execPath, join(root, 'bench/load.mjs'), '--connections', String(connections), '--listeners', String(listeners), '--udp', String(udp), '--unix', '0', '--duration', '600'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(load);
  const [line] = await once(load.stdout, 'data');
  const info = JSON.parse(String(line).split('\n')[0]);
  const exporter = spawn('ip', ['netns', 'exec', ns, process.execPath, join(root, 'bin/tsnetstat.js'), '--serve-metrics', `127.0.0.1:${PORT}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(exporter);
  await once(exporter.stderr, 'data');
  // Warm up (all clients for 10 s: several snapshots, so the JIT and the heap settle), then take the starting RSS.
  const warm = spawn('ip', ['netns', 'exec', ns, process.execPath, self, 'clients', String(clients), '10'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [warmOut] = await once(warm.stdout, 'data');
  const warmed = JSON.parse(String(warmOut));
  await once(warm, 'exit');
  const rssStart = rssMB(exporter.pid);
  const samples = [rssStart];
  const sampler = setInterval(() => samples.push(rssMB(exporter.pid)), 5000);
  const run = spawn('ip', ['netns', 'exec', ns, process.execPath, self, 'clients', String(clients), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  run.stdout.on('data', (d) => (out += d));
  await once(run, 'exit');
  clearInterval(sampler);
  const rssEnd = rssMB(exporter.pid);
  samples.push(rssEnd);
  const r = JSON.parse(out);
  // How many sockets the exporter saw: ask it once more.
  const check = execFileSync('ip', ['netns', 'exec', ns, process.execPath, '-e', `fetch('http://127.0.0.1:${PORT}/metrics').then(r=>r.text()).then(t=>process.stdout.write(t))`], { encoding: 'utf8' });
  const seen = check.split('\n').filter((l) => l.startsWith('tsnetstat_sockets{')).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const duration = Number(/^tsnetstat_snapshot_duration_seconds (\S+)$/m.exec(check)?.[1] ?? NaN);
  exporter.kill('SIGTERM');
  const [code] = await once(exporter, 'exit');
  const result = {
    sockets: seen,
    loadGenerator: { connections: info.connections, listeners: info.listeners, udp: info.udp },
    clients,
    seconds,
    served: r.served,
    perSecond: Math.round(r.served / seconds),
    errors: r.errors,
    firstError: r.firstError || undefined,
    p50ms: Number(r.p50?.toFixed(1)),
    p99ms: Number(r.p99?.toFixed(1)),
    maxms: Number(r.max?.toFixed(1)),
    snapshotSeconds: Number(duration.toFixed(3)),
    warmup: { served: warmed.served, errors: warmed.errors },
    rssStartMB: Number(rssStart.toFixed(1)),
    rssEndMB: Number(rssEnd.toFixed(1)),
    rssMinMB: Number(Math.min(...samples).toFixed(1)),
    rssMaxMB: Number(Math.max(...samples).toFixed(1)),
    rssSamplesMB: samples.map((s) => Number(s.toFixed(1))),
    exporterExit: code,
  };
  console.log(JSON.stringify(result, null, 2));
  if (r.errors > 0 || warmed.errors > 0) process.exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await sleep(500);
  try {
    execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  } catch {
    /* gone */
  }
}
