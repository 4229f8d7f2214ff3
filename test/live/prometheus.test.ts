/**
 * The exporter against the real Prometheus (Debian's `prometheus` package, installed by `.ci/run`):
 * in a private network namespace, a real Prometheus server scrapes `tsnetstat --serve-metrics`
 * every second; its HTTP API must answer `tsnetstat_sockets{state="LISTEN"}` and
 * `tsnetstat_listeners{port="<port>"}` with the sockets the test opened; SIGTERM stops the
 * exporter with status 0. (`promtool.test.ts` checks the format.) Linux, as root (for `ip netns`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, hasTool as has } from './helpers.js';

const linuxRoot = process.platform === 'linux' && process.getuid?.() === 0;

/** Fetches URLs inside the namespace: one URL per stdin line, one JSON answer per stdout line. */
const FETCHER = `
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (url) => fetch(url).then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })), (e) => console.log(JSON.stringify({ status: 0, body: e.message }))));
rl.on('close', () => process.exit(0));
`;

/** A fetcher process in the namespace (spawning one per request costs a Node start-up each time). */
function nsFetcher(ns: string): { get(url: string): Promise<string>; close(): Promise<unknown> } {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', FETCHER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((line: string) => void)[] = [];
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  return {
    get: (url) =>
      new Promise((resolve, reject) => {
        waiting.push((line) => {
          const r = JSON.parse(line) as { status: number; body: string };
          if (r.status === 200) resolve(r.body);
          else reject(new Error(`${url}: ${r.status} ${r.body}`));
        });
        child.stdin?.write(`${url}\n`);
      }),
    close: () => {
      child.stdin?.end();
      return new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

interface Series {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(fetcher: ReturnType<typeof nsFetcher>, prom: string, q: string): Promise<Series[]> {
  const body = JSON.parse(await fetcher.get(`${prom}/api/v1/query?query=${encodeURIComponent(q)}`)) as { status: string; data: { result: Series[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Holds three TCP listeners on 127.0.0.1 and one UDP socket; prints their ports; exits when stdin closes. */
const HOLDER = `
const net = require('node:net'); const dgram = require('node:dgram');
const tcp = []; let left = 3;
const u = dgram.createSocket('udp4');
for (let i = 0; i < 3; i++) { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { tcp.push(s.address().port); if (--left === 0) u.bind(0, '127.0.0.1', () => console.log(JSON.stringify({ tcp, udp: u.address().port }))); }); }
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

describe.skipIf(!linuxRoot)('a real Prometheus scrapes tsnetstat --serve-metrics (private network namespace)', () => {
  const ns = `tsn-13-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  const dir = mkdtempSync(join(tmpdir(), 'tsn-13-prom-'));
  const EXPORTER = 19100;
  const PROM = 19090;
  const promUrl = `http://127.0.0.1:${PROM}`;
  let holder: ChildProcess | null = null;
  let exporter: ChildProcess | null = null;
  let prometheus: ChildProcess | null = null;
  let exporterErr = '';
  let fetcher!: ReturnType<typeof nsFetcher>;
  let ports: { tcp: number[]; udp: number } = { tcp: [], udp: 0 };

  const exited = (p: ChildProcess | null): Promise<number | null> =>
    !p || p.exitCode !== null || p.signalCode !== null ? Promise.resolve(p?.exitCode ?? null) : new Promise((r) => p.once('exit', (code) => r(code)));

  beforeAll(async () => {
    expect(has('prometheus'), 'prometheus is installed (.ci/run installs it)').toBe(true);
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    holder = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', HOLDER], { stdio: ['pipe', 'pipe', 'inherit'] });
    ports = await new Promise((resolve, reject) => {
      let buf = '';
      holder?.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('\n')) resolve(JSON.parse(buf) as typeof ports);
      });
      holder?.once('exit', (c) => reject(new Error(`socket holder exited (${c})`)));
    });
    exporter = spawn('ip', ['netns', 'exec', ns, process.execPath, BIN, '--serve-metrics', `127.0.0.1:${EXPORTER}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    exporter.stderr?.on('data', (d: Buffer) => (exporterErr += d.toString()));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:', '  - job_name: tsnetstat', '    static_configs:', `      - targets: ['127.0.0.1:${EXPORTER}']`, ''].join('\n'),
    );
    fetcher = nsFetcher(ns);
    prometheus = spawn(
      'ip',
      ['netns', 'exec', ns, 'prometheus', `--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${PROM}`, '--log.level=warn'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  });

  afterAll(async () => {
    holder?.stdin?.end();
    await fetcher?.close();
    if (exporter && exporter.exitCode === null) exporter.kill('SIGKILL');
    prometheus?.kill('SIGTERM');
    const t = setTimeout(() => prometheus?.kill('SIGKILL'), 5000);
    await Promise.all([exited(holder), exited(exporter), exited(prometheus)]);
    clearTimeout(t);
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      /* never created */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('Prometheus stores the sockets the test opened', async () => {
    // Wait for a scrape to land (the exporter starts in ~0.1 s, Prometheus in about a second).
    let listen: Series[] = [];
    for (let i = 0; i < 100 && listen.length === 0; i++) {
      await sleep(250);
      listen = await query(fetcher, promUrl, 'tsnetstat_sockets{state="LISTEN"}').catch(() => []);
    }
    expect(exporterErr).toBe(`tsnetstat: serving http://127.0.0.1:${EXPORTER}/metrics\n`);
    // In the namespace, TCP listeners: the test's three, the exporter's and Prometheus' own.
    expect(listen.map((s) => [s.metric['proto'], s.metric['state'], s.metric['job'], s.value[1]])).toEqual([['tcp', 'LISTEN', 'tsnetstat', '5']]);
    const listeners = await query(fetcher, promUrl, 'tsnetstat_listeners');
    const byPort = Object.fromEntries(listeners.map((s) => [s.metric['port'], `${s.metric['proto']} ${s.metric['address']} ${s.metric['process']} ${s.value[1]}`]));
    expect(byPort).toEqual({
      [String(ports.tcp[0])]: 'tcp 127.0.0.1 node 1',
      [String(ports.tcp[1])]: 'tcp 127.0.0.1 node 1',
      [String(ports.tcp[2])]: 'tcp 127.0.0.1 node 1',
      [String(ports.udp)]: 'udp 127.0.0.1 node 1',
      [String(EXPORTER)]: 'tcp 127.0.0.1 node 1',
      [String(PROM)]: 'tcp 127.0.0.1 prometheus 1',
    });
    for (const port of [...ports.tcp, ports.udp]) {
      const one = await query(fetcher, promUrl, `tsnetstat_listeners{port="${port}"}`);
      expect(one).toHaveLength(1);
      expect(one[0]?.metric).toMatchObject({ address: '127.0.0.1', process: 'node', instance: `127.0.0.1:${EXPORTER}` });
    }
    // Nothing is reachable from outside: all on loopback.
    expect(await query(fetcher, promUrl, 'tsnetstat_exposed_listeners')).toEqual([]);
    const up = await query(fetcher, promUrl, 'up{job="tsnetstat"}');
    expect(up[0]?.value[1]).toBe('1');
  });

  it('SIGTERM stops the exporter cleanly: exit status 0', async () => {
    exporter?.kill('SIGTERM');
    expect(await exited(exporter)).toBe(0);
  });
});
