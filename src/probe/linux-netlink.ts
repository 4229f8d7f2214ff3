/**
 * Netlink `sock_diag` dumps through the koffi FFI (Linux). Loaded only when a listing is large
 * enough to be worth it (koffi costs ~15 ms to load); any failure means "use /proc instead".
 *
 * With a worker thread (two cores), the worker does the blocking `recv()` calls and hands the raw
 * buffers over (transferred, not copied) while the main thread decodes the previous ones, so the
 * kernel's dump time and our decoding overlap.
 */
import { Worker } from 'node:worker_threads';
import { inetDiagRequest } from '../parse/linux/inet-diag.js';

/** One dump: family (AF_INET/AF_INET6), protocol (IPPROTO_TCP/UDP), state mask. */
export interface DumpRequest {
  family: number;
  protocol: number;
  states: number;
}

/** Receives raw netlink messages: `buf[0, len)` holds whole messages of dump number `index`. */
export type ChunkSink = (index: number, buf: Uint8Array, len: number) => void;

/** Runs dumps on netlink sockets. */
export interface NetlinkDumper {
  /** Run the dumps in order, feeding every received buffer to `sink`. Rejects on a netlink error. */
  dumpAll(requests: readonly DumpRequest[], sink: ChunkSink): Promise<void>;
  close(): void;
}

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0x80000;
const NETLINK_SOCK_DIAG = 4;
const NLMSG_DONE = 3;
const NLMSG_ERROR = 2;

/** The libc calls a dump needs, bound through koffi. */
interface Libc {
  fd: number;
  send(req: Uint8Array): number;
  recv(buf: Uint8Array): number;
  close(): void;
}

async function bindLibc(): Promise<Libc | null> {
  try {
    const mod = (await import('koffi')) as unknown as { default?: typeof import('koffi') };
    const koffi = (mod.default ?? mod) as typeof import('koffi');
    const libc = koffi.load('libc.so.6');
    const socket = libc.func('int socket(int, int, int)');
    const sendto = libc.func('long sendto(int, const void *, size_t, int, const void *, int)');
    const recv = libc.func('long recv(int, void *, size_t, int)');
    const close = libc.func('int close(int)');
    const fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG) as number;
    if (fd < 0) return null;
    const kernel = new Uint8Array(12); // sockaddr_nl: AF_NETLINK, pid 0 = the kernel
    kernel[0] = AF_NETLINK;
    return {
      fd,
      send: (req) => Number(sendto(fd, req, req.length, 0, kernel, kernel.length)),
      recv: (buf) => Number(recv(fd, buf, buf.length, 0)),
      close: () => void close(fd),
    };
  } catch {
    return null;
  }
}

/** Scan the messages of one recv: 1 when NLMSG_DONE is among them, a negative errno on NLMSG_ERROR, else 0. */
export function scanForEnd(buf: Uint8Array, len: number): number {
  const v = new DataView(buf.buffer, buf.byteOffset, len);
  let off = 0;
  while (off + 16 <= len) {
    const mlen = v.getUint32(off, true);
    const type = v.getUint16(off + 4, true);
    if (type === NLMSG_DONE) return 1;
    if (type === NLMSG_ERROR) return v.getInt32(off + 16, true) || -1;
    if (mlen < 16) return -1;
    off += (mlen + 3) & ~3;
  }
  return 0;
}

/**
 * Run dumps on this thread, collecting recv results into large batches handed to `emit`
 * (one recv returns at most ~32 KiB; batching keeps hand-offs few). Used in the worker, and
 * directly when no worker is available.
 */
export function dumpInThread(libc: Libc, requests: readonly DumpRequest[], emit: (index: number, buf: Uint8Array, len: number) => void): void {
  // ~2,000 sockets per batch: few hand-offs, and each batch's records die young (low peak memory).
  const BATCH = 256 * 1024;
  const SLACK = 64 * 1024;
  requests.forEach((r, index) => {
    if (libc.send(inetDiagRequest(r.family, r.protocol, r.states, index + 1)) < 0) throw new Error('netlink send failed');
    let buf = new Uint8Array(BATCH);
    let used = 0;
    for (;;) {
      if (buf.length - used < SLACK) {
        emit(index, buf, used);
        buf = new Uint8Array(BATCH);
        used = 0;
      }
      const n = libc.recv(buf.subarray(used));
      if (n <= 0) throw new Error(`netlink recv failed (${n})`);
      const end = scanForEnd(buf.subarray(used), n);
      used += n;
      if (end < 0) throw new Error(`netlink error ${end}`);
      if (end === 1) {
        emit(index, buf, used);
        return;
      }
    }
  });
}

/** Open a dumper on this thread, or null where koffi or netlink is unavailable. */
export async function openNetlink(): Promise<NetlinkDumper | null> {
  const libc = await bindLibc();
  if (!libc) return null;
  return {
    async dumpAll(requests, sink) {
      dumpInThread(libc, requests, sink);
    },
    close: () => libc.close(),
  };
}

/**
 * Open a dumper whose recv() calls run in a worker thread (`workerUrl` is the bundled
 * `netlink-worker.cjs`). Falls back to this thread when the worker cannot start.
 */
export async function openNetlinkWorker(workerUrl: URL): Promise<NetlinkDumper | null> {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl);
  } catch {
    return openNetlink();
  }
  worker.unref();
  return {
    dumpAll(requests, sink) {
      return new Promise((resolve, reject) => {
        const onMessage = (m: { chunk?: ArrayBuffer; len?: number; index?: number; done?: boolean; error?: string }): void => {
          if (m.chunk) sink(m.index ?? 0, new Uint8Array(m.chunk), m.len ?? 0);
          else if (m.done) finish(null);
          else if (m.error !== undefined) finish(new Error(m.error));
        };
        const onError = (e: Error): void => finish(e);
        const finish = (e: Error | null): void => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          if (e) reject(e);
          else resolve();
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ requests });
      });
    },
    close: () => void worker.terminate(),
  };
}

/** Worker side: bind libc once, then serve dump requests. */
export async function serveNetlinkWorker(port: { on(ev: 'message', f: (m: { requests: DumpRequest[] }) => void): void; postMessage(m: unknown, transfer?: ArrayBuffer[]): void }): Promise<void> {
  const libc = await bindLibc();
  port.on('message', ({ requests }) => {
    if (!libc) return port.postMessage({ error: 'netlink unavailable' });
    try {
      dumpInThread(libc, requests, (index, buf, len) => {
        const ab = buf.buffer as ArrayBuffer;
        port.postMessage({ index, chunk: ab, len }, [ab]);
      });
      port.postMessage({ done: true });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  });
}
