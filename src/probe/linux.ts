/**
 * Linux probe: reads `/proc/net/*` and walks `/proc/<pid>/fd` directly (no subprocess).
 * Every path starts from `procRoot`, so tests can replay a fixture tree (like gopsutil's HOST_PROC).
 */
import type { Owner, Proto, SocketRecord } from '../model/socket.js';
import { parseProcNetInet } from '../parse/linux/proc-net-inet.js';
import { parseProcNetUnix } from '../parse/linux/proc-net-unix.js';
import { commFromFile, programFromCmdline, socketInodeFromLink } from '../parse/linux/proc-pid.js';
import { errCode, type FileReader } from './io.js';
import { linuxViews } from './linux-views.js';
import type { ConnectionRequest, Probe, Snapshot } from './types.js';

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
  return {
    name: 'linux-proc',
    ...linuxViews({ fs, procRoot, sysRoot: opts.sysRoot ?? '/sys', littleEndian }),
    async connections(req: ConnectionRequest): Promise<Snapshot> {
      const records: SocketRecord[] = [];
      const warnings: string[] = [];
      for (const proto of procNetFiles(req)) {
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
        for (const r of parsed.records) records.push(r);
        for (const s of parsed.skipped) warnings.push(`${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
      }
      if (req.transports.includes('unix')) {
        const path = `${procRoot}/net/unix`;
        try {
          const parsed = parseProcNetUnix(fs.read(path), path);
          for (const r of parsed.records) records.push(r);
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
      return { records, warnings };
    },
  };
}
