/**
 * JSON output (pure): `{"version": 1, "connections": [ … ]}`, one record per line so that large
 * listings stream and stay greppable. The field set is the documented contract (README, "JSON schema").
 */
import type { Owner, SocketRecord } from '../model/socket.js';
import { LineWriter } from './line-writer.js';
import { HeldRows, renderAll, rowChunks, type StreamRenderer } from './stream.js';

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

/** Quoted strings a row writer keeps (addresses, states, protocols recur): at most this many. */
const MAX_QUOTED = 4096;

/**
 * Connection records as JSON, written straight into a line writer: the same bytes as
 * `JSON.stringify(publicRecord(r))`, without the public object, the string and a chunk's rope of
 * strings for each of 100k records. Strings are quoted by `JSON.stringify` itself (cached), a
 * field whose value is `undefined` is left out as `JSON.stringify` leaves it out, and a record
 * with owners, a namespace or a host label goes through `JSON.stringify` whole.
 */
export class JsonRowWriter {
  private readonly quoted = new Map<string, string>();

  constructor(private readonly w: LineWriter) {}

  private str(s: string): void {
    let q = this.quoted.get(s);
    if (q === undefined) {
      q = JSON.stringify(s);
      if (this.quoted.size < MAX_QUOTED) this.quoted.set(s, q);
    }
    this.w.repeated(q);
  }

  /** `key` (`,"name":`) and the value as `JSON.stringify` writes it; nothing for `undefined`. */
  private field(key: string, v: unknown): void {
    if (v === undefined) return;
    const w = this.w;
    w.text(key);
    if (typeof v === 'number') {
      if (v >= 0 && v <= 0xffffffff && v % 1 === 0) w.numLeft(v, 0);
      else w.text(JSON.stringify(v));
    } else if (typeof v === 'string') this.str(v);
    else w.text(JSON.stringify(v) ?? 'null');
  }

  /** Append `JSON.stringify(publicRecord(r))`. */
  record(r: SocketRecord): void {
    const w = this.w;
    if (r.host !== undefined || r.owners.length > 0 || r.netns !== undefined || typeof r.proto !== 'string') {
      w.text(JSON.stringify(publicRecord(r)));
      return;
    }
    w.text('{"proto":');
    this.str(r.proto);
    this.field(',"family":', r.family);
    this.field(',"localAddress":', r.localAddress);
    this.field(',"localPort":', r.localPort);
    this.field(',"remoteAddress":', r.remoteAddress);
    this.field(',"remotePort":', r.remotePort);
    this.field(',"state":', r.state);
    this.field(',"recvQ":', r.recvQ);
    this.field(',"sendQ":', r.sendQ);
    w.text(',"owners":[]');
    this.field(',"uid":', r.uid);
    this.field(',"user":', r.user);
    this.field(',"inode":', r.inode);
    this.field(',"path":', r.path);
    this.field(',"type":', r.unixType);
    this.field(',"localScope":', r.localScope);
    this.field(',"remoteScope":', r.remoteScope);
    this.field(',"dualStack":', r.dualStack);
    w.char(125); // }
  }
}

/** A connection listing as one JSON document, streamed: one record per line. */
export function jsonStream(extra: Record<string, unknown> = {}, writer?: LineWriter): StreamRenderer {
  let first = true;
  // Records gather in the writer across batches and go out in large chunks (see LineWriter).
  const w = writer ?? new LineWriter();
  const rows = new JsonRowWriter(w);
  return {
    *begin() {
      const head = JSON.stringify({ version: JSON_VERSION, ...extra });
      yield `${head.slice(0, -1)},"connections":[`;
    },
    *push(records) {
      if (!w.longListing) {
        // A short listing runs unoptimised: JSON.stringify (native) beats a record written in JavaScript.
        yield* rowChunks(records, (r) => {
          const line = `${first ? '\n' : ',\n'}${JSON.stringify(publicRecord(r))}`;
          first = false;
          return line;
        });
        return;
      }
      for (const r of records) {
        if (first) first = false;
        else w.char(44); // ,
        w.char(10);
        rows.record(r);
        if (w.full()) yield w.take();
      }
    },
    *end() {
      if (w.length > 0) yield w.take();
      yield first ? ']}\n' : '\n]}\n';
    },
    later() {
      // Held records go into a writer of their own; the separator before them is known at close().
      const held = new HeldRows();
      const hw = held.writer;
      const hrows = new JsonRowWriter(hw);
      let count = 0;
      return {
        push(records) {
          for (const r of records) {
            if (count++ > 0) hw.char(44).char(10);
            hrows.record(r);
            if (hw.full()) hw.take();
          }
        },
        *close() {
          if (w.length > 0) yield w.take();
          if (count === 0) return;
          yield first ? '\n' : ',\n';
          first = false;
          count = 0;
          yield* held.take();
        },
      };
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
