/**
 * Netlink `sock_diag` dumps through the koffi FFI (Linux). Loaded only when a listing is large
 * enough to be worth it (koffi's native module costs ~3 ms to load straight from its package, see
 * koffi-native.ts, ~13 ms through koffi's loader); any failure means "use /proc instead".
 *
 * Three dumpers, one interface: `openNetlinkAsync` (the default: recvmmsg() calls on libuv's thread
 * pool through koffi's async calls, decoded on this thread as they come, no isolate to boot);
 * `openNetlinkWorker` (the fallback: a worker thread does blocking `recv()` calls and hands the raw
 * buffers over, transferred, not copied); `openNetlink` (blocking calls on this thread, where no
 * worker can start). In each, the kernel's dump time and our decoding overlap where they can.
 */
import { inetDiagRequest } from '../parse/linux/inet-diag.js';
import { loadKoffi } from './koffi-native.js';

/** One dump: family (AF_INET/AF_INET6), protocol (IPPROTO_TCP/UDP), state mask. */
export interface DumpRequest {
  family: number;
  protocol: number;
  states: number;
}

/** Receives raw netlink messages: `buf[0, len)` holds whole messages of dump number `index`. */
export type ChunkSink = (index: number, buf: Uint8Array, len: number) => void;

/** How a caller will consume a dump (a hint; every dumper may ignore it). */
export interface DumpHint {
  /** Sockets expected in all the dumps together (from /proc/net/sockstat). */
  sockets: number;
  /**
   * The caller's thread will be busy (an owner walk) while the kernel dumps: fetch each dump
   * whole in one go rather than in pieces that each need the caller to ask for the next.
   */
  busy: boolean;
}

/** Runs dumps on netlink sockets. */
export interface NetlinkDumper {
  /**
   * Run the dumps, feeding every received buffer to `sink`, dump by dump in request order.
   * `buf` is only valid during the call (it may be reused). Rejects on a netlink error.
   */
  dumpAll(requests: readonly DumpRequest[], sink: ChunkSink, hint?: DumpHint): Promise<void>;
  close(): void;
}

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0x80000;
const NETLINK_SOCK_DIAG = 4;
const NLMSG_DONE = 3;
const NLMSG_ERROR = 2;
const MSG_TRUNC = 0x20;
const MSG_WAITFORONE = 0x10000;
/** Largest message a netlink dump puts in one datagram: the kernel caps dump buffers at 32 KiB. */
const SLOT = 32768;
/**
 * Datagrams in the first recvmmsg() of a dump, and the most in one (1 MiB) as calls double.
 * Measured at 100k sockets (ratios to netstat in the same rounds): calls capped at 32 or 16
 * datagrams beat a cap of 128 by ~7% (fewer fresh pages to fault in: the regions are reused) and
 * a fixed 8 by ~1%; growing ×4 (8, 32, 128) or starting every dump at once (the kernel ahead of
 * the decoding) lost.
 */
const FIRST_CALL = 8;
const MAX_CALL = 32;

/** The libc calls a dump needs, bound through koffi. */
interface Libc {
  fd: number;
  send(req: Uint8Array): number;
  recv(buf: Uint8Array): number;
  close(): void;
}

/** koffi and the libc calls both dumpers bind (throws where koffi or libc is unavailable). */
async function loadLibc(): Promise<{
  koffi: typeof import('koffi');
  /** A netlink sock_diag socket (a negative number on failure). */
  open(): number;
  send(fd: number, req: Uint8Array): number;
  close(fd: number): void;
  func: (proto: string) => (...args: unknown[]) => unknown;
}> {
  const koffi = await loadKoffi();
  const libc = koffi.load('libc.so.6');
  const socket = libc.func('int socket(int, int, int)');
  const sendto = libc.func('long sendto(int, const void *, size_t, int, const void *, int)');
  const close = libc.func('int close(int)');
  const kernel = new Uint8Array(12); // sockaddr_nl: AF_NETLINK, pid 0 = the kernel
  kernel[0] = AF_NETLINK;
  return {
    koffi,
    open: () => socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG) as number,
    send: (fd, req) => Number(sendto(fd, req, req.length, 0, kernel, kernel.length)),
    close: (fd) => void close(fd),
    func: (proto) => libc.func(proto) as (...args: unknown[]) => unknown,
  };
}

async function bindLibc(): Promise<Libc | null> {
  try {
    const c = await loadLibc();
    const recv = c.func('long recv(int, void *, size_t, int)');
    const fd = c.open();
    if (fd < 0) return null;
    return {
      fd,
      send: (req) => c.send(fd, req),
      recv: (buf) => Number(recv(fd, buf, buf.length, 0)),
      close: () => c.close(fd),
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

/** A block of C memory for one recvmmsg(): `slots` mmsghdr + iovec pairs, then `slots` × 32 KiB of data. */
interface Region {
  ptr: unknown;
  bytes: Uint8Array;
  view: DataView;
  slots: number;
  /** Size of a pointer: struct msghdr is 7 of them, mmsghdr 8 (msg_len padded to one). */
  ptr8: number;
  data: number;
}

/** The calls of the async dumper, bound through koffi; null where koffi or netlink is unavailable. */
interface AsyncLibc {
  open(): number;
  send(fd: number, req: Uint8Array): number;
  /** Receive up to `count` (≤ the region's slots) datagrams into `region`, on the thread pool. */
  recvmmsg(fd: number, region: Region, count: number, done: (err: unknown, got: number) => void): void;
  region(slots: number): Region;
  free(region: Region): void;
  close(fd: number): void;
}

async function bindAsyncLibc(): Promise<AsyncLibc | null> {
  try {
    const c = await loadLibc();
    const koffi = c.koffi;
    const recvmmsg = c.func('int recvmmsg(int, void *, unsigned int, int, void *)');
    const P = koffi.sizeof('void *');
    const setPtr = (v: DataView, at: number, value: bigint): void => {
      if (P === 8) v.setBigUint64(at, value, true);
      else v.setUint32(at, Number(value), true);
    };
    // The struct layouts below are written little-endian: other hosts take the worker path.
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return null;
    return {
      open: c.open,
      send: c.send,
      region(slots) {
        const mmsg = 8 * P;
        const iov = 2 * P;
        const data = slots * (mmsg + iov);
        const size = data + slots * SLOT;
        const ptr = koffi.alloc('uint8_t', size);
        const bytes = new Uint8Array(koffi.view(ptr, size));
        const view = new DataView(bytes.buffer, bytes.byteOffset, size);
        const base = BigInt(koffi.address(ptr) as bigint | number);
        // No sender address, no control data, flags cleared: the headers start as zeros.
        bytes.fill(0, 0, data);
        for (let i = 0; i < slots; i++) {
          const h = i * mmsg;
          const v = slots * mmsg + i * iov;
          setPtr(view, h + 2 * P, base + BigInt(v)); // msg_iov
          setPtr(view, h + 3 * P, 1n); // msg_iovlen
          setPtr(view, v, base + BigInt(data + i * SLOT)); // iov_base
          setPtr(view, v + P, BigInt(SLOT)); // iov_len
        }
        return { ptr, bytes, view, slots, ptr8: P, data };
      },
      recvmmsg(fd, r, count, done) {
        (recvmmsg as unknown as { async: (...a: unknown[]) => void }).async(fd, r.ptr, Math.min(count, r.slots), MSG_WAITFORONE, null, (err: unknown, got: unknown) =>
          done(err, Number(got)),
        );
      },
      free: (r) => koffi.free(r.ptr as never),
      close: c.close,
    };
  } catch {
    return null;
  }
}

/**
 * Open a dumper that runs on this thread with no worker isolate to boot: each recvmmsg() (many
 * datagrams in one call) runs on libuv's thread pool through koffi's async calls, while this
 * thread decodes the batch before. The kernel always has a call in hand: the next call goes out
 * before a batch is decoded, calls grow (8, 16, 32 datagrams) while this thread is slower than
 * the kernel (its code not yet optimised), and a dump's successor starts the moment its last
 * datagram arrives, each dump on its own netlink socket. With `hint.busy` (this thread will be
 * walking owners meanwhile) all the dumps start at once and each call asks for a whole dump
 * (sized from the expected sockets), so the kernel goes on without this thread. What arrives for
 * a later dump waits until the ones before it are handed over: `sink` sees the request order.
 */
export async function openNetlinkAsync(): Promise<NetlinkDumper | null> {
  const libc = await bindAsyncLibc();
  if (!libc) return null;
  // The C memory is kept for the next listing (an interval run) and freed by close().
  const pool: Region[] = [];
  const made: Region[] = [];
  return {
    dumpAll(requests, sink, hint) {
      const busy = hint?.busy === true;
      // ~250 sockets fit one 32 KiB datagram. A region holds the largest call; the C memory of
      // slots never written is never touched (no resident pages).
      const slots = busy ? Math.max(16, Math.ceil((hint?.sockets ?? 0) / 100)) : MAX_CALL;
      return new Promise<void>((resolve, reject) => {
        const fds: number[] = [];
        const lent: Region[] = [];
        const queues: [Region, number][][] = requests.map(() => []);
        const ended = requests.map(() => false);
        let current = 0;
        let pending = 0;
        let failed = false;
        let settled = false;
        const take = (): Region => {
          const i = pool.findIndex((r) => r.slots >= slots);
          const r = i >= 0 ? (pool.splice(i, 1)[0] as Region) : libc.region(slots);
          if (i < 0) made.push(r);
          lent.push(r);
          return r;
        };
        /** Close the sockets and take the memory back once no call is in flight. */
        const cleanup = (): void => {
          if (pending > 0) return;
          for (const fd of fds.splice(0)) if (fd >= 0) libc.close(fd);
          pool.push(...lent.splice(0));
        };
        const fail = (e: unknown): void => {
          if (failed) return;
          failed = true;
          cleanup();
          reject(e instanceof Error ? e : new Error(String(e)));
        };
        /** Hand over, in request order, whatever has arrived. */
        const drain = (): void => {
          while (current < requests.length && !failed) {
            const q = queues[current] as [Region, number][];
            for (let item = q.shift(); item; item = q.shift()) {
              const [r, got] = item;
              try {
                for (let i = 0; i < got; i++) sink(current, r.bytes.subarray(r.data + i * SLOT), r.view.getUint32((8 * i + 7) * r.ptr8, true));
              } catch (e) {
                return fail(e);
              }
              lent.splice(lent.indexOf(r), 1);
              pool.push(r);
            }
            if (!ended[current]) return;
            current++;
          }
          if (!failed && !settled) {
            settled = true;
            cleanup();
            resolve();
          }
        };
        const calls = requests.map(() => 0);
        const pump = (index: number): void => {
          const r = take();
          const count = busy ? slots : Math.min(MAX_CALL, FIRST_CALL << (calls[index] as number));
          calls[index] = (calls[index] as number) + 1;
          pending++;
          libc.recvmmsg(fds[index] as number, r, count, (err, got) => {
            pending--;
            if (failed) return cleanup();
            if (err || !(got > 0)) return fail(new Error(`netlink recvmmsg failed (${err instanceof Error ? err.message : got})`));
            let end = 0;
            const P = r.ptr8;
            for (let i = 0; i < got; i++) if (r.view.getUint32((8 * i + 6) * P, true) & MSG_TRUNC) end = -1;
            // Nothing follows a dump's end on its socket: only the last datagram can hold it (an
            // error message anywhere else would be the decoder's to report).
            if (end === 0) end = scanForEnd(r.bytes.subarray(r.data + (got - 1) * SLOT), r.view.getUint32((8 * (got - 1) + 7) * P, true));
            if (end < 0) return fail(new Error(`netlink error ${end}`));
            // The next call goes out before this batch is decoded: the kernel works meanwhile.
            if (end === 0) pump(index);
            else {
              ended[index] = true;
              if (!busy && index + 1 < requests.length) start(index + 1);
            }
            (queues[index] as [Region, number][]).push([r, got]);
            if (index === current) drain();
          });
        };
        const start = (index: number): void => {
          const q = requests[index] as DumpRequest;
          const fd = libc.open();
          fds[index] = fd;
          if (fd < 0) return fail(new Error('netlink socket failed'));
          if (libc.send(fd, inetDiagRequest(q.family, q.protocol, q.states, index + 1)) < 0) return fail(new Error('netlink send failed'));
          pump(index);
        };
        if (requests.length === 0) return resolve();
        if (busy) for (let index = 0; index < requests.length && !failed; index++) start(index);
        else start(0);
      });
    },
    close: () => {
      for (const r of made.splice(0)) libc.free(r);
      pool.length = 0;
    },
  };
}

/**
 * Open a dumper whose recv() calls run in a worker thread (`workerUrl` is the bundled
 * `netlink-worker.cjs`). Falls back to this thread when the worker cannot start.
 */
export async function openNetlinkWorker(workerUrl: URL): Promise<NetlinkDumper | null> {
  // Loaded here, not at the top: node:worker_threads costs ~4 ms, and the default dumper needs none.
  const { Worker } = await import('node:worker_threads');
  let worker: import('node:worker_threads').Worker;
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
