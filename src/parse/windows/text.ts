/**
 * Text decoding for Windows captures (pure): `netstat > file` from PowerShell 5 writes UTF-16LE
 * with a BOM, cmd.exe writes the console code page, editors add a UTF-8 BOM, and every line ends
 * in CRLF. The parsers in this folder take a string or raw bytes and go through here.
 */

import { decodeText } from '../common/text.js';

/**
 * Decode a capture given as bytes (the one decoder for every capture: UTF-16LE/BE by BOM or by
 * their zero bytes, otherwise UTF-8) or as a string (a leading BOM removed).
 */
export function decodeCapture(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return decodeText(input);
}

/** Split into lines on CRLF, LF or a lone CR; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Whitespace-separated tokens of a line (spaces, tabs, no-break spaces). */
export function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/[\s\u00a0]+/);
}

/** True for a run of decimal digits. */
export function isDigits(s: string | undefined): s is string {
  return s !== undefined && /^\d+$/.test(s);
}

/** True for a dotted-quad IPv4 address. */
export function isIPv4Text(s: string | undefined): s is string {
  return s !== undefined && /^\d{1,3}(?:\.\d{1,3}){3}$/.test(s);
}
