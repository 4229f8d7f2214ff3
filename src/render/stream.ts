/**
 * The shape every listing renderer has (pure): `begin()` (titles, headers), `push(records)` for
 * each batch as it arrives, `end()` (held-back sections, sorted tables, closing brackets). Each
 * returns chunks of about 64 KiB, never the whole table as one string. Styles that must see every
 * record first (netstat.exe sorts its table) hold records in `push` and print them in `end`.
 */
import type { SocketRecord } from '../model/socket.js';

export interface StreamRenderer {
  begin(): Iterable<string>;
  push(records: readonly SocketRecord[]): Iterable<string>;
  end(): Iterable<string>;
}

/** Join `row(r)` for each record into ~64 KiB chunks. */
export function* rowChunks<T>(items: Iterable<T>, row: (item: T) => string, size = 65536): Generator<string> {
  let buf = '';
  for (const it of items) {
    buf += row(it);
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Render a whole record list through a stream renderer. */
export function* renderAll(sr: StreamRenderer, records: readonly SocketRecord[]): Generator<string> {
  yield* sr.begin();
  yield* sr.push(records);
  yield* sr.end();
}
