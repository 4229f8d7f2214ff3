/**
 * Helpers for parsers of captured command output (pure): decoding the bytes a user hands to
 * `--parse` (UTF-8, UTF-16LE/BE with or without BOM, CRLF), splitting into numbered lines,
 * and the skipped-line record every text parser returns.
 */
import type { SkippedLine } from '../issues.js';
import type { ServiceLookup } from './endpoint.js';

/**
 * Decode captured output to text: a UTF-8 or UTF-16 byte-order mark wins; without one, a
 * buffer whose odd (or even) bytes are mostly NUL is UTF-16LE (or BE) — PowerShell 5's `>`
 * writes UTF-16LE. Line endings are normalised to `\n`.
 */
export function decodeCapture(bytes: Uint8Array): string {
  return decodeText(bytes).replace(/\r\n?/g, '\n');
}

/** A capture's text encoding. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a capture from its first bytes (UTF-16LE/BE by BOM or by their zero bytes in the
 * first 4 KiB, else UTF-8), and how many BOM bytes to skip.
 */
export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; skip: number } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  const sample = Math.min(bytes.length, 4096);
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) (i % 2 ? oddNul++ : evenNul++);
  const half = sample / 2;
  if (sample >= 4 && oddNul > half * 0.4 && evenNul < half * 0.05) return { encoding: 'utf-16le', skip: 0 };
  if (sample >= 4 && evenNul > half * 0.4 && oddNul < half * 0.05) return { encoding: 'utf-16be', skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** Decode captured bytes (UTF-16LE/BE by BOM or by their zero bytes, else UTF-8), line ends kept. */
export function decodeText(bytes: Uint8Array): string {
  const { encoding, skip } = sniffEncoding(bytes);
  return new TextDecoder(encoding).decode(bytes.subarray(skip));
}

/** One line of a capture with its 1-based number. */
export interface Line {
  no: number;
  text: string;
}

/** Split text into numbered lines (without line terminators; a trailing `\r` is dropped). */
export function numberedLines(text: string): Line[] {
  const parts = text.split('\n');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ no: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}

/** Whitespace-separated tokens of a line. */
export function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** A collector of skipped lines for one source. */
export class Skips {
  readonly list: SkippedLine[] = [];
  constructor(readonly source: string) {}
  add(line: Line, reason: string): void {
    this.list.push({ source: this.source, line: line.no, text: line.text, reason });
  }
}

/** Parse a decimal integer token; NaN unless the whole token is digits. */
export function int(text: string | undefined): number {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
}

/**
 * Summarise skipped lines for stderr: one line per reason, naming the source and the line
 * numbers (ranges collapsed: `lines 2-39, 41`), so nothing is dropped silently and a capture
 * with hundreds of netlink rows does not flood the terminal.
 */
export function summariseSkipped(skipped: readonly SkippedLine[]): string[] {
  const byReason = new Map<string, { source: string; lines: number[]; text: string }>();
  for (const s of skipped) {
    const key = `${s.source}\u0000${s.reason}`;
    const e = byReason.get(key);
    if (e) e.lines.push(s.line);
    else byReason.set(key, { source: s.source, lines: [s.line], text: s.text.trim() });
  }
  const out: string[] = [];
  for (const [key, e] of byReason) {
    const reason = key.slice(key.indexOf('\u0000') + 1);
    const ranges: string[] = [];
    let start = e.lines[0] as number;
    let prev = start;
    for (const n of [...e.lines.slice(1), Number.NaN]) {
      if (n === prev + 1) {
        prev = n;
        continue;
      }
      ranges.push(start === prev ? String(start) : `${start}-${prev}`);
      start = n;
      prev = n;
    }
    const count = e.lines.length;
    const sample = count === 1 ? `: ${e.text.length > 80 ? `${e.text.slice(0, 77)}...` : e.text}` : '';
    out.push(`${e.source}: skipped ${count === 1 ? 'line' : `${count} lines`} ${ranges.join(', ')} (${reason})${sample}`);
  }
  return out;
}

/** A token with its position in the line. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated tokens of a line with their start and end columns. */
export function spans(line: string): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** What a text parser returns: records, the lines it skipped, and notes about partial data. */
export interface ParsedText<T> {
  records: T[];
  skipped: SkippedLine[];
  /** One-line notes for stderr (unknown service names, truncated addresses …). */
  notes: string[];
}

/** Options every capture parser takes. */
export interface CaptureOptions {
  /** Name of the input for skipped-line reports (a file name, or `-` for stdin). */
  source: string;
  /** Service name → port, for captures taken without `-n` (`:ssh`, `.https`). */
  services?: ServiceLookup;
}
