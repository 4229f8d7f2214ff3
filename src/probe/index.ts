/**
 * Picks the probe for the running OS. Each backend is loaded with a dynamic import, so the
 * Windows FFI is never loaded on Linux or macOS start-up (and the reverse).
 */
import { RunError } from '../model/errors.js';
import { createNodeFileReader, type CommandRunner } from './io.js';
import type { Probe } from './types.js';

export interface HostFacts {
  platform: string;
  littleEndian: boolean;
  euid: number | null;
  run: CommandRunner;
  /** Linux: `proc`, `netlink` or `auto` (env TSNETSTAT_SOURCE, read by the entry). */
  source?: string | undefined;
  /**
   * Linux netlink dumps: `async` (default: recvmmsg() on libuv's thread pool through koffi, no
   * worker to boot) or `worker` (a worker thread; also the fallback). Env TSNETSTAT_NETLINK.
   */
  netlinkThread?: string | undefined;
  /** Told the namespace's socket count before a listing reads the tables (the entry tunes the JIT by it). */
  tableSize?: (sockets: number) => void;
  /**
   * Bundled worker scripts next to the entry (absent when running from sources); a function is
   * asked only when the worker is needed (the standalone executable extracts them then).
   */
  workers?: { netlink?: WorkerScript; owners?: WorkerScript; netns?: WorkerScript };
}

/** Where a worker script is: a URL, or a function giving it (may throw: no worker then). */
export type WorkerScript = URL | (() => URL);

const scriptUrl = (s: WorkerScript): URL => (typeof s === 'function' ? s() : s);

/** Run part of the owner walk in a worker thread (one walk, then the thread ends). */
function ownerWorker(url: WorkerScript): import('./linux-owners.js').OwnerWalkWorker {
  return (procRoot, pids) =>
    new Promise((resolve, reject) => {
      void import('node:worker_threads').then(({ Worker }) => {
        const w = new Worker(scriptUrl(url));
        w.once('message', (m) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
        w.postMessage({ procRoot, pids });
      }).catch(reject);
    });
}

/** Read a namespace no process is in: a worker thread enters it (`setns`), answers once, and ends. */
function enterNetnsWorker(url: WorkerScript): import('./netns-connections.js').EnterNetns {
  return (path, files) =>
    new Promise((resolve) => {
      void import('node:worker_threads').then(({ Worker }) => {
        const w = new Worker(scriptUrl(url));
        w.once('message', (m: { texts?: Record<string, string>; error?: string }) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', (e) => resolve({ error: e.message }));
        w.postMessage({ path, files });
      }).catch((e: unknown) => resolve({ error: e instanceof Error ? e.message : String(e) }));
    });
}

/** Read namespaces' `/proc/<pid>/net` tables on a worker thread (one batch, then the thread ends). */
function netnsTablesWorker(url: WorkerScript): (roots: readonly string[], files: readonly string[]) => Promise<Record<string, string>[]> {
  return (roots, files) =>
    new Promise((resolve, reject) => {
      void import('node:worker_threads').then(({ Worker }) => {
        const w = new Worker(scriptUrl(url));
        w.once('message', (m: { results?: Record<string, string>[]; error?: string }) => {
          if (m.results) resolve(m.results);
          else reject(new Error(m.error ?? 'no answer'));
          void w.terminate();
        });
        w.once('error', reject);
        w.postMessage({ roots: [...roots], files: [...files] });
      }).catch(reject);
    });
}

/** Create the probe for this host. */
export async function createHostProbe(host: HostFacts): Promise<Probe> {
  switch (host.platform) {
    case 'linux': {
      const { createLinuxProbe } = await import('./linux.js');
      const source = host.source === 'proc' || host.source === 'netlink' ? host.source : 'auto';
      return createLinuxProbe({
        fs: createNodeFileReader(),
        littleEndian: host.littleEndian,
        euid: host.euid,
        source,
        ...(host.tableSize ? { tableSize: host.tableSize } : {}),
        ...(host.workers?.owners ? { ownerWorker: ownerWorker(host.workers.owners) } : {}),
        ...(host.workers?.netns ? { enterNetns: enterNetnsWorker(host.workers.netns), readNetnsTables: netnsTablesWorker(host.workers.netns) } : {}),
        netlink: async () => {
          const nl = await import('./linux-netlink.js');
          const script = host.workers?.netlink;
          let url: URL | null = null;
          try {
            url = script ? scriptUrl(script) : null;
          } catch {
            url = null;
          }
          if (host.netlinkThread !== 'worker') {
            const async = await nl.openNetlinkAsync();
            if (async) return async;
          }
          return url ? nl.openNetlinkWorker(url) : nl.openNetlink();
        },
      });
    }
    case 'win32': {
      const { createWindowsProbe } = await import('./windows.js');
      return createWindowsProbe({ run: host.run });
    }
    case 'darwin': {
      const { createDarwinProbe } = await import('./darwin.js');
      return createDarwinProbe({ run: host.run });
    }
    default:
      throw new RunError(`listing sockets is not supported on ${host.platform} yet`, 1);
  }
}
