/**
 * IP address text helpers shared by every parser and renderer (pure).
 */

/** Format 16 bytes as IPv6 text exactly like glibc `inet_ntop` (RFC 5952 zero compression, embedded IPv4). */
export function formatIPv6(bytes: ArrayLike<number>): string {
  const words: number[] = new Array(8);
  for (let i = 0; i < 8; i++) words[i] = ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0);
  // Longest run of zero words (first wins on ties), only if at least 2 long.
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) {
        curBase = i;
        curLen = 1;
      } else curLen++;
    } else if (curBase !== -1) {
      if (curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
      curBase = -1;
    }
  }
  if (curBase !== -1 && curLen > bestLen) {
    bestBase = curBase;
    bestLen = curLen;
  }
  if (bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    // Embedded IPv4: IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d).
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
      break;
    }
    out += (words[i] as number).toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

/** True for `::ffff:a.b.c.d`. */
export function isV4Mapped(addr: string): boolean {
  return addr.length > 7 && addr.charCodeAt(0) === 58 && addr.startsWith('::ffff:') && addr.indexOf('.') > 0;
}

/** The IPv4 part of `::ffff:a.b.c.d`, or the address unchanged. */
export function unmapV4(addr: string): string {
  return isV4Mapped(addr) ? addr.slice(7) : addr;
}

/** True for the unspecified address of either family. */
export function isUnspecified(addr: string | null): boolean {
  return addr === '0.0.0.0' || addr === '::' || addr === null || addr === '*';
}

/** True for loopback addresses (127.0.0.0/8, ::1, ::ffff:127.x). */
export function isLoopback(addr: string | null): boolean {
  if (addr === null) return false;
  const a = unmapV4(addr);
  return a === '::1' || a.startsWith('127.');
}

/** Parse dotted IPv4 to a 32-bit unsigned number, or null. */
export function ipv4ToNumber(addr: string): number | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** Parse IPv6 text (with optional embedded IPv4, without scope) into 16 bytes, or null. */
export function parseIPv6(text: string): Uint8Array | null {
  const pct = text.indexOf('%');
  const addr = pct >= 0 ? text.slice(0, pct) : text;
  let head = addr;
  let tail = '';
  const dbl = addr.indexOf('::');
  if (dbl >= 0) {
    if (addr.indexOf('::', dbl + 1) >= 0) return null;
    head = addr.slice(0, dbl);
    tail = addr.slice(dbl + 2);
  }
  const toWords = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = ipv4ToNumber(p);
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const h = toWords(head);
  const t = toWords(tail);
  if (!h || !t) return null;
  let words: number[];
  if (dbl >= 0) {
    if (h.length + t.length > 7) return null;
    words = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  } else {
    if (h.length !== 8) return null;
    words = h;
  }
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}
