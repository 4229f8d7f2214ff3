import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBsdInterfaces } from '../../src/parse/bsd/netstat-interfaces.js';
import { bsdDestination, bsdRouteFlags, parseBsdRoutes } from '../../src/parse/bsd/netstat-routes.js';
import { parseBsdSockets, parseProcessPid } from '../../src/parse/bsd/netstat-sockets.js';
import { parseBsdStatistics } from '../../src/parse/bsd/netstat-statistics.js';
import { serviceLookupFromText } from '../../src/parse/common/endpoint.js';
import { decodeCapture } from '../../src/parse/common/text.js';

const fixture = (path: string): string => decodeCapture(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
const services = serviceLookupFromText('ssh 22/tcp\nsmtp 25/tcp\nsyslog 514/udp\nhttps 443/tcp\nmdns 5353/udp\n');
const sockets = (path: string) => parseBsdSockets(fixture(path), { source: path, services });

describe('macOS/FreeBSD netstat sockets (one test per capture)', () => {
  it('macos-netstat-anv-p-tcp-process-pid.txt: process:pid layout, names with spaces and parentheses', () => {
    const r = sockets('macos/macos-netstat-anv-p-tcp-process-pid.txt');
    expect(r.records).toHaveLength(4);
    expect(r.records[2]).toEqual({
      proto: 'tcp', family: 'inet', localAddress: '127.0.0.1', localPort: 55910, remoteAddress: '127.0.0.1', remotePort: 4242,
      state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [{ pid: 56664, name: 'Codex (Service)' }],
    });
    expect(r.records[3]).toEqual({
      proto: 'tcp6', family: 'inet6', localAddress: '::', localPort: 55047, remoteAddress: '::', remotePort: 0,
      state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 742, name: 'rapportd' }], dualStack: true,
    });
  });

  it('macos-netstat-anv-old-format.txt: `pid epid` layout gives pids without names', () => {
    const r = sockets('macos/macos-netstat-anv-old-format.txt');
    expect(r.records).toHaveLength(5);
    expect(r.records.map((x) => x.owners[0]?.pid)).toEqual([422, 36843, 40517, 61044, 61044]);
    expect(r.records[1]).toMatchObject({ state: 'CLOSE_WAIT', remoteAddress: '140.205.133.118', remotePort: 80, owners: [{ pid: 36843, name: '' }] });
  });

  it('replay/legacy-netstat-anvW-p-udp.txt: UDP rows have no state token', () => {
    const r = sockets('macos/replay/legacy-netstat-anvW-p-udp.txt');
    expect(r.records).toEqual([{ proto: 'udp', family: 'inet', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0, state: null, recvQ: 0, sendQ: 0, owners: [{ pid: 321, name: '' }] }]);
  });

  it('replay/netstat-anvW-p-udp.txt: process:pid layout for UDP, connected UDP socket', () => {
    const r = sockets('macos/replay/netstat-anvW-p-udp.txt');
    expect(r.records[1]).toMatchObject({ proto: 'udp', localAddress: '192.168.0.105', localPort: 64161, remoteAddress: '108.177.119.95', remotePort: 443, state: null, owners: [{ pid: 855, name: 'Brave Browser He' }] });
  });

  it('macos-netstat-an-parse-netstat.txt: kernel control/event sections reported, not parsed as sockets', () => {
    const r = sockets('macos/macos-netstat-an-parse-netstat.txt');
    expect(r.records).toHaveLength(10);
    expect(r.records[3]).toMatchObject({ proto: 'udp', localAddress: '0.0.0.0', localPort: 0 });
    expect(r.records[5]).toMatchObject({ proto: 'udp6', localAddress: '::', localPort: 0, dualStack: true });
    expect(r.records[6]).toMatchObject({ proto: 'unix', unixType: 'STREAM', state: 'ESTABLISHED', path: '/var/run/mDNSResponder' });
    expect(r.records[9]).toMatchObject({ proto: 'unix', state: 'LISTEN', path: '/var/run/vmnat.40388' });
    expect(new Set(r.skipped.map((s) => s.reason))).toEqual(new Set([
      'kernel control modules have no place in a socket record',
      'kernel event sockets have no place in a socket record',
      'kernel control sockets have no place in a socket record',
    ]));
  });

  it('macos-netstat-default-2.txt: names, ICMP sockets, cut IPv6 noted', () => {
    const r = sockets('macos/macos-netstat-default-2.txt');
    expect(r.records).toHaveLength(531);
    expect(r.records.find((x) => x.proto === 'raw')).toMatchObject({ family: 'inet', localPort: 1, rawState: 1 });
    expect(r.records.find((x) => x.proto === 'raw6')).toMatchObject({ localPort: 58 });
    expect(r.records[0]).toMatchObject({ proto: 'tcp6', localAddress: '2607:fea8:1e60:e', localPort: 55234, remoteAddress: 'yyz10s14-in-x03.', remotePort: 443 });
    expect(r.records.find((x) => x.localPort === 5353 && x.dualStack)).toMatchObject({ proto: 'udp6', localAddress: '::' });
    expect(r.notes.join('\n')).toMatch(/41 addresses look cut/);
  });

  it.each(['macos/macos10.14-netstat-An.txt', 'macos/macos10.14-netstat-Abn.txt'])('%s: -A prefix columns', (path) => {
    const r = sockets(path);
    expect(r.records).toHaveLength(538);
    expect(r.records[24]).toEqual({
      proto: 'tcp', family: 'inet', localAddress: '192.168.1.221', localPort: 5179, remoteAddress: '192.168.1.80', remotePort: 548,
      state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [],
    });
    expect(r.records.find((x) => x.localPort === 61224)).toMatchObject({ proto: 'udp6', dualStack: true });
    expect(r.skipped).toHaveLength(143);
  });

  it('freebsd10.1-netstat-an.txt', () => {
    const r = sockets('freebsd/freebsd10.1-netstat-an.txt');
    expect(r.records).toHaveLength(63);
    expect(r.records[1]).toMatchObject({ state: 'CLOSE', localPort: 632 });
    expect(r.records[3]).toMatchObject({ proto: 'tcp6', localAddress: '::1', localPort: 6012, state: 'LISTEN' });
    expect(r.records[4]).toMatchObject({ sendQ: 52, remotePort: 41487 });
  });

  it('freebsd9.2-netstat-an.txt', () => {
    const r = sockets('freebsd/freebsd9.2-netstat-an.txt');
    expect(r.records).toHaveLength(54);
    expect(r.records.filter((x) => x.proto === 'unix').length).toBeGreaterThan(0);
  });

  it('freebsd12-netstat-an.txt: unix section incl. seqpacket', () => {
    const r = sockets('freebsd/freebsd12-netstat-an.txt');
    expect(r.records).toHaveLength(20);
    expect(r.records.at(-1)).toMatchObject({ proto: 'unix', unixType: 'SEQPACKET', state: 'LISTEN', path: '/var/run/devd.seqpacket.pipe' });
    expect(r.records.find((x) => x.path === '/var/run/logpriv')).toMatchObject({ unixType: 'DGRAM', state: null });
  });

  it('freebsd12-netstat-aT.txt: no state column, blank numeric columns for UDP', () => {
    const r = sockets('freebsd/freebsd12-netstat-aT.txt');
    expect(r.records).toHaveLength(20);
    expect(r.records.slice(0, 6).map((x) => [x.proto, x.localPort, x.state])).toEqual([
      ['tcp', 22, 'UNKNOWN'], ['tcp', 25, 'LISTEN'], ['tcp', 22, 'LISTEN'], ['tcp6', 22, 'LISTEN'], ['udp', 514, null], ['udp6', 514, null],
    ]);
  });

  it('process:pid field read from the right', () => {
    expect(parseProcessPid('  Brave Browser He:7187 ')).toEqual([{ pid: 7187, name: 'Brave Browser He' }]);
    expect(parseProcessPid('a:b:12')).toEqual([{ pid: 12, name: 'a:b' }]);
    expect(parseProcessPid('-')).toEqual([]);
  });
});

describe('BSD routes, interfaces, statistics', () => {
  it('macos10.14-netstat-rnl.txt', () => {
    const r = parseBsdRoutes(fixture('macos/macos10.14-netstat-rnl.txt'), { source: 'r' });
    expect(r.records).toHaveLength(89);
    expect(r.records[0]).toEqual({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.1.254', interface: 'en0', metric: 0, flags: 'UG', nativeFlags: 'UGSc', refCnt: 83, use: 24, mtu: 1500 });
    expect(r.records[3]).toMatchObject({ destination: '169.254.0.0', prefixLength: 16, gateway: null, interfaceIndex: 10 });
    expect(r.records.find((x) => x.family === 'inet6' && x.gateway === 'fe80::feae:34ff:fea1:3a80%en0')).toMatchObject({ destination: '::', prefixLength: 0, mtu: 1500 });
  });

  it('macos10.14-netstat-r.txt: names kept', () => {
    const r = parseBsdRoutes(fixture('macos/macos10.14-netstat-r.txt'), { source: 'r' });
    expect(r.records).toHaveLength(86);
    expect(r.records[0]).toMatchObject({ gateway: 'dsldevice.attlocal', refCnt: 85, use: 24 });
  });

  it('freebsd12-netstat-r.txt and replay/netstat-rn.txt', () => {
    const f = parseBsdRoutes(fixture('freebsd/freebsd12-netstat-r.txt'), { source: 'f' }).records;
    expect(f).toHaveLength(13);
    expect(f[2]).toMatchObject({ destination: '192.168.71.0', prefixLength: 24, interfaceIndex: 1, interface: 'em0' });
    const m = parseBsdRoutes(fixture('macos/replay/netstat-rn.txt'), { source: 'm' }).records;
    expect(m).toHaveLength(60);
    expect(m.find((x) => x.destination === '224.0.0.0' && x.interface === 'utun2' && x.gateway !== null)).toMatchObject({ prefixLength: 4, gateway: '10.175.9.195' });
  });

  it('destination shorthand and flags', () => {
    expect(bsdDestination('192.168.1', 'inet', false)).toEqual({ destination: '192.168.1.0', prefixLength: 24 });
    expect(bsdDestination('10/16', 'inet', false)).toEqual({ destination: '10.0.0.0', prefixLength: 16 });
    expect(bsdDestination('fe80::%lo0/64', 'inet6', false)).toEqual({ destination: 'fe80::%lo0', prefixLength: 64 });
    expect(bsdRouteFlags('UGRS')).toBe('UG!');
  });

  it.each([
    ['macos/macos-netstat-ibdn-excerpt-gopsutil.txt', 4, { name: 'en0', index: 4, mac: 'a8:66:7f:dd:ee:ff', rxBytes: 7295722068, txDropped: 230 }],
    ['macos/macos-netstat-ibdn-truncated-excerpt-gopsutil.txt', 8, { name: 'utun8', index: 95, rxBytes: 28593 }],
    ['macos/macos10.14-netstat-i.txt', 23, { name: 'en0', index: 10, mac: 'a4:83:e7:2d:62:8f', rxPackets: 23300545, txErrors: 464 }],
    ['freebsd/freebsd-netstat-i.txt', 2, { name: 'nfe0', index: 1, rxPackets: 65877, rxDropped: 0 }],
    ['freebsd/freebsd12-netstat-i.txt', 2, { name: 'em0', mtu: 1500, rxPackets: 189449 }],
    ['freebsd/freebsd12-netstat-ib.txt', 2, { name: 'lo0', mtu: 16384, rxBytes: 21024, txBytes: 21024 }],
    ['macos/replay/netstat-ibn.txt', 4, { name: 'en0', index: 14, rxBytes: 75656778687, txBytes: 79224021508 }],
  ])('%s', (path, count, sample) => {
    const r = parseBsdInterfaces(fixture(path), { source: path });
    expect(r.records).toHaveLength(count);
    expect(r.records).toContainEqual(expect.objectContaining(sample));
    expect(r.skipped).toEqual([]);
  });

  it('down interfaces and address rows', () => {
    const r = parseBsdInterfaces(fixture('macos/macos-netstat-ibdn-excerpt-gopsutil.txt'), { source: 'x' }).records;
    expect(r[1]).toMatchObject({ name: 'gif0', flags: [] });
    // Each address row keeps the counters printed on it (here macOS repeats the interface's).
    const own = { rxPackets: 27190978, rxBytes: 12824763793, txPackets: 27190978, txBytes: 12824763793 };
    expect(r[0]?.addresses).toEqual([
      { family: 'inet6', address: '::1', network: '::1/128', ...own },
      { family: 'inet', address: '127.0.0.1', network: '127', ...own },
      { family: 'inet6', address: 'fe80:1::1', network: 'fe80::1%lo0', ...own },
    ]);
  });

  it('macos-netstat-s-p-tcp.txt: MIB-II names where they map, words elsewhere', () => {
    const s = parseBsdStatistics(fixture('macos/macos-netstat-s-p-tcp.txt'), { source: 's' }).statistics;
    expect(s.tcp).toMatchObject({
      OutSegs: 6878757, InSegs: 7402898, ActiveOpens: 472655, PassiveOpens: 3573, AttemptFails: 5, RetransSegs: 158547, RetransSegsBytes: 106210357, InCsumErrors: 0,
      dataPackets: 1509288, dataPacketsBytes: 741004496, ackOnlyPackets: 3818161, ackOnlyPacketsDelayed: 39601,
      packetsReceivedWindowUpdatePackets: 18699, windowUpdatePackets: 835713, segmentsUpdatedRtt: 1494844, segmentsUpdatedRttAttempts: 1747114,
      connectionsClosed: 478728, connectionsClosedDrops: 35378,
    });
    expect(Object.keys(s)).toEqual(['tcp']);
  });

  it('other sections are reported, not dropped', () => {
    const r = parseBsdStatistics('tcp:\n\t5 packets sent\nigmp:\n\t3 messages received\n', { source: 's' });
    expect(r.statistics).toEqual({ tcp: { OutSegs: 5 } });
    expect(r.skipped.map((x) => [x.line, x.reason])).toEqual([[3, 'section igmp has no place in the statistics model'], [4, 'line of section igmp']]);
  });
});
