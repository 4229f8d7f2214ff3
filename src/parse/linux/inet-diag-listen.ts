/**
 * Accept queues of TCP listeners from a netlink `SOCK_DIAG_BY_FAMILY` dump (pure). For a
 * listener the kernel puts the accept queue's length in `idiag_rqueue` and the backlog given to
 * listen() in `idiag_wqueue` — what `ss -lt` prints as Recv-Q and Send-Q. (`/proc/net/tcp` has
 * the queue length but prints 0 where the backlog would be, so only sock_diag tells them apart.)
 *
 * Real input (`fixtures/linux-netlink/listen-backlog1.hex`: 127.0.0.1:7000, listen(1), 30
 * clients, never accepting; `ss -ltn` printed `LISTEN 2 1 127.0.0.1:7000`), one 124-byte message:
 * `7c000000 1400 0200 … 020a0000 1b58 0000 7f000001 … 00000000 02000000 01000000 00000000 f2300100`
 * → `{ inode: 78066, localPort: 7000, queued: 2, backlog: 1 }`
 */
import type { ListenQueue } from '../../model/diagnosis.js';

const NLMSG_DONE = 3;
const NLMSG_ERROR = 2;
const TCP_LISTEN = 10;

/** Decode the listeners in `buf[0, len)` (one recv of a dump), appending to `out`. Returns true at the dump's end. */
export function decodeListenQueues(buf: Uint8Array, len: number, out: ListenQueue[], littleEndian = true): boolean {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 0;
  while (off + 16 <= len) {
    const mlen = v.getUint32(off, littleEndian);
    const type = v.getUint16(off + 4, littleEndian);
    if (type === NLMSG_DONE || type === NLMSG_ERROR) return true;
    if (mlen < 16 + 72 || off + mlen > len) break;
    const m = off + 16;
    if (buf[m + 1] === TCP_LISTEN)
      out.push({
        inode: v.getUint32(m + 68, littleEndian),
        localPort: v.getUint16(m + 4, false),
        queued: v.getUint32(m + 56, littleEndian),
        backlog: v.getUint32(m + 60, littleEndian),
      });
    off += (mlen + 3) & ~3;
  }
  return false;
}
