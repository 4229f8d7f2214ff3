/**
 * Decoding of the hexadecimal addresses in `/proc/net/{tcp,udp,raw}{,6}` (pure).
 *
 * The kernel prints each 32-bit word of the address as it sits in memory, read as a
 * host-order integer (`%08X`). On a little-endian host the bytes of each word come out
 * reversed: `0100007F` is 127.0.0.1, and `::1` is `00000000000000000000000001000000`
 * (the classic trap that turns `::1` into `::1.0.0.0`).
 */
import { formatIPv6 } from '../common/ip.js';

/** Read 8 hex digits at `start` as an unsigned 32-bit number (NaN on bad input). */
function hex32(s: string, start: number): number {
  return hexNum(s, start, 8);
}

/** Put the 4 bytes of a host-order word into `out` at `off`, in network order. */
function putWord(v: number, littleEndian: boolean, out: Uint8Array, off: number): void {
  if (littleEndian) {
    out[off] = v & 0xff;
    out[off + 1] = (v >>> 8) & 0xff;
    out[off + 2] = (v >>> 16) & 0xff;
    out[off + 3] = v >>> 24;
  } else {
    out[off] = v >>> 24;
    out[off + 1] = (v >>> 16) & 0xff;
    out[off + 2] = (v >>> 8) & 0xff;
    out[off + 3] = v & 0xff;
  }
}

const scratch = new Uint8Array(16);

/**
 * Decode a `/proc/net` hex address of 8 (IPv4) or 32 (IPv6) digits starting at `start`.
 * Example: `decodeHexAddr('0100007F', 0, 8, true)` → `'127.0.0.1'`.
 */
export function decodeHexAddr(s: string, start: number, len: number, littleEndian: boolean): string | null {
  if (len === 8) {
    const v = hex32(s, start);
    if (Number.isNaN(v)) return null;
    putWord(v, littleEndian, scratch, 0);
    return `${scratch[0]}.${scratch[1]}.${scratch[2]}.${scratch[3]}`;
  }
  if (len === 32) {
    for (let w = 0; w < 4; w++) {
      const v = hex32(s, start + w * 8);
      if (Number.isNaN(v)) return null;
      putWord(v, littleEndian, scratch, w * 4);
    }
    return formatIPv6(scratch);
  }
  return null;
}

/**
 * Parse `len` hex digits at `start` (port numbers, queues, flags); NaN on bad input. The digit
 * test is written out (no helper call per character): small tables run as unoptimised code,
 * where a call per character costs more than the test itself.
 */
export function hexNum(s: string, start: number, len: number): number {
  let v = 0;
  const end = start + len;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
    else if (c >= 65 && c <= 70) v = v * 16 + (c - 55);
    else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
    else return NaN;
  }
  return v;
}
