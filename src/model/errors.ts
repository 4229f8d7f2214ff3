/** An error caused by the command line: printed as one line plus a usage hint, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An error the user can act on at run time (bad file for --parse, unsupported OS …): one line, given exit code. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/**
 * An error meant for the user (UsageError, RunError), recognised by shape rather than class: the
 * optional parts of the command (views, --parse, watch modes, other OSes' probes) are built as
 * separate files, each with its own copy of these classes.
 */
export function isUserError(e: unknown): e is Error & { exitCode: number } {
  return e instanceof Error && (e.name === 'UsageError' || e.name === 'RunError') && typeof (e as { exitCode?: unknown }).exitCode === 'number';
}
