/**
 * Reading a procfs table in pieces of whole lines (`readProcLines`) and parsing it piece by piece
 * gives the same records, line numbers included, as parsing the whole text at once.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcNetInet } from '../../src/parse/linux/proc-net-inet.js';
import { readProcLines } from '../../src/probe/io.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/linux-proc/${name}`, import.meta.url), 'latin1');

/** A large table: the rows of a real capture repeated (the header once), one row broken. */
function bigTable(): string {
  const lines = fixture('jc-net_tcp.txt').split('\n').filter(Boolean);
  const rows: string[] = [];
  for (let i = 0; rows.length < 3000; i++) rows.push(lines[1 + (i % (lines.length - 1))] as string);
  rows[1234] = '  12: not a row';
  return `${lines[0]}\n${rows.join('\n')}\n`;
}

function pieces(text: string, bufSize: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsn-lines-'));
  const file = join(dir, 'tcp');
  writeFileSync(file, text, 'latin1');
  const fd = openSync(file, 'r');
  const out: string[] = [];
  try {
    readProcLines(fd, Buffer.alloc(bufSize), (t) => out.push(t));
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

describe('readProcLines', () => {
  it('a line longer than the buffer grows it and comes out whole', () => {
    const long = `${'x'.repeat(100_000)}\n`;
    const text = `head\n${long}tail 1\ntail 2\n`;
    const got = pieces(text, 32768);
    for (const p of got) expect(p.endsWith('\n')).toBe(true);
    expect(got.join('')).toBe(text);
    expect(got.some((p) => p.includes(long))).toBe(true);
  });

  it('hands out whole lines, in order, that add up to the file', () => {
    const text = bigTable();
    const got = pieces(text, 32768);
    expect(got.length).toBeGreaterThan(5);
    for (const p of got) expect(p.endsWith('\n')).toBe(true);
    expect(got.join('')).toBe(text);
  });

  it('piece-by-piece parsing equals parsing the whole text (records, skipped lines and their numbers)', () => {
    const text = bigTable();
    const whole = parseProcNetInet(text, 'tcp', { littleEndian: true });
    const records: unknown[] = [];
    const skipped: unknown[] = [];
    let firstLine = 1;
    for (const p of pieces(text, 32768)) {
      const r = parseProcNetInet(p, 'tcp', { littleEndian: true, firstLine, onRecords: (b) => records.push(...b) });
      firstLine += r.lines;
      skipped.push(...r.skipped);
    }
    expect(whole.skipped).toHaveLength(1);
    expect(whole.skipped[0]?.line).toBe(1236);
    expect(skipped).toEqual(whole.skipped);
    expect(records).toEqual(whole.records);
    expect(records).toHaveLength(2999);
  });
});
