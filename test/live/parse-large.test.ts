/**
 * `--parse` of input of any size, through the built command in a child process: `/dev/zero`
 * (no line end ever) and a 200 MB stream of zeros give up after 64 MiB with exit 2 and one line;
 * a socket listing larger than the head is listed as a stream, every row out, in bounded memory.
 * Peak RSS comes from GNU time where it is installed (not timed: speed is `npm run bench:parse`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const linux = process.platform === 'linux';
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const dir = mkdtempSync(join(tmpdir(), 'tsn-11-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run tsnetstat with `args`, stdin from `feed` (bytes written in 1 MiB chunks) or nothing. */
async function parse(args: string[], feed?: { first?: Buffer; chunk: Buffer; times: number }): Promise<{ code: number; stdout: string; stderr: string; rssMB: number | null }> {
  const rss = join(dir, 'rss');
  const cmd = [process.execPath, BIN, ...args];
  const [exe, a] = timeBin ? [timeBin, ['-f', '%M', '-o', rss, ...cmd]] : [cmd[0] as string, cmd.slice(1)];
  const child = spawn(exe, a, { stdio: [feed ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: { ...process.env, TSNETSTAT_STYLE: '' } });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  if (feed && child.stdin) {
    const stdin = child.stdin;
    stdin.on('error', () => undefined); // tsnetstat may give up before the end: EPIPE is expected
    (async () => {
      if (feed.first) stdin.write(feed.first);
      for (let i = 0; i < feed.times && !stdin.destroyed; i++) if (!stdin.write(feed.chunk)) await once(stdin, 'drain').catch(() => undefined);
      stdin.end();
    })().catch(() => undefined);
  }
  const [code] = (await once(child, 'close')) as [number];
  const rssMB = timeBin && existsSync(rss) ? Math.round(Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024) : null;
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), rssMB };
}

describe.skipIf(!linux)('--parse of input of any size', () => {
  it('/dev/zero: gives up after 64 MiB without a recognised row, exit 2, one line, bounded memory', async () => {
    const r = await parse(['--parse', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^tsnetstat: \/dev\/zero: no row recognised in the first 64 MiB: not a recognised capture/)]);
    if (r.rssMB !== null) expect(r.rssMB).toBeLessThan(400);
  });

  it('200 MB of zeros on standard input: the same, and it stops reading', async () => {
    const r = await parse(['--parse', '-'], { chunk: Buffer.alloc(1 << 20), times: 200 });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^tsnetstat: stdin: no row recognised in the first 64 MiB/)]);
    if (r.rssMB !== null) expect(r.rssMB).toBeLessThan(400);
  });

  it('a 100 MB ss listing (real rows, distinct ports) on standard input streams every row out', async () => {
    const lines = readFileSync(join(ROOT, 'fixtures/linux-tools/debian12-ss-tuanpe.txt'), 'utf8').split('\n');
    const row = lines.find((l) => /^tcp\s+ESTAB\s/.test(l)) as string;
    // One 1 MiB chunk of rows, each with its own local port; the header goes first.
    let body = '';
    let n = 0;
    while (body.length < (1 << 20) - 200) body += `${row.replace(/:45145/, `:${1024 + n++}`)}\n`;
    const chunk = Buffer.from(body);
    const times = 100;
    const big = await parse(['--parse', '-', '-n', '--tcp'], { first: Buffer.from(`${lines[0]}\n`), chunk, times });
    expect(big.code).toBe(0);
    expect(big.stdout.split('\n').filter((l) => l.startsWith('tcp ')).length).toBe(n * times);
    if (big.rssMB !== null) expect(big.rssMB).toBeLessThan(400);
  }, 300_000);
});
