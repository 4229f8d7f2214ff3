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
  /**
   * Socket inode → every process holding it, in `/proc` directory order. Lists of one owner are
   * shared between all the sockets of that process (one array per process, not per socket):
   * never push into a list of length 1, replace it (see {@link addOwner}).
   */
  owners: Map<number, Owner[]>;
  /** Processes whose fd directory could not be read for lack of permission. */
  denied: number;
  /** Processes whose fd directory was read. */
  readable: number;
}

/** Add `owner` to `inode`'s list, sharing `single` (the owner's one-element list) when it is the first. */
export function addOwner(owners: Map<number, Owner[]>, inode: number, owner: Owner, single: Owner[]): void {
  const list = owners.get(inode);
  if (!list) owners.set(inode, single);
  else if (list.length === 1) owners.set(inode, [list[0] as Owner, owner]);
  else list.push(owner);
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
    let single: Owner[] = [];
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
      if (!owner) {
        owner = readOwner(fs, procRoot, pidText, pid);
        single = [owner];
      }
      addOwner(owners, inode, owner, single);
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

/** Decode a transferred walk into `into` (a walk of other processes), or a fresh map. */
export function decodeWalk(e: EncodedWalk, into: Map<number, Owner[]> = new Map()): OwnerWalk {
  const singles = e.ownerList.map((o) => [o]);
  for (let k = 0; k < e.inodes.length; k++) {
    const i = e.ownerIndex[k] as number;
    addOwner(into, e.inodes[k] as number, e.ownerList[i] as Owner, singles[i] as Owner[]);
  }
  return { owners: into, denied: e.denied, readable: e.readable };
}

/** Put each inode's owners (after a merge of two walks) back in `/proc` order. */
export function sortOwners(walk: OwnerWalk, order: readonly string[]): OwnerWalk {
  const rank = new Map<number, number>();
  order.forEach((p, i) => rank.set(Number(p), i));
  for (const list of walk.owners.values()) {
    if (list.length > 1) list.sort((a, b) => (rank.get(a.pid) ?? 0) - (rank.get(b.pid) ?? 0));
  }
  return walk;
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
  const remote = worker(procRoot, theirs);
  const local = walkPids(fs, procRoot, mine);
  // The worker's answer is merged straight into this thread's map (no third copy).
  const theirWalk = await remote.then(
    (e) => decodeWalk(e, local.owners),
    () => {
      const w = walkPids(fs, procRoot, theirs);
      for (const [inode, list] of w.owners) for (const o of list) addOwner(local.owners, inode, o, [o]);
      return w;
    },
  );
  return sortOwners({ owners: local.owners, denied: local.denied + theirWalk.denied, readable: local.readable + theirWalk.readable }, pids);
}
