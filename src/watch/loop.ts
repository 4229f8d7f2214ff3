/**
 * The repetition of every listing and view: one tick, then one every interval, until Ctrl+C or
 * the reader goes away. The only place that waits between snapshots (the timer itself is the
 * entry's `sleep`, which a signal cuts short). A tick is measured from the end of the previous
 * one, as net-tools and netstat.exe do.
 */

export interface LoopDeps {
  /** Resolves true after `ms`, or false early when the run is interrupted. */
  sleep(ms: number): Promise<boolean>;
  /** True once Ctrl+C (SIGINT/SIGTERM) was received. */
  interrupted(): boolean;
}

/**
 * Run `tick(n)` for n = 0, 1, 2 … : once when `intervalSeconds` is null, otherwise until
 * interrupted or until a tick returns false (the reader went away).
 */
export async function repeatTicks(intervalSeconds: number | null, deps: LoopDeps, tick: (n: number) => Promise<boolean>): Promise<void> {
  for (let n = 0; ; n++) {
    if (!(await tick(n))) return;
    if (intervalSeconds === null || deps.interrupted()) return;
    if (!(await deps.sleep(intervalSeconds * 1000))) return;
  }
}
