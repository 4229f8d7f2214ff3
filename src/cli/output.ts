/**
 * Where output goes: the one type that the entry (`run.ts`), `main.ts` and the modes (`modes.ts`)
 * share, in its own module so that none of them imports another for it.
 */

/** Where output goes. `write` resolves false once the reader has gone away (EPIPE): stop quietly. */
export interface Output {
  write(chunk: string): Promise<boolean>;
  /**
   * Write `length` bytes of `bytes` at once: done (or the run ended quietly, the reader gone) when
   * it returns, so the caller may reuse the buffer. Only an output that writes synchronously has
   * it (standard output as a file, a pipe or /dev/null on Linux); a listing's rows then go out
   * as the bytes they were built in, with no string made and encoded again.
   */
  writeBytes?(bytes: Uint8Array, length: number): void;
  readonly isTTY: boolean;
  /** The terminal's size, read at each tick (absent or undefined when not a terminal). */
  size?(): { columns: number; rows: number } | undefined;
}
