/** Runs of 0…128 spaces, copied whole by `spaces()` in bulk mode. */
const SPACES: readonly Uint8Array[] = Array.from({ length: 129 }, (_, n) => new Uint8Array(n).fill(32));

/** Strings whose bytes `repeated()` keeps (the distinct hosts, states, … of one listing). */
const MAX_IMAGES = 1024;

/**
 * Rows from which a listing is long: V8 optimises the code that writes it (the CLI turns the
 * optimising compiler on from there, see cli/run.ts), and optimised byte loops beat a call per run.
 */
export const LONG_LISTING = 5_000;

/**
 * A text builder that writes characters straight into a reusable byte buffer and hands out
 * ~64 KiB chunks: strings, or the bytes themselves to a writer the caller gives (`drainTo`). For
 * tables of 100k rows it replaces thousands of small intermediate strings (and the garbage
 * collection they cost) with plain byte stores. Pure: no I/O of its own.
 *
 * Two ways to store bytes. A listing of a few thousand rows runs as unoptimised code, where each
 * character of a loop costs a dozen bytecodes (~20 ns) and one `TypedArray#set` of a whole run
 * costs about two characters' worth: told that a short listing comes (`expectRows`), the writer
 * copies padding and the strings that recur from row to row (`repeated()`) as prepared byte runs.
 * Otherwise it stores byte by byte, which optimised code runs faster than a call. The way is
 * chosen before the rows and kept: code optimised for one way and then run the other way is
 * thrown away and compiled again (a switch after the first ~7,000 of 100k rows cost 5%).
 */
export class LineWriter {
  private buf: Buffer;
  private pos = 0;
  private ascii = true;
  private bulk = false;
  private long = false;
  private readonly images = new Map<string, Uint8Array>();
  private drain: ((bytes: Uint8Array, length: number) => void) | null = null;

  constructor(private readonly size = 65536) {
    this.buf = Buffer.allocUnsafe(size + 4096);
  }

  /** Characters written since the last `take()`. */
  get length(): number {
    return this.pos;
  }

  private room(n: number): void {
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
  }

  /** Append text (UTF-8 for anything beyond ASCII). */
  text(s: string): this {
    const n = s.length;
    // (Room checked inline: most calls run before the code is optimised, where a call costs.)
    if (this.pos + n * 3 > this.buf.length) this.room(n * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.ascii = false;
        this.pos = p + b.write(s.slice(i), p, 'utf8');
        return this;
      }
      b[p++] = c;
    }
    this.pos = p;
    return this;
  }

  /** How many rows the next listing should hold (the probe's count): under LONG_LISTING, bulk mode. */
  expectRows(n: number): void {
    this.bulk = n < LONG_LISTING;
    this.long = !this.bulk;
  }

  /**
   * Told that a long listing comes (see `expectRows`; false when not told): its rows will run as
   * optimised code, where writing them byte by byte beats building strings natively.
   */
  get longListing(): boolean {
    return this.long;
  }

  /**
   * Append `s`, a string that recurs from row to row (a host, a state word, a service name). In
   * bulk mode its bytes are prepared once (up to 1,024 distinct ASCII strings) and copied whole.
   */
  repeated(s: string): this {
    if (!this.bulk) return this.text(s);
    let img = this.images.get(s);
    if (img === undefined) {
      if (this.images.size >= MAX_IMAGES) return this.text(s);
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return this.text(s);
      img = Buffer.from(s, 'latin1');
      this.images.set(s, img);
    }
    const n = img.length;
    if (this.pos + n > this.buf.length) this.room(n);
    this.buf.set(img, this.pos);
    this.pos += n;
    return this;
  }

  /** Append `n` spaces (none when n ≤ 0). */
  spaces(n: number): this {
    if (n <= 0) return this;
    if (this.pos + n > this.buf.length) this.room(n);
    if (this.bulk && n < SPACES.length) {
      this.buf.set(SPACES[n] as Uint8Array, this.pos);
      this.pos += n;
      return this;
    }
    // A plain loop (Buffer#fill's argument checks cost more).
    const b = this.buf;
    let p = this.pos;
    const end = p + n;
    while (p < end) b[p++] = 32;
    this.pos = end;
    return this;
  }

  /** `%-Ns`: text padded right to `width` (never cut). */
  padRight(s: string, width: number): this {
    return this.text(s).spaces(width - s.length);
  }

  /** `%Nd` for a non-negative integer: right-aligned in `width`. */
  numLeft(v: number, width: number): this {
    // Integers below 2^32 digit by digit (no number-to-string conversion), others as text. No
    // calls on the way (most calls run before the code is optimised, where a call costs).
    if (!(v >= 0 && v <= 0xffffffff) || v % 1 !== 0) {
      const text = String(v);
      return this.spaces(width - text.length).text(text);
    }
    const n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1e6 ? 6 : v < 1e7 ? 7 : v < 1e8 ? 8 : v < 1e9 ? 9 : 10;
    const pad = width > n ? width - n : 0;
    if (this.pos + pad + n > this.buf.length) this.room(pad + n);
    const b = this.buf;
    let p = this.pos;
    if (this.bulk && pad > 1 && pad < SPACES.length) {
      b.set(SPACES[pad] as Uint8Array, p);
      p += pad;
    } else for (let i = 0; i < pad; i++) b[p++] = 32;
    let end = p + n;
    this.pos = end;
    let x = v;
    do {
      const q = (x / 10) >>> 0;
      b[--end] = 48 + x - q * 10;
      x = q;
    } while (x > 0);
    return this;
  }

  /** Append one character code (ASCII). */
  char(c: number): this {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = c;
    return this;
  }

  /** True once a chunk's worth has been written. */
  full(): boolean {
    return this.pos >= this.size;
  }

  /**
   * Hand each chunk to `to` as bytes (a write that is done when it returns) instead of as a string
   * from `take()`, which then returns ''; null: strings again. For a renderer whose chunks are
   * written as they come, in order: a chunk of a table (~64 KiB) is then never a string.
   */
  drainTo(to: ((bytes: Uint8Array, length: number) => void) | null): void {
    this.drain = to;
  }

  /** The text written so far, as one string (or '' once drained, see `drainTo`); the writer starts empty again. */
  take(): string {
    if (this.drain !== null) {
      if (this.pos > 0) this.drain(this.buf, this.pos);
      this.pos = 0;
      this.ascii = true;
      return '';
    }
    const s = this.ascii ? this.buf.toString('latin1', 0, this.pos) : this.buf.toString('utf8', 0, this.pos);
    this.pos = 0;
    this.ascii = true;
    return s;
  }
}
