/** The byte-level text builder behind the net-tools rows: `%Nd`, `%-Ns` and chunking. */
import { describe, expect, it } from 'vitest';
import { LineWriter, LONG_LISTING } from '../../src/render/line-writer.js';

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

  it('bulk mode (prepared byte runs, for a short listing) and loop mode write the same bytes', () => {
    const write = (w: LineWriter): void => {
      for (let i = 0; i < 40; i++) {
        w.repeated(i % 3 === 0 ? 'tcp' : 'udp6').spaces(i % 7).repeated('127.0.0.1').char(58).numLeft(i * 997, 0).spaces(i);
        w.numLeft(i, i % 9).repeated(i % 2 ? 'ESTABLISHED' : 'ü').spaces(130 - i).char(10);
      }
    };
    const bulk = new LineWriter(64);
    bulk.expectRows(LONG_LISTING - 1);
    write(bulk);
    const looped = new LineWriter(64);
    looped.expectRows(LONG_LISTING);
    write(looped);
    const expected = Array.from({ length: 40 }, (_, i) =>
      `${(i % 3 === 0 ? 'tcp' : 'udp6') + ' '.repeat(i % 7)}127.0.0.1:${i * 997}${' '.repeat(i)}${String(i).padStart(i % 9)}${i % 2 ? 'ESTABLISHED' : 'ü'}${' '.repeat(130 - i)}\n`,
    ).join('');
    expect(bulk.take()).toBe(expected);
    expect(looped.take()).toBe(expected);
  });

  it('repeated() keeps at most 1,024 strings and still writes the rest', () => {
    const w = new LineWriter();
    w.expectRows(10);
    for (let i = 0; i < 3000; i++) w.repeated(`h${i}`).char(32);
    for (let i = 0; i < 3000; i++) w.repeated(`h${i}`).char(32);
    const one = Array.from({ length: 3000 }, (_, i) => `h${i} `).join('');
    expect(w.take()).toBe(one + one);
  });
});

