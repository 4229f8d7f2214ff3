import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { ChangeTracker, changedFields, socketKey } from '../../src/watch/diff.js';
import { tcpRecord as tcp } from '../helpers/records.js';
const udp = (lport: number, over: Partial<SocketRecord> = {}): SocketRecord => ({
  ...tcp(lport, 0, null),
  proto: 'udp',
  localAddress: '0.0.0.0',
  ...over,
});
const owner = (pid: number, name = `p${pid}`) => [{ pid, name }];

/** Feed snapshots through one tracker; the kinds and local ports of each tick's changes. */
function run(...ticks: SocketRecord[][]): string[][] {
  const t = new ChangeTracker();
  return ticks.map((snap) =>
    t.update(snap).changes.map((c) => `${c.kind === 'new' ? '+' : c.kind === 'closed' ? '-' : '~'}${c.record.localPort}>${c.record.remotePort}${c.fields ? `(${c.fields.join(',')})` : ''}`),
  );
}

describe('diff engine: new, closed, changed', () => {
  it('the first snapshot is the baseline', () => {
    const d = new ChangeTracker().update([tcp(80, 0, 'LISTEN')]);
    expect(d).toMatchObject({ first: true, changes: [], total: 1, added: 0, closed: 0, changed: 0 });
  });
  it('nothing changes', () => expect(run([tcp(80, 0, 'LISTEN')], [tcp(80, 0, 'LISTEN')])).toEqual([[], []]));
  it('a new connection', () => expect(run([tcp(80, 0, 'LISTEN')], [tcp(80, 0, 'LISTEN'), tcp(80, 5000, 'ESTABLISHED')])[1]).toEqual(['+80>5000']));
  it('a closed connection', () => expect(run([tcp(80, 5000, 'ESTABLISHED')], [])[1]).toEqual(['-80>5000']));
  it('a state change', () => expect(run([tcp(80, 5000, 'SYN_RECV')], [tcp(80, 5000, 'ESTABLISHED')])[1]).toEqual(['~80>5000(state)']));
  it('queue sizes are not changes', () => expect(run([tcp(80, 5000, 'ESTABLISHED')], [tcp(80, 5000, 'ESTABLISHED', { recvQ: 900, sendQ: 7 })])[1]).toEqual([]));
  it('an owner change on the same socket (inherited listener)', () =>
    expect(run([tcp(80, 0, 'LISTEN', { inode: 7, owners: owner(100) })], [tcp(80, 0, 'LISTEN', { inode: 7, owners: owner(200) })])[1]).toEqual(['~80>0(owners)']));
  it('owners in another order are the same owners', () =>
    expect(run([tcp(80, 0, 'LISTEN', { owners: [...owner(1), ...owner(2)] })], [tcp(80, 0, 'LISTEN', { owners: [...owner(2), ...owner(1)] })])[1]).toEqual([]));
  it('closed first, then new and changed in snapshot order', () =>
    expect(run([tcp(1, 0, 'LISTEN'), tcp(2, 9, 'SYN_SENT')], [tcp(3, 9, 'ESTABLISHED'), tcp(2, 9, 'ESTABLISHED')])[1]).toEqual(['-1>0', '+3>9', '~2>9(state)']));
  it('counts', () => {
    const t = new ChangeTracker();
    t.update([tcp(1, 0, 'LISTEN'), tcp(2, 9, 'SYN_SENT')]);
    expect(t.update([tcp(3, 9, 'ESTABLISHED'), tcp(2, 9, 'ESTABLISHED')])).toMatchObject({ first: false, total: 2, added: 1, closed: 1, changed: 1 });
  });
  it('the changed event carries the previous record', () => {
    const t = new ChangeTracker();
    const before = tcp(80, 5000, 'ESTABLISHED', { inode: 5 });
    t.update([before]);
    const [c] = t.update([tcp(80, 5000, 'TIME_WAIT', { inode: 0 })]).changes;
    expect(c).toMatchObject({ kind: 'changed', previous: before, fields: ['state'], record: { state: 'TIME_WAIT' } });
  });
});

describe('diff engine: identity across ticks', () => {
  it('ESTABLISHED → TIME_WAIT (inode becomes 0) is a state change, not close + new', () =>
    expect(run([tcp(80, 5000, 'ESTABLISHED', { inode: 42, owners: owner(9) })], [tcp(80, 5000, 'TIME_WAIT', { inode: 0 })])[1]).toEqual(['~80>5000(state,owners)']));
  it('TIME_WAIT that disappears is closed', () => expect(run([tcp(80, 5000, 'TIME_WAIT', { inode: 0 })], [])[1]).toEqual(['-80>5000']));
  it('a restarted server on the same address (new inode) is closed + new', () =>
    expect(run([tcp(80, 0, 'LISTEN', { inode: 1, owners: owner(100) })], [tcp(80, 0, 'LISTEN', { inode: 2, owners: owner(200) })])[1]).toEqual(['-80>0', '+80>0']));
  it('SO_REUSEPORT listeners on one address are told apart by inode', () =>
    expect(run([tcp(80, 0, 'LISTEN', { inode: 1 }), tcp(80, 0, 'LISTEN', { inode: 2 })], [tcp(80, 0, 'LISTEN', { inode: 2 }), tcp(80, 0, 'LISTEN', { inode: 3 })])[1]).toEqual(['-80>0', '+80>0']));
  it('…and the one that stayed is matched whatever its position', () => {
    const t = new ChangeTracker();
    t.update([tcp(80, 0, 'LISTEN', { inode: 1 }), tcp(80, 0, 'LISTEN', { inode: 2 })]);
    const d = t.update([tcp(80, 0, 'LISTEN', { inode: 3 }), tcp(80, 0, 'LISTEN', { inode: 1 })]);
    expect(d.changes.map((c) => `${c.kind}:${c.record.inode}`)).toEqual(['closed:2', 'new:3']);
  });
  it('UDP sockets without a peer: same port, no inode (Windows) → matched in order, nothing changes', () =>
    expect(run([udp(5353), udp(5353)], [udp(5353), udp(5353)])[1]).toEqual([]));
  it('UDP sockets without a peer: one of two gone', () => expect(run([udp(5353, { inode: 1 }), udp(5353, { inode: 2 })], [udp(5353, { inode: 2 })])[1]).toEqual(['-5353>0']));
  it('a UDP socket that connects is a different endpoint pair: closed + new', () =>
    expect(run([udp(5000)], [udp(5000, { remoteAddress: '10.0.0.1', remotePort: 53, state: 'ESTABLISHED' })])[1]).toEqual(['-5000>0', '+5000>53']));
  it('IPv6 scopes are part of the identity', () =>
    expect(socketKey(tcp(1, 0, 'LISTEN', { localAddress: 'fe80::1', localScope: 'eth0' }))).not.toBe(socketKey(tcp(1, 0, 'LISTEN', { localAddress: 'fe80::1', localScope: 'eth1' }))));
  it('tcp and tcp6 on the same port are different sockets', () =>
    expect(run([tcp(80, 0, 'LISTEN')], [tcp(80, 0, 'LISTEN', { proto: 'tcp6', family: 'inet6', localAddress: '::', remoteAddress: '::' })])[1]).toEqual(['-80>0', '+80>0']));
  it('unix sockets are keyed by inode (paths are often empty)', () => {
    const u = (inode: number, state: SocketRecord['state']): SocketRecord => ({ ...tcp(0, 0, state), proto: 'unix', family: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, inode, path: '' });
    const t = new ChangeTracker();
    t.update([u(1, 'ESTABLISHED'), u(2, 'ESTABLISHED')]);
    expect(t.update([u(2, 'ESTABLISHED'), u(3, 'SYN_SENT')]).changes.map((c) => `${c.kind}:${c.record.inode}`)).toEqual(['closed:1', 'new:3']);
  });
  it('changedFields', () => expect(changedFields(tcp(1, 2, 'ESTABLISHED', { owners: owner(1) }), tcp(1, 2, 'CLOSE_WAIT'))).toEqual(['state', 'owners']));
});

describe('diff engine: memory stays flat', () => {
  it('after 1,000 ticks of churn the tracker holds exactly the last snapshot', () => {
    const t = new ChangeTracker();
    let events = 0;
    for (let tick = 0; tick < 1000; tick++) {
      // 50 long-lived listeners, 100 connections that all change every tick.
      const snap = [...Array.from({ length: 50 }, (_, i) => tcp(1000 + i, 0, 'LISTEN')), ...Array.from({ length: 100 }, (_, i) => tcp(80, 10000 + tick * 100 + i, 'ESTABLISHED'))];
      events += t.update(snap).changes.length;
      expect(t.size).toBe(150);
    }
    expect(events).toBe(999 * 200);
  });
});
