/**
 * Netlink `sock_diag` for inet sockets (pure): the request bytes, and the decoder of the kernel's
 * answer (`inet_diag_msg` records) into socket records. This is what `ss` reads; it costs the
 * kernel far less than printing `/proc/net/tcp` text.
 *
 * Real input (one message of a `SOCK_DIAG_BY_FAMILY` dump, IPv4 listener 127.0.0.1:8080, inode 6062):
 * ```
 * 7c000000 1400 0200 01000000 00000000          nlmsghdr (len 124, type 20, flags NLM_F_MULTI)
 * 02 0a 00 00  1f90 0000  7f000001 … 00000000 …  family 2, state 10 (LISTEN), sport 8080, src 127.0.0.1
 * … 00000000 00000000 00000000 00000000 ae170000  expires, rqueue, wqueue, uid, inode 6062
 * 05000800 00000000                              attribute INET_DIAG_SHUTDOWN
 * ```
 * → `{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', inode: 6062 }`
 */
import { NO_OWNERS, type Proto, type SocketRecord } from '../../model/socket.js';
import { LINUX_TCP_STATE } from '../../model/tcp-state.js';
import { formatIPv6 } from '../common/ip.js';

export const AF_INET = 2;
export const AF_INET6 = 10;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
const SOCK_DIAG_BY_FAMILY = 20;
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const INET_DIAG_SKV6ONLY = 11;

/** Kernel state bits (`1 << TCP_*`) for the request's state filter. */
export const TCPF_ALL = 0xfff;
export const TCPF_LISTEN = 1 << 10;

/** Both families in one request: TCP only, through the older `TCPDIAG_GETSOCK` (see inetDiagRequest). */
export const AF_UNSPEC = 0;
const TCPDIAG_GETSOCK = 18;

/**
 * Build a `SOCK_DIAG_BY_FAMILY` dump request (nlmsghdr + inet_diag_req_v2, 72 bytes). With
 * `AF_UNSPEC` (TCP only), the older `TCPDIAG_GETSOCK` request (nlmsghdr + inet_diag_req, 76
 * bytes), which the kernel answers for both families in one walk of its socket hash, in that
 * walk's order: IPv4 and IPv6 messages interleaved, each IPv4 one where the IPv4-only dump puts it.
 */
export function inetDiagRequest(family: number, protocol: number, states: number, seq: number): Uint8Array {
  if (family === AF_UNSPEC) {
    if (protocol !== IPPROTO_TCP) throw new Error('a dump of both families is TCP only');
    const b = new Uint8Array(76);
    const v = new DataView(b.buffer);
    v.setUint32(0, 76, true);
    v.setUint16(4, TCPDIAG_GETSOCK, true);
    v.setUint16(6, 0x301, true); // NLM_F_REQUEST | NLM_F_DUMP
    v.setUint32(8, seq, true);
    b[16] = AF_INET; // idiag_family (the kernel dumps both families for this request)
    v.setUint32(16 + 52, states >>> 0, true); // after family, src/dst len, ext and the 48-byte sockid
    return b;
  }
  const b = new Uint8Array(72);
  const v = new DataView(b.buffer);
  v.setUint32(0, 72, true); // nlmsg_len
  v.setUint16(4, SOCK_DIAG_BY_FAMILY, true);
  v.setUint16(6, 0x301, true); // NLM_F_REQUEST | NLM_F_DUMP
  v.setUint32(8, seq, true);
  b[16] = family;
  b[17] = protocol;
  v.setUint32(20, states >>> 0, true);
  return b;
}

/** Outcome of decoding one `recv()` worth of messages. */
export interface DiagChunk {
  /** NLMSG_DONE was seen: the dump is complete. */
  done: boolean;
  /** A negative errno from NLMSG_ERROR, or 0. */
  error: number;
  /** Offset of the first message not decoded (when `max` records were reached), else absent. */
  next?: number;
}

/**
 * Per-dump decoder with an address cache (the same few addresses repeat across thousands of
 * sockets). Reads host-order fields as little-endian when `littleEndian`.
 */
export class InetDiagDecoder {
  private readonly cache = new Map<string, string>();
  private readonly cache4 = new Map<number, string>();
  private readonly mapped = new Map<number, string>();
  private readonly proto4: 'tcp' | 'udp';
  private readonly proto6: 'tcp6' | 'udp6';
  constructor(
    private readonly proto: Exclude<Proto, 'unix' | 'raw' | 'raw6'>,
    private readonly littleEndian = true,
  ) {
    // Records are labelled by their own family (a message's family byte), as /proc's files are.
    this.proto4 = proto.startsWith('tcp') ? 'tcp' : 'udp';
    this.proto6 = proto.startsWith('tcp') ? 'tcp6' : 'udp6';
  }

  private v4(n: number): string {
    let s = this.cache4.get(n);
    if (s === undefined) {
      s = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      this.cache4.set(n, s);
    }
    return s;
  }

  private addr(v: DataView, off: number, v6: boolean): string {
    if (!v6) return this.v4(v.getUint32(off, false));
    const w0 = v.getUint32(off, false);
    const w1 = v.getUint32(off + 4, false);
    const w2 = v.getUint32(off + 8, false);
    const w3 = v.getUint32(off + 12, false);
    // The common cases without building a key: ::, ::1, ::ffff:a.b.c.d.
    if (w0 === 0 && w1 === 0) {
      if (w2 === 0 && w3 === 0) return '::';
      if (w2 === 0 && w3 === 1) return '::1';
      if (w2 === 0xffff) {
        let s = this.mapped.get(w3);
        if (s === undefined) {
          s = `::ffff:${this.v4(w3)}`;
          this.mapped.set(w3, s);
        }
        return s;
      }
    }
    const key = `${w0},${w1},${w2},${w3}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      const b = new Uint8Array(16);
      const dv = new DataView(b.buffer);
      dv.setUint32(0, w0, false);
      dv.setUint32(4, w1, false);
      dv.setUint32(8, w2, false);
      dv.setUint32(12, w3, false);
      s = formatIPv6(b);
      this.cache.set(key, s);
    }
    return s;
  }

  /**
   * Decode the messages in `buf[from, len)` and append records to `out`, stopping after `max`
   * records (then `next` says where to go on): the caller renders a few hundred records at a time,
   * so few are alive when the young generation is collected.
   */
  decode(buf: Uint8Array, len: number, out: SocketRecord[], from = 0, max = Infinity): DiagChunk {
    const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const le = this.littleEndian;
    const isTcp = this.proto === 'tcp' || this.proto === 'tcp6';
    let off = from;
    let count = 0;
    while (off + 16 <= len) {
      if (count === max) return { done: false, error: 0, next: off };
      count++;
      const mlen = v.getUint32(off, le);
      const type = v.getUint16(off + 4, le);
      if (mlen < 16 || off + mlen > len) break;
      if (type === NLMSG_DONE) return { done: true, error: 0 };
      if (type === NLMSG_ERROR) return { done: true, error: v.getInt32(off + 16, le) };
      const m = off + 16;
      const family = buf[m] as number;
      const v6 = family === AF_INET6;
      const st = buf[m + 1] as number;
      const localAddress = this.addr(v, m + 8, v6);
      // Every record has the same fields in the same order, localScope and dualStack included
      // (undefined when they do not apply): IPv4 and IPv6 records share one hidden class, and the
      // code that renders them stays optimised when the first IPv6 record comes.
      const rec: SocketRecord = {
        proto: v6 ? this.proto6 : this.proto4,
        family: v6 ? 'inet6' : 'inet',
        localAddress,
        localPort: v.getUint16(m + 4, false),
        remoteAddress: this.addr(v, m + 24, v6),
        remotePort: v.getUint16(m + 6, false),
        state: isTcp ? (LINUX_TCP_STATE[st] ?? 'UNKNOWN') : st === 1 ? 'ESTABLISHED' : st === 7 ? null : 'UNKNOWN',
        recvQ: v.getUint32(m + 56, le),
        // /proc reports 0 for a listener's send queue (netlink gives its backlog limit there).
        sendQ: isTcp && st === 10 ? 0 : v.getUint32(m + 60, le),
        owners: NO_OWNERS,
        uid: v.getUint32(m + 64, le),
        inode: v.getUint32(m + 68, le),
        localScope: undefined,
        dualStack: undefined,
      };
      if (v6) {
        const ifindex = v.getUint32(m + 40, le);
        if (ifindex !== 0 && localAddress.startsWith('fe80:')) rec.localScope = String(ifindex);
        // Attributes: the IPv6-only flag tells dual-stack listeners apart (macOS tcp46).
        let a = m + 72;
        const end = off + mlen;
        while (a + 4 <= end) {
          const alen = v.getUint16(a, le);
          const atype = v.getUint16(a + 2, le);
          if (alen < 4) break;
          if (atype === INET_DIAG_SKV6ONLY) rec.dualStack = buf[a + 4] === 0;
          a += (alen + 3) & ~3;
        }
      }
      out.push(rec);
      off += (mlen + 3) & ~3;
    }
    return { done: false, error: 0 };
  }
}
