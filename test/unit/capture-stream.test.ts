/**
 * `--parse` input read in chunks (pure: the input is an injected async iterable): a capture larger
 * than the 4 MiB head streams through its parser batch by batch with its header carried, skipped
 * lines keep their real numbers, a multi-line record is never cut, and input with no recognised row
 * is given up after 64 MiB. Also the line decoder on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCaptureStream } from '../../src/cli/capture-stream.js';
import type { Query } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { LineDecoder, MAX_LINE } from '../../src/parse/common/line-decoder.js';

const fixture = (p: string): string => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8');
const query = (from: string | null = null): Query => ({ from }) as unknown as Query;

/** `text` as chunks of `size` bytes. */
async function* chunks(bytes: Uint8Array, size = 65536): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function listAll(bytes: Uint8Array): Promise<{ records: SocketRecord[]; warnings: string[]; format: string }> {
  const probe = await openCaptureStream(query(), chunks(bytes), { name: 'big.txt' });
  const records: SocketRecord[] = [];
  const snap = await probe.connections({ transports: ['tcp', 'udp', 'raw', 'unix'], inet4: true, inet6: true, owners: true, ownerNames: true }, (b) => {
    for (const r of b) records.push(r);
  });
  return { records: [...records, ...snap.records], warnings: snap.warnings, format: probe.capture.format };
}

describe('a socket listing larger than the head streams', () => {
  it('net-tools: every row, in order, the header carried into every batch; a bad line keeps its number', async () => {
    const lines = fixture('linux-tools/debian12-netstat-tulpnW.txt').split('\n');
    const head = lines.slice(0, 2);
    const row = lines.find((l) => l.startsWith('tcp ')) as string;
    const body: string[] = [];
    for (let i = 0; i < 120_000; i++) body.push(row.replace(/:45145 /, `:${1024 + (i % 60000)} `));
    body.splice(100_000, 0, 'garbage in the middle');
    const bytes = new TextEncoder().encode([...head, ...body].join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const r = await listAll(bytes);
    expect(r.format).toBe('nettools-netstat');
    expect(r.records).toHaveLength(120_000);
    expect(r.records[0]?.localPort).toBe(1024);
    expect(r.records[119_999]?.localPort).toBe(1024 + (119_999 % 60000));
    expect(r.warnings).toEqual(['big.txt: skipped line 100003 (not a net-tools socket row): garbage in the middle']);
  });

  it('ss … state X (no State column): its header is carried into every batch, so no row after the first batch is lost', async () => {
    const lines = fixture('linux-tools/ss-tn-state-time-wait.txt').split('\n');
    const head = lines.slice(0, 1);
    const row = lines[1] as string;
    const body: string[] = [];
    for (let i = 0; i < 120_000; i++) body.push(row.replace(/:36622 /, `:${1024 + (i % 60000)} `));
    const bytes = new TextEncoder().encode([...head, ...body].join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const r = await listAll(bytes);
    expect(r.format).toBe('ss');
    expect(r.records).toHaveLength(120_000);
    expect(r.records[119_999]?.localPort).toBe(1024 + (119_999 % 60000));
  });

  it('netstat.exe -b: a record and its owner lines are never cut apart', async () => {
    const text = fixture('windows/win10-netstat-aonb.txt');
    const start = text.indexOf('  TCP ');
    const one = text.slice(start);
    let body = text.slice(0, start);
    while (body.length < 5 << 20) body += one;
    const r = await listAll(new TextEncoder().encode(body));
    expect(r.format).toBe('windows-netstat');
    const copies = Math.floor((body.length - start) / one.length);
    expect(r.records).toHaveLength(318 * copies);
    expect(r.records.filter((x) => x.owners[0]?.name === 'ProductAgentService.exe').length % copies).toBe(0);
  });
});

describe('input without a recognised row', () => {
  it('is given up after 64 MiB, with one line', async () => {
    async function* zeros(): AsyncGenerator<Uint8Array> {
      for (;;) yield new Uint8Array(1 << 20);
    }
    await expect(openCaptureStream(query(), zeros(), { name: '/dev/zero' })).rejects.toThrow(
      /^\/dev\/zero: no row recognised in the first 64 MiB: not a recognised capture: expected netstat/,
    );
  });

  it('a route table over 64 MiB is refused (only socket listings stream)', async () => {
    const text = fixture('linux-tools/debian12-netstat-rn.txt');
    async function* big(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(text);
      const row = new TextEncoder().encode(`${text.split('\n')[2]}\n`.repeat(20000));
      for (;;) yield row;
    }
    await expect(openCaptureStream(query(), big(), { name: 'r.txt' })).rejects.toThrow(/^r\.txt: Linux netstat -r \/ route -n larger than 64 MiB/);
  });
});

describe('LineDecoder', () => {
  it('UTF-16LE with a BOM, split anywhere, CRLF', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('  TCP    0.0.0.0:135\r\n  UDP    x\r\nlast', 'utf16le')]));
    const d = new LineDecoder();
    const out = [...d.push(bytes.subarray(0, 7)), ...d.push(bytes.subarray(7, 31)), ...d.push(bytes.subarray(31)), ...d.end()];
    expect(out).toEqual(['  TCP    0.0.0.0:135', '  UDP    x', 'last']);
  });

  it('a line longer than 1 MiB is cut and counted; the next line is intact', () => {
    const d = new LineDecoder();
    const out = [...d.push(new Uint8Array(3 << 20).fill(0x61)), ...d.push(new TextEncoder().encode('aaa\nnext\n')), ...d.end()];
    expect(out.map((l) => l.length)).toEqual([MAX_LINE, 4]);
    expect(out[1]).toBe('next');
    expect(d.cutLines).toBe(1);
  });
});
