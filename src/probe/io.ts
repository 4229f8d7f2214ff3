/**
 * The only doors to the OS: a file system reader and a command runner. Probes receive them
 * as parameters, so tests can point them at fixture trees or recorded command output.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, readlinkSync, statSync } from 'node:fs';

/** Synchronous, minimal file access (the `/proc` walk is faster synchronous than with promises). */
export interface FileReader {
  /** File contents as UTF-8 text (latin1 where `binary` is set). Throws like `fs.readFileSync`. */
  read(path: string, binary?: boolean): string;
  /** Directory entry names. Throws like `fs.readdirSync`. */
  list(path: string): string[];
  /** Symbolic link target. Throws like `fs.readlinkSync`. */
  link(path: string): string;
  /** Inode number of a file (`stat`), e.g. of a `/run/netns` entry. Throws like `fs.statSync`. */
  inode?(path: string): number;
  /**
   * A procfs table in pieces of whole lines (latin1), each handed to `sink` as it is read, so a
   * large table is never one buffer or one string. Optional: without it, `read` is used.
   */
  readLines?(path: string, sink: (text: string) => void): void;
}

/**
 * Bytes of whole lines per `readLines` piece (about 300 rows of /proc/net/tcp6). Small enough
 * that each piece's string is an ordinary young object (not a fresh large-object page) and the
 * buffer comes from memory the process already touched: in a VM a first touch of a page costs
 * ~13 µs. Measured at 2,000 sockets: 256 KiB → 64 KiB took the listing from 27.6 to 23.6 ms and
 * its page faults from 583 to 491; 32 and 16 KiB were no faster.
 */
const PIECE = 64 * 1024;

/**
 * Read a procfs table from `fd` into `buf` and hand out its whole lines, piece by piece, without
 * the final EOF `read()` (see `readProcFile`). What follows the last newline of a piece (a row
 * split between two reads) moves to the front of the buffer for the next piece. A line longer
 * than the buffer grows it: returns the buffer used (`buf` or a larger one).
 */
export function readProcLines(fd: number, buf: Buffer, sink: (text: string) => void): Buffer {
  let used = 0;
  for (;;) {
    const n = readSync(fd, buf, used, buf.length - used, null);
    used += n;
    const end = n === 0 || n < 3584;
    if (end || buf.length - used < 16384) {
      const cut = end ? used : buf.lastIndexOf(10, used - 1) + 1;
      if (cut > 0) sink(buf.toString('latin1', 0, cut));
      if (end) return buf;
      buf.copy(buf, 0, cut, used);
      used -= cut;
      // A line longer than the room left (a read shorter than a page would look like the end).
      if (buf.length - used < 16384) {
        const next = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(next, 0, 0, used);
        buf = next;
      }
    }
  }
}

/** Result of running a command. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a program with an argument array (never a shell string). */
export type CommandRunner = (file: string, args: readonly string[], opts?: { env?: Record<string, string> }) => Promise<CommandResult>;

/**
 * Read a procfs file (size 0) with few `read()` calls, into `scratch` (reused: returns the buffer,
 * grown if it had to be). procfs tables are seq_files: each `read()` returns at most the
 * seq_file's page (4 KiB or more), stopping early only at the end of the data, and a final
 * `read()` that returns 0 makes the kernel walk the whole table (e.g. every hash bucket of
 * /proc/net/tcp) once more. So a read that returns well under a page ends the file.
 */
export function readProcFile(fd: number, scratch: Buffer): { buf: Buffer; used: number } {
  let buf = scratch;
  let used = 0;
  for (;;) {
    if (buf.length - used < 16384) {
      const next = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(next, 0, 0, used);
      buf = next;
    }
    const n = readSync(fd, buf, used, buf.length - used, null);
    used += n;
    // Less than 3.5 KiB: the seq_file had nothing more (a full page is ≥ 4 KiB minus one record).
    if (n === 0 || n < 3584) return { buf, used };
  }
}

/**
 * The real file system. One reader keeps one scratch buffer for procfs files, reused across
 * reads and interval ticks (fresh buffers every tick make the process's memory creep).
 */
export function createNodeFileReader(): FileReader {
  let scratch: Buffer = Buffer.allocUnsafe(65536);
  let lines: Buffer = scratch;
  return {
    read(path, binary) {
      const enc = binary ? 'latin1' : 'utf8';
      if (!path.startsWith('/proc/')) return readFileSync(path, enc);
      const fd = openSync(path, 'r');
      try {
        if (fstatSync(fd).size > 0) return readFileSync(fd, enc);
        const r = readProcFile(fd, scratch);
        scratch = r.buf;
        return r.buf.toString(enc, 0, r.used);
      } finally {
        closeSync(fd);
      }
    },
    readLines(path, sink) {
      const fd = openSync(path, 'r');
      try {
        if (lines.length < PIECE) lines = Buffer.allocUnsafe(PIECE);
        lines = readProcLines(fd, lines, sink);
      } finally {
        closeSync(fd);
      }
    },
    list: (path) => readdirSync(path),
    link: (path) => readlinkSync(path),
    inode: (path) => statSync(path).ino,
  };
}

/**
 * The real command runner: `execFile` with an argument array, `LC_ALL=C`, bounded output.
 * `baseEnv` is the environment handed down by the entry (the only code that reads `process`).
 */
export function createCommandRunner(baseEnv: Readonly<Record<string, string | undefined>>): CommandRunner {
  // node:child_process (which loads node:net and the stream modules) only when a command runs:
  // a Linux socket listing never runs one.
  return async (file, args, opts) => {
    const { execFile } = await import('node:child_process');
    return new Promise((resolve) => {
      const env = { ...baseEnv, LC_ALL: 'C', LANG: 'C', ...(opts?.env ?? {}) };
      execFile(file, [...args], { env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
        let code = 0;
        if (err) code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 127;
        resolve({ stdout: String(stdout ?? ''), stderr: String(stderr || (err ? err.message : '')), code });
      });
    });
  };
}

/** The error code of a thrown file-system error (`ENOENT`, `EACCES` …), or ''. */
export function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}
