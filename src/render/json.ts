/**
 * JSON output (pure): `{"version": 1, "connections": [ … ]}`, one record per line so that large
 * listings stream and stay greppable. The field set is the documented contract (README, "JSON schema").
 */
import type { Owner, SocketRecord } from '../model/socket.js';
import { renderAll, rowChunks, type StreamRenderer } from './stream.js';

/** Schema version of every JSON document tsnetstat prints. */
export const JSON_VERSION = 1;

/** The public shape of one record (internal helper fields dropped, owners reduced to pid and name). */
export function publicRecord(r: SocketRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    proto: r.proto,
    family: r.family,
    localAddress: r.localAddress,
    localPort: r.localPort,
    remoteAddress: r.remoteAddress,
    remotePort: r.remotePort,
    state: r.state,
    recvQ: r.recvQ,
    sendQ: r.sendQ,
    owners: r.owners.map(publicOwner),
  };
  if (r.uid !== undefined) out['uid'] = r.uid;
  if (r.user !== undefined) out['user'] = r.user;
  if (r.inode !== undefined) out['inode'] = r.inode;
  if (r.path !== undefined) out['path'] = r.path;
  if (r.unixType !== undefined) out['type'] = r.unixType;
  if (r.localScope !== undefined) out['localScope'] = r.localScope;
  if (r.remoteScope !== undefined) out['remoteScope'] = r.remoteScope;
  if (r.dualStack !== undefined) out['dualStack'] = r.dualStack;
  if (r.netns !== undefined) out['netns'] = r.netns.name !== undefined ? { inode: r.netns.inode, name: r.netns.name } : { inode: r.netns.inode };
  // Records of labelled captures (fleet runs) say which host first.
  return r.host !== undefined ? { host: r.host, ...out } : out;
}

/** An owner in JSON: pid and name, then what is known of its unit, container, pod and services. */
export function publicOwner(o: Owner): Record<string, unknown> {
  const out: Record<string, unknown> = { pid: o.pid, name: o.name };
  if (o.unit !== undefined) out['unit'] = o.unit;
  if (o.container !== undefined) out['container'] = { ...o.container };
  if (o.pod !== undefined) out['pod'] = { namespace: o.pod.namespace, name: o.pod.name };
  if (o.services !== undefined) out['services'] = o.services;
  return out;
}

/** A connection listing as one JSON document, streamed: one record per line. */
export function jsonStream(extra: Record<string, unknown> = {}): StreamRenderer {
  let first = true;
  return {
    *begin() {
      const head = JSON.stringify({ version: JSON_VERSION, ...extra });
      yield `${head.slice(0, -1)},"connections":[`;
    },
    *push(records) {
      yield* rowChunks(records, (r) => {
        const line = `${first ? '\n' : ',\n'}${JSON.stringify(publicRecord(r))}`;
        first = false;
        return line;
      });
    },
    *end() {
      yield first ? ']}\n' : '\n]}\n';
    },
  };
}

/** Render a connection listing as one JSON document, in chunks. */
export function renderJsonConnections(records: readonly SocketRecord[], extra: Record<string, unknown> = {}): Iterable<string> {
  return renderAll(jsonStream(extra), records);
}

/** Render any JSON document (views other than connections), with the version first. */
export function renderJsonDocument(body: Record<string, unknown>): string {
  return `${JSON.stringify({ version: JSON_VERSION, ...body }, null, 2)}\n`;
}
