/** Fixed-width column helpers shared by the text renderers (pure, printf semantics). */

const SPACES = ' '.repeat(256);

/** `n` spaces. */
export function spaces(n: number): string {
  return n <= 256 ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** `%-Ns`: pad right to `n`, never truncate. */
export function padRight(s: string, n: number): string {
  return s.length >= n ? s : s + spaces(n - s.length);
}

/** `%Ns`: pad left to `n`, never truncate. */
export function padLeft(s: string, n: number): string {
  return s.length >= n ? s : spaces(n - s.length) + s;
}

/**
 * Group a stream of lines into chunks of about `size` characters, so a 100k-row table is written
 * in a few hundred writes without ever being one string.
 */
export function* batched(lines: Iterable<string>, size = 64 * 1024): Generator<string> {
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** `%-N.Ns`: pad right to `n` and cut at `n`. */
export function fit(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : padRight(s, n);
}

/** `1 host`, `2 hosts`: a count and its word, plural unless the count is 1. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
