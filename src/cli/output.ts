/**
 * Where output goes: the one type that the entry (`run.ts`), `main.ts` and the modes (`modes.ts`)
 * share, in its own module so that none of them imports another for it.
 */

/** Where output goes. `write` resolves false once the reader has gone away (EPIPE): stop quietly. */
export interface Output {
  write(chunk: string): Promise<boolean>;
  readonly isTTY: boolean;
  /** The terminal's size, read at each tick (absent or undefined when not a terminal). */
  size?(): { columns: number; rows: number } | undefined;
}
