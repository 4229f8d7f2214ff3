/**
 * The built command as users run it: bad input, pipes, intervals, Ctrl+C, hostile process names,
 * missing privileges.
 */
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BIN, run, tsnetstat } from './helpers.js';

const linux = process.platform === 'linux';

describe('bad input never shows a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['-Q'], /unknown option -Q/],
    [['--nope'], /unknown option --nope/],
    [['-an', 'soon'], /unexpected argument 'soon'/],
    [['-an', '0'], /bad interval '0'/],
    [['-anp', 'sctp'], /unknown protocol 'sctp'/],
    [['-r', '-i'], /contradict/],
    [['--json', '--csv'], /contradict/],
  ];
  for (const [args, msg] of cases) {
    it(args.join(' '), async () => {
      const r = await tsnetstat(args, null);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(msg);
      expect(lines[1]).toMatch(/--help/);
    });
  }
});

describe.skipIf(!linux)('pipes, intervals and signals', () => {
  it('tsnetstat -an | head -1 exits 0 with no error text', async () => {
    // An interval keeps writing after head has gone, so the broken pipe really happens.
    const r = await run('bash', ['-c', `"${process.execPath}" "${BIN}" -an 0.1 | head -1; echo "status=\${PIPESTATUS[0]}" >&2`]);
    expect(r.stdout).toMatch(/^Active (Internet|UNIX)/);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('status=0\n');
  });

  it('snapshots arrive while the run goes on, and Ctrl+C exits 0', async () => {
    const child = spawn(process.execPath, [BIN, '-tn', '0.2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let headers = 0;
    let tail = '\n';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        // Count snapshot titles as they stream by (a title may straddle two reads).
        const count = (s: string): number => (s.match(/(^|\n)Active Internet/g) ?? []).length;
        const text = tail + d.toString('latin1');
        headers += count(text) - count(tail);
        tail = text.slice(-20);
        if (headers >= 2) resolve();
      });
    });
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('a process that names itself with escape sequences is printed escaped', async () => {
    const script = "process.title='evil\\u001b[2J'; require('net').createServer().listen(0,'127.0.0.1',function(){console.log(this.address().port)})";
    const child = spawn(process.execPath, ['-e', script, '--', 'padding-so-the-title-fits'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [data] = (await once(child.stdout, 'data')) as [Buffer];
    const port = data.toString().trim();
    try {
      const [linuxStyle, winStyle] = await Promise.all([
        tsnetstat(['-tlnp', '--port', port, '--style', 'linux'], null),
        tsnetstat(['-anb', '--port', port, '--style', 'windows'], null),
      ]);
      for (const r of [linuxStyle, winStyle]) {
        expect(r.stdout).not.toContain('\u001b');
        expect(r.stdout).toContain('evil\\e[2J');
      }
    } finally {
      child.kill();
    }
  });
});

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasNobody = (() => {
  try {
    execFileSync('runuser', ['-u', 'nobody', '--', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!linux || !isRoot || !hasNobody)('without privileges', () => {
  it('other users\' sockets show "-" and one stderr line says why; exit 0', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = await run('runuser', ['-u', 'nobody', '--', process.execPath, BIN, '-tlnp', '--port', String(port), '--style', 'linux']);
      expect(r.code).toBe(0);
      const row = r.stdout.split('\n').find((l) => l.includes(`127.0.0.1:${port} `));
      expect(row).toBeDefined();
      expect(row?.trimEnd().endsWith(' -')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/not all processes could be identified|No info could be read/i);
    } finally {
      server.close();
    }
  });
});
