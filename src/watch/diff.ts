/**
 * The diff engine of watch mode (pure): what changed between one snapshot of sockets and the next.
 *
 * Identity. A socket is the same across ticks when its protocol and both endpoints (address,
 * scope, port) are the same — not its inode: a connection that enters TIME_WAIT keeps its
 * endpoints but the kernel reports inode 0 for it, and that is a state change, not a close and a
 * new socket. Where several sockets share the endpoints (SO_REUSEPORT listeners, unconnected UDP
 * sockets on one port, unbound unix sockets), they are told apart by inode when both sides know
 * it; two different non-zero inodes are two different sockets (a restarted server: the old
 * listener closed, a new one opened, even on the same address). Unix sockets are keyed by inode
 * where known (Linux), else by type and path.
 *
 * Changes. `new` and `closed` as above; `changed` when the state differs or the set of owning
 * PIDs does (a listener inherited by another process keeps its address and inode but changes
 * owner). Queue sizes move all the time and are not changes.
 *
 * Memory. The tracker keeps the previous snapshot's index and nothing else: after a tick it holds
 * exactly the records of that tick, so memory stays flat however long the watch runs.
 */
import type { Change, ChangedField, TickDiff } from '../model/change.js';
import type { SocketRecord } from '../model/socket.js';

export type { Change, ChangedField, ChangeKind, TickDiff } from '../model/change.js';

function endpoint(addr: string | null, scope: string | undefined, port: number | null): string {
  return scope === undefined ? `${addr}|${port}` : `${addr}%${scope}|${port}`;
}

/** The identity key of a socket (see the file comment). */
export function socketKey(r: SocketRecord): string {
  // The same endpoints in two network namespaces (-N) are two sockets.
  if (r.netns) return `${r.netns.inode}/${socketKeyInNamespace(r)}`;
  return socketKeyInNamespace(r);
}

function socketKeyInNamespace(r: SocketRecord): string {
  if (r.proto === 'unix') return r.inode ? `unix#${r.inode}` : `unix|${r.unixType ?? ''}|${r.path ?? ''}`;
  return `${r.proto}|${endpoint(r.localAddress, r.localScope, r.localPort)}|${endpoint(r.remoteAddress, r.remoteScope, r.remotePort)}`;
}

/** Two records under one key can be the same socket unless both inodes are known and differ. */
function compatible(a: SocketRecord, b: SocketRecord): boolean {
  return !a.inode || !b.inode || a.inode === b.inode;
}

function samePids(a: SocketRecord, b: SocketRecord): boolean {
  const x = a.owners;
  const y = b.owners;
  if (x === y) return true;
  if (x.length !== y.length) return false;
  if (x.length === 1) return x[0]?.pid === y[0]?.pid;
  const px = x.map((o) => o.pid).sort((m, n) => m - n);
  const py = y.map((o) => o.pid).sort((m, n) => m - n);
  return px.every((p, i) => p === py[i]);
}

/** Fields that differ between two records of the same socket (empty: unchanged). */
export function changedFields(before: SocketRecord, after: SocketRecord): ChangedField[] {
  const out: ChangedField[] = [];
  if (before.state !== after.state) out.push('state');
  if (!samePids(before, after)) out.push('owners');
  return out;
}

/** Records of one snapshot by key: a record, or several sharing the key (kept as an array). */
type Index = Map<string, SocketRecord | SocketRecord[]>;

function indexOf(records: readonly SocketRecord[]): Index {
  const index: Index = new Map();
  for (const r of records) {
    const k = socketKey(r);
    const have = index.get(k);
    if (have === undefined) index.set(k, r);
    else if (Array.isArray(have)) have.push(r);
    else index.set(k, [have, r]);
  }
  return index;
}

/**
 * Remembers the previous snapshot and reports what changed in the next one: closed sockets first
 * (in their old order: a restarted server reads `-` old, then `+` new), then new and changed ones
 * in the order of the snapshot.
 */
export class ChangeTracker {
  private previous: Index | null = null;

  /** Number of records the tracker holds (the last snapshot's). */
  get size(): number {
    let n = 0;
    for (const v of this.previous?.values() ?? []) n += Array.isArray(v) ? v.length : 1;
    return n;
  }

  /** Compare `records` with the previous snapshot, then keep them as the new previous one. */
  update(records: readonly SocketRecord[]): TickDiff {
    const current = indexOf(records);
    const prev = this.previous;
    this.previous = current;
    const diff: TickDiff = { first: prev === null, changes: [], total: records.length, added: 0, closed: 0, changed: 0 };
    if (prev === null) return diff;
    const closed: Change[] = [];
    const emit = (c: Change): void => {
      if (c.kind === 'closed') {
        closed.push(c);
        diff.closed++;
        return;
      }
      diff.changes.push(c);
      if (c.kind === 'new') diff.added++;
      else diff.changed++;
    };
    const pair = (before: SocketRecord, after: SocketRecord): void => {
      const fields = changedFields(before, after);
      if (fields.length > 0) emit({ kind: 'changed', record: after, previous: before, fields });
    };
    for (const [key, now] of current) {
      const was = prev.get(key);
      if (was === undefined) {
        if (Array.isArray(now)) for (const r of now) emit({ kind: 'new', record: r });
        else emit({ kind: 'new', record: now });
        continue;
      }
      prev.delete(key); // what is left in `prev` afterwards has closed
      if (!Array.isArray(now) && !Array.isArray(was)) {
        if (compatible(was, now)) pair(was, now);
        else {
          emit({ kind: 'closed', record: was });
          emit({ kind: 'new', record: now });
        }
        continue;
      }
      matchGroup(Array.isArray(was) ? was : [was], Array.isArray(now) ? now : [now], pair, emit);
    }
    for (const was of prev.values()) {
      if (Array.isArray(was)) for (const r of was) emit({ kind: 'closed', record: r });
      else emit({ kind: 'closed', record: was });
    }
    if (closed.length > 0) diff.changes = closed.concat(diff.changes);
    return diff;
  }
}

/** Several sockets under one key: equal inodes first, then in order where compatible. */
function matchGroup(
  was: SocketRecord[],
  now: SocketRecord[],
  pair: (before: SocketRecord, after: SocketRecord) => void,
  emit: (c: Change) => void,
): void {
  const left = [...was];
  const unmatched: SocketRecord[] = [];
  for (const r of now) {
    const i = r.inode ? left.findIndex((p) => p.inode === r.inode) : -1;
    if (i >= 0) pair(left.splice(i, 1)[0] as SocketRecord, r);
    else unmatched.push(r);
  }
  for (const r of unmatched) {
    const i = left.findIndex((p) => compatible(p, r));
    if (i >= 0) pair(left.splice(i, 1)[0] as SocketRecord, r);
    else emit({ kind: 'new', record: r });
  }
  for (const p of left) emit({ kind: 'closed', record: p });
}
