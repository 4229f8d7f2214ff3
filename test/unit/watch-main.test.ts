/** Watch mode, --changes and colour through main(), with a scripted probe and a fake terminal. */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type MainDeps } from '../../src/cli/main.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { Probe } from '../../src/probe/types.js';
import { NO_NAMES } from '../../src/render/names.js';
import { ENTER_SCREEN, LEAVE_SCREEN } from '../../src/render/screen.js';
import { tcpRecord } from '../helpers/records.js';

const tcp = (lport: number, rport: number, state: SocketRecord['state'], over: Partial<SocketRecord> = {}): SocketRecord =>
  tcpRecord(lport, rport, state, { inode: lport * 100 + rport, ...over });

const L = tcp(8080, 0, 'LISTEN');
const A = tcp(8080, 50000, 'ESTABLISHED');
const B = tcp(50000, 8080, 'ESTABLISHED');
/** Tick 1: a listener; tick 2: a connection opens; tick 3: the server side closes, the client side goes TIME_WAIT. */
const SCRIPT: SocketRecord[][] = [[L], [L, A, B], [L, { ...B, state: 'TIME_WAIT', inode: 0 }]];

interface Harness {
  deps: MainDeps;
  writes: string[];
  err: string[];
  probes: () => number;
}

function harness(argv: string[], opts: { tty?: boolean; env?: Record<string, string>; script?: SocketRecord[][]; warnings?: string[]; columns?: number; closedAfter?: number } = {}): Harness {
  const script = opts.script ?? SCRIPT;
  const writes: string[] = [];
  const err: string[] = [];
  let tick = 0;
  let interrupted = false;
  const probe: Probe = {
    name: 'scripted',
    async connections() {
      const records = (script[Math.min(tick, script.length - 1)] ?? []).map((r) => ({ ...r }));
      tick++;
      return { records, warnings: opts.warnings ?? [] };
    },
  };
  const deps: MainDeps = {
    argv,
    env: opts.env ?? {},
    platform: 'linux',
    stdout: {
      isTTY: opts.tty ?? false,
      size: () => (opts.tty ? { columns: opts.columns ?? 100, rows: 20 } : undefined),
      async write(s) {
        if (opts.closedAfter !== undefined && writes.length >= opts.closedAfter) return false;
        writes.push(s);
        return true;
      },
    },
    stderr: { write: (s) => void err.push(s) },
    createProbe: async () => probe,
    createResolver: () => ({ resolve: async () => NO_NAMES }),
    // Ctrl+C after the script has run once.
    sleep: async () => {
      if (tick >= script.length) interrupted = true;
      return !interrupted;
    },
    interrupted: () => interrupted,
    now: () => new Date(2025, 0, 2, 3, 4, 5, 6),
  };
  return { deps, writes, err, probes: () => tick };
}

describe('watch mode on a terminal', () => {
  it('redraws in place: alternate screen, one frame per tick, marks for one tick, terminal restored on Ctrl+C', async () => {
    const h = harness(['-tan', '2'], { tty: true });
    expect(await main(h.deps)).toBe(0);
    expect(h.probes()).toBe(3);
    const [f1, f2, f3, last] = h.writes;
    expect(h.writes).toHaveLength(4);
    expect(f1?.startsWith(`${ENTER_SCREEN}\x1b[H`)).toBe(true);
    expect(f2?.startsWith('\x1b[H')).toBe(true);
    expect(f2).not.toContain(ENTER_SCREEN);
    expect(last).toBe(LEAVE_SCREEN);
    const lines = (f: string | undefined) => stripVTControlCharacters(f ?? '').split('\n').map((l) => l.trimEnd());
    expect(lines(f1)).toEqual([
      'Every 2s: tsnetstat -tan 2   03:04:05   1 socket',
      '  Active Internet connections (servers and established)',
      '  Proto Recv-Q Send-Q Local Address           Foreign Address         State',
      '  tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN',
      '',
    ]);
    expect(lines(f2).slice(0, 1)).toEqual(['Every 2s: tsnetstat -tan 2   03:04:05   3 sockets: +2 new, -0 closed, ~0 changed']);
    expect(lines(f2).slice(3, 6)).toEqual([
      '  tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN',
      '+ tcp        0      0 127.0.0.1:8080          127.0.0.1:50000         ESTABLISHED',
      '+ tcp        0      0 127.0.0.1:50000         127.0.0.1:8080          ESTABLISHED',
    ]);
    // The closed connection is still shown (dimmed) for this tick; the TIME_WAIT one is marked changed.
    expect(lines(f3).slice(0, 1)).toEqual(['Every 2s: tsnetstat -tan 2   03:04:05   2 sockets: +0 new, -1 closed, ~1 changed']);
    expect(lines(f3).slice(3, 6)).toEqual([
      '  tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN',
      '~ tcp        0      0 127.0.0.1:50000         127.0.0.1:8080          TIME_WAIT',
      '- tcp        0      0 127.0.0.1:8080          127.0.0.1:50000         ESTABLISHED',
    ]);
  });

  it('colours: states, the marks, a dimmed closed row', async () => {
    const h = harness(['-tan', '2'], { tty: true });
    await main(h.deps);
    const f3 = h.writes[2] ?? '';
    expect(f3).toContain('\x1b[36mLISTEN\x1b[39m');
    expect(f3).toMatch(/\x1b\[2m[^\n]*127\.0\.0\.1:50000 +\x1b\[32mESTABLISHED/); // dim, state still coloured
  });

  it('NO_COLOR: marks and layout stay, no colour codes (only the cursor controls)', async () => {
    const h = harness(['-tan', '2'], { tty: true, env: { NO_COLOR: '1' } });
    await main(h.deps);
    expect(h.writes.join('')).not.toMatch(/\x1b\[\d*(;\d+)*m/);
    expect(h.writes[1]).toContain('+ tcp ');
  });

  it('lines are cut to the terminal width', async () => {
    const h = harness(['-tan', '2'], { tty: true, columns: 30 });
    await main(h.deps);
    for (const l of stripVTControlCharacters(h.writes[1] ?? '').split('\n')) expect(l.length).toBeLessThanOrEqual(29);
  });

  it('filters apply on every tick', async () => {
    const h = harness(['-tan', '--port', '50000', '--state', 'established', '2'], { tty: true });
    await main(h.deps);
    expect(stripVTControlCharacters(h.writes[1] ?? '')).toContain('2 sockets: +2 new');
    expect(stripVTControlCharacters(h.writes[0] ?? '')).toContain('0 sockets');
  });

  it('warnings wait until the screen is left, then go to stderr once', async () => {
    const h = harness(['-tan', '2'], { tty: true, columns: 160, warnings: ['(Not all processes could be identified)'] });
    await main(h.deps);
    // The probe repeats its warning every tick: still one.
    for (const frame of h.writes.slice(0, 3)) expect(stripVTControlCharacters(frame)).toContain(' · 1 warning (shown on exit)');
    expect(h.err).toEqual(['tsnetstat: (Not all processes could be identified)\n']);
  });

  it('a reader that goes away ends the watch with 0 (and the screen is still left)', async () => {
    const h = harness(['-tan', '2'], { tty: true, closedAfter: 1 });
    expect(await main(h.deps)).toBe(0);
    expect(h.probes()).toBe(2);
  });
});

describe('not a terminal: the classic behaviour', () => {
  it('the whole table again every interval, byte-identical to a one-shot listing', async () => {
    const watch = harness(['-tan', '2']);
    expect(await main(watch.deps)).toBe(0);
    const once = await Promise.all(
      SCRIPT.map(async (snap) => {
        const h = harness(['-tan'], { script: [snap] });
        await main(h.deps);
        return h.writes.join('');
      }),
    );
    expect(watch.writes.join('')).toBe(once.join(''));
    expect(watch.writes.join('')).not.toContain('\x1b');
  });
  it('--color=always colours a pipe', async () => {
    const h = harness(['-tan', '--color=always']);
    await main(h.deps);
    expect(h.writes.join('')).toContain('\x1b[36mLISTEN\x1b[39m');
  });
  it('FORCE_COLOR colours a pipe', async () => {
    const h = harness(['-tan'], { env: { FORCE_COLOR: '1' } });
    await main(h.deps);
    expect(h.writes.join('')).toContain('\x1b[36mLISTEN');
  });
  it('a one-shot listing on a terminal: states coloured, nothing else changes', async () => {
    const tty = harness(['-tan'], { tty: true, script: [SCRIPT[1] as SocketRecord[]] });
    const pipe = harness(['-tan'], { script: [SCRIPT[1] as SocketRecord[]] });
    await main(tty.deps);
    await main(pipe.deps);
    expect(tty.writes.join('')).not.toBe(pipe.writes.join(''));
    expect(stripVTControlCharacters(tty.writes.join(''))).toBe(pipe.writes.join(''));
  });
});

describe('--changes', () => {
  it('only event lines, one per change; the first snapshot is the baseline', async () => {
    const h = harness(['-tan', '--changes', '2']);
    expect(await main(h.deps)).toBe(0);
    const text = h.writes.join('');
    const ts = '2025-01-02T03:04:05.006';
    expect(text.split('\n').map((l) => l.replace(/[+-]\d\d:\d\d /, ' '))).toEqual([
      `+ ${ts} tcp        0      0 127.0.0.1:8080          127.0.0.1:50000         ESTABLISHED`,
      `+ ${ts} tcp        0      0 127.0.0.1:50000         127.0.0.1:8080          ESTABLISHED`,
      `- ${ts} tcp        0      0 127.0.0.1:8080          127.0.0.1:50000         ESTABLISHED`,
      `~ ${ts} tcp        0      0 127.0.0.1:50000         127.0.0.1:8080          TIME_WAIT  (was ESTABLISHED)`,
      '',
    ]);
  });
  it('in the Windows style', async () => {
    const h = harness(['-an', '--style', 'windows', '--changes', '2']);
    await main(h.deps);
    expect(h.writes.join('')).toMatch(/^~ \S+ TCP    127\.0\.0\.1:50000        127\.0\.0\.1:8080         TIME_WAIT  \(was ESTABLISHED\)$/m);
  });
  it('--json: NDJSON events that parse back', async () => {
    const h = harness(['-tan', '--changes', '--json', '2']);
    await main(h.deps);
    const events = h.writes.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { event: string; record: { localPort: number; state: string }; previous?: { state: string } });
    expect(events.map((e) => `${e.event} ${e.record.localPort} ${e.record.state}`)).toEqual(['new 8080 ESTABLISHED', 'new 50000 ESTABLISHED', 'closed 8080 ESTABLISHED', 'changed 50000 TIME_WAIT']);
    expect(events[3]?.previous?.state).toBe('ESTABLISHED');
  });
  it('filters apply to the events', async () => {
    const h = harness(['-tan', '--changes', '--json', '--local', '127.0.0.1', '--port', '50000', '--state', 'time_wait', '2']);
    await main(h.deps);
    expect(h.writes.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['new']);
  });
  it('on a terminal: event lines too (a log, not a screen), marks coloured', async () => {
    const h = harness(['-tan', '--changes', '2'], { tty: true });
    await main(h.deps);
    const text = h.writes.join('');
    expect(text).not.toContain(ENTER_SCREEN);
    expect(text).toContain('\x1b[32m\x1b[1m+\x1b[22m\x1b[39m ');
  });
});
