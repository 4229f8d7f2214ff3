import { describe, expect, it } from 'vitest';
import { main, type MainDeps } from '../../src/cli/main.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { createResolver } from '../../src/probe/names.js';
import type { Probe } from '../../src/probe/types.js';

const rec = (port: number): SocketRecord => ({
  proto: 'tcp',
  family: 'inet',
  localAddress: '127.0.0.1',
  localPort: port,
  remoteAddress: '0.0.0.0',
  remotePort: 0,
  state: 'LISTEN',
  recvQ: 0,
  sendQ: 0,
  owners: [],
  uid: 0,
  inode: port,
});

function harness(argv: string[], opts: { closedAfter?: number; ticks?: number; warnings?: string[] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let writes = 0;
  let probes = 0;
  let sleeps = 0;
  const probe: Probe = {
    name: 'fake',
    async connections() {
      probes++;
      return { records: [rec(8000 + probes)], warnings: opts.warnings ?? [] };
    },
  };
  const deps: MainDeps = {
    argv,
    env: {},
    platform: 'linux',
    stdout: {
      isTTY: false,
      async write(s) {
        writes++;
        if (opts.closedAfter !== undefined && writes > opts.closedAfter) return false;
        out.push(s);
        return true;
      },
    },
    stderr: { write: (s) => void err.push(s) },
    createProbe: async () => probe,
    createResolver: () => createResolver({ fs: { read: () => '', list: () => [], link: () => '' }, lookup: async () => undefined, hostname: 'h' }),
    sleep: async () => ++sleeps < (opts.ticks ?? 1),
    interrupted: () => false,
  };
  return { deps, out, err, stats: () => ({ probes, sleeps }) };
}

describe('main()', () => {
  it('usage errors: one line plus a hint, exit 2', async () => {
    const h = harness(['-Q']);
    expect(await main(h.deps)).toBe(2);
    expect(h.err.join('')).toBe("tsnetstat: unknown option -Q\nTry 'tsnetstat --help' for more information.\n");
    expect(h.out).toEqual([]);
  });

  it('--help prints the usage with the collision table, exit 0', async () => {
    const h = harness(['--help']);
    expect(await main(h.deps)).toBe(0);
    expect(h.out.join('')).toContain('Where the two families disagree');
  });

  it('the entry hears that names will be looked up (its thread pool) only when they will', async () => {
    for (const [argv, expected] of [[['-tan'], 0], [['-ta'], 1], [['-tan', '--json'], 0], [['--summary'], 1]] as const) {
      const h = harness([...argv]);
      let calls = 0;
      h.deps.lookingUpNames = () => void calls++;
      expect(await main(h.deps)).toBe(0);
      expect(calls, argv.join(' ')).toBe(expected);
    }
  });

  it('-V prints the version', async () => {
    const h = harness(['-V']);
    expect(await main(h.deps)).toBe(0);
    expect(h.out.join('')).toMatch(/^tsnetstat \d+\.\d+\.\d+/);
  });

  it('an interval reprints until interrupted; each snapshot is written when ready', async () => {
    const h = harness(['-tln', '1'], { ticks: 3 });
    expect(await main(h.deps)).toBe(0);
    expect(h.stats().probes).toBe(3);
    const text = h.out.join('');
    expect(text.match(/^Active Internet connections/gm)).toHaveLength(3);
    expect(text).toContain('127.0.0.1:8003');
  });

  it('a reader that went away (EPIPE) ends the run quietly with 0', async () => {
    const h = harness(['-tln', '1'], { closedAfter: 1, ticks: 100 });
    expect(await main(h.deps)).toBe(0);
    expect(h.stats().probes).toBe(1);
    expect(h.err).toEqual([]);
  });

  it('non-numeric output resolves names before rendering (not streamed)', async () => {
    const h = harness(['-tl', '--style', 'linux']);
    expect(await main(h.deps)).toBe(0);
    expect(h.out.join('')).toContain('127.0.0.1:8001');
  });

  it('probe warnings reach stderr once, even over many ticks', async () => {
    const h = harness(['-tln', '1'], { ticks: 4, warnings: ['(Not all processes could be identified)'] });
    expect(await main(h.deps)).toBe(0);
    expect(h.err).toEqual(['tsnetstat: (Not all processes could be identified)\n']);
  });

  it('filters apply to JSON too', async () => {
    const h = harness(['-tln', '--json', '--port', '9999']);
    expect(await main(h.deps)).toBe(0);
    expect(JSON.parse(h.out.join(''))).toEqual({ version: 1, connections: [] });
  });
});
