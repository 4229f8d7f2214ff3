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
   * Bundled worker scripts next to the entry (absent when running from sources); a function is
   * asked only when the worker is needed (the standalone executable extracts them then).
   */
  workers?: { netlink?: WorkerScript; owners?: WorkerScript };
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
      }, reject);
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
        ...(host.workers?.owners ? { ownerWorker: ownerWorker(host.workers.owners) } : {}),
        netlink: async () => {
          const nl = await import('./linux-netlink.js');
          const script = host.workers?.netlink;
          let url: URL | null = null;
          try {
            url = script ? scriptUrl(script) : null;
          } catch {
            url = null;
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
