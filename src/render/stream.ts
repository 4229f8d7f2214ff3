/**
 * The shape every listing renderer has (pure): `begin()` (titles, headers), `push(records)` for
 * each batch as it arrives, `end()` (held-back sections, sorted tables, closing brackets). Each
 * returns chunks of about 64 KiB, never the whole table as one string. Styles that must see every
 * record first (netstat.exe sorts its table) hold records in `push` and print them in `end`.
 */
import type { SocketRecord } from '../model/socket.js';
import { LineWriter } from './line-writer.js';

export interface StreamRenderer {
  begin(): Iterable<string>;
  push(records: readonly SocketRecord[]): Iterable<string>;
  end(): Iterable<string>;
  /**
   * A held-back section (renderers whose rows stand alone): rows that arrive now, rendered as they
   * come, but printed after every row pushed here before the section's `close()`. A probe that
   * reads two tables in one pass (Linux: IPv4 and IPv6 TCP in one kernel walk) hands over the
   * second table's rows this way.
   */
  later?(): LaterSection;
}

/** Rows rendered as they arrive and held back (see `StreamRenderer.later`). */
export interface LaterSection {
  push(records: readonly SocketRecord[]): void;
  /**
   * The main section's rows still pending, then the held rows (as the UTF-8 bytes they were
   * kept in); the section is empty again.
   */
  close(): Iterable<string | Uint8Array>;
}

/**
 * Rows held back: a line writer of their own whose chunks are kept as UTF-8 bytes, outside V8's
 * heap (held strings, ropes of a row's pieces, would be copied by every collection they live
 * through). They come back as bytes, in order, to be written as they are.
 */
export class HeldRows {
  /** Where the held rows are written (call `take()` on it when `full()`, as with any writer). */
  readonly writer = new LineWriter();
  private chunks: Uint8Array[] = [];

  constructor() {
    // A copy of each chunk: the writer reuses its buffer.
    this.writer.drainTo((bytes, length) => void this.chunks.push(Uint8Array.prototype.slice.call(bytes, 0, length)));
  }

  /** Everything written so far, oldest first; nothing is held afterwards. */
  take(): Uint8Array[] {
    this.writer.take();
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
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
