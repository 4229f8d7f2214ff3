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
