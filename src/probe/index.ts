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
  /** Told the namespace's socket count before a listing reads the tables (the entry tunes the JIT by it). */
  tableSize?: (sockets: number) => void;
  /** Bundled worker scripts next to the entry (absent when running from sources). */
  workers?: { netlink?: URL; owners?: URL };
}

/** Run part of the owner walk in a worker thread (one walk, then the thread ends). */
function ownerWorker(url: URL): import('./linux-owners.js').OwnerWalkWorker {
  return (procRoot, pids) =>
    new Promise((resolve, reject) => {
      void import('node:worker_threads').then(({ Worker }) => {
        const w = new Worker(url);
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
        ...(host.tableSize ? { tableSize: host.tableSize } : {}),
        ...(host.workers?.owners ? { ownerWorker: ownerWorker(host.workers.owners) } : {}),
        netlink: async () => {
          const nl = await import('./linux-netlink.js');
          return host.workers?.netlink ? nl.openNetlinkWorker(host.workers.netlink) : nl.openNetlink();
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
