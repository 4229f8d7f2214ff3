/**
 * Which capture formats can be read as a stream, batch by batch (pure): the socket listings,
 * whose rows stand alone once the batch carries the title and column header above it. For each,
 * where a batch may be cut (never inside a multi-line record: a Windows `-b` record, an `ss -e -i
 * -m` row with its extras lines, an `lsof -F` process block) and which lines are context that
 * every later batch needs (section titles, column headers). Every other format (routes, interface
 * tables, statistics) is read whole, within a documented size.
 *
 * Real input lines: `Active Internet connections (servers and established)` (context),
 * `tcp        0      0 0.0.0.0:22   0.0.0.0:*   LISTEN` (a record start).
 */
import { STATELESS_HEADER } from './ss/ss.js';

interface StreamShape {
  /** A batch may start at this line (the first line of a record). */
  recordStart: (line: string) => boolean;
  /** A title or header line the rows after it are read with. */
  context: (line: string) => boolean;
  /** A context line that opens a new section (the context so far is dropped). */
  section?: (line: string) => boolean;
}

const anyLine = (): boolean => true;
const TITLE = /^Active /;

/** The formats read as a stream, with their shape. */
const STREAMED: Readonly<Record<string, StreamShape>> = {
  'nettools-netstat': { recordStart: anyLine, context: (l) => TITLE.test(l) || /^Proto\s/.test(l), section: (l) => TITLE.test(l) },
  'bsd-netstat': { recordStart: anyLine, context: (l) => TITLE.test(l) || /^(Proto|Socket|Address|Tcpcb|Kctl|Kevt)\s/.test(l), section: (l) => TITLE.test(l) },
  // ss: extras (`-e -i -m`) continue a row on lines that start with white space.
  ss: { recordStart: (l) => /^\S/.test(l), context: (l) => /^(Netid|State)\s+Recv-Q/.test(l) || STATELESS_HEADER.test(l) },
  sockstat: { recordStart: anyLine, context: (l) => /^USER\s+COMMAND\s/.test(l) },
  lsof: { recordStart: anyLine, context: (l) => /^COMMAND\s+PID\s/.test(l) },
  // lsof -F: a `p` line opens a process block that the following fields belong to.
  'lsof-f': { recordStart: (l) => /^p\d/.test(l), context: () => false },
  // netstat.exe -b: the owner lines follow their row.
  'windows-netstat': { recordStart: (l) => /^\s+(TCP|UDP)\s/i.test(l), context: (l) => /^\s*Proto\s/.test(l) },
  'proc-net-tcp': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-tcp6': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-udp': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-udp6': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-raw': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-raw6': { recordStart: anyLine, context: (l) => /^\s*sl\s/.test(l) },
  'proc-net-unix': { recordStart: anyLine, context: (l) => /^Num\s+RefCount/.test(l) },
};

/** The stream shape of a format, or undefined when it is read whole. */
export function streamShape(format: string): StreamShape | undefined {
  return STREAMED[format];
}
