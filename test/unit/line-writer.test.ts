/** The byte-level text builder behind the net-tools rows: `%Nd`, `%-Ns` and chunking. */
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../src/render/line-writer.js';

/** printf's `%*d` for comparison. */
const right = (v: number, width: number): string => String(v).padStart(width, ' ');

describe('LineWriter', () => {
  it('numLeft writes %Nd for every size of integer, as String() does', () => {
    const w = new LineWriter();
    const values = [0, 1, 9, 10, 99, 100, 999, 1000, 65535, 99999, 100000, 123456789, 2 ** 31, 2 ** 32 - 1];
    for (const v of values) w.numLeft(v, 6).char(124);
    expect(w.take()).toBe(values.map((v) => `${right(v, 6)}|`).join(''));
  });

  it('numLeft falls back to the number as text outside unsigned 32-bit integers', () => {
    const w = new LineWriter();
    w.numLeft(-5, 4).char(124).numLeft(2 ** 40, 0).char(124).numLeft(1.5, 5);
    expect(w.take()).toBe(`  -5|${2 ** 40}|  1.5`);
  });

  it('padRight never cuts, spaces(≤0) writes nothing, and non-ASCII text comes back as UTF-8', () => {
    const w = new LineWriter();
    w.padRight('tcp', 5).char(124).padRight('toolongvalue', 4).spaces(-3).char(124).text('ü€');
    expect(w.take()).toBe('tcp  |toolongvalue|ü€');
    // The writer is empty again, and ASCII-only afterwards.
    w.text('abc');
    expect(w.length).toBe(3);
    expect(w.take()).toBe('abc');
  });

  it('grows past its chunk size and says when a chunk is full', () => {
    const w = new LineWriter(16);
    for (let i = 0; i < 10; i++) w.text('0123456789');
    expect(w.full()).toBe(true);
    expect(w.take()).toBe('0123456789'.repeat(10));
    expect(w.full()).toBe(false);
  });
});
