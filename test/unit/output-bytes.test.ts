/**
 * Rows handed to the output as bytes (LineWriter.drainTo → Output.writeBytes, what standard output
 * does on Linux) come out exactly as the strings do, in order with the titles and headers around
 * them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeFs, runMain } from '../helpers/run-main.js';

const fx = (name: string): string => readFileSync(new URL(`../../fixtures/linux-proc/${name}`, import.meta.url), 'latin1');

/** A /proc/net/tcp of `n` rows (a real capture's rows, renumbered with other ports): several 64 KiB chunks of output. */
function bigTcp(n: number): string {
  const lines = fx('jc-net_tcp.txt').split('\n');
  const rows = lines.slice(1).filter((l) => l.trim() !== '');
  const out = [lines[0]];
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length] as string;
    const port = (1024 + i).toString(16).toUpperCase().padStart(4, '0');
    out.push(row.replace(/^\s*\d+: ([0-9A-F]{8}):[0-9A-F]{4}/, (_m, a: string) => `${String(i).padStart(4)}: ${a}:${port}`));
  }
  return `${out.join('\n')}\n`;
}

const files = {
  '/proc/net/tcp': { text: bigTcp(3000) },
  '/proc/net/tcp6': 'fixtures/linux-proc/jc-net_tcp6.txt',
  '/proc/net/unix': 'fixtures/linux-proc/jc-net_unix.txt',
};

describe('rows written as bytes', () => {
  for (const argv of [['-tan'], ['-an'], ['-tanW'], ['-tane'], ['-tan', '--json']]) {
    it(`tsnetstat ${argv.join(' ')}: the same output as strings`, async () => {
      const fs = fakeFs(files);
      const writes = { strings: 0, bytes: 0 };
      const asStrings = await runMain(argv, fs);
      const asBytes = await runMain(argv, fs, { bytes: true, writes });
      expect(asBytes.code).toBe(0);
      expect(asBytes.stdout).toBe(asStrings.stdout);
      expect(asBytes.stdout.split('\n').length).toBeGreaterThan(3000);
      // The net-tools rows went out as bytes (titles and headers as strings); JSON, which does
      // not write through the line writer, as strings. (-N: see netns-probe.test.ts.)
      const direct = !argv.includes('--json');
      expect(writes.bytes > 1).toBe(direct);
    });
  }

  // A long listing (the probe's sockstat count says so) writes JSON records byte by byte too.
  const long = {
    '/proc/net/tcp': { text: bigTcp(6000) },
    '/proc/net/tcp6': 'fixtures/linux-proc/jc-net_tcp6.txt',
    '/proc/net/sockstat': { text: 'sockets: used 6100\nTCP: inuse 6000 orphan 0 tw 0 alloc 6000 mem 0\nUDP: inuse 0 mem 0\n' },
    '/proc/net/sockstat6': { text: 'TCP6: inuse 10\nUDP6: inuse 0\n' },
  };
  // The same tables with a count that makes them a short listing: the other way of writing rows.
  const short = { ...long, '/proc/net/sockstat': { text: 'sockets: used 100\nTCP: inuse 90 orphan 0 tw 0 alloc 90 mem 0\nUDP: inuse 0 mem 0\n' } };
  for (const argv of [['-tan', '--json'], ['-tan']]) {
    it(`tsnetstat ${argv.join(' ')} of 6,000 sockets (a long listing): the rows as bytes, as a short listing writes them`, async () => {
      const writes = { strings: 0, bytes: 0 };
      const asShort = await runMain(argv, fakeFs(short));
      const asLong = await runMain(argv, fakeFs(long), { bytes: true, writes });
      expect(asLong.code).toBe(0);
      expect(asLong.stdout).toBe(asShort.stdout);
      expect(asLong.stdout.split('\n').length).toBeGreaterThan(6000);
      expect(writes.bytes).toBeGreaterThan(1);
    });
  }
});
