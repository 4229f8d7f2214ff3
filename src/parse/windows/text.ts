/**
 * Text decoding for Windows captures (pure): `netstat > file` from PowerShell 5 writes UTF-16LE
 * with a BOM, cmd.exe writes the console code page, editors add a UTF-8 BOM, and every line ends
 * in CRLF. The parsers in this folder take a string or raw bytes and go through here.
 */

/**
 * Decode captured bytes: UTF-16LE or UTF-16BE by BOM (or, without a BOM, by the zero bytes that
 * ASCII text has in UTF-16), otherwise UTF-8. A leading BOM is removed from strings too.
 */
export function decodeCapture(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  // UTF-16LE without a BOM: ASCII characters leave a zero in every odd byte.
  const probe = Math.min(b.length & ~1, 512);
  if (probe >= 4) {
    let oddZeros = 0;
    for (let i = 1; i < probe; i += 2) if (b[i] === 0) oddZeros++;
    if (oddZeros >= (probe / 2) * 0.9 && b[0] !== 0) return b.toString('utf16le');
  }
  return b.toString('utf8');
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
