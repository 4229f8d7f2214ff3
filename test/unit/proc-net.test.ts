import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIPv6, parseIPv6 } from '../../src/parse/common/ip.js';
import { decodeHexAddr } from '../../src/parse/linux/hex-addr.js';
import { parseProcNetInet } from '../../src/parse/linux/proc-net-inet.js';
import { parseProcNetUnix } from '../../src/parse/linux/proc-net-unix.js';

const fx = (name: string): string => readFileSync(new URL(`../../fixtures/linux-proc/${name}`, import.meta.url), 'latin1');
const LE = { littleEndian: true };

describe('hex addresses (/proc/net host-order words)', () => {
  it('IPv4 loopback', () => expect(decodeHexAddr('0100007F', 0, 8, true)).toBe('127.0.0.1'));
  it('IPv4 on a big-endian host', () => expect(decodeHexAddr('7F000001', 0, 8, false)).toBe('127.0.0.1'));
  it('::1 is not ::1.0.0.0', () => expect(decodeHexAddr('00000000000000000000000001000000', 0, 32, true)).toBe('::1'));
  it('IPv4-mapped', () => expect(decodeHexAddr('0000000000000000FFFF00000100007F', 0, 32, true)).toBe('::ffff:127.0.0.1'));
  it('link-local', () => expect(decodeHexAddr('000080FE00000000FFADE15609667CFE', 0, 32, true)).toBe('fe80::56e1:adff:fe7c:6609'));
  it('big-endian IPv6', () => expect(decodeHexAddr('FE80000000000000000000000000ABCD', 0, 32, false)).toBe('fe80::abcd'));
  it('bad hex', () => expect(decodeHexAddr('ZZ00007F', 0, 8, true)).toBeNull());
});

describe('formatIPv6 matches inet_ntop', () => {
  const cases: [string, string][] = [
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first longest run wins
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero word is not compressed
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::1.2.3.4', '::1.2.3.4'], // IPv4-compatible
    ['::ffff:0:1.2.3.4', '::ffff:0:102:304'], // IPv4-translated is not special in glibc
    ['fe80::1:2', 'fe80::1:2'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => expect(formatIPv6(parseIPv6(input) as Uint8Array)).toBe(expected));
  }
});

describe('parseProcNetInet on real captures', () => {
  it('Linux 2.6.18 tcp (RHEL 5)', () => {
    const { records, skipped } = parseProcNetInet(fx('k2.6.18-net_tcp.txt'), 'tcp', LE);
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(60);
    expect(records[0]).toMatchObject({
      proto: 'tcp',
      family: 'inet',
      localAddress: '127.0.0.1',
      localPort: 2208,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'LISTEN',
      recvQ: 0,
      sendQ: 0,
      uid: 0,
      inode: 9258,
    });
    expect(records[2]).toMatchObject({ localAddress: '0.0.0.0', localPort: 3306, uid: 27, inode: 10072 });
  });

  it('modern tcp (Ubuntu/CentOS, two captures with headers)', () => {
    const { records, skipped } = parseProcNetInet(fx('jc-net_tcp.txt'), 'tcp', LE);
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(27);
    expect(records[0]).toMatchObject({ localAddress: '127.0.0.53', localPort: 53, state: 'LISTEN', uid: 101, inode: 34000 });
  });

  it('modern tcp6 with TIME_WAIT rows (inode 0, timer 3)', () => {
    const { records } = parseProcNetInet(fx('jc-net_tcp6.txt'), 'tcp6', LE);
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({ proto: 'tcp6', family: 'inet6', localAddress: '::', localPort: 22, state: 'LISTEN', inode: 23556 });
    expect(records[1]).toMatchObject({
      localAddress: '2601:646:9e01:f100::3a4c',
      localPort: 59136,
      remoteAddress: '2a03:2880:f131:83:face:b00c:0:25de',
      remotePort: 80,
      state: 'TIME_WAIT',
      inode: 0,
    });
    expect(records[1]?.timer?.[0]).toBe(3);
  });

  it('old tcp6 with IPv4-mapped addresses', () => {
    const { records } = parseProcNetInet(fx('k2.6.18-net_tcp6.txt'), 'tcp6', LE);
    expect(records).toHaveLength(4);
    expect(records[1]).toMatchObject({ localAddress: '::1', localPort: 631, state: 'LISTEN' });
    expect(records[2]).toMatchObject({
      localAddress: '::ffff:172.31.1.148',
      localPort: 22,
      remoteAddress: '::ffff:172.31.10.7',
      remotePort: 64799,
      state: 'ESTABLISHED',
      inode: 12868,
    });
  });

  it('old udp (no ref/pointer/drops header, trailing spaces)', () => {
    const { records, skipped } = parseProcNetInet(fx('k2.6.18-net_udp.txt'), 'udp', LE);
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(14);
    expect(records[0]).toMatchObject({ proto: 'udp', localAddress: '0.0.0.0', localPort: 2049, state: null, inode: 9674 });
  });

  it('udp6 unconnected sockets have no state', () => {
    const { records } = parseProcNetInet(fx('k2.6.18-net_udp6.txt'), 'udp6', LE);
    expect(records.map((r) => [r.localAddress, r.localPort, r.state, r.uid])).toEqual([
      ['::', 36951, null, 70],
      ['::', 5353, null, 70],
      ['::1', 500, null, 0],
    ]);
  });

  it('modern udp6 with a link-local address', () => {
    const { records } = parseProcNetInet(fx('procfs-net_udp6.txt'), 'udp6', LE);
    expect(records[1]).toMatchObject({ localAddress: 'fe80::56e1:adff:fe7c:6609', localPort: 51073, uid: 1000, inode: 11337031 });
  });

  it('raw sockets keep the protocol state number', () => {
    const text = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n' +
      '   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41551 2 0000000000000000 0\n';
    const { records } = parseProcNetInet(text, 'raw', LE);
    expect(records[0]).toMatchObject({ proto: 'raw', localPort: 1, state: null, rawState: 7 });
  });

  it('old raw and raw6 files with no sockets', () => {
    expect(parseProcNetInet(fx('k2.6.18-net_raw.txt'), 'raw', LE).records).toEqual([]);
    expect(parseProcNetInet(fx('k2.6.18-net_raw6.txt'), 'raw6', LE).records).toEqual([]);
  });

  it('malformed lines are reported with line numbers, not dropped silently', () => {
    const text = fx('jc-net_tcp.txt').split('\n').slice(0, 3).join('\n') + '\n   9: garbage here\n   10: 0100007F:ZZZZ 00000000:0000 0A\n';
    const { records, skipped } = parseProcNetInet(text, 'tcp', { littleEndian: true, source: 'x' });
    expect(records).toHaveLength(2);
    expect(skipped.map((s) => [s.source, s.line])).toEqual([
      ['x', 4],
      ['x', 5],
    ]);
  });
});

describe('parseProcNetInet: the fixed-offset reader agrees with the word-by-word reader', () => {
  // A line whose separators are not where the kernel puts them (here: two spaces between the
  // addresses) goes through the word-by-word reader; both must give the same record.
  const respaced = (line: string): string => line.replace(/^(\s*\d+: [0-9A-F]+:[0-9A-F]{4}) /, '$1  ');
  const files: [string, 'tcp' | 'tcp6' | 'udp' | 'udp6'][] = [
    ['jc-net_tcp.txt', 'tcp'],
    ['jc-net_tcp6.txt', 'tcp6'],
    ['k2.6.18-net_tcp.txt', 'tcp'],
    ['k2.6.18-net_udp6.txt', 'udp6'],
    ['procfs-net_udp6.txt', 'udp6'],
  ];
  for (const [file, proto] of files) {
    it(`${file}, with and without timers`, () => {
      const lines = fx(file).split('\n');
      const header = lines[0] as string;
      const rows = lines.slice(1).filter((l) => l.trim() !== '');
      // The same rows, widened where the fixed places end: a uid of 6 digits, a timeout of -1.
      const wide = rows.map((l) => l.replace(/^(.{40,}? [0-9A-F]{8}) +\d+ +-?\d+ /, '$1 123456       -1 '));
      for (const timers of [true, false]) {
        const text = [header, ...rows, ...wide].join('\n') + '\n';
        const slow = [header, ...rows.map(respaced), ...wide.map(respaced)].join('\n') + '\n';
        const fast = parseProcNetInet(text, proto, { ...LE, timers });
        expect(fast.skipped).toEqual([]);
        expect(fast.records).toHaveLength(rows.length * 2);
        expect(fast.records.slice(rows.length).every((r) => r.uid === 123456)).toBe(true);
        expect(parseProcNetInet(slow, proto, { ...LE, timers }).records).toEqual(fast.records);
      }
    });
  }

  it('lines without a colon between rows (a second header, a blank line) cost no rescan and are not rows', () => {
    const lines = fx('jc-net_tcp.txt').split('\n').filter((l) => l.trim() !== '');
    const text = [lines[0], lines[1], '', lines[0], lines[2], 'no colon anywhere', lines[3]].join('\n');
    const { records, skipped } = parseProcNetInet(text, 'tcp', LE);
    expect(records).toHaveLength(3);
    expect(skipped.map((s) => s.line)).toEqual([6]);
    // A text with no colon at all, in many lines: each line is read once.
    expect(parseProcNetInet('x y z\n'.repeat(50_000), 'tcp', LE).skipped).toHaveLength(49_999);
  });
});

describe('parseProcNetUnix on real captures', () => {
  it('modern kernel (unprivileged: Num zeroed)', () => {
    const { records, skipped } = parseProcNetUnix(fx('procfs-net_unix.txt'));
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({
      proto: 'unix',
      family: 'unix',
      unixType: 'STREAM',
      unixFlags: 0x10000,
      refCnt: 2,
      state: 'LISTEN',
      inode: 3442596,
      path: '/var/run/postgresql/.s.PGSQL.5432',
    });
    expect(records[1]).toMatchObject({ unixType: 'SEQPACKET', refCnt: 10, state: 'LISTEN', path: '/run/udev/control' });
    expect(records[2]).toMatchObject({ unixType: 'DGRAM', state: null, path: '/dev/log' });
  });

  it('Linux 2.6.18 (abstract names padded with spaces)', () => {
    const { records, skipped } = parseProcNetUnix(fx('k2.6.18-net_unix.txt'));
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(90);
    expect(records[1]).toMatchObject({ inode: 6950, path: '@ISCSIADM_ABSTRACT_NAMESPACE', state: 'LISTEN' });
  });

  it('Ubuntu capture', () => {
    const { records } = parseProcNetUnix(fx('jc-net_unix.txt'));
    expect(records).toHaveLength(130);
    expect(records[0]).toMatchObject({ inode: 42776, path: '/var/snap/lxd/common/lxd/unix.socket' });
    expect(records.filter((r) => r.state === 'ESTABLISHED').length).toBeGreaterThan(0);
  });
});
