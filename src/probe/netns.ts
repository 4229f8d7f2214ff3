/**
 * Every network namespace of a Linux host (`-N`, `--netns`). Namespaces are found from
 * `/proc/<pid>/ns/net` (one link per process, `net:[4026531840]`: distinct inodes are distinct
 * namespaces) and `/run/netns/*` (the ones `ip netns add` named; their inode is the namespace's).
 * Each namespace's tables are read through `/proc/<pid>/net/*` of one process inside it: the
 * kernel shows a process's own namespace there, so no subprocess and no `setns` are needed.
 * A named namespace that no process is in has no such directory: its tables are read by a worker
 * thread that enters it with `setns(2)` (koffi) and reads `/proc/thread-self/net/*` — `setns`
 * moves only the calling thread, and the worker ends afterwards.
 */
import type { NetnsRef } from '../model/socket.js';
import { UsageError } from '../model/errors.js';
import { listPids } from './linux-owners.js';
import type { FileReader } from './io.js';

/** One network namespace and how to read it. */
export interface NamespaceEntry {
  ref: NetnsRef;
  /** A process inside it (its `/proc/<pid>/net` shows the namespace's tables). */
  pid?: string;
  /** The `/run/netns` file of a named namespace (to enter it when no process is inside). */
  path?: string;
  /** Our own namespace (read the usual way, netlink included). */
  self: boolean;
}

/** `net:[4026531840]` → 4026531840, anything else → -1. */
export function netnsInodeFromLink(link: string): number {
  if (!link.startsWith('net:[') || !link.endsWith(']')) return -1;
  const n = Number(link.slice(5, -1));
  return Number.isInteger(n) ? n : -1;
}

/**
 * Every namespace of the host: ours first, then the others in `/proc` order, then named ones no
 * process is in. Processes whose namespace link cannot be read (another user's, without root) are
 * skipped: their namespaces are missed, which `denied` counts.
 */
export function discoverNamespaces(fs: FileReader, procRoot: string, runNetns: string): { list: NamespaceEntry[]; denied: number } {
  const byInode = new Map<number, NamespaceEntry>();
  let denied = 0;
  let self = -1;
  try {
    self = netnsInodeFromLink(fs.link(`${procRoot}/self/ns/net`));
  } catch {
    /* no /proc/self: every namespace is "other" */
  }
  if (self >= 0) byInode.set(self, { ref: { inode: self }, pid: 'self', self: true });
  for (const pid of listPids(fs, procRoot) ?? []) {
    let inode: number;
    try {
      inode = netnsInodeFromLink(fs.link(`${procRoot}/${pid}/ns/net`));
    } catch (e) {
      if ((e as { code?: string }).code === 'EACCES') denied++;
      continue;
    }
    if (inode >= 0 && !byInode.has(inode)) byInode.set(inode, { ref: { inode }, pid, self: false });
  }
  let names: string[] = [];
  try {
    names = fs.list(runNetns).sort();
  } catch {
    /* no named namespaces */
  }
  for (const name of names) {
    const path = `${runNetns}/${name}`;
    let inode: number;
    try {
      inode = fs.inode ? fs.inode(path) : -1;
    } catch {
      continue; // a stale entry (the mount is gone)
    }
    if (inode < 0) continue;
    const known = byInode.get(inode);
    if (known) {
      known.ref.name ??= name;
      known.path ??= path;
    } else byInode.set(inode, { ref: { inode, name }, path, self: false });
  }
  return { list: [...byInode.values()], denied };
}

/**
 * The namespaces `--netns VALUE` (or `all`) means: a PID (its namespace), a path (a `/run/netns`
 * file or `/proc/<pid>/ns/net`), or a name under `/run/netns`. Throws UsageError for one that
 * does not exist.
 */
export function selectNamespaces(all: readonly NamespaceEntry[], value: string, fs: FileReader, procRoot: string, runNetns: string): NamespaceEntry[] {
  if (value === 'all') return [...all];
  let inode = -1;
  try {
    if (/^\d+$/.test(value)) inode = netnsInodeFromLink(fs.link(`${procRoot}/${value}/ns/net`));
    else if (value.includes('/')) inode = value.startsWith(`${procRoot}/`) && value.endsWith('/ns/net') ? netnsInodeFromLink(fs.link(value)) : (fs.inode?.(value) ?? -1);
    else inode = fs.inode?.(`${runNetns}/${value}`) ?? -1;
  } catch {
    inode = -1;
  }
  const found = all.find((e) => e.ref.inode === inode);
  if (!found) throw new UsageError(`no network namespace '${value}': expected a name under ${runNetns}, a path, or a process ID`);
  return [found];
}
