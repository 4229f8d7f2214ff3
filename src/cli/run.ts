/**
 * The entry: the only file that touches `process`. Builds the real dependencies, runs main(),
 * and exits with its code. A broken pipe (`tsnetstat -an | head -1`) ends the run quietly with 0.
 */
import { createReadStream, fstatSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { endianness } from 'node:os';
import { createHostProbe, type HostFacts } from '../probe/index.js';
import { createCommandRunner, createNodeFileReader } from '../probe/io.js';
import { createResolver } from '../probe/names.js';
import { LONG_LISTING } from '../render/line-writer.js';
import { main } from './main.js';
import type { Output } from './output.js';

/** All of standard input as bytes (for `--parse -`). */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The services table: `/etc/services`, or Windows' copy under `%SystemRoot%`. */
function readServices(): string {
  const paths = ['/etc/services'];
  if (process.platform === 'win32') paths.unshift(`${process.env['SystemRoot'] ?? 'C:\\Windows'}\\System32\\drivers\\etc\\services`);
  for (const p of paths) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      /* next */
    }
  }
  return '';
}

/** Platforms where `fdOutput` knows the device numbers (Linux: major 1 = /dev/null and friends). */
const DIRECT_STDOUT: ReadonlySet<string> = new Set(['linux']);

/**
 * Standard output written straight to fd 1 with write(2) while it is a file, a pipe or /dev/null
 * on Linux: no stream modules are loaded, and nothing is left queued at exit. A terminal (the
 * watch screen needs its size), another OS, or a pipe that would block (a non-blocking pipe
 * handed down by the parent: EAGAIN) goes through `process.stdout` instead. The reader going
 * away (EPIPE, `| head -1`) ends the run quietly with 0, as the stream's error handler does.
 */
function fdOutput(): { out: Output; streamed: () => boolean } | null {
  if (!DIRECT_STDOUT.has(process.platform)) return null;
  try {
    const st = fstatSync(1);
    // Character devices other than the memory devices (major 1: /dev/null, /dev/zero) may be terminals.
    if (st.isCharacterDevice() && st.rdev >> 8 !== 1) return null;
  } catch {
    return null;
  }
  let stream: Output | null = null;
  /** A write(2) error: EPIPE ends the run quietly, EAGAIN hands over to the stream, others throw. */
  const failed = (e: unknown): Output => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(0);
    if (code !== 'EAGAIN') throw e;
    return (stream = streamOutput(process.stdout));
  };
  /** Write bytes [off, length) of `bytes`, short writes (a signal, a full pipe) included. */
  const writeFrom = (bytes: Uint8Array, off: number, length: number): Promise<boolean> => {
    while (off < length) {
      // (A stream keeps what it is given until it is flushed: a copy, as the caller reuses its buffer.)
      if (stream) return stream.write(Buffer.from(bytes.subarray(off, length)).toString('utf8'));
      try {
        off += writeSync(1, bytes, off, length - off);
      } catch (e) {
        failed(e);
      }
    }
    return Promise.resolve(true);
  };
  const out: Output = {
    isTTY: false,
    size: () => undefined,
    write(chunk) {
      if (stream) return stream.write(chunk);
      // A string of ASCII only (a table) is the same bytes in latin1: copied, not UTF-8 encoded.
      const encoding = Buffer.byteLength(chunk, 'utf8') === chunk.length ? 'latin1' : 'utf8';
      let n: number;
      try {
        n = writeSync(1, chunk, null, encoding);
      } catch (e) {
        return failed(e).write(chunk);
      }
      const bytes = encoding === 'latin1' ? chunk.length : Buffer.byteLength(chunk);
      if (n === bytes) return Promise.resolve(true);
      // A short write: the rest, as bytes.
      const all = Buffer.from(chunk, encoding);
      return writeFrom(all, n, all.length);
    },
    writeBytes(bytes, length) {
      void writeFrom(bytes, 0, length);
    },
  };
  return { out, streamed: () => stream !== null };
}

function streamOutput(stream: NodeJS.WriteStream): Output {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      process.exit(0);
    }
  });
  let drained: Promise<void> | null = null;
  return {
    isTTY: Boolean(stream.isTTY),
    // Read at every tick, so a resized terminal gets frames of its new size.
    size: () => (stream.isTTY && stream.columns > 0 && stream.rows > 0 ? { columns: stream.columns, rows: stream.rows } : undefined),
    write(chunk) {
      if (closed) return Promise.resolve(false);
      // Node queues what the pipe cannot take yet; one shared 'drain' wait, however many writes.
      if (stream.write(chunk)) return Promise.resolve(!closed);
      drained ??= new Promise<void>((resolve) =>
        stream.once('drain', () => {
          drained = null;
          resolve();
        }),
      );
      return drained.then(() => !closed);
    },
  };
}

/**
 * Sockets from which the optimising compiler (TurboFan) is worth its cost. Below, the listing is
 * done before optimised code would pay back its compile time, and an optimising job still running
 * on V8's background thread at the end holds the exit (the process waits for it): +40 to +90 ms at
 * 200 sockets. So the run starts with `--no-opt` (Ignition and Sparkplug only) and turns TurboFan
 * on once the probe reports a large table, or an interval run goes on to a second tick. Measured
 * (user-space instructions, all threads): at 20,000 sockets TurboFan saves ~58 k instructions a
 * row (2,619 M → 1,453 M for the `/proc` path), against a compile cost of a few hundred million,
 * which puts the break-even near 3,000–4,000 rows; at 2,000 the exit wait tips it to `--no-opt`.
 */
const OPTIMISE_FROM = LONG_LISTING;

/**
 * V8's `setFlagsFromString`, without loading `node:v8` where that can be avoided: that module
 * brings Node's stream modules along (~3 ms at every start, of a 25–40 ms budget at 200–2,000
 * sockets). `process.binding('v8')` (deprecated, still in Node 20) is the same native function; its
 * deprecation warning is muted for that one call. Where it is gone or different, `node:v8`.
 */
function v8Flags(): (flags: string) => void {
  try {
    const muted = process.noDeprecation;
    process.noDeprecation = true;
    try {
      const binding = (process as unknown as { binding(name: string): { setFlagsFromString?: unknown } }).binding('v8');
      const set = binding.setFlagsFromString;
      if (typeof set === 'function') return (flags) => void (set as (f: string) => void).call(binding, flags);
    } finally {
      process.noDeprecation = muted;
    }
  } catch {
    /* no process.binding: node:v8 below */
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:v8') as typeof import('node:v8')).setFlagsFromString;
}

/**
 * Run tsnetstat with this process's argv, environment and streams. `entry.workers`: where the
 * worker scripts are (default: next to this bundle; the standalone executable extracts them).
 */
export async function run(entry: { workers?: HostFacts['workers'] } = {}): Promise<void> {
  const setFlagsFromString = v8Flags();
  setFlagsFromString('--no-opt');
  let optimised = false;
  const optimise = (): void => {
    if (!optimised) setFlagsFromString('--opt');
    optimised = true;
  };
  let interrupted = false;
  const wakers = new Set<() => void>();
  const onSignal = (): void => {
    interrupted = true;
    for (const w of wakers) w();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const direct = fdOutput();
  const stdout = direct ? direct.out : streamOutput(process.stdout);
  let code: number;
  try {
    code = await main({
      argv: process.argv.slice(2),
      env: process.env,
      platform: process.platform,
      stdout,
      stderr: { write: (s) => void process.stderr.write(s) },
      createProbe: () =>
        createHostProbe({
          platform: process.platform,
          littleEndian: endianness() === 'LE',
          euid: typeof process.geteuid === 'function' ? process.geteuid() : null,
          run: createCommandRunner(process.env),
          source: process.env['TSNETSTAT_SOURCE'],
          netlinkThread: process.env['TSNETSTAT_NETLINK'],
          tableSize: (sockets) => {
            if (sockets >= OPTIMISE_FROM) optimise();
          },
          workers: entry.workers ?? {
            netlink: new URL('./netlink-worker.cjs', import.meta.url),
            owners: new URL('./owners-worker.cjs', import.meta.url),
            netns: new URL('./netns-worker.cjs', import.meta.url),
          },
        }),
      createResolver: () => createResolver({ fs: createNodeFileReader(), hostname: hostname() }),
      // Reverse DNS runs on libuv's thread pool: room for parallel lookups (set before its first use).
      lookingUpNames: () => {
        process.env['UV_THREADPOOL_SIZE'] ??= '16';
      },
      readInput: async (path) => (path === '-' ? readStdin() : (await import('node:fs/promises')).readFile(path)),
      openInput: (path) => (path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 })),
      readServices,
      sleep: (ms) => {
        // A run with a second tick lives long enough for optimised code to pay.
        optimise();
        return new Promise((resolve) => {
          if (interrupted) return resolve(false);
          const done = (ok: boolean): void => {
            clearTimeout(t);
            wakers.delete(wake);
            resolve(ok);
          };
          const wake = (): void => done(false);
          const t = setTimeout(() => done(true), ms);
          wakers.add(wake);
        });
      },
      interrupted: () => interrupted,
      onInterrupt: (stop) => {
        if (interrupted) stop();
        else wakers.add(stop);
      },
      now: () => new Date(),
    });
  } catch (e) {
    // A bug, not a usage error: one line, no stack trace unless asked for.
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`tsnetstat: internal error: ${msg}\n`);
    if (process.env['TSNETSTAT_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    code = 70;
  }
  // Exit explicitly: a reverse lookup still in the thread pool must not hold the process.
  if (direct && !direct.streamed()) process.exit(code);
  process.stdout.write('', () => process.exit(code));
}
