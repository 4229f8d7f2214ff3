/**
 * Property-based fuzzing (fast-check) of every capture parser, the format detector and the
 * streaming line decoder, fed mutations of the real captures in fixtures/: truncation at any
 * byte, byte flips, shuffled / duplicated / dropped lines, tabs for spaces, CRLF↔LF, UTF-16 with
 * and without BOM, NUL and ESC bytes, lines of 100k characters, one line repeated 10k times.
 *
 * Properties: nothing but the project's one-line user errors is thrown; each case finishes well
 * under a second; every record keeps the JSON contract's invariants (ports 0–65535, known states
 * and protocols, addresses without white space or control characters, prefix lengths in range,
 * counters finite). Seeds are fixed, so CI runs the same cases every time; `FUZZ_RUNS=N npm test`
 * (or `FUZZ_SEED=S`) runs more. Crashes found are kept as named tests in fuzz-regressions.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDecoder } from '../../src/parse/common/line-decoder.js';
import { decodeCapture, numberedLines } from '../../src/parse/common/text.js';
import { formatIds, parseAs, parseCapture } from '../../src/parse/detect.js';
import { guarded, mutate, mutation, params, RUNS, seeds } from '../helpers/fuzz.js';

/** Let the test runner's worker answer its heartbeat between cases (a long run is minutes of parsing). */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Time allowed for one property: generous per run (a loaded machine), never the vitest default. */
const TIMEOUT = 60_000 + RUNS * 500;

describe('fuzzing the parsers with mutated real captures', () => {
  it(`${seeds.length} real captures to mutate`, () => expect(seeds.length).toBeGreaterThan(100));

  it('the format detector and the parser it picks (detection on the whole capture)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await breathe();
        const text = decodeCapture(mutate(m));
        expect(guarded(() => parseCapture(text, { source: 'fuzz' }))).toEqual([]);
      }),
      { ...params(0), numRuns: RUNS * 4 },
    );
  }, TIMEOUT * 4);

  formatIds().forEach((id, n) => {
    it(`--from ${id}`, async () => {
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          await breathe();
          const text = decodeCapture(mutate(m));
          expect(guarded(() => parseAs(id, text, { source: 'fuzz' }))).toEqual([]);
        }),
        params(n + 1),
      );
    }, TIMEOUT);
  });

  it('the streaming line decoder gives the lines the whole-capture decoder gives, however the bytes are cut', () => {
    fc.assert(
      fc.property(mutation, fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 8 }), (m, cuts) => {
        const bytes = mutate(m);
        const d = new LineDecoder();
        const got: string[] = [];
        // The first chunk carries the encoding evidence (as the head read does); then any cuts.
        let at = Math.min(bytes.length, 8192);
        got.push(...d.push(bytes.subarray(0, at)));
        for (let i = 0; at < bytes.length; i++) {
          const n = cuts[i % cuts.length] as number;
          got.push(...d.push(bytes.subarray(at, at + n)));
          at += n;
        }
        got.push(...d.end());
        const want = numberedLines(decodeCapture(bytes)).map((l) => l.text);
        // A lone CR (old Mac line end) is a line end for the whole-capture decoder only.
        if (!want.some((l) => l.includes('\r')) && !got.some((l) => l.includes('\r'))) expect(got).toEqual(want);
      }),
      { ...params(1000), numRuns: Math.max(50, Math.round(RUNS / 2)) },
    );
  }, TIMEOUT);
});
