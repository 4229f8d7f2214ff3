/**
 * Windows style against real netstat.exe / route.exe captures: the data of each capture is read
 * back into the models (a small reader here, not the product's parser) and rendered again; the
 * output must be the capture, byte for byte (headers, column positions, On-link, wrapping, CRLF).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../src/model/interface.js';
import { netmaskToPrefix, type Route } from '../../src/model/route.js';
import type { Statistics } from '../../src/model/statistics.js';
import { WINDOWS_STAT_SECTIONS } from '../../src/model/windows-statistics.js';
import { ethernetTotals, renderWindowsEthernet } from '../../src/render/windows/ethernet.js';
import { inet6RouteLines, inetRouteLine, interfaceListLine, renderWindowsRoutes, windowsMac } from '../../src/render/windows/routes.js';
import { renderWindowsStatistics, windowsSections } from '../../src/render/windows/statistics.js';

const W = 'fixtures/windows';

/** Read a `route print` capture back into interfaces and routes. */
function readRoutePrint(text: string): { interfaces: NetInterface[]; routes: Route[] } {
  const lines = text.split(/\r?\n/);
  const interfaces: NetInterface[] = [];
  const routes: Route[] = [];
  let section = '';
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n] as string;
    if (/^(Interface List|Liste d'Interfaces)/.test(l)) section = 'if';
    else if (/^IPv4 /.test(l)) section = 'v4';
    else if (/^IPv6 /.test(l)) section = 'v6';
    else if (/^(Persistent Routes|Itinéraires persistants)/.test(l)) section += '-persistent';
    let m = /^ *(\d+)\.\.\.((?:[0-9a-f]{2} )+)\.{6}(.*)$/.exec(l) ?? /^ *(\d+)\.{27}()(.*)$/.exec(l);
    if (section === 'if' && m) {
      const mac = (m[2] as string).trim().split(' ').filter(Boolean).join(':');
      interfaces.push({ name: m[3] as string, description: m[3] as string, index: Number(m[1]), mtu: null, flags: [], ...(mac ? { mac } : {}) });
      continue;
    }
    m = /^ +([\d.]+) +([\d.]+) +(On-link|[\d.]+) +([\d.]+) +(\d+)$/.exec(l);
    if (section === 'v4' && m) {
      routes.push({ family: 'inet', destination: m[1] as string, netmask: m[2] as string, prefixLength: netmaskToPrefix(m[2] as string), gateway: m[3] === 'On-link' ? null : (m[3] as string), interface: m[4] as string, interfaceAddress: m[4] as string, metric: Number(m[5]), flags: 'U' });
      continue;
    }
    m = /^ +([\d.]+) +([\d.]+) +([\d.]+) +(\d+)$/.exec(l);
    if (section === 'v4-persistent' && m) {
      routes.push({ family: 'inet', destination: m[1] as string, netmask: m[2] as string, prefixLength: netmaskToPrefix(m[2] as string), gateway: m[3] as string, interface: '', metric: Number(m[4]), flags: 'U', persistent: true });
      continue;
    }
    m = /^ *(\d+) +(\d+) (\S+)(?: +(\S+))?$/.exec(l);
    if (section === 'v6' && m) {
      const gw = m[4] ?? (lines[++n] as string).trim();
      const [dst, plen] = (m[3] as string).split('/');
      routes.push({ family: 'inet6', destination: dst as string, prefixLength: Number(plen), gateway: gw === 'On-link' ? null : gw, interface: '', interfaceIndex: Number(m[1]), metric: Number(m[2]), flags: 'U' });
    }
  }
  return { interfaces, routes };
}

describe('netstat -r = route print (win10-route-print.txt)', () => {
  const capture = readFileSync(`${W}/win10-route-print.txt`, 'utf8');
  const { interfaces, routes } = readRoutePrint(capture);
  it('reads every table of the capture', () => {
    expect(interfaces).toHaveLength(9);
    expect(routes.filter((r) => r.family === 'inet' && !r.persistent)).toHaveLength(47);
    expect(routes.filter((r) => r.persistent)).toHaveLength(1);
    expect(routes.filter((r) => r.family === 'inet6')).toHaveLength(26);
  });
  it('renders the capture byte for byte (CRLF)', () => {
    expect([...renderWindowsRoutes(routes, interfaces, { eol: '\r\n', inet4: true, inet6: true })].join('')).toBe(capture);
  });
  it('sorts active routes by destination', () => {
    const shuffled = [...routes].reverse();
    const out = [...renderWindowsRoutes(shuffled, interfaces, { eol: '\r\n', inet4: true, inet6: false })].join('');
    expect(out.indexOf('          0.0.0.0')).toBeLessThan(out.indexOf('        127.0.0.0'));
  });
});

describe('route print -4, French Windows (fr-win-route-print-4.txt): same columns', () => {
  const capture = readFileSync(`${W}/fr-win-route-print-4.txt`, 'utf8');
  const { interfaces, routes } = readRoutePrint(capture);
  const dataLines = capture.split('\n').filter((l) => /^ +\d/.test(l));
  it('interface lines', () => {
    expect(interfaces.map(interfaceListLine)).toEqual(dataLines.filter((l) => l.includes('...')));
  });
  it('route lines', () => {
    expect(routes.map(inetRouteLine)).toEqual(dataLines.filter((l) => !l.includes('...')));
  });
});

describe('Windows route helpers', () => {
  it('MAC with trailing space', () => expect(windowsMac('00:15:5d:FD:0d:45')).toBe('00 15 5d fd 0d 45 '));
  it('no MAC for all zeros (loopback)', () => expect(windowsMac('00:00:00:00:00:00')).toBe(''));
  it('IPv6 gateway on the next line when the destination is long', () =>
    expect(inet6RouteLines({ family: 'inet6', destination: 'fe80::244e:2f1e:2096:62b2', prefixLength: 128, gateway: null, interface: '', interfaceIndex: 9, metric: 286, flags: 'U' }, '\n')).toBe(
      `  9    286 fe80::244e:2f1e:2096:62b2/128\n${' '.repeat(36)}On-link`,
    ));
  it('a reject route is not listed', () => {
    const r: Route = { family: 'inet', destination: '10.99.0.0', prefixLength: 16, netmask: '255.255.0.0', gateway: null, interface: 'lo', metric: 0, flags: '!', flagBits: 0x201 };
    expect([...renderWindowsRoutes([r], [], { eol: '\n', inet4: true, inet6: false })].join('')).not.toContain('10.99.0.0');
  });
});

/** Read `netstat -s` text back into statistics, with the counter names of the shared table. */
function readNetstatS(text: string): Statistics {
  const stats: Statistics = {};
  let section: (typeof WINDOWS_STAT_SECTIONS)[number] | undefined;
  for (const l of text.split(/\r?\n/)) {
    const s = WINDOWS_STAT_SECTIONS.find((x) => x.title === l);
    if (s) {
      section = s;
      stats[s.key] = {};
      continue;
    }
    if (!section) continue;
    const c = stats[section.key] as Record<string, number>;
    if (section.kind === 'list') {
      const m = /^ {2}(.+?) += (\d+)$/.exec(l);
      const row = m && section.rows.find(([label]) => label === m[1]);
      if (m && row) c[row[1][0] as string] = Number(m[2]);
    } else {
      const m = /^ {2}(.+?) +(\d+) +(\d+) *$/.exec(l);
      const row = m && section.rows.find(([label]) => label === m[1]);
      if (m && row) {
        c[row[1][0] as string] = Number(m[2]);
        c[row[2][0] as string] = Number(m[3]);
      }
    }
  }
  return stats;
}

describe('netstat -s (win7-netstat-ns.txt)', () => {
  const capture = readFileSync(`${W}/win7-netstat-ns.txt`, 'utf8');
  const stats = readNetstatS(capture);
  it('reads all eight sections', () => expect(Object.keys(stats)).toEqual(['ip', 'ipv6', 'icmp', 'icmpv6', 'tcp', 'tcpv6', 'udp', 'udpv6']));
  it('renders the capture byte for byte (CRLF, ICMP trailing spaces)', () => expect(renderWindowsStatistics(stats, [], '\r\n')).toBe(capture));
  it('-p tcp keeps TCP for IPv4 only', () => {
    const out = renderWindowsStatistics(stats, ['tcp'], '\r\n');
    expect(out).toBe(capture.slice(capture.indexOf('\r\nTCP Statistics for IPv4'), capture.indexOf('\r\nTCP Statistics for IPv6')));
    expect(out).not.toContain('IPv6');
  });
  it('-p selects sections by protocol', () => {
    expect(windowsSections(['icmpv6', 'udp']).map((s) => s.title)).toEqual(['ICMPv6 Statistics', 'UDP Statistics for IPv4']);
  });
  it('a section the source lacks is left out', () => {
    const { tcpv6: _, ...rest } = stats;
    expect(renderWindowsStatistics(rest, [], '\r\n')).not.toContain('TCP Statistics for IPv6');
  });
});

describe('netstat -e (win7-netstat-e-transcribed.txt)', () => {
  const capture = readFileSync(`${W}/win7-netstat-e-transcribed.txt`, 'utf8');
  const num = (label: string, col: 1 | 2): number => Number(new RegExp(`^${label} +(\\d+)(?: +(\\d+))?`, 'm').exec(capture)?.[col] ?? NaN);
  const nic: NetInterface = {
    name: 'Local Area Connection',
    mtu: 1500,
    flags: ['UP'],
    rxBytes: num('Bytes', 1),
    txBytes: num('Bytes', 2),
    rxUnicast: num('Unicast packets', 1),
    txUnicast: num('Unicast packets', 2),
    rxNonUnicast: num('Non-unicast packets', 1),
    txNonUnicast: num('Non-unicast packets', 2),
    rxDropped: num('Discards', 1),
    txDropped: num('Discards', 2),
    rxErrors: num('Errors', 1),
    txErrors: num('Errors', 2),
    rxUnknownProtocols: num('Unknown protocols', 1),
  };
  it('renders the capture byte for byte', () => expect(renderWindowsEthernet([nic], '\n')).toBe(capture));
  it('sums interfaces and leaves loopback out', () => {
    const lo: NetInterface = { ...nic, name: 'lo', flags: ['UP', 'LOOPBACK'] };
    expect(ethernetTotals([nic, nic, lo]).rxBytes).toBe(2 * (nic.rxBytes ?? 0));
  });
  it('Linux counters: multicast is non-unicast, the rest unicast', () => {
    const t = ethernetTotals([{ name: 'eth0', mtu: 1500, flags: ['UP'], rxPackets: 10, rxMulticast: 3, txPackets: 7 }]);
    expect([t.rxUnicast, t.rxNonUnicast, t.txUnicast, t.txNonUnicast]).toEqual([7, 3, 7, 0]);
  });
});
