/**
 * The netlink sock_diag decoder on messages built from the documented layouts
 * (linux/netlink.h nlmsghdr, linux/inet_diag.h inet_diag_msg and rtattr).
 */
import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { AF_INET, AF_INET6, AF_UNSPEC, InetDiagDecoder, inetDiagRequest, IPPROTO_TCP, IPPROTO_UDP, TCPF_ALL } from '../../src/parse/linux/inet-diag.js';
import { scanForEnd } from '../../src/probe/linux-netlink.js';
import { concat, control, message } from '../helpers/inet-diag-messages.js';

describe('inet_diag request', () => {
  it('is a 72-byte SOCK_DIAG_BY_FAMILY dump request', () => {
    const r = inetDiagRequest(AF_INET6, 6, TCPF_ALL, 7);
    const v = new DataView(r.buffer);
    expect(r.length).toBe(72);
    expect([v.getUint32(0, true), v.getUint16(4, true), v.getUint16(6, true), v.getUint32(8, true)]).toEqual([72, 20, 0x301, 7]);
    expect([r[16], r[17], v.getUint32(20, true)]).toEqual([AF_INET6, 6, 0xfff]);
  });

  it('for both families (TCP), is the 76-byte TCPDIAG_GETSOCK request: inet_diag_req with the states after the socket id', () => {
    const r = inetDiagRequest(AF_UNSPEC, IPPROTO_TCP, TCPF_ALL, 3);
    const v = new DataView(r.buffer);
    expect(r.length).toBe(76);
    expect([v.getUint32(0, true), v.getUint16(4, true), v.getUint16(6, true), v.getUint32(8, true)]).toEqual([76, 18, 0x301, 3]);
    // idiag_family, src_len, dst_len, ext, then the 48-byte inet_diag_sockid (all zero: no filter)
    expect([r[16], ...r.subarray(17, 68)].every((b, i) => (i === 0 ? b === AF_INET : b === 0))).toBe(true);
    expect([v.getUint32(68, true), v.getUint32(72, true)]).toEqual([0xfff, 0]); // idiag_states, idiag_dbs
  });

  it('for both families, refuses UDP (the older request is TCP only)', () => {
    expect(() => inetDiagRequest(AF_UNSPEC, IPPROTO_UDP, TCPF_ALL, 1)).toThrow(/TCP only/);
  });
});

describe('inet_diag decoder', () => {
  it('decodes at most `max` records per call and says where to go on; the slices add up to the whole', () => {
    const msgs = Array.from({ length: 7 }, (_, i) =>
      message({ family: AF_INET, state: 1, sport: 40000 + i, dport: 8080, src: '127.0.0.1', dst: '127.0.0.1', inode: 7000 + i }),
    );
    const buf = concat(...msgs, control(3));
    const whole: SocketRecord[] = [];
    new InetDiagDecoder('tcp').decode(buf, buf.length, whole);
    const dec = new InetDiagDecoder('tcp');
    const slices: number[] = [];
    const all: SocketRecord[] = [];
    let r: { done: boolean; next?: number } = { done: false, next: 0 };
    while (r.next !== undefined) {
      const part: SocketRecord[] = [];
      r = dec.decode(buf, buf.length, part, r.next, 3);
      slices.push(part.length);
      all.push(...part);
    }
    expect(slices).toEqual([3, 3, 1]);
    expect(r.done).toBe(true);
    expect(all).toEqual(whole);
    expect(all.map((x) => x.inode)).toEqual([7000, 7001, 7002, 7003, 7004, 7005, 7006]);
  });

  it('TCP over IPv4: a listener, an established pair (queues, uid, inode)', () => {
    const buf = concat(
      message({ family: AF_INET, state: 10, sport: 8080, dport: 0, src: '127.0.0.1', dst: '0.0.0.0', rq: 3, wq: 511, inode: 6062 }),
      message({ family: AF_INET, state: 1, sport: 40000, dport: 8080, src: '127.0.0.1', dst: '127.0.0.1', rq: 10, wq: 20, uid: 1000, inode: 6063 }),
      control(3),
    );
    const out: SocketRecord[] = [];
    expect(new InetDiagDecoder('tcp').decode(buf, buf.length, out)).toEqual({ done: true, error: 0 });
    expect(out).toEqual([
      // A listener's send queue is its backlog limit in netlink; /proc (and net-tools) say 0.
      { proto: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: 3, sendQ: 0, owners: [], uid: 0, inode: 6062 },
      { proto: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 8080, state: 'ESTABLISHED', recvQ: 10, sendQ: 20, owners: [], uid: 1000, inode: 6063 },
    ]);
  });

  it('TCP over IPv6: ::, ::1, IPv4-mapped, a scoped link-local address, dual-stack flag', () => {
    const buf = concat(
      message({ family: AF_INET6, state: 10, sport: 22, dport: 0, src: '::', dst: '::', v6only: 0 }),
      message({ family: AF_INET6, state: 10, sport: 631, dport: 0, src: '::1', dst: '::', v6only: 1 }),
      message({ family: AF_INET6, state: 1, sport: 22, dport: 50000, src: '::ffff:10.0.0.1', dst: '::ffff:10.0.0.9' }),
      message({ family: AF_INET6, state: 6, sport: 5353, dport: 5353, src: 'fe80::1:2', dst: 'fe80::9', ifindex: 3 }),
      message({ family: AF_INET6, state: 1, sport: 443, dport: 61000, src: '2001:db8::1', dst: '2001:db8:0:1::abcd' }),
    );
    const out: SocketRecord[] = [];
    expect(new InetDiagDecoder('tcp6').decode(buf, buf.length, out).done).toBe(false);
    expect(out.map((r) => [r.localAddress, r.remoteAddress, r.state, r.dualStack, r.localScope])).toEqual([
      ['::', '::', 'LISTEN', true, undefined],
      ['::1', '::', 'LISTEN', false, undefined],
      ['::ffff:10.0.0.1', '::ffff:10.0.0.9', 'ESTABLISHED', undefined, undefined],
      ['fe80::1:2', 'fe80::9', 'TIME_WAIT', undefined, '3'],
      ['2001:db8::1', '2001:db8:0:1::abcd', 'ESTABLISHED', undefined, undefined],
    ]);
  });

  it('UDP: unconnected sockets have no state, connected ones are ESTABLISHED', () => {
    const buf = concat(
      message({ family: AF_INET, state: 7, sport: 53, dport: 0, src: '0.0.0.0', dst: '0.0.0.0' }),
      message({ family: AF_INET, state: 1, sport: 40001, dport: 53, src: '127.0.0.1', dst: '127.0.0.53' }),
    );
    const out: SocketRecord[] = [];
    new InetDiagDecoder('udp').decode(buf, buf.length, out);
    expect(out.map((r) => [r.proto, r.localPort, r.state])).toEqual([
      ['udp', 53, null],
      ['udp', 40001, 'ESTABLISHED'],
    ]);
  });

  it('an error message ends the dump with its errno', () => {
    const out: SocketRecord[] = [];
    expect(new InetDiagDecoder('tcp').decode(control(2, -22), 20, out)).toEqual({ done: true, error: -22 });
  });

  it('scanForEnd finds NLMSG_DONE or NLMSG_ERROR among whole messages', () => {
    const m = message({ family: AF_INET, state: 1, sport: 1, dport: 2, src: '127.0.0.1', dst: '127.0.0.1' });
    expect(scanForEnd(m, m.length)).toBe(0);
    const done = concat(m, control(3));
    expect(scanForEnd(done, done.length)).toBe(1);
    const err = concat(m, control(2, -13));
    expect(scanForEnd(err, err.length)).toBe(-13);
  });
});
