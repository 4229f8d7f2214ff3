/**
 * The watch screen through a real pseudo-terminal: tsnetstat runs in a tmux pane (its own tmux
 * server, named after this process), the test opens and closes its own loopback sockets (port 0),
 * and reads the screen back with `capture-pane`. Conditions are polled (bounded), never timed.
 * Also the pipe side: `--changes --json` events of real sockets, parsed back.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const hasTmux = (() => {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SOCKET = `tsn-tty-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
/** The pane as text (`escapes`: with colour attributes as SGR sequences). */
const screen = (escapes = false): string[] => tmux('capture-pane', '-p', '-t', 'w', ...(escapes ? ['-e'] : [])).split('\n');
const paneFlag = (name: string): string => tmux('display-message', '-p', '-t', 'w', `#{${name}}`).trim();

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` until it returns a value (at most ~30 s); fail with the last screen otherwise. */
async function waitFor<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    await pause(100);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${screen().join('\n')}`);
}

async function listen(): Promise<{ server: net.Server; port: number; accepted: net.Socket[] }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => accepted.push(s)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as net.AddressInfo).port, accepted };
}

describe.skipIf(!hasTmux)('the watch screen in a real terminal (tmux)', () => {
  let socketPath = '';
  beforeAll(() => {
    tmux('new-session', '-d', '-s', 'w', '-x', '120', '-y', '30', 'bash --norc --noprofile');
    socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      /* already gone */
    }
    if (socketPath.includes(SOCKET)) rmSync(socketPath, { force: true });
  });

  it('redraws in place, marks new (+) and closed (-) rows, colours states; Ctrl+C restores the terminal and exits 0', async () => {
    const { server, port, accepted } = await listen();
    const row = (line: string): boolean => line.includes(`127.0.0.1:${port} `);
    try {
      const cmd = `env -u NO_COLOR -u FORCE_COLOR TERM=xterm TSNETSTAT_STYLE=linux '${process.execPath}' '${BIN}' -tan --port ${port} 1; echo "exit=$?"`;
      tmux('send-keys', '-t', 'w', '-l', cmd);
      tmux('send-keys', '-t', 'w', 'Enter');

      // The first frame: status line on top, the listener, the alternate screen, no cursor.
      await waitFor('the listener on screen', () => screen().some((l) => row(l) && l.includes('LISTEN')));
      expect(screen()[0]).toMatch(new RegExp(`^Every 1s: tsnetstat -tan --port ${port} 1 +\\d\\d:\\d\\d:\\d\\d +1 socket`));
      expect(paneFlag('alternate_on')).toBe('1');
      expect(paneFlag('cursor_flag')).toBe('0');
      const listenLine = screen(true).find((l) => row(l) && l.includes('LISTEN')) ?? '';
      expect(listenLine).toMatch(/\x1b\[36mLISTEN/); // cyan, chalk's colour for LISTEN

      // A connection opens: both ends appear marked `+` (for one tick).
      const client = net.connect(port, '127.0.0.1');
      await once(client, 'connect');
      const added = await waitFor('two rows marked +', () => {
        const s = screen();
        const plus = s.filter((l) => l.startsWith('+ tcp') && l.includes('ESTABLISHED') && l.includes(`:${port} `));
        return plus.length === 2 ? s : undefined;
      });
      expect(added[0]).toMatch(/3 sockets: \+2 new, -0 closed, ~0 changed/);
      // Redrawn in place: the status line is still the first line, the header right below it.
      expect(added[1]).toBe('  Active Internet connections (servers and established)');

      // The marks last one tick: the next frame shows the same rows unmarked.
      await waitFor('the + marks gone', () => screen().filter((l) => row(l) || l.includes(`:${port} `)).every((l) => l.startsWith('  ')) || undefined);

      // The connection closes: the server side disappears (shown `-`, dimmed, for one tick), the client side goes TIME_WAIT (`~`).
      client.destroy();
      for (const s of accepted) s.destroy();
      const closedLine = await waitFor('a row marked -', () => screen(true).find((l) => l.includes('- ') && l.includes(`127.0.0.1:${port} `) && l.includes('ESTABLISHED')));
      expect(closedLine).toMatch(/\x1b\[[0-9;]*2m/); // dim
      await waitFor('TIME_WAIT on screen', () => screen().some((l) => l.includes('TIME_WAIT') && l.includes(`:${port} `)));
      expect(paneFlag('history_size')).toBe('0'); // nothing scrolled

      // Ctrl+C: the shell's screen comes back with the cursor, and the exit status is 0.
      tmux('send-keys', '-t', 'w', 'C-c');
      await waitFor('the exit status', () => screen().some((l) => l.startsWith('exit=')));
      expect(screen().find((l) => l.startsWith('exit='))).toBe('exit=0');
      expect(paneFlag('alternate_on')).toBe('0');
      expect(paneFlag('cursor_flag')).toBe('1');
      expect(screen().some((l) => l.startsWith('Every 1s'))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('a small terminal: lines cut to its width, the table to its height', async () => {
    const { server, port } = await listen();
    const clients: net.Socket[] = [];
    try {
      for (let i = 0; i < 12; i++) clients.push(net.connect(port, '127.0.0.1'));
      await Promise.all(clients.map((c) => once(c, 'connect')));
      tmux('resize-window', '-t', 'w', '-x', '80', '-y', '10');
      tmux('send-keys', '-t', 'w', '-l', `TSNETSTAT_STYLE=linux '${process.execPath}' '${BIN}' -tan --port ${port} 1; echo "exit=$?"`);
      tmux('send-keys', '-t', 'w', 'Enter');
      const s = await waitFor('the truncated table', () => {
        const lines = screen();
        return lines.some((l) => /^… \d+ more lines/.test(l)) ? lines : undefined;
      });
      expect(s[0]).toMatch(/^Every 1s: /);
      expect(s[0]).toMatch(/ 25 sockets/); // 12 clients, 12 accepted, the listener
      for (const l of s) expect(l.length).toBeLessThanOrEqual(79);
      expect(s.filter((l) => l !== '')).toHaveLength(9); // status + 7 rows + "… more": one row left for the cursor
      tmux('send-keys', '-t', 'w', 'C-c');
      await waitFor('the exit status', () => screen().some((l) => l === 'exit=0'));
    } finally {
      for (const c of clients) c.destroy();
      server.close();
    }
  });
});

describe.skipIf(process.platform !== 'linux')('--changes --json in a pipe: real sockets as NDJSON events', () => {
  it('a connection opening and closing, parsed back; the baseline (the listener) is never an event', async () => {
    const { server, port, accepted } = await listen();
    const child = spawn(process.execPath, [BIN, '-tan', '--port', String(port), '--changes', '--json', '0.2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    type Event = { version: number; event: string; time: string; record: { localPort: number; remotePort: number; state: string }; previous?: { state: string } };
    const events = (): Event[] => out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Event);
    /** Poll the events until `ok` (at most `tries` × 100 ms). */
    const seen = async (ok: (e: Event[]) => boolean, tries = 100): Promise<boolean> => {
      for (let i = 0; i < tries; i++) {
        if (ok(events())) return true;
        await pause(100);
      }
      return false;
    };
    const clients: net.Socket[] = [];
    try {
      // A connection made before tsnetstat took its first snapshot is part of the silent baseline:
      // open new ones until one is reported.
      let client: net.Socket | undefined;
      for (let attempt = 0; attempt < 20 && client === undefined; attempt++) {
        const c = net.connect(port, '127.0.0.1');
        clients.push(c);
        await once(c, 'connect');
        const p = c.localPort as number;
        if (await seen((e) => e.some((x) => x.event === 'new' && x.record.remotePort === p), 30)) client = c;
      }
      expect(client).toBeDefined();
      const clientPort = (client as net.Socket).localPort as number;
      await seen((e) => e.some((x) => x.event === 'new' && x.record.localPort === clientPort));
      for (const c of clients) c.destroy();
      for (const s of accepted) s.destroy();
      expect(await seen((e) => e.some((x) => x.event === 'closed' && x.record.localPort === port && x.record.remotePort === clientPort))).toBe(true);
      const ev = events();
      for (const e of ev) {
        expect(e.version).toBe(1);
        expect(new Date(e.time).getTime()).not.toBeNaN();
      }
      const news = ev.filter((e) => e.event === 'new').map((e) => `${e.record.localPort}>${e.record.remotePort} ${e.record.state}`);
      expect(news).toContain(`${port}>${clientPort} ESTABLISHED`);
      expect(news).toContain(`${clientPort}>${port} ESTABLISHED`);
      expect(ev.some((e) => e.record.remotePort === 0)).toBe(false); // the listener was there from the start
    } finally {
      child.kill('SIGINT');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(err).toBe('');
      server.close();
    }
  });
});
