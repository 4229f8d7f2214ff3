import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceLookupFromText } from '../../src/parse/common/endpoint.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseNetToolsGroups } from '../../src/parse/nettools/netstat-groups.js';
import { parseNetToolsInterfaces } from '../../src/parse/nettools/netstat-interfaces.js';
import { parseNetToolsRoutes } from '../../src/parse/nettools/netstat-routes.js';
import { parseNetToolsSockets } from '../../src/parse/nettools/netstat-sockets.js';
import { parseNetToolsStatistics } from '../../src/parse/nettools/netstat-statistics.js';

const fixture = (name: string): string => decodeCapture(readFileSync(new URL(`../../fixtures/linux-tools/${name}`, import.meta.url)));
/** A few /etc/services lines, for captures taken without -n. */
const services = serviceLookupFromText('ssh 22/tcp\nhttp 80/tcp www\nhttps 443/tcp\nbootps 67/udp\nbootpc 68/udp\nxmpp-client 5222/tcp jabber-client\ndomain 53/tcp\ndomain 53/udp\n');
const sockets = (name: string) => parseNetToolsSockets(fixture(name), { source: name, services });

describe('net-tools netstat sockets (one test per capture)', () => {
  it('centos7-netstat-sudo-lnp.txt: inet and unix sections, PID/Program', () => {
    const r = sockets('centos7-netstat-sudo-lnp.txt');
    expect(r.records).toHaveLength(41);
    expect(r.skipped).toEqual([]);
    expect(r.records[3]).toEqual({
      proto: 'tcp6', family: 'inet6', localAddress: '::', localPort: 22, remoteAddress: '::', remotePort: 0,
      state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 1206, name: 'sshd', program: 'sshd' }],
    });
    expect(r.records[7]).toMatchObject({ proto: 'raw6', localPort: 58, rawState: 7, state: null, owners: [{ pid: 865, name: 'NetworkManager' }] });
    expect(r.records.find((x) => x.inode === 22839)).toMatchObject({
      proto: 'unix', state: 'LISTEN', unixType: 'STREAM', refCnt: 2, unixFlags: 0x10000,
      owners: [{ pid: 1205, name: 'dockerd-curren' }], path: '/run/docker/libnetwork/fe53fe5029258e61eb7a9173ec80150ea3595abe7d69e47af064f451212110bf.sock',
    });
  });

  it('ubuntu1804-netstat-sudo-lnp.txt', () => {
    const r = sockets('ubuntu1804-netstat-sudo-lnp.txt');
    expect(r.records).toHaveLength(28);
    expect(r.records[1]).toMatchObject({ localAddress: '127.0.0.53', localPort: 53, owners: [{ pid: 885, name: 'systemd-resolve' }] });
    expect(r.records.filter((x) => x.proto === 'unix')).toHaveLength(21);
  });

  it('fedora32-netstat.txt: names, connected UDP, unix without programs, Bluetooth header reported', () => {
    const r = sockets('fedora32-netstat.txt');
    expect(r.records).toHaveLength(131);
    expect(r.records[1]).toMatchObject({ proto: 'udp', localAddress: 'localhost.locald', localPort: 68, remoteAddress: '192.168.71.254', remotePort: 67, state: 'ESTABLISHED' });
    expect(r.records[2]).toMatchObject({ proto: 'unix', refCnt: 2, unixType: 'DGRAM', state: null, inode: 36371, path: '/run/user/1000/systemd/notify', owners: [] });
    expect(r.skipped.map((s) => s.line)).toEqual([138]);
    expect(r.notes.join('\n')).toMatch(/2 addresses look cut/);
  });

  it('netstat-an6-parse-netstat.txt: truncated link-local kept and noted', () => {
    const r = sockets('netstat-an6-parse-netstat.txt');
    expect(r.records).toHaveLength(8);
    expect(r.records[4]).toMatchObject({ proto: 'udp6', localAddress: 'fe80::b1f3:2c:3c6c:', localPort: 123 });
    expect(r.records[7]).toMatchObject({ proto: 'raw6', localAddress: '::', localPort: 58, rawState: 7 });
    expect(r.notes.join('\n')).toMatch(/1 address look/);
  });

  it('netstat-anp-parse-netstat.txt: program names with spaces, old `*:*`, wider inode', () => {
    const r = sockets('netstat-anp-parse-netstat.txt');
    expect(r.records).toHaveLength(17);
    expect(r.records[7]).toMatchObject({ localPort: 25, owners: [{ pid: 1234, name: 'program with space' }] });
    expect(r.records[1]).toMatchObject({ localAddress: 'builder.localdomain', localPort: 1028, remoteAddress: '0.0.0.0', remotePort: 0, owners: [] });
    expect(r.records[16]).toMatchObject({ proto: 'unix', inode: 1121541, owners: [{ pid: 16933, name: 'kate 123' }], path: '/tmp/orbit-s1/linc-4225-0-267d23358095e' });
  });

  it('netstat-ap-bracketed-ipv6.txt: [::]:http with service names', () => {
    const r = sockets('netstat-ap-bracketed-ipv6.txt');
    expect(r.records).toHaveLength(118);
    expect(r.records[5]).toMatchObject({ proto: 'tcp6', localAddress: '::', localPort: 80, remoteAddress: '::', remotePort: 0, owners: [{ pid: 32013 }] });
    expect(r.records[4]).toMatchObject({ localPort: 22, remoteAddress: '192.168.57.1', remotePort: 59112, owners: [{ pid: 13049, name: 'sshd: root@pt' }] });
    expect(r.notes).toEqual([]);
  });

  it('netstat-old-nettools.txt', () => {
    const r = sockets('netstat-old-nettools.txt');
    expect(r.records).toHaveLength(10);
    expect(r.records[2]).toMatchObject({ proto: 'unix', inode: 18438, owners: [{ pid: 1, name: 'systemd' }], path: '/run/lvm/lvmpolld.socket' });
  });

  it('ubuntu-netstat-tunlp-find-process.txt', () => {
    const r = sockets('ubuntu-netstat-tunlp-find-process.txt');
    expect(r.records).toHaveLength(14);
    expect(r.records[4]).toMatchObject({ localPort: 9000, owners: [{ pid: 1705, name: 'php-fpm.conf)' }] });
  });

  it('debian12-netstat-tuanpeoW.txt: -e (User, Inode) and -o (Timer)', () => {
    const r = sockets('debian12-netstat-tuanpeoW.txt');
    expect(r.records).toHaveLength(7);
    expect(r.records[0]).toEqual({
      proto: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 45145, remoteAddress: '0.0.0.0', remotePort: 0,
      state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 21143, name: 'node', program: 'node' }], uid: 0, inode: 451529, timer: [0, 0, 0, 0],
    });
    expect(r.records[6]).toMatchObject({ proto: 'udp6', localAddress: '::1', localPort: 34146, state: null, inode: 451535 });
  });

  it('debian12-netstat-tulpnW.txt and debian12-netstat-anp-netns.txt', () => {
    expect(sockets('debian12-netstat-tulpnW.txt').records.map((x) => x.localPort)).toEqual([45145, 33919, 35195, 49502, 34146]);
    const anp = sockets('debian12-netstat-anp-netns.txt');
    expect(anp.records).toHaveLength(7);
    expect(anp.records[1]).toMatchObject({ state: 'ESTABLISHED', remotePort: 55550 });
  });

  it('de-ubuntu1404-netstat-tupan.txt: a German capture (VERBUNDEN), names cut at 19 characters', () => {
    const r = sockets('de-ubuntu1404-netstat-tupan.txt');
    expect(r.records).toHaveLength(25);
    expect(r.records.filter((x) => x.state === 'ESTABLISHED').map((x) => x.localPort)).toEqual([51544, 53999]);
    expect(r.records[4]).toEqual({
      proto: 'tcp', family: 'inet', localAddress: '192.168.0.11', localPort: 51544, remoteAddress: '64.15.113.114', remotePort: 443,
      state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [{ pid: 3149, name: 'chrome', program: 'chrome' }],
    });
    expect(r.records[13]).toMatchObject({ proto: 'udp', localPort: 59528, state: null, owners: [{ pid: 823, name: 'avahi-daemon: r' }] });
    expect(r.notes).toEqual([]);
  });

  it('German state words (net-tools po/de.po)', () => {
    const text = [
      'Aktive Internetverbindungen (Server und stehende Verbindungen)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ',
      'tcp        0      0 192.168.1.2:22          192.168.1.3:50000       VERBUNDEN  ',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN     ',
      'Aktive Sockets in der UNIX-Domäne (Server und stehende Verbindungen)',
      'Proto RefZäh Flaggen     Typ        Zustand       I-Node   Pfad',
      'unix  2      [ ACC ]     SEQPAKET   HÖRT          13962    /run/udev/control',
    ].join('\n');
    const r = parseNetToolsSockets(text, { source: 'de' });
    expect(r.records.map((x) => x.state)).toEqual(['ESTABLISHED', 'LISTEN', 'LISTEN']);
    expect(r.records[2]).toMatchObject({ unixType: 'SEQPACKET', path: '/run/udev/control' });
    expect(r.skipped).toEqual([]);
  });

  it('unknown lines are reported with line numbers, never dropped', () => {
    const r = parseNetToolsSockets('Proto Recv-Q Send-Q Local Address Foreign Address State\ntcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED\n(Not all processes could be identified)\nsctp 0 0 x y\n', { source: 'x' });
    expect(r.records).toHaveLength(1);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'not a net-tools socket row'],
      [4, 'sctp sockets have no place in a socket record'],
    ]);
  });
});

describe('net-tools routes, interfaces, statistics', () => {
  it('centos7-netstat-rnee.txt', () => {
    const r = parseNetToolsRoutes(fixture('centos7-netstat-rnee.txt'), { source: 'x' });
    expect(r.records).toHaveLength(3);
    expect(r.records[0]).toEqual({
      family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.71.2',
      interface: 'ens33', metric: 100, flags: 'UG', refCnt: 0, use: 0, mss: 0, window: 0, irtt: 0,
    });
    expect(r.records[1]).toMatchObject({ destination: '172.17.0.0', prefixLength: 16, gateway: null, interface: 'docker' });
  });

  it('ubuntu1804-netstat-r.txt: names kept (default, _gateway)', () => {
    const r = parseNetToolsRoutes(fixture('ubuntu1804-netstat-r.txt'), { source: 'x' });
    expect(r.records.map((x) => [x.destination, x.prefixLength, x.gateway, x.flags])).toEqual([
      ['0.0.0.0', 0, '_gateway', 'UG'],
      ['192.168.71.0', 24, null, 'U'],
      ['_gateway', 32, null, 'UH'],
    ]);
  });

  it('centos7-route-6-n.txt: IPv6 table, metric -1 kept as printed (as /proc/net/ipv6_route gives it)', () => {
    const r = parseNetToolsRoutes(fixture('centos7-route-6-n.txt'), { source: 'x' });
    expect(r.records).toHaveLength(21);
    expect(r.records[10]).toEqual({ family: 'inet6', destination: '2600:1700:bab0:d40::', prefixLength: 60, gateway: 'fe80::feae:34ff:fea1:3a80', interface: 'ens33', metric: 100, flags: 'UG', refCnt: 0, use: 0 });
    expect(r.records[14]).toMatchObject({ destination: '::', prefixLength: 0, metric: -1, flags: '!n', interface: 'lo' });
  });

  it('debian12-netstat-rn.txt and debian12-netstat-rn-A-inet6.txt', () => {
    expect(parseNetToolsRoutes(fixture('debian12-netstat-rn.txt'), { source: 'x' }).records[0]).toMatchObject({ gateway: '192.0.2.1', interface: 'eth0', mss: 0, window: 0, irtt: 0 });
    const v6 = parseNetToolsRoutes(fixture('debian12-netstat-rn-A-inet6.txt'), { source: 'x' }).records;
    expect(v6).toHaveLength(8);
    expect(v6[2]).toMatchObject({ destination: '::', prefixLength: 0, gateway: 'fd00::1', metric: 1024 });
  });

  it.each([
    ['centos7-netstat-i.txt', 3, { name: 'ens33', mtu: 1500, rxPackets: 476, txPackets: 312, flags: ['BROADCAST', 'MULTICAST', 'RUNNING', 'UP'] }],
    ['ubuntu1804-netstat-i.txt', 2, { name: 'lo', mtu: 65536, rxPackets: 94, txPackets: 94, flags: ['LOOPBACK', 'RUNNING', 'UP'] }],
    ['debian12-netstat-i.txt', 2, { name: 'eth0', mtu: 1400, rxPackets: 15357, txPackets: 9623 }],
  ])('%s', (name, count, sample) => {
    const r = parseNetToolsInterfaces(fixture(name), { source: name });
    expect(r.records).toHaveLength(count);
    expect(r.records).toContainEqual(expect.objectContaining(sample));
    expect(r.skipped).toEqual([]);
  });

  it('rhel-netstat-s.txt: older spellings map to MIB-II names', () => {
    const s = parseNetToolsStatistics(fixture('rhel-netstat-s.txt'), { source: 'x' }).statistics;
    expect(s.tcp).toEqual({ ActiveOpens: 1648, PassiveOpens: 1525, AttemptFails: 105, EstabResets: 69, CurrEstab: 139, InSegs: 2886370, OutSegs: 2890303, RetransSegs: 428, InErrs: 0, OutRsts: 212 });
    expect(s.icmp).toMatchObject({ InMsgs: 114, InDestUnreachs: 107, OutEchos: 3, OutEchoReps: 4 });
    // The IcmpMsg: table is its own protocol key, as /proc/net/snmp's is (model/statistics.ts).
    expect(s.icmpMsg).toMatchObject({ InType3: 107 });
    expect(s.icmp?.['InType3']).toBeUndefined();
    expect(s.tcpExt).toMatchObject({ TW: 1239, DelayedACKLost: 9, TCPPrequeued: 999263, TCPLossProbes: 12 });
    expect(s.udplite).toEqual({});
  });

  it('debian12-netstat-s.txt and debian12-netstat-s-6.txt', () => {
    const s = parseNetToolsStatistics(fixture('debian12-netstat-s.txt'), { source: 'x' });
    expect(s.statistics.ip).toMatchObject({ Forwarding: 2, InReceives: 238317, OutRequests: 232575, OutTransmits: 232575 });
    expect(s.statistics.ipExt).toEqual({ InOctets: 598400147, OutOctets: 13772079, InNoECTPkts: 238317 });
    expect(s.skipped).toEqual([]);
    const s6 = parseNetToolsStatistics(fixture('debian12-netstat-s-6.txt'), { source: 'x' }).statistics;
    expect(s6.ipv6).toMatchObject({ InReceives: 77116, InOctets: 5963568, OutMcastPkts: 8 });
    expect(s6.icmpv6).toMatchObject({ InDestUnreachs: 1, OutNeighborSolicits: 4, OutType135: 4 });
  });
});

describe('net-tools -s histograms and -g', () => {
  it('a printed histogram title with no rows under it means its first counter was 0', () => {
    const s = parseNetToolsStatistics(fixture('debian12-netstat-s.txt'), { source: 'x' }).statistics;
    // `ICMP output histogram:` stands alone in the capture: netstat printed it at OutDestUnreachs = 0.
    expect(Object.entries(s.icmp ?? {})).toEqual([
      ['InMsgs', 1],
      ['InErrors', 0],
      ['InDestUnreachs', 1],
      ['OutMsgs', 0],
      ['OutErrors', 0],
      ['OutDestUnreachs', 0],
    ]);
  });

  it('netstat -g with names: kept as printed, family from the name, one note', () => {
    const text = [
      'IPv6/IPv4 Group Memberships',
      'Interface       RefCnt Group',
      '--------------- ------ ---------------------',
      'lo              1      all-systems.mcast.net',
      'eth0            2      224.0.0.251',
      'eth0            1      ip6-allnodes',
      'eth0            1      ff02::1:ff00:2',
      'eth0            x      broken',
    ].join('\n');
    const r = parseNetToolsGroups(text, { source: 'g.txt' });
    expect(r.records).toEqual([
      { family: 'inet', interface: 'lo', refCount: 1, group: 'all-systems.mcast.net' },
      { family: 'inet', interface: 'eth0', refCount: 2, group: '224.0.0.251' },
      { family: 'inet6', interface: 'eth0', refCount: 1, group: 'ip6-allnodes' },
      { family: 'inet6', interface: 'eth0', refCount: 1, group: 'ff02::1:ff00:2' },
    ]);
    expect(r.skipped).toEqual([{ source: 'g.txt', line: 8, text: 'eth0            x      broken', reason: 'not a net-tools group row' }]);
    expect(r.notes).toEqual(['g.txt: 2 groups printed as names (netstat -g without -n): kept as printed']);
  });
});
