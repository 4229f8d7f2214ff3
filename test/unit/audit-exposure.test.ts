import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addressScope, auditExposure, isListener } from '../../src/audit/exposure.js';
import { LOCAL_SERVICES, localService } from '../../src/audit/local-services.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseNetToolsSockets } from '../../src/parse/nettools/netstat-sockets.js';
import { parseSs } from '../../src/parse/ss/ss.js';
import { parseWindowsNetstat } from '../../src/parse/windows/netstat-connections.js';
import { renderExposureCsv, renderExposureJson, renderExposureText } from '../../src/render/exposure.js';
import { NO_NAMES } from '../../src/render/names.js';
import { PLAIN } from '../../src/render/paint.js';
import { runOnCapture as run } from '../helpers/main-capture.js';
import { queryOf as q } from '../helpers/records.js';

const fixtures = new URL('../../fixtures/', import.meta.url);
const fixture = (path: string): string => decodeCapture(readFileSync(new URL(path, fixtures)));
/** Ubuntu 18.04 `ss -tulpen`: 73 listeners, a docker host with databases published on 0.0.0.0. */
const ubuntu = parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-tulpen.txt'), { source: 't' }).records;
/** Russian Windows `netstat -ano`: MySQL on 0.0.0.0 and [::], UDP on the LAN and link-local addresses. */
const windows = parseWindowsNetstat(fixture('windows/ru-win-netstat-ano-utf8.txt')).records;


describe('where a listener can be reached from', () => {
  const cases: [string | null, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.0.0.53', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'wildcard'],
    ['::', 'wildcard'],
    [null, 'wildcard'],
    ['*', 'wildcard'],
    ['169.254.10.1', 'link-local'],
    ['fe80::38db:9e6e:f7fe:44', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.122.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd00::1', 'private'],
    ['224.0.0.251', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2001:db8::1', 'public'],
  ];
  for (const [addr, scope] of cases) it(`${addr} → ${scope}`, () => expect(addressScope(addr)).toBe(scope));
});

describe('what a listener is', () => {
  const base: SocketRecord = { proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 1, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [] };
  it('TCP LISTEN', () => expect(isListener(base)).toBe(true));
  it('TCP ESTABLISHED is not', () => expect(isListener({ ...base, state: 'ESTABLISHED', remotePort: 9 })).toBe(false));
  it('TCP BOUND (Windows -q) is not', () => expect(isListener({ ...base, state: 'BOUND' })).toBe(false));
  it('UDP without a peer', () => expect(isListener({ ...base, proto: 'udp', state: null })).toBe(true));
  it('UDP without a peer, `*:*` as Windows prints it', () => expect(isListener({ ...base, proto: 'udp', state: null, remoteAddress: null, remotePort: null })).toBe(true));
  it('connected UDP is not', () => expect(isListener({ ...base, proto: 'udp', state: 'ESTABLISHED', remoteAddress: '10.0.0.1', remotePort: 53 })).toBe(false));
  it('unix sockets are not', () => expect(isListener({ ...base, proto: 'unix', family: 'unix' })).toBe(false));
});

describe('services usually meant to be local', () => {
  it('the issue’s list is in the table', () => {
    for (const port of [3306, 5432, 6379, 27017, 9200, 11211]) expect(localService('tcp', port), String(port)).toBeDefined();
  });
  it('memcached also over UDP, MySQL only over TCP', () => {
    expect(localService('udp', 11211)?.service).toBe('Memcached');
    expect(localService('udp', 3306)).toBeUndefined();
  });
  it('services meant for the network are not: ssh, http(s), smb, rdp', () => {
    for (const port of [22, 80, 443, 445, 3389]) expect(localService('tcp', port)).toBeUndefined();
  });
  it('each port once', () => expect(new Set(LOCAL_SERVICES.map((s) => s.port)).size).toBe(LOCAL_SERVICES.length));
});

describe('audit on captured listings', () => {
  it('ubuntu ss -tulpen: 64 of 73 listeners exposed, 5 databases/caches published on 0.0.0.0', () => {
    const r = auditExposure(ubuntu);
    expect(r.listeners).toBe(73);
    expect(r.exposed).toHaveLength(64);
    expect(r.exposed.filter((e) => e.scope === 'private').map((e) => `${e.record.proto} ${e.record.localAddress}:${e.record.localPort}`)).toEqual([
      'udp 192.168.122.1:53',
      'tcp 192.168.122.1:53',
      'tcp 192.168.178.5:10050',
    ]);
    expect(r.warnings).toBe(5);
    expect(r.exposed.filter((e) => e.warning).map((e) => `${e.record.localPort} ${e.warning?.service} ${e.record.owners[0]?.name}`)).toEqual([
      '27017 MongoDB dockerd',
      '3306 MySQL/MariaDB mysqld',
      '6379 Redis dockerd',
      '8086 InfluxDB dockerd',
      '5432 PostgreSQL dockerd',
    ]);
  });
  it('ubuntu netstat -tunlp: MySQL on 127.0.0.1 is not exposed', async () => {
    const recs = parseNetToolsSockets(fixture('linux-tools/ubuntu-netstat-tunlp-find-process.txt'), { source: 'u' }).records;
    const mysql = recs.find((x) => x.localPort === 3306) as SocketRecord;
    expect(mysql.localAddress).toBe('127.0.0.1');
    expect(auditExposure([mysql])).toEqual({ listeners: 1, exposed: [], warnings: 0 });
  });
  it('Windows netstat -ano: 62 of 87 listeners exposed; MySQL on 0.0.0.0 and [::] (3306, 33060) warned', () => {
    const r = auditExposure(windows);
    expect(r.listeners).toBe(87);
    expect(r.exposed).toHaveLength(62);
    expect(r.exposed.filter((e) => e.scope === 'link-local')).toHaveLength(3);
    expect(r.exposed.filter((e) => e.scope === 'private')).toHaveLength(6);
    expect(r.exposed.filter((e) => e.warning).map((e) => `${e.record.proto} ${e.record.localAddress} ${e.record.localPort} ${e.record.owners[0]?.pid}`)).toEqual([
      'tcp 0.0.0.0 3306 6688',
      'tcp 0.0.0.0 33060 6688',
      'tcp6 :: 3306 6688',
      'tcp6 :: 33060 6688',
    ]);
  });
});

describe('audit output in every style and format', () => {
  const report = auditExposure(ubuntu.filter((r) => [22, 3306, 53, 631].includes(r.localPort ?? -1)));
  const ctx = { names: NO_NAMES, eol: '\n', paint: PLAIN };
  it('linux: the net-tools rows with PID/Program, where they are reachable from, a warning', () => {
    const text = renderExposureText(report, q('-n --exposed', 'linux'), ctx);
    expect(text.split('\n')).toEqual([
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name   Reachable from',
      'udp        0      0 192.168.122.1:53        0.0.0.0:*                           2783/dnsmasq       the LAN',
      'udp        0      0 0.0.0.0:631             0.0.0.0:*                           1880/cups-browsed  all IPv4 interfaces',
      'tcp        0     80 0.0.0.0:3306            0.0.0.0:*               LISTEN      2367/mysqld        all IPv4 interfaces  WARNING: MySQL/MariaDB (database) is usually meant to be local',
      'tcp        0     32 192.168.122.1:53        0.0.0.0:*               LISTEN      2783/dnsmasq       the LAN',
      'tcp        0    128 0.0.0.0:22              0.0.0.0:*               LISTEN      1998/sshd          all IPv4 interfaces',
      '',
      '5 of 8 listeners reachable from the network; 1 warning:',
      'WARNING: tcp 0.0.0.0:3306 (mysqld (pid 2367)) reachable from all IPv4 interfaces: MySQL/MariaDB (database) is usually meant to be local; bind it to 127.0.0.1 or firewall it',
      '',
    ]);
  });
  it('windows: netstat.exe rows (in its order) with the PID, the image name in the audit column', () => {
    const text = renderExposureText(report, q('-n --exposed', 'windows'), ctx);
    expect(text.split('\n').slice(0, 9)).toEqual([
      '',
      'Active Connections',
      '',
      '  Proto  Local Address          Foreign Address        State           PID   Reachable from',
      '  TCP    0.0.0.0:22             0.0.0.0:0              LISTENING       1998  all IPv4 interfaces [sshd]',
      '  TCP    0.0.0.0:3306           0.0.0.0:0              LISTENING       2367  all IPv4 interfaces [mysqld]  WARNING: MySQL/MariaDB (database) is usually meant to be local',
      '  TCP    192.168.122.1:53       0.0.0.0:0              LISTENING       2783  the LAN [dnsmasq]',
      '  UDP    0.0.0.0:631            *:*                                    1880  all IPv4 interfaces [cups-browsed]',
      '  UDP    192.168.122.1:53       *:*                                    2783  the LAN [dnsmasq]',
    ]);
  });
  it('macos: BSD rows with process:pid', () => {
    const text = renderExposureText(report, q('-n --exposed', 'macos'), ctx);
    expect(text).toMatch(/\ntcp4 +0 +80 +\*\.3306 +\*\.\* +LISTEN .* mysqld:2367 +all IPv4 interfaces  WARNING: MySQL\/MariaDB/);
  });
  it('nothing exposed says so', () => {
    const none = auditExposure(ubuntu.filter((r) => r.localAddress === '127.0.0.1'));
    expect(renderExposureText(none, q('--exposed', 'linux'), ctx)).toMatch(/\nNo listener is reachable from the network \(7 listeners, all on loopback\)\.\n$/);
  });
  it('JSON: the counts and each exposed listener with its scope and warning', () => {
    const doc = JSON.parse(renderExposureJson(report)) as { version: number; exposure: unknown; exposed: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.exposure).toEqual({ listeners: 8, exposed: 5, warnings: 1 });
    expect(doc.exposed[2]).toMatchObject({ proto: 'tcp', localAddress: '0.0.0.0', localPort: 3306, owners: [{ pid: 2367, name: 'mysqld' }], scope: 'wildcard', warning: { service: 'MySQL/MariaDB', kind: 'database', port: 3306 } });
    expect(doc.exposed[0]).toMatchObject({ scope: 'private', warning: null });
  });
  it('CSV: the listing’s columns plus scope and warning', () => {
    const lines = renderExposureCsv(report).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^proto,family,.*,path,scope,warning$/);
    expect(lines[3]).toBe('tcp,inet,0.0.0.0,3306,0.0.0.0,0,LISTEN,0,80,2367,mysqld,125,,47161,,wildcard,MySQL/MariaDB');
    expect(lines[1]).toBe('udp,inet,192.168.122.1,53,0.0.0.0,0,,0,0,2783,dnsmasq,,,43666,,private,');
    expect(lines).toHaveLength(6);
  });
});

describe('tsnetstat --exposed (main)', () => {
  it('a warning → exit 1 (a CI or cron gate)', async () => {
    const r = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '--exposed', '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { exposure: unknown }).exposure).toEqual({ listeners: 73, exposed: 64, warnings: 5 });
  });
  it('filters apply before the audit: --port 22 → no warning, exit 0', async () => {
    const r = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '--exposed', '--port', '22']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 of 1 listener reachable from the network; 0 warnings.');
  });
  it('--process filters by owner', async () => {
    const r = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '--exposed', '--process', 'mysqld', '--csv']);
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n')).toHaveLength(2);
  });
  it('only loopback listeners → exit 0', async () => {
    const r = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '--exposed', '--local', '127.0.0.0/8']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No listener is reachable from the network (9 listeners, all on loopback).');
  });
});
