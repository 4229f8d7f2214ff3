/**
 * The locale-proof netstat.exe text parsers on every real Windows capture in fixtures/windows
 * (UTF-16LE with BOM, UTF-8, CRLF and LF; English, French, Spanish, Russian, Chinese, Japanese
 * layouts), plus translated states the captures lack. Counts were checked against `grep` on the
 * files; the sample records are read off the files by eye.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { parseEndpoint, parseWindowsNetstat } from '../../src/parse/windows/netstat-connections.js';
import { parseWindowsNetstatE } from '../../src/parse/windows/netstat-e.js';
import { parseWindowsNetstatS, sectionOf, WINDOWS_STAT_SECTIONS } from '../../src/parse/windows/netstat-s.js';
import { stateKey, windowsStateOf } from '../../src/parse/windows/netstat-states.js';
import { parseWindowsRoutePrint } from '../../src/parse/windows/route-print.js';
import { decodeCapture, splitLines } from '../../src/parse/windows/text.js';
import { GERMAN_NETSTAT_ANO } from '../helpers/german-netstat.js';

const dir = join(import.meta.dirname, '../../fixtures/windows');
const fixture = (name: string): Buffer => readFileSync(join(dir, name));
const count = (recs: SocketRecord[], proto: SocketRecord['proto']): number => recs.filter((r) => r.proto === proto).length;

/** Every connection-listing capture: rows per proto (from grep), and records that must be in it. */
const LISTINGS: Record<string, { tcp: number; tcp6: number; udp: number; udp6: number; has: Partial<SocketRecord>[] }> = {
  'es-win-netstat-ano-utf16le.txt': {
    tcp: 251, tcp6: 20, udp: 72, udp6: 22,
    has: [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 1620, name: '' }] },
      { proto: 'udp6', localAddress: 'fe80::c713:10b8:c272:b42c', localScope: '33', localPort: 61762, remoteAddress: '::', remotePort: 0, state: null, owners: [{ pid: 6848, name: '' }] },
    ],
  },
  'fr-win-netstat-ano-utf16le.txt': {
    tcp: 80, tcp6: 22, udp: 40, udp6: 17,
    has: [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 21, state: 'LISTEN', owners: [{ pid: 4900, name: '' }] },
      { proto: 'tcp6', localAddress: '::', localPort: 21, remoteAddress: '::', remotePort: 0, state: 'LISTEN', owners: [{ pid: 4900, name: '' }] },
    ],
  },
  'fr-win-netstat-ano.txt': {
    tcp: 101, tcp6: 43, udp: 44, udp6: 29,
    has: [
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 8384, remoteAddress: '127.0.0.1', remotePort: 27855, state: 'TIME_WAIT', owners: [{ pid: 0, name: '' }] },
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 8384, remoteAddress: '127.0.0.1', remotePort: 27878, state: 'ESTABLISHED', owners: [{ pid: 7796, name: '' }] },
    ],
  },
  'ja-win-netstat-ano-md-indented-transcribed.txt': {
    tcp: 5, tcp6: 0, udp: 0, udp6: 0,
    has: [{ proto: 'tcp', localAddress: '0.0.0.0', localPort: 1433, state: 'LISTEN', owners: [{ pid: 4268, name: '' }] }],
  },
  'ru-win-netstat-ano-utf8.txt': {
    tcp: 109, tcp6: 25, udp: 24, udp6: 12,
    has: [
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 8296, remoteAddress: '127.0.0.1', remotePort: 50088, state: 'ESTABLISHED', owners: [{ pid: 20832, name: '' }] },
      { proto: 'udp6', localAddress: 'fe80::38db:9e6e:f7fe:44', localScope: '9', localPort: 65304, owners: [{ pid: 9580, name: '' }] },
    ],
  },
  'win-netstat-an-vbox.txt': {
    tcp: 17, tcp6: 8, udp: 12, udp6: 6,
    has: [
      { proto: 'tcp', localAddress: '10.0.2.15', localPort: 51041, remoteAddress: '118.98.30.243', remotePort: 443, state: 'CLOSE_WAIT', owners: [] },
      { proto: 'udp6', localAddress: 'fe80::ff7c:31cb:afac:ff8c', localScope: '6', localPort: 60606, owners: [] },
    ],
  },
  'win-netstat-ano-p-udp-utf16le.txt': {
    tcp: 0, tcp6: 0, udp: 55, udp6: 0,
    has: [{ proto: 'udp', localAddress: '172.24.160.1', localPort: 65035, remoteAddress: '0.0.0.0', remotePort: 0, state: null, owners: [{ pid: 13816, name: '' }] }],
  },
  'win-netstat-ano-utf16le.txt': {
    tcp: 70, tcp6: 48, udp: 38, udp6: 22,
    has: [{ proto: 'tcp6', localAddress: '::', localPort: 5000, state: 'LISTEN', owners: [{ pid: 8940, name: '' }] }],
  },
  'win-netstat-ao-hostnames.txt': {
    tcp: 78, tcp6: 15, udp: 42, udp6: 19,
    // Names instead of numbers (no -n): the host name stays as printed.
    has: [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, remoteAddress: 'Tomek', remotePort: 0, state: 'LISTEN', owners: [{ pid: 724, name: '' }] },
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 23401, remoteAddress: 'ral', remotePort: 49530, state: 'TIME_WAIT', owners: [{ pid: 0, name: '' }] },
    ],
  },
  'win10-netstat-an.txt': {
    tcp: 65, tcp6: 15, udp: 140, udp6: 40,
    // The upstream capture anonymised this address by hand (`asda` is not hex); the row is kept.
    has: [{ proto: 'udp6', localAddress: 'fe80::asda:4124:2096:62b2', localScope: '9', localPort: 1900, owners: [] }],
  },
  'win10-netstat-aon.txt': {
    tcp: 56, tcp6: 15, udp: 124, udp6: 13,
    has: [{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: '127.0.0.1', remotePort: 1032, state: 'ESTABLISHED', owners: [{ pid: 10644, name: '' }] }],
  },
  'win10-netstat-aonb.txt': {
    tcp: 99, tcp6: 15, udp: 141, udp6: 63,
    has: [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, state: 'LISTEN', owners: [{ pid: 1712, name: 'svchost.exe', service: 'RpcSs' }] },
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 443, state: 'LISTEN', owners: [{ pid: 9396, name: 'vmware-hostd.exe' }] },
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 445, state: 'LISTEN', owners: [{ pid: 4, name: '' }] },
      { proto: 'udp6', localAddress: '::1', localPort: 1900, owners: [{ pid: 8844, name: 'svchost.exe', service: 'SSDPSRV' }] },
    ],
  },
  'win10-netstat-plain-names.txt': {
    tcp: 32, tcp6: 0, udp: 0, udp6: 0,
    has: [{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: 'api', remotePort: 1032, state: 'ESTABLISHED', owners: [] }],
  },
  'winxp-netstat-anbv-parse-netstat.txt': {
    tcp: 4, tcp6: 0, udp: 2, udp6: 0,
    has: [
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, state: 'LISTEN', owners: [{ pid: 988, name: 'svchost.exe' }] },
      { proto: 'tcp', localAddress: '0.0.0.0', localPort: 445, owners: [{ pid: 4, name: 'System' }] },
      // A UDP record whose component DLLs (-v) come before its [exe] line.
      { proto: 'udp', localAddress: '0.0.0.0', localPort: 1025, owners: [{ pid: 1120, name: 'svchost.exe' }] },
    ],
  },
  'zh-CN-win-netstat-ano.txt': {
    tcp: 15, tcp6: 0, udp: 0, udp6: 0,
    has: [
      { proto: 'tcp', localAddress: '10.211.55.6', localPort: 50506, remoteAddress: '183.136.138.140', remotePort: 80, state: 'CLOSE_WAIT', owners: [{ pid: 3020, name: '' }] },
      { proto: 'tcp', localAddress: '127.0.0.1', localPort: 4013, state: 'LISTEN', owners: [{ pid: 672, name: '' }] },
    ],
  },
};

/** Captures that are not connection listings, and which parser each belongs to. */
const OTHERS = [
  'fr-win-route-print-4.txt',
  'win10-route-print.txt',
  'win7-netstat-e-transcribed.txt',
  'win7-netstat-ns.txt',
  'win7-netstat-vb-requires-elevation.txt',
  'powershell-get-nettcpconnection-table.txt',
];

describe('every capture in fixtures/windows is covered by a test below', () => {
  it('no capture is left out', () => {
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(LISTINGS), ...OTHERS].sort());
  });
});

describe('parseWindowsNetstat on every connection listing', () => {
  it.each(Object.entries(LISTINGS))('%s', (name, want) => {
    const parsed = parseWindowsNetstat(fixture(name), { source: name });
    const recs = parsed.records;
    expect(parsed.skipped).toEqual([]);
    expect(parsed.unknownStates).toEqual([]);
    expect({ tcp: count(recs, 'tcp'), tcp6: count(recs, 'tcp6'), udp: count(recs, 'udp'), udp6: count(recs, 'udp6') }).toEqual({
      tcp: want.tcp,
      tcp6: want.tcp6,
      udp: want.udp,
      udp6: want.udp6,
    });
    for (const h of want.has) expect(recs).toContainEqual(expect.objectContaining(h));
    if (name !== 'win10-netstat-aonb.txt') expect(parsed.messages).toEqual([]);
    // Every TCP row got a real state; UDP rows have none.
    for (const r of recs) {
      if (r.proto.startsWith('tcp')) expect(r.state).not.toBe('UNKNOWN');
      else expect(r.state).toBeNull();
    }
  });

  it('-b records: 280 [exe] lines, 35 "Can not obtain ownership information", 83 service names', () => {
    const parsed = parseWindowsNetstat(fixture('win10-netstat-aonb.txt'));
    const owners = parsed.records.flatMap((r) => r.owners);
    expect(owners.filter((o) => o.name !== '')).toHaveLength(280);
    expect(owners.filter((o) => o.service !== undefined)).toHaveLength(83);
    expect(parsed.messages).toEqual(['Can not obtain ownership information']);
    // TIME_WAIT rows of PID 0 have no follow-up line at all.
    expect(parsed.records.find((r) => r.localPort === 4713)).toMatchObject({ state: 'TIME_WAIT', owners: [{ pid: 0, name: '' }] });
  });

  it('the elevation error of -b comes back as a message, with no records', () => {
    const parsed = parseWindowsNetstat(fixture('win7-netstat-vb-requires-elevation.txt'));
    expect(parsed.records).toEqual([]);
    expect(parsed.messages).toEqual(['The requested operation requires elevation.']);
  });

  it('other tools’ output yields no connection records (PowerShell Get-NetTCPConnection, route print, -s, -e)', () => {
    for (const name of OTHERS) expect(parseWindowsNetstat(fixture(name)).records, name).toEqual([]);
    expect(parseWindowsNetstat(fixture('powershell-get-nettcpconnection-table.txt')).messages[0]).toMatch(/^LocalAddress\s+LocalPort/);
  });

  it('the same capture parses the same from UTF-16LE and from UTF-8', () => {
    const utf16 = fixture('win-netstat-ano-utf16le.txt');
    const utf8 = Buffer.from(utf16.subarray(2).toString('utf16le'), 'utf8');
    expect(parseWindowsNetstat(utf8).records).toEqual(parseWindowsNetstat(utf16).records);
    expect(parseWindowsNetstat(utf16.subarray(2).toString('utf16le')).records).toEqual(parseWindowsNetstat(utf16).records);
  });
});

describe('translated netstat.exe output (states and headers in other languages)', () => {
  const german = GERMAN_NETSTAT_ANO;

  it('German states map to canonical ones, whatever the code page did to Ö', () => {
    const p = parseWindowsNetstat(german);
    expect(p.records.map((r) => r.state)).toEqual(['LISTEN', 'LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'SYN_SENT', 'FIN_WAIT2', 'LISTEN', null]);
    expect(p.unknownStates).toEqual([]);
    expect(p.records[4]?.owners).toEqual([{ pid: 2468, name: '' }]);
  });

  it('German output read from CP850 bytes by a UTF-8 decoder (the fallback runner) still maps', () => {
    const cp850 = Buffer.from(german.replace(/[Ö™]/g, '\u0099'), 'latin1'); // Ö is 0x99 in CP850
    const asUtf8 = cp850.toString('utf8'); // → U+FFFD where the byte was
    expect(asUtf8).toContain('ABH\ufffdREN');
    expect(parseWindowsNetstat(asUtf8).records.map((r) => r.state).slice(0, 3)).toEqual(['LISTEN', 'LISTEN', 'ESTABLISHED']);
  });

  it('a two-word state (Italian IN ASCOLTO) keeps the PID in its place', () => {
    const p = parseWindowsNetstat('  TCP    127.0.0.1:18634        0.0.0.0:0              IN ASCOLTO      70332\r\n');
    expect(p.records[0]).toMatchObject({ localPort: 18634, state: 'LISTEN', owners: [{ pid: 70332, name: '' }] });
  });

  it('an unknown language: listeners are still found by shape, other words are reported', () => {
    const text = [
      '  TCP    0.0.0.0:135            0.0.0.0:0              KUUNTELEE       1060',
      '  TCP    [::]:445               [::]:0                 KUUNTELEE       4',
      '  TCP    10.0.0.5:50000         10.0.0.1:443           MUODOSTETTU     77',
    ].join('\n');
    const p = parseWindowsNetstat(text);
    expect(p.records.map((r) => r.state)).toEqual(['LISTEN', 'LISTEN', 'UNKNOWN']);
    expect(p.unknownStates.sort()).toEqual(['KUUNTELEE', 'MUODOSTETTU']);
  });

  it('stateKey folds case and non-ASCII runs; windowsStateOf knows English and translated words', () => {
    expect(stateKey('Abhören')).toBe('ABH?REN');
    expect(stateKey('ABH\ufffd\ufffdREN')).toBe('ABH?REN');
    expect(['LISTENING', 'SYN_RECEIVED', 'FIN_WAIT_1', 'CLOSED', 'BOUND', 'ESCUCHANDO', 'NASŁUCHIWANIE', 'in ascolto', 'xyz'].map(windowsStateOf)).toEqual([
      'LISTEN', 'SYN_RECV', 'FIN_WAIT1', 'CLOSE', 'BOUND', 'LISTEN', 'LISTEN', 'LISTEN', undefined,
    ]);
  });

  it('lines that start like a row but are not one are reported with their line number', () => {
    const p = parseWindowsNetstat(['Active Connections', '', '  TCP    1.2.3.4:80   5.6.7.8:9   ESTABLISHED', '  TCP    garbage here'].join('\n'), { source: 'x.txt' });
    expect(p.records).toHaveLength(1);
    expect(p.skipped).toEqual([{ source: 'x.txt', line: 4, text: '  TCP    garbage here', reason: 'protocol token, but the columns are not address:port pairs' }]);
  });

  it('parseEndpoint: the address forms netstat.exe prints', () => {
    expect(parseEndpoint('[fe80::1%12]:139')).toEqual({ address: 'fe80::1', port: 139, family: 'inet6', scope: '12' });
    expect(parseEndpoint('[::]:0')).toEqual({ address: '::', port: 0, family: 'inet6' });
    expect(parseEndpoint('192.168.1.5:https')).toEqual({ address: '192.168.1.5', port: null, family: 'inet' });
    expect(parseEndpoint('*:*')).toEqual({ address: null, port: null, family: null });
    expect(parseEndpoint('1.2.3.4:70000')).toBeNull();
    expect(parseEndpoint('no-port')).toBeNull();
  });
});

describe('parseWindowsRoutePrint (route print / netstat -r)', () => {
  it('win10-route-print.txt: 9 interfaces, 47 IPv4 + 26 IPv6 active routes, the persistent one a record of its own', () => {
    const p = parseWindowsRoutePrint(fixture('win10-route-print.txt'));
    expect(p.skipped).toEqual([]);
    expect(p.interfaces).toHaveLength(9);
    expect(p.interfaces[0]).toEqual({ name: 'TAP-Windows Adapter V9', description: 'TAP-Windows Adapter V9', index: 8, mac: '00:ff:58:60:5f:61', mtu: null, flags: [] });
    expect(p.interfaces.find((i) => i.index === 1)).toMatchObject({ name: 'Software Loopback Interface 1' });
    expect(p.interfaces.find((i) => i.index === 1)?.mac).toBeUndefined();
    expect(p.records.filter((r) => r.family === 'inet' && !r.persistent)).toHaveLength(47);
    expect(p.records.filter((r) => r.family === 'inet6')).toHaveLength(26);
    expect(p.records[0]).toEqual({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.31.1', interface: '192.168.31.221', metric: 30, flags: 'UG' });
    // The active route made from the persistent one, and the configured entry with its own metric.
    expect(p.records.filter((r) => r.destination === '157.0.0.0')).toEqual([
      { family: 'inet', destination: '157.0.0.0', prefixLength: 8, netmask: '255.0.0.0', gateway: '157.55.80.1', interface: '127.0.0.1', metric: 78, flags: 'UG' },
      { family: 'inet', destination: '157.0.0.0', prefixLength: 8, netmask: '255.0.0.0', gateway: '157.55.80.1', interface: '', metric: 3, flags: 'UG', persistent: true },
    ]);
    expect(p.records.filter((r) => r.persistent)).toHaveLength(1);
    expect(p.records).toContainEqual({ family: 'inet6', destination: '::1', prefixLength: 128, gateway: null, interface: '1', interfaceIndex: 1, metric: 331, flags: 'UH' });
    // A long destination pushes the gateway to the next line.
    expect(p.records).toContainEqual({ family: 'inet6', destination: 'fe80::244e:2f1e:2096:62b2', prefixLength: 128, gateway: null, interface: '9', interfaceIndex: 9, metric: 286, flags: 'UH' });
  });

  it('fr-win-route-print-4.txt (French titles, NBSP before colons, "Aucun"): 7 interfaces, 21 routes', () => {
    const p = parseWindowsRoutePrint(fixture('fr-win-route-print-4.txt'));
    expect(p.skipped).toEqual([]);
    expect(p.interfaces).toHaveLength(7);
    expect(p.records).toHaveLength(21);
    expect(p.records.every((r) => r.family === 'inet' && !r.persistent)).toBe(true);
    expect(p.records[0]).toMatchObject({ destination: '0.0.0.0', gateway: '10.33.3.253', interface: '10.33.1.84', metric: 40 });
    expect(p.records).toContainEqual(expect.objectContaining({ destination: '10.33.0.0', prefixLength: 22, netmask: '255.255.252.0', gateway: null, metric: 296 }));
  });

  it('an on-link gateway is recognised by position in any language (German "Auf Verbindung")', () => {
    const p = parseWindowsRoutePrint(['IPv4-Routentabelle', '='.repeat(75), 'Aktive Routen:', '        127.0.0.0        255.0.0.0   Auf Verbindung         127.0.0.1    331'].join('\n'));
    expect(p.records).toEqual([{ family: 'inet', destination: '127.0.0.0', prefixLength: 8, netmask: '255.0.0.0', gateway: null, interface: '127.0.0.1', metric: 331, flags: 'U' }]);
  });

  it('connection listings and -s output give no routes', () => {
    for (const name of ['win10-netstat-aon.txt', 'win7-netstat-ns.txt']) expect(parseWindowsRoutePrint(fixture(name)).records, name).toEqual([]);
  });
});

describe('parseWindowsNetstatE (netstat -e)', () => {
  it('win7-netstat-e-transcribed.txt: the six rows by position', () => {
    const p = parseWindowsNetstatE(fixture('win7-netstat-e-transcribed.txt'));
    expect(p.skipped).toEqual([]);
    expect(p.records).toEqual([
      {
        name: '*',
        description: 'Interface Statistics',
        mtu: null,
        flags: [],
        rxBytes: 167849775,
        txBytes: 35925525,
        rxUnicast: 214700,
        txUnicast: 168900,
        rxNonUnicast: 500,
        txNonUnicast: 5840,
        rxPackets: 215200,
        txPackets: 174740,
        rxDropped: 0,
        txDropped: 0,
        rxErrors: 0,
        txErrors: 0,
        rxUnknownProtocols: 0,
      },
    ]);
  });

  it('translated labels do not matter; the -s part of `-e -s` is left alone', () => {
    const text = ['Schnittstellenstatistik', '', '                           Empfangen           Gesendet', '', 'Bytes                          10              20', 'Unicastpakete                   1               2', 'Nicht-Unicastpakete             3               4', 'Verworfen                       5               6', 'Fehler                          7               8', 'Unbekannte Protokolle           9', '', 'IPv4-Statistik', '', '  Empfangene Pakete            = 434'].join('\r\n');
    expect(parseWindowsNetstatE(text).records[0]).toMatchObject({ description: 'Schnittstellenstatistik', rxBytes: 10, txBytes: 20, rxErrors: 7, txErrors: 8, rxUnknownProtocols: 9 });
  });

  it('connection listings are not mistaken for counters', () => {
    expect(parseWindowsNetstatE(fixture('win10-netstat-aon.txt')).records).toEqual([]);
    expect(parseWindowsNetstatE(fixture('powershell-get-nettcpconnection-table.txt')).records).toEqual([]);
  });
});

describe('parseWindowsNetstatS (netstat -s)', () => {
  it('win7-netstat-ns.txt: eight sections, every row mapped by position', () => {
    const p = parseWindowsNetstatS(fixture('win7-netstat-ns.txt'));
    expect(p.skipped).toEqual([]);
    expect(Object.keys(p.statistics).sort()).toEqual(['icmp', 'icmpv6', 'ip', 'ipv6', 'tcp', 'tcpv6', 'udp', 'udpv6']);
    expect(p.statistics.ip).toMatchObject({ InReceives: 434, InDelivers: 529, OutRequests: 338, FragCreates: 0 });
    expect(Object.keys(p.statistics.ip ?? {})).toHaveLength(17);
    expect(p.statistics.ipv6).toMatchObject({ InReceives: 0, InDelivers: 24, OutRequests: 49, OutForwDatagrams: 0 });
    expect(p.statistics.icmpv6).toMatchObject({ InMsgs: 0, OutMsgs: 4, OutRouterSolicits: 3, OutNeighborSolicits: 1, InType138: 0 });
    expect(p.statistics.icmp).toMatchObject({ InMsgs: 0, OutMsgs: 0, InType9: 0, OutType10: 0 });
    expect(p.statistics.tcp).toEqual({ ActiveOpens: 0, PassiveOpens: 1, AttemptFails: 0, EstabResets: 0, CurrEstab: 1, InSegs: 433, OutSegs: 231, RetransSegs: 0 });
    expect(p.statistics.udp).toEqual({ InDatagrams: 72, NoPorts: 0, InErrors: 0, OutDatagrams: 96 });
    expect(p.statistics.udpv6).toEqual({ InDatagrams: 0, NoPorts: 0, InErrors: 0, OutDatagrams: 31 });
  });

  it('ICMP counters: the received column, then the sent one (the MIB-II order net-tools walks)', () => {
    const p = parseWindowsNetstatS(fixture('win7-netstat-ns.txt'));
    for (const key of ['icmp', 'icmpv6'] as const) {
      const names = Object.keys(p.statistics[key] ?? {});
      const firstOut = names.findIndex((n) => n.startsWith('Out'));
      expect(names.slice(0, 3)).toEqual(['InMsgs', 'InErrors', 'InDestUnreachs']);
      expect(names.slice(firstOut, firstOut + 3)).toEqual(['OutMsgs', 'OutErrors', 'OutDestUnreachs']);
      expect(names.slice(0, firstOut).every((n) => n.startsWith('In'))).toBe(true);
      expect(names.slice(firstOut).every((n) => n.startsWith('Out'))).toBe(true);
    }
  });

  it('German section titles and labels map by position', () => {
    const text = ['TCP-Statistik für IPv4', '', '  Aktive Öffnungen                     = 5', '  Passive Öffnungen                    = 6', '  Fehlerhafte Verbindungsversuche      = 7', '  Zurückgesetzte Verbindungen          = 8', '  Aktuelle Verbindungen                = 9', '  Empfangene Segmente                  = 10', '  Gesendete Segmente                   = 11', '  Erneut übertragene Segmente          = 12'].join('\r\n');
    expect(parseWindowsNetstatS(text).statistics).toEqual({ tcp: { ActiveOpens: 5, PassiveOpens: 6, AttemptFails: 7, EstabResets: 8, CurrEstab: 9, InSegs: 10, OutSegs: 11, RetransSegs: 12 } });
  });

  it('a section with an unexpected row count falls back to English labels and reports the rest', () => {
    const text = ['UDP Statistics for IPv4', '', '  Datagrams Received    = 72', '  Mystery Row           = 1', '  Datagrams Sent        = 96'].join('\n');
    const p = parseWindowsNetstatS(text, 'x');
    expect(p.statistics.udp).toEqual({ InDatagrams: 72, OutDatagrams: 96 });
    expect(p.skipped).toEqual([{ source: 'x', line: 4, text: '  Mystery Row           = 1', reason: 'row 2 of 3 in a section of 4 rows, label not known' }]);
  });

  it('sectionOf reads protocol tokens only', () => {
    expect(['IPv4 Statistics', 'ICMPv6-Statistik', 'Statistiques TCP pour IPv6', 'UDP Statistics for IPv4', 'Interface Statistics'].map(sectionOf)).toEqual(['ip', 'icmpv6', 'tcpv6', 'udp', null]);
    expect(WINDOWS_STAT_SECTIONS.ip).toHaveLength(17);
    expect(WINDOWS_STAT_SECTIONS.icmpv6).toHaveLength(17);
  });

  it('route tables and listings give no statistics', () => {
    for (const name of ['win10-route-print.txt', 'fr-win-route-print-4.txt', 'win10-netstat-an.txt']) expect(parseWindowsNetstatS(fixture(name)).statistics, name).toEqual({});
  });
});

describe('decodeCapture and splitLines', () => {
  const text = 'Active Connections\r\n  TCP    1.2.3.4:80\r\n';
  it('UTF-16LE with and without BOM, UTF-16BE, UTF-8 with BOM', () => {
    expect(decodeCapture(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeCapture(Buffer.from(text, 'utf16le'))).toBe(text);
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    expect(decodeCapture(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
    expect(decodeCapture(Buffer.from(`\ufeff${text}`, 'utf8'))).toBe(text);
    expect(decodeCapture(`\ufeff${text}`)).toBe(text);
  });
  it('CRLF, LF and CR line ends; no phantom last line', () => {
    expect(splitLines('a\r\nb\nc\rd\r\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines(decodeCapture(fixture('win10-netstat-plain-names.txt'))).at(-1)).toMatch(/api:49673/);
  });
});
