/**
 * Address and CIDR matching for `--local` / `--remote` (pure).
 */
import { ipv4ToNumber, parseIPv6, unmapV4 } from '../parse/common/ip.js';
import { UsageError } from '../model/errors.js';

/** A compiled address pattern. */
export type AddressMatcher = (addr: string | null) => boolean;

function v6Bytes(addr: string): Uint8Array | null {
  return parseIPv6(addr);
}

/**
 * Compile `1.2.3.4`, `10.0.0.0/8`, `::1`, `fe80::/10`, `[::1]` or `*` into a matcher.
 * IPv4-mapped IPv6 addresses (`::ffff:10.1.2.3`) match IPv4 patterns. Throws UsageError.
 */
export function compileAddress(pattern: string): AddressMatcher {
  let p = pattern.trim();
  if (p === '*' || p === 'any') return () => true;
  if (p.startsWith('[') && p.includes(']')) p = p.slice(1, p.indexOf(']')) + p.slice(p.indexOf(']') + 1);
  const slash = p.indexOf('/');
  const base = slash >= 0 ? p.slice(0, slash) : p;
  const bitsText = slash >= 0 ? p.slice(slash + 1) : null;
  const v4 = ipv4ToNumber(base);
  if (v4 !== null) {
    const bits = bitsText === null ? 32 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new UsageError(`bad prefix length in '${pattern}'`);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const net = (v4 & mask) >>> 0;
    return (addr) => {
      if (addr === null) return false;
      const n = ipv4ToNumber(unmapV4(addr));
      return n !== null && ((n & mask) >>> 0) === net;
    };
  }
  const v6 = v6Bytes(base);
  if (v6 !== null) {
    const bits = bitsText === null ? 128 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 128) throw new UsageError(`bad prefix length in '${pattern}'`);
    return (addr) => {
      if (addr === null) return false;
      const a = v6Bytes(addr);
      if (!a) return false;
      let left = bits;
      for (let i = 0; i < 16 && left > 0; i++, left -= 8) {
        const m = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
        if (((a[i] as number) & m) !== ((v6[i] as number) & m)) return false;
      }
      return true;
    };
  }
  throw new UsageError(`bad address '${pattern}': expected an IPv4/IPv6 address or CIDR`);
}
