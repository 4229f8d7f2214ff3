/**
 * Byte-level helpers shared by the IP Helper API decoders (pure; no FFI here). Windows structs
 * are little-endian; IPv4 addresses and ports inside them are in network byte order.
 */
import { formatIPv6 } from '../common/ip.js';
import type { Parsed, SkippedLine } from '../issues.js';

/** `AF_INET` as Windows numbers it. */
export const WIN_AF_INET = 2;
/** `AF_INET6` as Windows numbers it (not 10 as on Linux). */
export const WIN_AF_INET6 = 23;

/** A little-endian reader over a byte buffer (a Node Buffer or any Uint8Array). */
export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An IPv4 address stored as a DWORD in network order (`dwLocalAddr`): the bytes as they lie. */
export function ipv4At(bytes: Uint8Array, off: number): string {
  return `${bytes[off] ?? 0}.${bytes[off + 1] ?? 0}.${bytes[off + 2] ?? 0}.${bytes[off + 3] ?? 0}`;
}

/** A 16-byte IPv6 address (`ucLocalAddr[16]`, `IN6_ADDR`) in inet_ntop form. */
export function ipv6At(bytes: Uint8Array, off: number): string {
  return formatIPv6(bytes.subarray(off, off + 16));
}

/** A port stored in the low 16 bits of a DWORD, network byte order (`dwLocalPort`). */
export function portAt(bytes: Uint8Array, off: number): number {
  return ((bytes[off] ?? 0) << 8) | (bytes[off + 1] ?? 0);
}

/** A NUL-terminated UTF-16LE string in a fixed field of `maxChars` WCHARs. */
export function wcharAt(bytes: Uint8Array, off: number, maxChars: number): string {
  let end = off;
  const limit = Math.min(bytes.length, off + maxChars * 2);
  while (end + 1 < limit && (bytes[end] !== 0 || bytes[end + 1] !== 0)) end += 2;
  return Buffer.from(bytes.buffer, bytes.byteOffset + off, end - off).toString('utf16le');
}

/** A ULONG64 counter as a number (precision loss above 2^53 is accepted, as in the statistics model). */
export function u64At(dv: DataView, off: number): number {
  return Number(dv.getBigUint64(off, true));
}

/** True for an fe80::/10 address (the only kind whose scope id netstat.exe prints). */
export function isLinkLocal6(addr: string): boolean {
  return /^fe[89ab]/i.test(addr);
}

/** The hex text of a byte range, for skipped-row reports. */
export function hexOf(bytes: Uint8Array, off: number, len: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + off, Math.max(0, Math.min(len, bytes.length - off))).toString('hex');
}

/** What a row decoder returns for a row it cannot use: the reason, reported as a skipped row. */
export interface RowSkip {
  skip: string;
}

/**
 * Decode a table of fixed-size rows: the entry count (ULONG at 0), then rows of `rowSize` bytes
 * from `first`. Rows the buffer does not hold in full are reported (the count is never trusted
 * blindly), as are rows the decoder refuses.
 */
export function decodeTable<T extends object>(
  bytes: Uint8Array,
  layout: { first: number; rowSize: number; source: string },
  row: (off: number, dv: DataView) => T | RowSkip,
): Parsed<T> {
  const { first, rowSize, source } = layout;
  const records: T[] = [];
  const skipped: SkippedLine[] = [];
  if (bytes.length < 4) return { records, skipped: [{ source, line: 0, text: hexOf(bytes, 0, 4), reason: `table of ${bytes.length} bytes has no entry count` }] };
  const dv = view(bytes);
  const count = dv.getUint32(0, true);
  for (let i = 0; i < count; i++) {
    const off = first + i * rowSize;
    if (off + rowSize > bytes.length) {
      skipped.push({ source, line: i + 1, text: hexOf(bytes, off, rowSize), reason: `row ${i + 1} of ${count} lies beyond the ${bytes.length}-byte buffer` });
      break;
    }
    const r = row(off, dv);
    if ('skip' in r && typeof r.skip === 'string') skipped.push({ source, line: i + 1, text: hexOf(bytes, off, rowSize), reason: r.skip });
    else records.push(r as T);
  }
  return { records, skipped };
}

/** `SOCKADDR_INET` (28 bytes): family, then a `SOCKADDR_IN` or `SOCKADDR_IN6`. Null for another family. */
export function sockaddrInetAt(bytes: Uint8Array, off: number): { family: 'inet' | 'inet6'; address: string; scopeId: number } | null {
  const dv = view(bytes);
  const fam = dv.getUint16(off, true);
  if (fam === WIN_AF_INET) return { family: 'inet', address: ipv4At(bytes, off + 4), scopeId: 0 };
  if (fam === WIN_AF_INET6) return { family: 'inet6', address: ipv6At(bytes, off + 8), scopeId: dv.getUint32(off + 24, true) };
  return null;
}

/** A MAC address as lower-case colon-separated bytes (`00:15:5d:0e:f1:0f`), as the interface model keeps it. */
export function macOf(bytes: Uint8Array, off: number, len: number): string {
  const parts: string[] = [];
  for (let i = 0; i < len; i++) parts.push((bytes[off + i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':');
}
