/**
 * The socket listing across network namespaces (Linux `-N`, `--netns`): loaded on demand by the
 * Linux probe. One `/proc/<pid>/fd` walk finds the owners of every namespace's sockets at once
 * (socket inodes are unique host-wide); each namespace's tables are then read as the Linux probe
 * reads ours, from `/proc/<pid>/net` of a process inside it, and every record is tagged with its
 * namespace.
 */
import type { Owner, SocketRecord } from '../model/socket.js';
import type { FileReader } from './io.js';
import type { OwnerWalk } from './linux-owners.js';
import { tablesFor } from './linux-tables.js';
import { discoverNamespaces, selectNamespaces, type NamespaceEntry } from './netns.js';
import { OwnerDetail } from './owner-detail.js';
import type { ConnectionRequest, Probe, RecordSink, Snapshot } from './types.js';

/** Reads a namespace no process is in (a worker thread that `setns`es into it); null when it cannot. */
export type EnterNetns = (path: string, files: readonly string[]) => Promise<{ texts?: Record<string, string>; error?: string }>;

export interface NamespacesContext {
  fs: FileReader;
  procRoot: string;
  /** Where `ip netns` keeps named namespaces; default `/run/netns`. */
  runNetns: string;
  /** The net-tools messages for an incomplete owner walk. */
  ownerWarnings(walk: OwnerWalk): string[];
  /** Our own namespace's listing (netlink for large tables), without owners. */
  own(req: ConnectionRequest, sink: RecordSink): Promise<Snapshot>;
  /** A Linux probe reading `<procRoot>/net/*` through `fs` (another namespace's view), without owners. */
  probeAt(procRoot: string, fs: FileReader): Probe;
  /** The one fd walk of every process. */
  walkOwners(): Promise<OwnerWalk>;
  /** Unit/container/pod lookups, kept for the whole run. */
  detail: OwnerDetail;
  enter?: EnterNetns | undefined;
  /** Reads the tables of namespaces that have a process on another thread (one text map per root). */
  readTables?: ((roots: readonly string[], files: readonly string[]) => Promise<Record<string, string>[]>) | undefined;
}

/** A file reader over texts read elsewhere (a namespace entered by the worker): `<root>/net/<table>`. */
function textsReader(root: string, texts: Record<string, string>): FileReader {
  const get = (path: string): string => {
    const name = path.startsWith(`${root}/net/`) ? path.slice(root.length + 5) : '';
    const t = texts[name];
    if (t === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return t;
  };
  return {
    read: get,
    list: () => [],
    link: (p) => {
      throw Object.assign(new Error(`EINVAL: ${p}`), { code: 'EINVAL' });
    },
  };
}

/** List the sockets of the namespaces `req.namespaces` names (`all`, or one). */
export async function namespacesConnections(ctx: NamespacesContext, req: ConnectionRequest, sink?: RecordSink): Promise<Snapshot> {
  const { list, denied } = discoverNamespaces(ctx.fs, ctx.procRoot, ctx.runNetns);
  const chosen = selectNamespaces(list, req.namespaces ?? 'all', ctx.fs, ctx.procRoot, ctx.runNetns);
  const warnings: string[] = [];
  if (denied > 0 && req.namespaces === 'all')
    warnings.push(`the network namespace of ${denied} process${denied === 1 ? '' : 'es'} could not be read (permission denied: run as root to see every namespace; processes of another user namespace stay hidden even to root)`);
  const sub: ConnectionRequest = { ...req, owners: false, ownerDetail: false };
  delete sub.namespaces;
  // Every other namespace with a process goes to the worker thread, read while this one reads the rest.
  const others = chosen.filter((ns) => !ns.self && ns.pid !== undefined);
  const theirs = new Set(ctx.readTables && others.length >= 2 ? others.filter((_, i) => i % 2 === 1) : []);
  const files = tablesFor(sub);
  const remote = theirs.size > 0 && ctx.readTables ? ctx.readTables([...theirs].map((ns) => `${ctx.procRoot}/${ns.pid}`), files).catch(() => null) : null;
  let owners: Map<number, Owner[]> | null = null;
  if (req.owners) {
    const walk = await ctx.walkOwners();
    warnings.push(...ctx.ownerWarnings(walk));
    if (req.ownerDetail) ctx.detail.fill(walk.owners.values());
    owners = walk.owners;
  }
  const records: SocketRecord[] = [];
  // Namespaces are given out as soon as they are read: this thread's share first, then the worker's.
  const emit = (batch: SocketRecord[]): void => {
    if (batch.length === 0) return;
    if (sink) sink(batch);
    else for (const r of batch) records.push(r);
  };
  const read = async (ns: NamespaceEntry, texts?: Record<string, string>): Promise<void> => {
    const got: SocketRecord[] = [];
    const tag: RecordSink = (batch) => {
      for (const r of batch) {
        r.netns = ns.ref;
        if (owners && r.inode) {
          const o = owners.get(r.inode);
          if (o) r.owners = o;
        }
        got.push(r);
      }
    };
    const snap = texts ? await ctx.probeAt('/netns', textsReader('/netns', texts)).connections(sub, tag) : await readNamespace(ctx, ns, sub, tag);
    if (typeof snap === 'string') warnings.push(snap);
    else {
      warnings.push(...snap.warnings);
      if (snap.records.length > 0) tag(snap.records);
    }
    emit(got);
  };
  for (const ns of chosen) if (!theirs.has(ns)) await read(ns);
  if (remote) {
    const results = await remote;
    let i = 0;
    // A worker that failed leaves its share to this thread.
    for (const ns of theirs) await read(ns, results?.[i++]);
  }
  return { records, warnings };
}

/** One namespace's listing, or why it cannot be read. */
async function readNamespace(ctx: NamespacesContext, ns: NamespaceEntry, req: ConnectionRequest, sink: RecordSink): Promise<Snapshot | string> {
  if (ns.self) return ctx.own(req, sink);
  if (ns.pid !== undefined) return ctx.probeAt(`${ctx.procRoot}/${ns.pid}`, ctx.fs).connections(req, sink);
  const label = ns.ref.name ?? String(ns.ref.inode);
  if (ns.path === undefined || !ctx.enter) return `network namespace ${label}: no process is inside it and it cannot be entered here (skipped)`;
  const got = await ctx.enter(ns.path, tablesFor(req));
  if (!got.texts) return `network namespace ${label}: no process is inside it and setns failed (${got.error ?? 'unknown error'}; needs root and koffi): skipped`;
  return ctx.probeAt('/netns', textsReader('/netns', got.texts)).connections(req, sink);
}
