/**
 * What every socket listing asks the probe and the resolver for, from the query (shared by the
 * one-shot listing in `main.ts` and the watch, change, summary and audit modes in `modes.ts`).
 */
import { wantsOwnerDetail, wantsOwners, type Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { NameRequest } from '../probe/names.js';
import type { ConnectionRequest } from '../probe/types.js';
import type { NameTables } from '../render/names.js';
import type { Style } from '../render/styles/style.js';

/** The probe request of a listing: transports, families, and owners only when something needs them. */
export function connectionRequest(q: Query): ConnectionRequest {
  const owners = wantsOwners(q);
  const req: ConnectionRequest = { transports: q.transports, inet4: q.inet4, inet6: q.inet6, owners, ownerNames: owners, timers: q.timers };
  if (owners && wantsOwnerDetail(q)) req.ownerDetail = true;
  if (q.allNamespaces) req.namespaces = 'all';
  else if (q.netns !== null) req.namespaces = q.netns;
  return req;
}

/** True when user names are shown (JSON/CSV carry them; text with `-e` unless numeric). */
export function wantsUsers(q: Query): boolean {
  return q.format !== 'text' || (q.extend > 0 && !q.numericUsers);
}

/** The name tables a listing needs besides host names (network names where the style shows them). */
export function nameTables(q: Query, style: Style): Omit<NameRequest, 'hosts'> {
  return { networks: style.resolves.networks, services: q.format === 'text' && !q.numericPorts, users: wantsUsers(q) };
}

/** Fill `user` from the users table (JSON/CSV carry it where known). */
export function fillUsers(records: SocketRecord[], names: NameTables): void {
  for (const r of records) {
    if (r.uid !== undefined && r.user === undefined) {
      const u = names.users.get(r.uid);
      if (u !== undefined) r.user = u;
    }
  }
}

/** The in-place watch screen: an interval, text, a terminal. */
export function watchScreen(q: Query, isTTY: boolean): boolean {
  return isTTY && q.interval !== null && q.format === 'text';
}

/**
 * True when a socket listing needs whole snapshots (`modes.ts`: watch screen, `--changes`,
 * `--summary`, `--exposed`) rather than the streaming listing.
 */
export function needsMode(q: Query, isTTY: boolean): boolean {
  return q.changes || q.summary || q.exposed || q.diagnose || watchScreen(q, isTTY);
}
