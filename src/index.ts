/**
 * tsnetstat as a library: the same records as `tsnetstat --json`.
 *
 * ```ts
 * import { getConnections } from 'tsnetstat';
 * const tcp = await getConnections({ protocols: ['tcp'], owners: true });
 * ```
 */
import { endianness, platform } from 'node:os';
import type { SocketRecord, Transport } from './model/socket.js';
import { createHostProbe } from './probe/index.js';
import { createCommandRunner } from './probe/io.js';

export type { Owner, Proto, Family, SocketRecord, Transport, UnixType } from './model/socket.js';
export type { TcpState } from './model/tcp-state.js';
export { TCP_STATES } from './model/tcp-state.js';
export { JSON_VERSION, publicRecord } from './render/json.js';

export interface ConnectionOptions {
  /** Transports to list (default: tcp, udp, raw, unix). */
  protocols?: Transport[];
  /** Include IPv4 (default true). */
  ipv4?: boolean;
  /** Include IPv6 (default true). */
  ipv6?: boolean;
  /** Attribute sockets to processes (walks every process's fds on Linux; default false). */
  owners?: boolean;
}

/** List the sockets of this machine. Resolves to the records `tsnetstat -a --json` prints. */
export async function getConnections(opts: ConnectionOptions = {}): Promise<SocketRecord[]> {
  const probe = await createHostProbe({
    platform: platform(),
    littleEndian: endianness() === 'LE',
    euid: null,
    run: createCommandRunner({ PATH: globalThis.process?.env?.['PATH'] }),
  });
  try {
    const snap = await probe.connections({
      transports: opts.protocols ?? ['tcp', 'udp', 'raw', 'unix'],
      inet4: opts.ipv4 ?? true,
      inet6: opts.ipv6 ?? true,
      owners: opts.owners ?? false,
      ownerNames: opts.owners ?? false,
    });
    return snap.records;
  } finally {
    probe.close?.();
  }
}
