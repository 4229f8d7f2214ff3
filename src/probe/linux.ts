/**
 * Linux probe: reads `/proc/net/*` and walks `/proc/<pid>/fd` directly (no subprocess).
 * Every path starts from `procRoot`, so tests can replay a fixture tree (like gopsutil's HOST_PROC).
 */
import type { Owner, Proto, SocketRecord } from '../model/socket.js';
import { AF_INET, AF_INET6, InetDiagDecoder, IPPROTO_TCP, IPPROTO_UDP, TCPF_ALL } from '../parse/linux/inet-diag.js';
import { parseProcNetInet } from '../parse/linux/proc-net-inet.js';
import { parseProcNetUnix } from '../parse/linux/proc-net-unix.js';
import { commFromFile, programFromCmdline, socketInodeFromLink } from '../parse/linux/proc-pid.js';
import { errCode, type FileReader } from './io.js';
import type { NetlinkDumper } from './linux-netlink.js';
import { linuxViews } from './linux-views.js';
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
}

/** Socket counts from `/proc/net/sockstat` (`TCP: inuse 5 orphan 0 tw 0 alloc 11 mem 238`). */
export function parseSockstat(text: string): { tcp: number; udp: number } {
  const tcp = /TCP: inuse (\d+) orphan \d+ tw (\d+) alloc (\d+)/.exec(text);
  const udp = /UDP: inuse (\d+)/.exec(text);
  return {
    tcp: tcp ? Math.max(Number(tcp[3]), Number(tcp[1]) + Number(tcp[2])) : 0,
    udp: udp ? Number(udp[1]) : 0,
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

/** Result of one walk over `/proc/<pid>/fd`. */
export interface OwnerWalk {
  /** Socket inode → every process holding it, in `/proc` directory order. */
  owners: Map<number, Owner[]>;
  /** Processes whose fd directory could not be read for lack of permission. */
  denied: number;
  /** Processes whose fd directory was read. */
  readable: number;
}

/**
 * Walk every process's fd directory once and map socket inodes to their owners.
 * Processes that exit during the walk are skipped; permission errors are counted.
 * When `wanted` is given, only those inodes are kept (names are read only for their owners).
 */
export function walkSocketOwners(fs: FileReader, procRoot: string, wanted?: ReadonlySet<number>): OwnerWalk {
  const owners = new Map<number, Owner[]>();
  let denied = 0;
  let readable = 0;
  let pids: string[];
  try {
    pids = fs.list(procRoot);
  } catch {
    return { owners, denied: 1, readable: 0 };
  }
  for (const pidText of pids) {
    const c = pidText.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const pid = Number(pidText);
    if (!Number.isInteger(pid)) continue;
    const fdDir = `${procRoot}/${pidText}/fd`;
    let fds: string[];
    try {
      fds = fs.list(fdDir);
    } catch (e) {
      const code = errCode(e);
      if (code === 'EACCES' || code === 'EPERM') denied++;
      continue; // ENOENT/ESRCH: the process exited
    }
    readable++;
    let owner: Owner | undefined;
    const seen = new Set<number>();
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.link(`${fdDir}/${fd}`);
      } catch {
        continue;
      }
      if (target.charCodeAt(0) !== 115 /* s */ && target.charCodeAt(0) !== 91 /* [ */) continue;
      const inode = socketInodeFromLink(target);
      if (inode < 0 || (wanted && !wanted.has(inode)) || seen.has(inode)) continue;
      seen.add(inode);
      if (!owner) owner = readOwner(fs, procRoot, pidText, pid);
      const list = owners.get(inode);
      if (list) list.push(owner);
      else owners.set(inode, [owner]);
    }
  }
  return { owners, denied, readable };
}

function readOwner(fs: FileReader, procRoot: string, pidText: string, pid: number): Owner {
  let name = '';
  let program = '';
  try {
    name = commFromFile(fs.read(`${procRoot}/${pidText}/comm`));
  } catch {
    /* exited or hidden: keep the pid */
  }
  try {
    program = programFromCmdline(fs.read(`${procRoot}/${pidText}/cmdline`));
  } catch {
    /* idem */
  }
  return { pid, name, program };
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
        const c = parseSockstat(fs.read(`${procRoot}/net/sockstat`));
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
        const walk = walkSocketOwners(fs, procRoot);
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
