/** A line a parser could not use: never dropped silently, reported with source and line number. */
export interface SkippedLine {
  /** Where the text came from, e.g. `/proc/net/tcp` or a file name. */
  source: string;
  /** 1-based line number. */
  line: number;
  text: string;
  reason: string;
}

/** What every parser returns: the records, and the lines it had to skip. */
export interface Parsed<T> {
  records: T[];
  skipped: SkippedLine[];
}
