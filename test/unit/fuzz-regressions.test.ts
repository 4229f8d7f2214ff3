/**
 * Every case the fuzzer (fuzz-parsers.test.ts) found, kept by name: the real capture, the
 * mutation, the parser, and what went wrong before the fix. Each must now pass the same guard
 * (no exception but a one-line user error, under a second, every record within the contract).
 */
import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseAs, parseCapture } from '../../src/parse/detect.js';
import { guarded, mutate, seeds, type Mutation } from '../helpers/fuzz.js';

/** A case: the seed capture by name (the index moves as fixtures are added), the mutation, the parser. */
interface Case {
  capture: string;
  m: Omit<Mutation, 'seed'>;
  format: string | null;
}

function run(c: Case): string[] {
  const seed = seeds.findIndex((s) => s.name === c.capture);
  expect(seed, c.capture).toBeGreaterThanOrEqual(0);
  const text = decodeCapture(mutate({ ...c.m, seed }));
  return guarded(() => (c.format ? parseAs(c.format, text, { source: 'fuzz' }) : parseCapture(text, { source: 'fuzz' })));
}

const CASES: Readonly<Record<string, Case>> = {
  // indexOf(':') from the line start ran to the next colon of the whole text for a line without one (quadratic; fixed: bounded by the line).
  'proc-net-udp: 20k colon-free ipv6_route lines (two 10k repeats, shuffled, one flipped byte) took 1431 ms': {
    capture: 'linux-proc/k2.6.18-net_ipv6_route.txt',
    m: {
      text: [
        { op: 'repeat', at: 145062323 },
        { op: 'shuffle', keys: [1312560520, 27696464, 2019413928, 868609914, 1580412228, 2136768872] },
        { op: 'repeat', at: 616219818 },
      ],
      encoding: 'utf8',
      bytes: [{ op: 'flip', at: 165080795, mask: 255 }],
    },
    format: 'proc-net-udp',
  },
  'sockstat: an ESC sequence inside an address (1\\u001b[31m92.168.5.2) is dropped with a note, not listed': {
    capture: 'freebsd/freebsd-sockstat.txt',
    m: { text: [{ op: 'ctrl', at: 117, ch: '\u001b[31m' }], encoding: 'utf8', bytes: [] },
    format: null,
  },
  'detector: 10k repeated ss rows and a 100k-space line, UTF-16BE, took 1236 ms': {
    capture: 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt',
    m: { text: [{ op: 'repeat', at: 1236545146 }, { op: 'long', at: 517923205, ch: ' ' }], encoding: 'utf16be', bytes: [] },
    format: null,
  },
  // Quadratic backtracking of the netstat -e row pattern over a 100k-space line (fixed: the label ends on a non-space).
  'windows-netstat-s: a 100k-space line in a shuffled BSD route table, UTF-16BE with two flipped bytes, took 1226 ms': {
    capture: 'freebsd/freebsd10.1-netstat-rnf-inet6.txt',
    m: {
      text: [{ op: 'shuffle', keys: [1286994895] }, { op: 'long', at: 9973458, ch: ' ' }],
      encoding: 'utf16be',
      bytes: [{ op: 'flip', at: 301195402, mask: 211 }, { op: 'flip', at: 1403489938, mask: 215 }],
    },
    format: 'windows-netstat-s',
  },
  'nettools-routes: 20k lines that are no route rows (a capture with CR line ends, repeated), took 37 s (each line copied the rest)': {
    capture: 'linux-tools/ubuntu1804-ss-sudo-a.txt',
    m: { text: [{ op: 'eol', to: '\r' }, { op: 'repeat', at: 123473309 }, { op: 'repeat', at: 1212059408 }], encoding: 'utf16be', bytes: [] },
    format: 'nettools-routes',
  },
  'nettools-netstat: 20k lines that are no socket rows, the same look-ahead': {
    capture: 'linux-tools/ubuntu1804-ss-sudo-a.txt',
    m: { text: [{ op: 'eol', to: '\r' }, { op: 'repeat', at: 123473309 }, { op: 'repeat', at: 1212059408 }], encoding: 'utf16be', bytes: [] },
    format: 'nettools-netstat',
  },
};

describe('fuzzer findings, kept as regressions', () => {
  it.each(Object.entries(CASES))('%s', (_name, c) => expect(run(c)).toEqual([]));
});
