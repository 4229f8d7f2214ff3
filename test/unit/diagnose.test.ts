/**
 * `--diagnose` (pure parts): each check on records and counters parsed from real captures in
 * fixtures/ (and on small made-up socket sets where no capture has the condition), the rates over
 * an interval, the comparison across snapshots, the sources it reads (port range, SYN cookies,
 * listen backlogs from a real sock_diag dump) and the report's text and JSON.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareFindings, diagnose, type DiagnoseInput } from '../../src/audit/diagnose.js';
import { interfaceErrors, tcpRetransmits, DEFAULT_COUNTER_THRESHOLDS as CT } from '../../src/audit/diagnose-counters.js';
import { closeWaitPileups, ephemeralPressure, exposedServices, listenerPressure, outboundPublic } from '../../src/audit/diagnose-sockets.js';
import type { ListenQueue } from '../../src/model/diagnosis.js';
import type { NetInterface } from '../../src/model/interface.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { Statistics } from '../../src/model/statistics.js';
import { parseBsdStatistics } from '../../src/parse/bsd/netstat-statistics.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { decodeListenQueues } from '../../src/parse/linux/inet-diag-listen.js';
import { parseProcNetDev } from '../../src/parse/linux/proc-net-dev.js';
import { parseProcNetSnmp } from '../../src/parse/linux/proc-net-snmp.js';
import { parsePortRange, parseSysctlInt } from '../../src/parse/linux/proc-sys-net.js';
import { parseSs } from '../../src/parse/ss/ss.js';
import { parseWindowsNetstat } from '../../src/parse/windows/netstat-connections.js';
import { linuxHostFacts } from '../../src/probe/linux-host-facts.js';
import { renderDiagnosisJson, renderDiagnosisText, renderFindingEvents } from '../../src/render/diagnose.js';
import { PLAIN } from '../../src/render/paint.js';
import { tcpRecord } from '../helpers/records.js';
import { fakeFs } from '../helpers/run-main.js';

const fixtures = new URL('../../fixtures/', import.meta.url);
const fixture = (path: string): string => decodeCapture(readFileSync(new URL(path, fixtures)));
/** Russian Windows `netstat -ano`: MySQL on 0.0.0.0, 9 sockets in CLOSE_WAIT (4 of them pid 17808). */
const ru = (): SocketRecord[] => parseWindowsNetstat(fixture('windows/ru-win-netstat-ano-utf8.txt')).records;
/** Windows 10 `netstat -aonb`: a desktop with 22 connections to public addresses. */
const win10 = (): SocketRecord[] => parseWindowsNetstat(fixture('windows/win10-netstat-aonb.txt')).records;
/** Ubuntu 18.04 `ss -tulpen`: a docker host with databases published on 0.0.0.0. */
const ubuntu = (): SocketRecord[] => parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-tulpen.txt'), { source: 't' }).records;
/** The listener dump of `fixtures/linux-netlink/listen-backlog1.hex` (see fixtures/SOURCES.md). */
const dump = (): Uint8Array => Buffer.from(fixture('linux-netlink/listen-backlog1.hex').replace(/\s+/g, ''), 'hex');
const macosStats = (): Statistics => parseBsdStatistics(fixture('macos/macos-netstat-s-p-tcp.txt'), { source: 'm' }).statistics;
const linuxStats = (file: string): Statistics => parseProcNetSnmp(fixture(`linux-proc/${file}`), file).statistics;
const dev = (file: string): NetInterface[] => parseProcNetDev(fixture(`linux-proc/${file}`), file).records.map((c) => ({ ...c, mtu: null, flags: [] }));

describe('sources', () => {
  it('a real sock_diag dump of a backlog-1 listener gives its queue and backlog (ss: LISTEN 2 1)', () => {
    const out: ListenQueue[] = [];
    const b = dump();
    expect(decodeListenQueues(b, b.length, out)).toBe(true);
    expect(out).toEqual([{ inode: 78066, localPort: 7000, queued: 2, backlog: 1 }]);
  });
  it('ip_local_port_range and tcp_syncookies', () => {
    expect(parsePortRange('32768\t60999\n')).toEqual({ low: 32768, high: 60999 });
    expect(parsePortRange('60999 32768')).toBeNull();
    expect(parsePortRange('x')).toBeNull();
    expect(parseSysctlInt('1\n')).toBe(1);
    expect(parseSysctlInt('on')).toBeNull();
  });
  it('the Linux probe reads them through its reader and netlink dumper', async () => {
    const fs = fakeFs({ '/proc/sys/net/ipv4/ip_local_port_range': { text: '40000\t40999\n' }, '/proc/sys/net/ipv4/tcp_syncookies': { text: '2\n' } });
    const b = dump();
    const netlink = async () => ({ dumpAll: async (_r: unknown, sink: (i: number, buf: Uint8Array, len: number) => void) => sink(0, b, b.length), close() {} });
    const { facts, warnings } = await linuxHostFacts({ fs, procRoot: '/proc', littleEndian: true, netlink });
    expect(warnings).toEqual([]);
    expect(facts).toEqual({
      ephemeralPorts: { low: 40000, high: 40999, source: '/proc/sys/net/ipv4/ip_local_port_range' },
      synCookies: 2,
      listenQueues: [{ inode: 78066, localPort: 7000, queued: 2, backlog: 1 }],
    });
  });
  it('without netlink or the files, facts stay unknown (one line says why for netlink)', async () => {
    const { facts, warnings } = await linuxHostFacts({ fs: fakeFs({}), procRoot: '/proc', littleEndian: true, netlink: async () => null });
    expect(facts).toEqual({});
    expect(warnings).toEqual(['netlink sock_diag is not available: listen backlogs are unknown, accept queues are not checked against them']);
  });
});

describe('socket checks', () => {
  it('exposed-service: the --exposed audit warnings, one finding each', () => {
    const f = exposedServices(ubuntu());
    expect(f.map((x) => x.subject)).toEqual(['tcp 0.0.0.0:27017', 'tcp 0.0.0.0:3306', 'tcp 0.0.0.0:6379', 'tcp 0.0.0.0:8086', 'tcp 0.0.0.0:5432']);
    expect(f.every((x) => x.severity === 'warning' && x.id === 'exposed-service')).toBe(true);
    expect(f[2]?.summary).toMatch(/^Redis \(cache\) listens on tcp 0\.0\.0\.0:6379, reachable from every interface/);
  });

  it('close-wait-pileup: per process, at the threshold, with the remote endpoints most involved', () => {
    expect(closeWaitPileups(ru(), 10)).toEqual([]);
    const f = closeWaitPileups(ru(), 3);
    expect(f.map((x) => [x.subject, x.evidence.counts])).toEqual([
      ['pid 17808', { CLOSE_WAIT: 4 }],
      ['pid 21248', { CLOSE_WAIT: 3 }],
    ]);
    expect(f[0]?.evidence.remotes).toEqual([
      { address: '2.18.29.232', port: 443, count: 2 },
      { address: '2.20.32.156', port: 443, count: 1 },
      { address: '23.64.12.169', port: 443, count: 1 },
    ]);
    expect(f[1]?.evidence.remotes).toEqual([{ address: '3.211.151.47', port: 443, count: 3 }]);
  });

  const listener = tcpRecord(8443, 0, 'LISTEN', { localAddress: '0.0.0.0', inode: 11, owners: [{ pid: 9, name: 'srv' }] });
  const halfOpen = (n: number): SocketRecord[] => Array.from({ length: n }, (_, i) => tcpRecord(8443, 50000 + i, 'SYN_RECV', { localAddress: '10.0.0.1', remoteAddress: `198.51.100.${1 + (i % 2)}` }));

  it('syn-recv: half-open connections counted on their listener, from the threshold on; SYN cookies mentioned', () => {
    expect(listenerPressure([listener, ...halfOpen(19)], {}, 20)).toEqual([]);
    const [f] = listenerPressure([listener, ...halfOpen(20)], { synCookies: 0 }, 20);
    expect(f?.id).toBe('syn-recv');
    expect(f?.subject).toBe('tcp 0.0.0.0:8443');
    expect(f?.evidence.counts).toEqual({ SYN_RECV: 20 });
    expect(f?.evidence.processes).toEqual([{ pid: 9, name: 'srv' }]);
    expect(f?.evidence.remotes).toEqual([
      { address: '198.51.100.1', port: null, count: 10 },
      { address: '198.51.100.2', port: null, count: 10 },
    ]);
    expect(f?.summary).toContain('SYN cookies are off (tcp_syncookies=0)');
  });

  it('listen-overflow: a listener whose accept queue reached its backlog', () => {
    const facts = (queued: number) => ({ listenQueues: [{ inode: 11, localPort: 8443, queued, backlog: 128 }] });
    expect(listenerPressure([listener], facts(127), 20)).toEqual([]);
    const [f] = listenerPressure([listener], facts(129), 20);
    expect(f?.id).toBe('listen-overflow');
    expect(f?.evidence.counts).toEqual({ queued: 129, backlog: 128 });
  });

  it('ephemeral-ports: outgoing connections to one destination against the range, TIME_WAIT counted', () => {
    const range = { low: 40000, high: 40009, source: 'test' };
    const to = (n: number, state: SocketRecord['state']) => Array.from({ length: n }, (_, i) => tcpRecord(40000 + i, 5432, state, { remoteAddress: '10.1.1.1' }));
    expect(ephemeralPressure([...to(2, 'ESTABLISHED'), ...to(2, 'TIME_WAIT').map((r) => ({ ...r, localPort: (r.localPort as number) + 5 }))], range, 0.5)).toEqual([]);
    const records = [...to(2, 'ESTABLISHED'), ...to(3, 'TIME_WAIT').map((r) => ({ ...r, localPort: (r.localPort as number) + 5 }))];
    const [f] = ephemeralPressure(records, range, 0.5);
    expect(f?.subject).toBe('10.1.1.1:5432');
    expect(f?.evidence.counts).toEqual({ connections: 5, ESTABLISHED: 2, TIME_WAIT: 3, rangeSize: 10 });
    expect(f?.summary).toContain('use 50% of the 10 ephemeral ports (40000-40009)');
    // A server's accepted connections (local port held by a listener) are not outgoing.
    expect(ephemeralPressure([...records, tcpRecord(40000, 0, 'LISTEN'), tcpRecord(40001, 0, 'LISTEN')], range, 0.5)).toEqual([]);
  });

  it('outbound-public: one note, grouped by process and remote port', () => {
    const [f] = outboundPublic(win10());
    expect(f?.severity).toBe('info');
    expect(f?.evidence.counts).toEqual({ connections: 22, groups: 14 });
    expect(f?.evidence.remotes?.[0]).toEqual({ address: '4 hosts', port: 443, count: 4, processes: [{ pid: 33968, name: 'WhatsApp.exe' }] });
    expect(outboundPublic(ubuntu())).toEqual([]);
  });
});

describe('counter checks', () => {
  it('tcp-retransmits from a macOS netstat -s: 2.3% since boot is a warning', () => {
    const [f] = tcpRetransmits({ now: macosStats(), before: null, seconds: null }, CT);
    expect(f?.evidence.counters).toEqual({ RetransSegs: 158547, OutSegs: 6878757 });
    expect(f?.evidence.rates).toEqual({ retransmitPercent: 2.3 });
  });
  it('tcp-retransmits: Linux captures below 1% are not findings', () => {
    for (const file of ['k2.6.18-net_snmp.txt', 'procfs-snmp.txt', 'sysstat-root1-snmp.txt', 'node_exporter-snmp.txt'])
      expect(tcpRetransmits({ now: linuxStats(file), before: null, seconds: null }, CT)).toEqual([]);
  });
  it('tcp-retransmits over an interval: the increase, as a rate', () => {
    const before = linuxStats('procfs-snmp.txt');
    const now = structuredClone(before);
    const tcp = now.tcp as Record<string, number>;
    tcp['OutSegs'] = (tcp['OutSegs'] as number) + 1000;
    tcp['RetransSegs'] = (tcp['RetransSegs'] as number) + 30;
    const [f] = tcpRetransmits({ now, before, seconds: 2 }, CT);
    expect(f?.evidence).toMatchObject({ counters: { RetransSegs: 30, OutSegs: 1000 }, rates: { retransmitPercent: 3, retransmitsPerSecond: 15 }, intervalSeconds: 2 });
    expect(f?.summary).toContain('in the last 2s');
    tcp['RetransSegs'] = (tcp['RetransSegs'] as number) - 25;
    expect(tcpRetransmits({ now, before, seconds: 2 }, CT)).toEqual([]);
  });
  it('interface-errors: none in real captures; over 100 lost since boot; a rate over an interval', () => {
    for (const file of ['debian12-k6.18-net_dev.txt', 'k2.6.18-net_dev.txt', 'procfs-net_dev.txt', 'jc-net_dev.txt'])
      expect(interfaceErrors({ now: dev(file), before: null, seconds: null }, CT)).toEqual([]);
    const before = dev('procfs-net_dev.txt');
    const now = structuredClone(before);
    const eth0 = now.find((i) => i.name === 'eth0') as NetInterface;
    eth0.rxErrors = 101; // over 100, but 0.01% of a million packets
    expect(interfaceErrors({ now, before: null, seconds: null }, CT)).toEqual([]);
    eth0.rxErrors = 2000;
    expect(interfaceErrors({ now, before: null, seconds: null }, CT).map((f) => f.subject)).toEqual(['eth0 receive']);
    eth0.rxErrors = 101;
    eth0.rxPackets = (eth0.rxPackets as number) + 2000;
    const [f] = interfaceErrors({ now, before, seconds: 10 }, CT);
    expect(f?.evidence.counters).toEqual({ rxErrors: 101, rxDropped: 0, rxPackets: 2000 });
    expect(f?.evidence.rates).toEqual({ lostShare: 4.81, lostPerSecond: 10.1 });
    eth0.rxErrors = 9;
    expect(interfaceErrors({ now, before, seconds: 10 }, CT)).toEqual([]);
  });
});

describe('the checklist', () => {
  const input = (over: Partial<DiagnoseInput>): DiagnoseInput => ({ records: null, interfaces: null, statistics: null, facts: {}, ...over });

  it('orders warnings first and says which checks had data', () => {
    const d = diagnose(input({ statistics: macosStats() }));
    expect(d.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['warning tcp-retransmits', 'info listen-overflow']);
    expect(d.findings[1]?.evidence.counters).toEqual({ listenQueueOverflows: 21 });
    expect(d.checked).toEqual(['listen-overflow', 'tcp-retransmits']);
    expect(d.skipped.map((s) => s.id)).toEqual(['exposed-service', 'close-wait-pileup', 'syn-recv', 'ephemeral-ports', 'outbound-public', 'interface-errors']);
  });

  it('an old kernel that overflowed its listen queues 176 times: a note with the TcpExt counters', () => {
    const stats = parseProcNetSnmp(fixture('linux-proc/k2.6.18-net_netstat.txt'), 'n').statistics;
    const d = diagnose(input({ statistics: stats }));
    expect(d.findings.map((f) => [f.id, f.severity, f.evidence.counters])).toEqual([['listen-overflow', 'info', { ListenOverflows: 176, ListenDrops: 176, SyncookiesSent: 0, SyncookiesFailed: 690 }]]);
  });

  it('with an interval the first snapshot waits for rates, the next compares', () => {
    const stats = linuxStats('procfs-snmp.txt');
    expect(diagnose(input({ statistics: stats, interfaces: dev('procfs-net_dev.txt') }), { baseline: true }).skipped.map((s) => s.reason)).toEqual([
      'no socket listing in the input',
      'no socket listing in the input',
      'no socket listing in the input',
      'no socket listing in the input',
      'no socket listing in the input',
      'the first snapshot is the baseline: rates from the next one',
      'the first snapshot is the baseline: rates from the next one',
    ]);
  });

  it('findings are compared across snapshots by id and subject', () => {
    const a = closeWaitPileups(ru(), 3);
    const b = closeWaitPileups(ru(), 4);
    const c = compareFindings(a, b);
    expect(c.raised).toEqual([]);
    expect(c.ongoing.map((f) => f.subject)).toEqual(['pid 17808']);
    expect(c.cleared.map((f) => f.subject)).toEqual(['pid 21248']);
    expect(renderFindingEvents(compareFindings(b, a), 'T', { paint: PLAIN, eol: '\n' })).toBe(
      '+ T WARNING close-wait-pileup: pid 21248 holds 3 sockets in CLOSE_WAIT: the peers closed long ago and the program never called close(), a leak that ends in "too many open files"\n',
    );
  });
});

describe('the report', () => {
  const d = diagnose({ records: ru(), interfaces: null, statistics: null, facts: {} }, { thresholds: { closeWait: 4 }, defaultRange: 'windows' });

  it('text: severity, id and summary on one line, evidence and what to do indented, a footer', () => {
    const text = renderDiagnosisText(d, { paint: PLAIN, eol: '\n' });
    const cw = text.split('\n\n').find((b) => b.includes('close-wait-pileup')) as string;
    expect(cw.split('\n')).toEqual([
      expect.stringMatching(/^WARNING close-wait-pileup: pid 17808 holds 4 sockets in CLOSE_WAIT: /),
      '  counts: CLOSE_WAIT 4 (threshold 4)',
      '  processes: pid 17808',
      '  remote endpoints: 2.18.29.232:443 (2), 2.20.32.156:443 (1), 23.64.12.169:443 (1)',
      expect.stringMatching(/^ {2}do: find where /),
    ]);
    expect(text).toContain('\n5 warnings, 1 note (checked: exposed-service, close-wait-pileup, syn-recv, listen-overflow, ephemeral-ports, outbound-public).\n');
    expect(text.endsWith('not checked: interface-errors (no interface counters in the input)\nnot checked: tcp-retransmits (no protocol counters in the input)\n')).toBe(true);
  });

  it('JSON: one document, evidence sockets in the listing schema', () => {
    const doc = JSON.parse(renderDiagnosisJson(d)) as { version: number; diagnosis: { warnings: number; infos: number }; findings: { id: string; evidence: { sockets?: { proto: string; localPort: number }[] } }[] };
    expect(doc.version).toBe(1);
    expect(doc.diagnosis).toMatchObject({ warnings: 5, infos: 1 });
    expect(doc.findings.map((f) => f.id)).toEqual(['exposed-service', 'exposed-service', 'exposed-service', 'exposed-service', 'close-wait-pileup', 'outbound-public']);
    expect(doc.findings[0]?.evidence.sockets?.[0]).toMatchObject({ proto: 'tcp', localPort: 3306 });
  });
});

describe('close-wait-pileup without owners', () => {
  it('sockets whose owner is unknown are counted together, and said to be', () => {
    const recs = Array.from({ length: 10 }, (_, i) => tcpRecord(8080, 40000 + i, 'CLOSE_WAIT'));
    const [f] = closeWaitPileups([tcpRecord(8080, 0, 'LISTEN'), ...recs], 10);
    expect(f?.subject).toBe('owner unknown');
    expect(f?.summary).toMatch(/^10 sockets of an unknown process \(not visible without more rights, or already gone\) are in CLOSE_WAIT: /);
    expect(f?.evidence.remotes).toEqual([{ address: '127.0.0.1', port: null, count: 10 }]);
  });
});
