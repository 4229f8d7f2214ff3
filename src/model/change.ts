/**
 * Change events between two snapshots of sockets (watch mode, `--changes`). Computed by
 * `watch/diff.ts`, rendered by `render/events.ts` and the watch screen.
 */
import type { SocketRecord } from './socket.js';

/** `new`: appeared since the last tick; `closed`: gone since; `changed`: state or owners differ. */
export type ChangeKind = 'new' | 'closed' | 'changed';

/** What differs in a `changed` record. */
export type ChangedField = 'state' | 'owners';

export interface Change {
  kind: ChangeKind;
  /** The record now; for `closed`, as it was last seen. */
  record: SocketRecord;
  /** For `changed`: the record at the previous tick. */
  previous?: SocketRecord;
  /** For `changed`: what differs. */
  fields?: ChangedField[];
}

/** The changes of one tick. */
export interface TickDiff {
  /** True for the first snapshot: everything is the baseline, nothing is a change. */
  first: boolean;
  /** Closed records in their old order, then new and changed ones in the order of the snapshot. */
  changes: Change[];
  /** Records in this snapshot. */
  total: number;
  added: number;
  closed: number;
  changed: number;
}
