/**
 * Picks the probe for the running OS. Each backend is loaded with a dynamic import, so the
 * Windows FFI is never loaded on Linux or macOS start-up (and the reverse).
 */
import { RunError } from '../model/errors.js';
import { nodeFileReader, type CommandRunner } from './io.js';
import type { Probe } from './types.js';

export interface HostFacts {
  platform: string;
  littleEndian: boolean;
  euid: number | null;
  run: CommandRunner;
}

/** Create the probe for this host. */
export async function createHostProbe(host: HostFacts): Promise<Probe> {
  switch (host.platform) {
    case 'linux': {
      const { createLinuxProbe } = await import('./linux.js');
      return createLinuxProbe({ fs: nodeFileReader, littleEndian: host.littleEndian, euid: host.euid });
    }
    case 'darwin': {
      const { createDarwinProbe } = await import('./darwin.js');
      return createDarwinProbe({ run: host.run });
    }
    default:
      throw new RunError(`listing sockets is not supported on ${host.platform} yet`, 1);
  }
}
