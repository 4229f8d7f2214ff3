/**
 * netlink sock_diag answers built from the documented layouts (linux/netlink.h nlmsghdr,
 * linux/inet_diag.h inet_diag_msg and rtattr), for the decoder's and the Linux probe's tests.
 */
import { parseIPv6 } from '../../src/parse/common/ip.js';
import { AF_INET } from '../../src/parse/linux/inet-diag.js';

export interface Msg {
  family: number;
  state: number;
  sport: number;
  dport: number;
  src: string;
  dst: string;
  ifindex?: number;
  rq?: number;
  wq?: number;
  uid?: number;
  inode?: number;
  v6only?: 0 | 1;
}

function addrBytes(family: number, text: string): Uint8Array {
  const b = new Uint8Array(16);
  if (family === AF_INET) text.split('.').forEach((p, i) => (b[i] = Number(p)));
  else b.set(parseIPv6(text) as Uint8Array);
  return b;
}

/** One SOCK_DIAG_BY_FAMILY answer: nlmsghdr + inet_diag_msg (+ INET_DIAG_SHUTDOWN, INET_DIAG_SKV6ONLY). */
export function message(m: Msg): Uint8Array {
  const attrs = 8 + (m.v6only === undefined ? 0 : 8);
  const len = 16 + 72 + attrs;
  const b = new Uint8Array(len);
  const v = new DataView(b.buffer);
  v.setUint32(0, len, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 2, true); // NLM_F_MULTI
  const o = 16;
  b[o] = m.family;
  b[o + 1] = m.state;
  v.setUint16(o + 4, m.sport, false);
  v.setUint16(o + 6, m.dport, false);
  b.set(addrBytes(m.family, m.src), o + 8);
  b.set(addrBytes(m.family, m.dst), o + 24);
  v.setUint32(o + 40, m.ifindex ?? 0, true);
  v.setUint32(o + 56, m.rq ?? 0, true);
  v.setUint32(o + 60, m.wq ?? 0, true);
  v.setUint32(o + 64, m.uid ?? 0, true);
  v.setUint32(o + 68, m.inode ?? 0, true);
  let a = o + 72;
  v.setUint16(a, 5, true); // INET_DIAG_SHUTDOWN, 1 byte + padding
  v.setUint16(a + 2, 8, true);
  a += 8;
  if (m.v6only !== undefined) {
    v.setUint16(a, 5, true);
    v.setUint16(a + 2, 11, true); // INET_DIAG_SKV6ONLY
    b[a + 4] = m.v6only;
  }
  return b;
}

export function control(type: 2 | 3, errno = 0): Uint8Array {
  const b = new Uint8Array(20);
  const v = new DataView(b.buffer);
  v.setUint32(0, 20, true);
  v.setUint16(4, type, true);
  v.setInt32(16, errno, true);
  return b;
}

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
