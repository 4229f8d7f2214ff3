import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceLookupFromText } from '../../src/parse/common/endpoint.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseSockstat } from '../../src/parse/freebsd/sockstat.js';
import { parseLsofFields, parseLsofTable } from '../../src/parse/lsof/lsof.js';
import { parseSs, parseSsUsers } from '../../src/parse/ss/ss.js';

const fixture = (path: string): string => decodeCapture(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
const services = serviceLookupFromText('ssh 22/tcp\nsmtp 25/tcp mail\nbootpc 68/udp\ndomain 53/tcp\ndomain 53/udp\n');

describe('ss (one test per capture)', () => {
  it('centos7-ss-sudo-a.txt: old ss, `*` is the IPv4 wildcard, netlink/packet rows reported', () => {
    const r = parseSs(fixture('linux-tools/centos7-ss-sudo-a.txt'), { source: 'a', services });
    expect(r.records).toHaveLength(160);
    expect(r.skipped).toHaveLength(43);
    expect(r.skipped[0]).toMatchObject({ line: 2, reason: 'netlink sockets have no place in a socket record' });
    expect(r.records.find((x) => x.localPort === 68)).toMatchObject({ proto: 'udp', family: 'inet', localAddress: '0.0.0.0', remoteAddress: '0.0.0.0', remotePort: 0, state: null });
    expect(r.records.at(-1)).toEqual({
      proto: 'tcp6', family: 'inet6', localAddress: '::1', localPort: 38134, remoteAddress: '::1', remotePort: 22,
      state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [],
    });
    expect(r.records.find((x) => x.inode === 8981)).toMatchObject({ proto: 'unix', unixType: 'STREAM', state: 'LISTEN', path: '/run/systemd/journal/stdout', sendQ: 128 });
  });

  it('ubuntu1804-ss-sudo-a.txt: new ss, scopes, vsock reported', () => {
    const r = parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-a.txt'), { source: 'a', services });
    expect(r.records).toHaveLength(117);
    expect(r.skipped.map((s) => s.line).slice(-1)).toEqual([159]);
    expect(r.records.find((x) => x.localScope === 'lo' && x.proto === 'udp')).toMatchObject({ localAddress: '127.0.0.53', localPort: 53 });
    expect(r.records.find((x) => x.proto === 'raw6')).toMatchObject({ localPort: 58, localScope: 'ens33' });
  });

  it('ubuntu1804-ss-sudo-tulpen.txt: every owner of a shared socket, uid and inode', () => {
    const r = parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-tulpen.txt'), { source: 't' });
    expect(r.records).toHaveLength(73);
    expect(r.records[1]).toEqual({
      proto: 'udp', family: 'inet', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0,
      state: null, recvQ: 0, sendQ: 0, owners: [{ pid: 1510, name: 'avahi-daemon' }], uid: 112, inode: 25147,
    });
    const apache = r.records.find((x) => x.localPort === 80);
    expect(apache?.owners.length).toBeGreaterThan(3);
    expect(apache?.owners.every((o) => o.name === '/usr/sbin/apach')).toBe(true);
  });

  it('ss-wide-process-column.txt: `Peer Address:PortProcess` header, v6only, dual-stack `*`', () => {
    const r = parseSs(fixture('linux-tools/ss-wide-process-column.txt'), { source: 'w' });
    expect(r.records).toHaveLength(155);
    expect(r.records.find((x) => x.localPort === 6556)).toMatchObject({ proto: 'tcp6', localAddress: '::', dualStack: true, owners: [{ pid: 1330292, name: 'xinetd' }] });
    expect(r.records.find((x) => x.localPort === 110 && x.family === 'inet6')).toMatchObject({ proto: 'tcp6', localAddress: '::', dualStack: false });
    expect(r.records.find((x) => x.localPort === 25 && x.proto === 'tcp')?.owners).toHaveLength(17);
  });

  it('debian12-ss-tulpn.txt and debian12-ss-tuanpe.txt (iproute2 6.1)', () => {
    const l = parseSs(fixture('linux-tools/debian12-ss-tulpn.txt'), { source: 'l' });
    expect(l.records.map((x) => `${x.proto} ${x.localAddress} ${x.localPort}`)).toEqual([
      'udp 127.0.0.1 49502', 'udp6 ::1 34146', 'tcp 127.0.0.1 45145', 'tcp6 ::1 33919', 'tcp6 :: 35195',
    ]);
    expect(l.records[4]?.dualStack).toBe(true);
    const e = parseSs(fixture('linux-tools/debian12-ss-tuanpe.txt'), { source: 'e' });
    expect(e.records.filter((x) => x.state === 'ESTABLISHED').map((x) => x.inode)).toEqual([451533, 451532]);
  });

  it('users:(…) with quotes and parentheses in names', () => {
    expect(parseSsUsers('users:(("Codex (Service)",pid=5,fd=3),("a\\"b",pid=6,fd=1),("Codex (Service)",pid=5,fd=9))')).toEqual([
      { pid: 5, name: 'Codex (Service)' },
      { pid: 6, name: 'a"b' },
    ]);
  });
});

describe('lsof', () => {
  it('macos-lsof-i-grep-fragment.txt: header-less rows (grep output)', () => {
    const r = parseLsofTable(fixture('macos/macos-lsof-i-grep-fragment.txt'), { source: 'g' });
    expect(r.records).toEqual([
      { proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 20559, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: null, sendQ: null, owners: [{ pid: 31833, name: 'node' }], user: 'matt' },
      { proto: 'udp', family: 'inet', localAddress: '0.0.0.0', localPort: 20560, remoteAddress: '0.0.0.0', remotePort: 0, state: null, recvQ: null, sendQ: null, owners: [{ pid: 31833, name: 'node' }], user: 'matt' },
    ]);
  });

  it('debian12-lsof-i-nP.txt', () => {
    const r = parseLsofTable(fixture('linux-tools/debian12-lsof-i-nP.txt'), { source: 'l' });
    expect(r.records).toHaveLength(7);
    expect(r.records[3]).toMatchObject({ proto: 'tcp', localPort: 55550, remoteAddress: '127.0.0.1', remotePort: 45145, state: 'ESTABLISHED', inode: 451532, user: 'root' });
    expect(r.records[2]).toMatchObject({ proto: 'tcp6', localAddress: '::', localPort: 35195 });
  });

  it('debian12-lsof-F-pcnPtTd.txt: field output with queues', () => {
    const r = parseLsofFields(fixture('linux-tools/debian12-lsof-F-pcnPtTd.txt'), { source: 'f' });
    expect(r.records).toHaveLength(7);
    expect(r.records[1]).toEqual({
      proto: 'tcp6', family: 'inet6', localAddress: '::1', localPort: 33919, remoteAddress: '::', remotePort: 0,
      state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 21143, name: 'node' }], inode: 451530,
    });
    expect(r.notes).toEqual([]);
  });

  it('rows of several processes naming one socket become one record with every owner', () => {
    const table = [
      'COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
      'nginx    1201 root    6u  IPv4  12345      0t0  TCP *:80 (LISTEN)',
      'nginx    1202 www     6u  IPv4  12345      0t0  TCP *:80 (LISTEN)',
    ].join('\n');
    expect(parseLsofTable(table, { source: 't' }).records.map((x) => x.owners)).toEqual([[{ pid: 1201, name: 'nginx' }, { pid: 1202, name: 'nginx' }]]);
  });

  it('-F without P and T: protocol and state are inferred, and said so', () => {
    const r = parseLsofFields('p42\ncsshd\nn*:22\nn10.0.0.1:22->10.0.0.2:5000\n', { source: 'f' });
    expect(r.records.map((x) => [x.proto, x.state])).toEqual([['tcp', 'LISTEN'], ['tcp', 'ESTABLISHED']]);
    expect(r.notes.join('\n')).toMatch(/without the P \(protocol\) field/);
  });
});

describe('FreeBSD sockstat', () => {
  it('freebsd-sockstat.txt', () => {
    const r = parseSockstat(fixture('freebsd/freebsd-sockstat.txt'), { source: 's' });
    expect(r.records).toHaveLength(14);
    expect(r.records[0]).toEqual({
      proto: 'tcp', family: 'inet', localAddress: '192.168.5.2', localPort: 22, remoteAddress: '192.168.5.4', remotePort: 59217,
      state: 'ESTABLISHED', recvQ: null, sendQ: null, owners: [{ pid: 45933, name: 'sshd' }], user: 'root',
    });
    expect(r.records[1]).toMatchObject({ proto: 'unix', path: '', state: null });
    expect(r.records[2]).toMatchObject({ proto: 'tcp6', localAddress: '::', localPort: 22, state: 'LISTEN' });
    expect(r.records[12]).toMatchObject({ proto: 'unix', path: '/var/run/openldap/ldapi', state: 'LISTEN', owners: [{ pid: 542, name: 'slapd' }] });
    expect(r.notes.join('\n')).toMatch(/no TCP state column/);
  });
});
