/** Fixed-width column helpers shared by the text renderers (pure, printf semantics). */

/** `%-Ns`: pad right to `n`, never truncate. */
export function padRight(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** `%Ns`: pad left to `n`, never truncate. */
export function padLeft(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** `%-N.Ns`: pad right to `n` and cut at `n`. */
export function fit(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : padRight(s, n);
}
