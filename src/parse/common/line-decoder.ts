/**
 * Incremental decoding of a capture that arrives in chunks (pure): bytes in, complete lines out,
 * with bounded memory whatever the input. The encoding is decided once from the first chunk the
 * way {@link decodeText} decides it for a whole capture ({@link sniffEncoding}) (UTF-8/UTF-16 byte-order mark, or UTF-16
 * by its zero bytes); CRLF and LF both end a line. A line longer than {@link MAX_LINE} characters
 * (`/dev/zero` has no line end at all) is cut: its first {@link MAX_LINE} characters are kept and
 * the rest is dropped up to the next line end, so no input grows the pending text without bound.
 *
 * Real input (first bytes of a `netstat -ano` saved by PowerShell 5): `FF FE 0D 00 0A 00 …` →
 * UTF-16LE; then `  TCP    0.0.0.0:135 …` one line per `\n`.
 */
import { sniffEncoding } from './text.js';

/** Longest line kept, in characters (longer ones are cut; no real row is longer than a few KiB). */
export const MAX_LINE = 1 << 20;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

type Decoder = { decode(input?: Uint8Array, options?: { stream?: boolean }): string };

/** Bytes in, lines out; see the module comment. */
export class LineDecoder {
  private decoder: Decoder | null = null;
  /**
   * UTF-8 is decoded a whole line at a time (up to the chunk's last LF byte, which never stands
   * inside a multi-byte character), without the decoder's slower streaming mode; the bytes after
   * it wait in `carry`. Null for UTF-16, and once a line has outgrown the carry.
   */
  private carry: Uint8Array | null = null;
  private pending = '';
  /** True while the rest of an over-long line is being dropped. */
  private dropping = false;
  /** Lines cut at {@link MAX_LINE} so far. */
  cutLines = 0;

  /** The complete lines in `bytes` (with what came before); a trailing partial line is held. */
  push(bytes: Uint8Array): string[] {
    if (!this.decoder) {
      const s = sniffEncoding(bytes);
      this.decoder = new TextDecoder(s.encoding);
      if (s.encoding === 'utf-8') this.carry = new Uint8Array(0);
      bytes = bytes.subarray(s.skip);
    }
    if (this.carry) {
      const data = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
      const nl = data.lastIndexOf(0x0a);
      if (nl >= 0) {
        this.carry = data.subarray(nl + 1);
        return this.split(this.decoder.decode(data.subarray(0, nl + 1)));
      }
      if (data.length <= 4 * MAX_LINE) {
        this.carry = data;
        return [];
      }
      // A line longer than the carry holds: from here on, the streaming decoder (it cuts the line).
      this.carry = null;
      bytes = data;
    }
    return this.split(this.decoder.decode(bytes, { stream: true }));
  }

  /** The last line (without a line end), once the input is over. */
  end(): string[] {
    const tail = this.carry && this.carry.length > 0 ? this.carry : undefined;
    this.carry = null;
    const rest = this.decoder ? this.split(this.decoder.decode(tail)) : [];
    if (this.pending !== '' && !this.dropping) rest.push(this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending);
    this.pending = '';
    return rest;
  }

  private split(text: string): string[] {
    const out: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      if (this.dropping) this.dropping = false;
      else {
        let line = this.pending + text.slice(from, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line.length > MAX_LINE) {
          line = line.slice(0, MAX_LINE);
          this.cutLines++;
        }
        out.push(line);
      }
      this.pending = '';
      from = nl + 1;
    }
    if (!this.dropping) {
      this.pending += text.slice(from);
      if (this.pending.length > MAX_LINE) {
        // Keep the line's start (it is reported as it was), drop the rest up to its end.
        out.push(this.pending.slice(0, MAX_LINE));
        this.cutLines++;
        this.pending = '';
        this.dropping = true;
      }
    }
    return out;
  }
}
