/**
 * The exporter (`--serve-metrics`) in-process on 127.0.0.1: paths and methods, query strings
 * ignored, concurrent scrapes sharing one snapshot, `--min-interval`, a clean stop on interrupt.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serveMetrics, sharedSnapshots } from '../../src/cli/serve.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchRaw(port: number, method: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sharedSnapshots', () => {
  it('concurrent callers share one snapshot run', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const take = async (): Promise<string> => {
      runs++;
      await gate;
      return `snapshot ${runs}`;
    };
    const get = sharedSnapshots(take, 0, () => 0);
    const all = Array.from({ length: 50 }, () => get());
    release();
    expect(new Set(await Promise.all(all))).toEqual(new Set(['snapshot 1']));
    expect(runs).toBe(1);
    // The next call after it finished takes a fresh one (min interval 0).
    expect(await get()).toBe('snapshot 2');
  });
  it('no more often than the minimum interval', async () => {
    let t = 1000;
    let runs = 0;
    const get = sharedSnapshots(async () => `s${++runs}`, 1000, () => t);
    expect(await get()).toBe('s1');
    t += 999;
    expect(await get()).toBe('s1');
    t += 1;
    expect(await get()).toBe('s2');
  });
  it('a failed snapshot is not kept', async () => {
    let fail = true;
    const get = sharedSnapshots(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    }, 60_000, () => 0);
    await expect(get()).rejects.toThrow('boom');
    fail = false;
    expect(await get()).toBe('ok');
  });
});

describe('the HTTP exporter', () => {
  let stop: (() => void) | null = null;
  let done: Promise<number> | null = null;
  afterEach(async () => {
    stop?.();
    await done;
    stop = null;
  });

  async function start(snapshot: () => Promise<string>, minIntervalMs = 0): Promise<{ port: number; said: string[] }> {
    const said: string[] = [];
    let resolvePort!: (p: number) => void;
    const portP = new Promise<number>((r) => (resolvePort = r));
    done = serveMetrics({
      address: { host: '127.0.0.1', port: 0, wildcard: false },
      minIntervalMs,
      snapshot,
      now: () => performance.now(),
      say: (m) => {
        said.push(m);
        const port = /127\.0\.0\.1:(\d+)\/metrics/.exec(m)?.[1];
        if (port) resolvePort(Number(port));
      },
      onInterrupt: (s) => (stop = s),
    });
    return { port: await portP, said };
  }

  it('GET /metrics: a snapshot in the exposition format; / points there; query strings are ignored', async () => {
    let n = 0;
    const { port, said } = await start(async () => `tsnetstat_sockets{proto="tcp",state="LISTEN"} ${++n}\n`);
    expect(said).toEqual([`serving http://127.0.0.1:${port}/metrics`]);
    const m = await fetchRaw(port, 'GET', '/metrics');
    expect(m.status).toBe(200);
    expect(m.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(m.body).toBe('tsnetstat_sockets{proto="tcp",state="LISTEN"} 1\n');
    // Each scrape a fresh snapshot (min interval 0).
    expect((await fetchRaw(port, 'GET', '/metrics?parse=/etc/passwd&cmd=id')).body).toBe('tsnetstat_sockets{proto="tcp",state="LISTEN"} 2\n');
    const root = await fetchRaw(port, 'GET', '/?x=1');
    expect(root.status).toBe(200);
    expect(root.body).toBe('tsnetstat exporter: metrics at /metrics\n');
    const head = await fetchRaw(port, 'HEAD', '/metrics');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('other paths 404, other methods 405', async () => {
    const { port } = await start(async () => 'x 1\n');
    for (const p of ['/etc/passwd', '/metrics/', '/../metrics', '/favicon.ico']) expect((await fetchRaw(port, 'GET', p)).status).toBe(404);
    for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await fetchRaw(port, m, '/metrics');
      expect(r.status).toBe(405);
      expect(r.headers['allow']).toBe('GET, HEAD');
    }
  });

  it('50 concurrent scrapes share one probe run; --min-interval spaces snapshots', async () => {
    let runs = 0;
    const { port } = await start(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return `x ${runs}\n`;
    }, 60_000);
    const replies = await Promise.all(Array.from({ length: 50 }, () => fetchRaw(port, 'GET', '/metrics')));
    expect(replies.every((r) => r.status === 200 && r.body === 'x 1\n')).toBe(true);
    expect(runs).toBe(1);
    expect((await fetchRaw(port, 'GET', '/metrics')).body).toBe('x 1\n');
    expect(runs).toBe(1);
  });

  it('a failing snapshot answers 500 with one line', async () => {
    const { port } = await start(async () => {
      throw new Error('no access');
    });
    const r = await fetchRaw(port, 'GET', '/metrics');
    expect(r.status).toBe(500);
    expect(r.body).toBe('snapshot failed: no access\n');
  });

  it('an interrupt closes the server (and open keep-alive connections); the run ends with 0', async () => {
    const { port } = await start(async () => 'x 1\n');
    await fetchRaw(port, 'GET', '/metrics');
    stop?.();
    expect(await done).toBe(0);
    stop = null;
    await expect(fetchRaw(port, 'GET', '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a wildcard bind is written explicitly and warned about', async () => {
    const said: string[] = [];
    let stopIt!: () => void;
    const run = serveMetrics({
      address: { host: '0.0.0.0', port: 0, wildcard: true },
      minIntervalMs: 0,
      snapshot: async () => '',
      now: () => 0,
      say: (m) => said.push(m),
      onInterrupt: (s) => (stopIt = s),
    });
    await new Promise((r) => setTimeout(r, 100));
    stopIt();
    expect(await run).toBe(0);
    expect(said[0]).toMatch(/^warning: listening on every interface \(0\.0\.0\.0:\d+\): process names, ports and addresses become visible/);
  });

  it('an address in use is one line, exit 2', async () => {
    const { port } = await start(async () => '');
    await expect(
      serveMetrics({ address: { host: '127.0.0.1', port, wildcard: false }, minIntervalMs: 0, snapshot: async () => '', now: () => 0, say: () => {}, onInterrupt: () => {} }),
    ).rejects.toMatchObject({ message: `cannot listen on 127.0.0.1:${port}: EADDRINUSE`, exitCode: 2 });
  });
});
