/**
 * The entry: the only file that touches `process`. Builds the real dependencies, runs main(),
 * and exits with its code. A broken pipe (`tsnetstat -an | head -1`) ends the run quietly with 0.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { endianness } from 'node:os';
import { createHostProbe, type HostFacts } from '../probe/index.js';
import { createCommandRunner, createNodeFileReader } from '../probe/io.js';
import { createResolver } from '../probe/names.js';
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
 * Run tsnetstat with this process's argv, environment and streams. `entry.workers`: where the
 * worker scripts are (default: next to this bundle; the standalone executable extracts them).
 */
export async function run(entry: { workers?: HostFacts['workers'] } = {}): Promise<void> {
  // Reverse DNS runs on libuv's thread pool: make room for parallel lookups (before any I/O).
  process.env['UV_THREADPOOL_SIZE'] ??= '16';
  let interrupted = false;
  const wakers = new Set<() => void>();
  const onSignal = (): void => {
    interrupted = true;
    for (const w of wakers) w();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stdout = streamOutput(process.stdout);
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
          workers: entry.workers ?? {
            netlink: new URL('./netlink-worker.cjs', import.meta.url),
            owners: new URL('./owners-worker.cjs', import.meta.url),
            netns: new URL('./netns-worker.cjs', import.meta.url),
          },
        }),
      createResolver: () => createResolver({ fs: createNodeFileReader(), hostname: hostname() }),
      readInput: (path) => (path === '-' ? readStdin() : readFile(path)),
      openInput: (path) => (path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 })),
      readServices,
      sleep: (ms) =>
        new Promise((resolve) => {
          if (interrupted) return resolve(false);
          const done = (ok: boolean): void => {
            clearTimeout(t);
            wakers.delete(wake);
            resolve(ok);
          };
          const wake = (): void => done(false);
          const t = setTimeout(() => done(true), ms);
          wakers.add(wake);
        }),
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
  process.stdout.write('', () => process.exit(code));
}
