/**
 * Socket owners on Linux: one walk over every `/proc/<pid>/fd`, mapping socket inodes to every
 * process that holds them (in `/proc` order, as net-tools picks the first). For large machines
 * the pid list is split between this thread and a worker thread, one per core.
 */
import type { Owner } from '../model/socket.js';
import { commFromFile, programFromCmdline, socketInodeFromLink } from '../parse/linux/proc-pid.js';
import { errCode, type FileReader } from './io.js';

/** Result of one walk over `/proc/<pid>/fd`. */
export interface OwnerWalk {
  /** Socket inode → every process holding it, in `/proc` directory order. */
  owners: Map<number, Owner[]>;
  /** Processes whose fd directory could not be read for lack of permission. */
  denied: number;
  /** Processes whose fd directory was read. */
  readable: number;
}

/** The numeric entries of `/proc`, in directory order (empty if unreadable). */
export function listPids(fs: FileReader, procRoot: string): string[] | null {
  try {
    return fs.list(procRoot).filter((n) => {
      const c = n.charCodeAt(0);
      return c >= 48 && c <= 57;
    });
  } catch {
    return null;
  }
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

/**
 * Walk the fd directories of the given processes. Processes that exit during the walk are
 * skipped; permission errors are counted. With `wanted`, only those inodes are kept.
 */
export function walkPids(fs: FileReader, procRoot: string, pids: readonly string[], wanted?: ReadonlySet<number>): OwnerWalk {
  const owners = new Map<number, Owner[]>();
  let denied = 0;
  let readable = 0;
  for (const pidText of pids) {
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

/** Walk every process's fd directory once. */
export function walkSocketOwners(fs: FileReader, procRoot: string, wanted?: ReadonlySet<number>): OwnerWalk {
  const pids = listPids(fs, procRoot);
  if (!pids) return { owners: new Map(), denied: 1, readable: 0 };
  return walkPids(fs, procRoot, pids, wanted);
}

/** A walk result in transferable form (typed arrays, the distinct owners once). */
export interface EncodedWalk {
  inodes: Float64Array;
  ownerIndex: Int32Array;
  ownerList: Owner[];
  denied: number;
  readable: number;
}

export function encodeWalk(w: OwnerWalk): EncodedWalk {
  let n = 0;
  for (const list of w.owners.values()) n += list.length;
  const inodes = new Float64Array(n);
  const ownerIndex = new Int32Array(n);
  const ownerList: Owner[] = [];
  const index = new Map<Owner, number>();
  let k = 0;
  for (const [inode, list] of w.owners) {
    for (const o of list) {
      let i = index.get(o);
      if (i === undefined) {
        i = ownerList.push(o) - 1;
        index.set(o, i);
      }
      inodes[k] = inode;
      ownerIndex[k++] = i;
    }
  }
  return { inodes, ownerIndex, ownerList, denied: w.denied, readable: w.readable };
}

export function decodeWalk(e: EncodedWalk): OwnerWalk {
  const owners = new Map<number, Owner[]>();
  for (let k = 0; k < e.inodes.length; k++) {
    const inode = e.inodes[k] as number;
    const o = e.ownerList[e.ownerIndex[k] as number] as Owner;
    const list = owners.get(inode);
    if (list) list.push(o);
    else owners.set(inode, [o]);
  }
  return { owners, denied: e.denied, readable: e.readable };
}

/** Merge walks over disjoint pid sets, keeping each inode's owners in `/proc` order. */
export function mergeWalks(order: readonly string[], parts: readonly OwnerWalk[]): OwnerWalk {
  const rank = new Map<number, number>();
  order.forEach((p, i) => rank.set(Number(p), i));
  const owners = new Map<number, Owner[]>();
  let denied = 0;
  let readable = 0;
  for (const part of parts) {
    denied += part.denied;
    readable += part.readable;
    for (const [inode, list] of part.owners) {
      const have = owners.get(inode);
      if (!have) owners.set(inode, list);
      else {
        const merged = [...have, ...list];
        merged.sort((a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0));
        owners.set(inode, merged);
      }
    }
  }
  return { owners, denied, readable };
}

/** Walks a set of pid directories on another thread. */
export type OwnerWalkWorker = (procRoot: string, pids: string[]) => Promise<EncodedWalk>;

/**
 * Walk with two threads: every other process goes to the worker (fd counts are uneven across
 * processes; alternating spreads the large ones), the rest is walked here meanwhile.
 */
export async function walkSocketOwnersParallel(fs: FileReader, procRoot: string, worker: OwnerWalkWorker): Promise<OwnerWalk> {
  const pids = listPids(fs, procRoot);
  if (!pids) return { owners: new Map(), denied: 1, readable: 0 };
  const mine = pids.filter((_, i) => i % 2 === 0);
  const theirs = pids.filter((_, i) => i % 2 === 1);
  const remote = worker(procRoot, theirs).then(decodeWalk, () => walkPids(fs, procRoot, theirs));
  const local = walkPids(fs, procRoot, mine);
  return mergeWalks(pids, [local, await remote]);
}
