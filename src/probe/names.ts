/**
 * Name resolution for text output: reverse DNS through the system resolver (getnameinfo, so
 * /etc/hosts and nsswitch apply exactly as for netstat), service names from /etc/services,
 * protocol names from /etc/protocols, users from /etc/passwd, networks from /etc/networks.
 *
 * Lookups run in parallel (bounded), each with a timeout; answers, misses and timeouts are
 * cached for the life of the resolver (across watch ticks). Never one slow lookup after another.
 */
import { parseNetworks } from '../parse/etc/networks.js';
import { parsePasswd } from '../parse/etc/passwd.js';
import { parseProtocols, parseServices } from '../parse/etc/services.js';
import { ipv4ToNumber } from '../parse/common/ip.js';
import type { NameTables } from '../render/names.js';
import type { FileReader } from './io.js';

/** Reverse lookup of one address: the name, or undefined on a miss. */
export type ReverseLookup = (addr: string) => Promise<string | undefined>;

/** The system resolver (libc getnameinfo with NI_NAMEREQD, via libuv's thread pool). */
export const systemReverseLookup: ReverseLookup = async (addr) => {
  // node:dns (and its resolver set-up) only when a name is looked up: never with -n.
  const { lookupService } = await (dns ??= import('node:dns'));
  return new Promise((resolve) => {
    try {
      lookupService(addr, 0, (err, hostname) => resolve(err ? undefined : hostname));
    } catch {
      resolve(undefined);
    }
  });
};
let dns: Promise<typeof import('node:dns')> | undefined;

export interface ResolverOptions {
  fs: FileReader;
  /** Root of /etc (tests point it at a fixture tree). */
  etcRoot?: string;
  lookup?: ReverseLookup;
  /** Per-lookup timeout; a lookup that takes longer is shown numerically. */
  timeoutMs?: number;
  /** Lookups in flight at once. */
  concurrency?: number;
  hostname: string;
}

export interface NameRequest {
  /** Addresses to reverse-resolve. */
  hosts: Iterable<string>;
  /** Use /etc/networks for IPv4 network addresses (x.y.z.0), as net-tools does. */
  networks?: boolean;
  services: boolean;
  users: boolean;
}

export interface Resolver {
  resolve(req: NameRequest): Promise<NameTables>;
}

export function createResolver(opts: ResolverOptions): Resolver {
  const etc = opts.etcRoot ?? '/etc';
  const lookup = opts.lookup ?? systemReverseLookup;
  const timeoutMs = opts.timeoutMs ?? 2000;
  const concurrency = opts.concurrency ?? 32;
  const cache = new Map<string, string | null>();
  let services: Map<string, string> | null = null;
  let users: Map<number, string> | null = null;
  let networks: Map<string, string> | null = null;
  const readOr = (path: string): string => {
    try {
      return opts.fs.read(path);
    } catch {
      return '';
    }
  };
  const loadServices = (): Map<string, string> => {
    if (services) return services;
    services = new Map();
    const s = parseServices(readOr(`${etc}/services`));
    for (const [port, name] of s.tcp) services.set(`tcp/${port}`, name);
    for (const [port, name] of s.udp) services.set(`udp/${port}`, name);
    for (const [num, name] of parseProtocols(readOr(`${etc}/protocols`))) services.set(`raw/${num}`, name);
    return services;
  };

  const one = (addr: string): Promise<void> =>
    new Promise((done) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        cache.set(addr, null);
        done();
      }, timeoutMs);
      timer.unref?.();
      lookup(addr).then(
        (name) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          cache.set(addr, name ?? null);
          done();
        },
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          cache.set(addr, null);
          done();
        },
      );
    });

  return {
    async resolve(req) {
      const hosts = new Map<string, string>();
      const todo: string[] = [];
      const queued = new Set<string>();
      let nets: Map<string, string> | null = null;
      for (const a of req.hosts) {
        if (req.networks && !nets) nets = networks ??= parseNetworks(readOr(`${etc}/networks`));
        if (hosts.has(a)) continue;
        if (nets) {
          const n = ipv4ToNumber(a);
          if (n !== null && (n & 0xff) === 0) {
            const name = nets.get(a);
            if (name) hosts.set(a, name);
            continue;
          }
        }
        const c = cache.get(a);
        if (c !== undefined) {
          if (c !== null) hosts.set(a, c);
        } else if (!queued.has(a)) {
          queued.add(a);
          todo.push(a);
        }
      }
      // Bounded parallelism: `concurrency` lookups in flight, each with its own timeout.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < todo.length) {
          const a = todo[next++] as string;
          await one(a);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
      for (const a of todo) {
        const c = cache.get(a);
        if (c) hosts.set(a, c);
      }
      return {
        hosts,
        services: req.services ? loadServices() : new Map(),
        users: req.users ? (users ??= parsePasswd(readOr(`${etc}/passwd`))) : new Map(),
        hostname: opts.hostname,
      };
    },
  };
}
