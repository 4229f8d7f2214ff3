/**
 * Linux probe: reads `/proc/net/*` and walks `/proc/<pid>/fd` directly (no subprocess).
 * Every path starts from `procRoot`, so tests can replay a fixture tree (like gopsutil's HOST_PROC).
 */
import type { Owner, Proto, SocketRecord } from '../model/socket.js';
import { AF_INET, AF_INET6, InetDiagDecoder, IPPROTO_TCP, IPPROTO_UDP, TCPF_ALL } from '../parse/linux/inet-diag.js';
import { parseProcNetInet } from '../parse/linux/proc-net-inet.js';
import { parseProcNetUnix } from '../parse/linux/proc-net-unix.js';
import { errCode, type FileReader } from './io.js';
import type { NetlinkDumper } from './linux-netlink.js';
import { linuxViews } from './linux-views.js';
import { walkSocketOwners, walkSocketOwnersParallel, type OwnerWalk, type OwnerWalkWorker } from './linux-owners.js';

export { walkSocketOwners, type OwnerWalk } from './linux-owners.js';
import type { ConnectionRequest, Probe, RecordSink, Snapshot } from './types.js';

export interface LinuxProbeOptions {
  fs: FileReader;
  /** Root of procfs; default `/proc`. */
  procRoot?: string;
  /** Root of sysfs (interface MTU and flags); default `/sys`. */
  sysRoot?: string;
  /** Host byte order; default little-endian. */
  littleEndian?: boolean;
  /** Effective uid, for the permission message; null when unknown. */
  euid?: number | null;
  /** Opens a netlink sock_diag dumper (the live kernel only); absent in fixture replays. */
  netlink?: () => Promise<NetlinkDumper | null>;
  /** `proc` or `netlink` forces a source; `auto` (default) uses netlink for large tables. */
  source?: 'auto' | 'proc' | 'netlink';
  /** Sockets (from /proc/net/sockstat) above which `auto` switches to netlink. */
  netlinkThreshold?: number;
  /** Runs part of the owner walk on another thread (the live /proc only). */
  ownerWorker?: OwnerWalkWorker;
}

/**
 * Socket counts of this network namespace from `/proc/net/sockstat` and `sockstat6`
 * (`TCP: inuse 5 orphan 0 tw 0 alloc 11 mem 238`, `TCP6: inuse 3`). `alloc` is machine-wide,
 * so only `inuse` and `tw` are counted.
 */
export function parseSockstat(text: string): { tcp: number; udp: number } {
  const tcp = /TCP: inuse (\d+) orphan \d+ tw (\d+)/.exec(text);
  const udp = /UDP: inuse (\d+)/.exec(text);
  const tcp6 = /TCP6: inuse (\d+)/.exec(text);
  const udp6 = /UDP6: inuse (\d+)/.exec(text);
  return {
    tcp: (tcp ? Number(tcp[1]) + Number(tcp[2]) : 0) + (tcp6 ? Number(tcp6[1]) : 0),
    udp: (udp ? Number(udp[1]) : 0) + (udp6 ? Number(udp6[1]) : 0),
  };
}

/** Which `/proc/net` files answer a request, in net-tools order. */
export function procNetFiles(req: ConnectionRequest): Exclude<Proto, 'unix'>[] {
  const out: Exclude<Proto, 'unix'>[] = [];
  for (const t of ['tcp', 'udp', 'raw'] as const) {
    if (!req.transports.includes(t)) continue;
    if (req.inet4) out.push(t);
    if (req.inet6) out.push(`${t}6`);
  }
  return out;
}

/** The net-tools style messages for an incomplete owner walk (one line each). */
export function ownerWarnings(walk: OwnerWalk, euid: number | null): string[] {
  if (walk.denied === 0) return [];
  if (walk.readable === 0)
    return [`(No info could be read for "-p": geteuid()=${euid ?? '?'} but you should be root.)`];
  return [
    `(Not all processes could be identified, non-owned process info will not be shown, you would have to be root to see it all.)`,
  ];
}

/** Create the Linux probe. */
export function createLinuxProbe(opts: LinuxProbeOptions): Probe {
  const fs = opts.fs;
  const procRoot = opts.procRoot ?? '/proc';
  const littleEndian = opts.littleEndian ?? true;
  const threshold = opts.netlinkThreshold ?? 3000;
  let dumper: NetlinkDumper | null | undefined;
  /** The netlink dumper when this request should use it (large tables, no timers), else null. */
  const netlinkFor = async (req: ConnectionRequest): Promise<NetlinkDumper | null> => {
    const source = opts.source ?? 'auto';
    if (!opts.netlink || source === 'proc' || req.timers) return null;
    if (!req.transports.includes('tcp') && !req.transports.includes('udp')) return null;
    if (source === 'auto') {
      try {
        let text = fs.read(`${procRoot}/net/sockstat`);
        try {
          text += fs.read(`${procRoot}/net/sockstat6`);
        } catch {
          /* no IPv6 */
        }
        const c = parseSockstat(text);
        if (c.tcp + c.udp < threshold) return null;
      } catch {
        return null;
      }
    }
    if (dumper === undefined) dumper = await opts.netlink();
    return dumper;
  };
  return {
    name: 'linux-proc',
    ...linuxViews({ fs, procRoot, sysRoot: opts.sysRoot ?? '/sys', littleEndian }),
    async connections(req: ConnectionRequest, sink?: RecordSink): Promise<Snapshot> {
      const records: SocketRecord[] = [];
      const warnings: string[] = [];
      // Stream batches straight to the sink unless owners must be attached first.
      const streaming = sink !== undefined && !req.owners;
      const deliver = (batch: SocketRecord[]): void => {
        if (streaming) sink(batch);
        else for (const r of batch) records.push(r);
      };
      const viaNetlink = await netlinkFor(req);
      const files = procNetFiles(req);
      if (viaNetlink) {
        // TCP and UDP through sock_diag (in /proc order); raw sockets still come from /proc below.
        const inet = files.filter((p): p is 'tcp' | 'tcp6' | 'udp' | 'udp6' => !p.startsWith('raw'));
        const decoders = inet.map((p) => new InetDiagDecoder(p, littleEndian));
        const requests = inet.map((p) => ({
          family: p.endsWith('6') ? AF_INET6 : AF_INET,
          protocol: p.startsWith('tcp') ? IPPROTO_TCP : IPPROTO_UDP,
          states: TCPF_ALL,
        }));
        await viaNetlink.dumpAll(requests, (index, buf, len) => {
          const batch: SocketRecord[] = [];
          const r = decoders[index]?.decode(buf, len, batch);
          if (r?.error) throw new Error(`netlink error ${r.error}`);
          deliver(batch);
        });
      }
      for (const proto of files) {
        if (viaNetlink && !proto.startsWith('raw')) continue;
        const path = `${procRoot}/net/${proto}`;
        let text: string;
        try {
          text = fs.read(path, true);
        } catch (e) {
          // A kernel without IPv6 has no tcp6/udp6/raw6: that family is simply off.
          if (errCode(e) !== 'ENOENT' || !proto.endsWith('6')) warnings.push(`cannot read ${path}: ${errCode(e) || String(e)}`);
          continue;
        }
        const parsed = parseProcNetInet(text, proto, { littleEndian, source: path });
        deliver(parsed.records);
        for (const s of parsed.skipped) warnings.push(`${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
      }
      if (req.transports.includes('unix')) {
        const path = `${procRoot}/net/unix`;
        try {
          const parsed = parseProcNetUnix(fs.read(path), path);
          deliver(parsed.records);
          for (const s of parsed.skipped) warnings.push(`${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
        } catch (e) {
          warnings.push(`cannot read ${path}: ${errCode(e) || String(e)}`);
        }
      }
      if (req.owners) {
        // Large tables: split the walk over two threads (one per core).
        const walk: OwnerWalk =
          opts.ownerWorker && records.length >= threshold
            ? await walkSocketOwnersParallel(fs, procRoot, opts.ownerWorker)
            : walkSocketOwners(fs, procRoot);
        for (const r of records) {
          if (r.inode) {
            const o = walk.owners.get(r.inode);
            if (o) r.owners = o;
          }
        }
        warnings.push(...ownerWarnings(walk, opts.euid ?? null));
      }
      if (sink && !streaming) {
        sink(records);
        return { records: [], warnings };
      }
      return { records, warnings };
    },
    close() {
      dumper?.close();
    },
  };
}
