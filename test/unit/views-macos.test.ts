/**
 * macOS style against real macOS 10.14 captures: the data of `netstat -i` and `netstat -r` is read
 * back into the models (a small reader here, not the product's parser) and rendered again; the
 * output must be the capture, byte for byte. `netstat -s` has no capture: its BSD layout is tested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InterfaceAddress, NetInterface } from '../../src/model/interface.js';
import type { Route } from '../../src/model/route.js';
import { NO_NAMES } from '../../src/render/names.js';
import { renderMacosInterfaces } from '../../src/render/macos/interfaces.js';
import { bsdNetname, renderMacosRoutes } from '../../src/render/macos/routes.js';
import { renderMacosStatistics } from '../../src/render/macos/statistics.js';

const M = 'fixtures/macos';

/** Read `netstat -i` text back into interfaces (fixed columns: the address area is 30 wide from column 12). */
function readNetstatI(text: string): NetInterface[] {
  const out: NetInterface[] = [];
  for (const l of text.split('\n').slice(1)) {
    if (!l.trim()) continue;
    const name = l.slice(0, 5).trim();
    const area = l.slice(12, 42);
    const [ipkts, ierrs, opkts, oerrs, coll] = l.slice(42).trim().split(/\s+/);
    const link = /^<Link#(\d+)>\s*(\S+)?/.exec(area);
    if (link) {
      const i: NetInterface = {
        name: name.replace(/\*$/, ''),
        index: Number(link[1]),
        mtu: Number(l.slice(6, 11)),
        flags: name.endsWith('*') ? [] : ['UP'],
        rxPackets: Number(ipkts),
        rxErrors: Number(ierrs),
        txPackets: Number(opkts),
        txErrors: Number(oerrs),
        txCollisions: Number(coll),
        addresses: [],
      };
      if (link[2]) i.mac = link[2];
      out.push(i);
      continue;
    }
    const v6 = area.slice(12, 29).includes(':');
    const a: InterfaceAddress = v6
      ? { family: 'inet6', network: area.slice(0, 11).trim(), address: area.slice(12, 29).trim() }
      : { family: 'inet', network: area.slice(0, 13).trim(), address: area.slice(14, 29).trim() };
    out[out.length - 1]?.addresses?.push(a);
  }
  return out;
}

describe('netstat -i (macos10.14-netstat-i.txt)', () => {
  const capture = readFileSync(`${M}/macos10.14-netstat-i.txt`, 'utf8');
  const list = readNetstatI(capture);
  it('reads every interface', () => expect(list.map((i) => i.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 19, 20]));
  it('renders the capture byte for byte', () => expect([...renderMacosInterfaces(list, { bytes: false, numeric: true, names: NO_NAMES })].join('')).toBe(capture));
  it('-b adds Ibytes and Obytes columns', () => {
    const out = [...renderMacosInterfaces(list.slice(0, 1), { bytes: true, numeric: true, names: NO_NAMES })];
    expect(out[0]).toBe('Name  Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll\n');
  });
  it('Linux data: network of an IPv4 address, KAME scope for link-local IPv6', () => {
    const eth: NetInterface = {
      name: 'eth0', index: 4, mtu: 1500, flags: ['UP'], mac: '02:fc:00:00:00:01',
      addresses: [{ family: 'inet', address: '192.0.2.2', prefixLength: 24 }, { family: 'inet6', address: 'fe80::1', prefixLength: 64 }],
    };
    const out = [...renderMacosInterfaces([eth], { bytes: false, numeric: true, names: NO_NAMES })];
    expect(out[2]?.slice(12, 42)).toBe('192.0.2       192.0.2.2       ');
    expect(out[3]?.slice(12, 42)).toBe('fe80::1%eth fe80:4::1         ');
  });
});

/** Read BSD network text back into an address and prefix (`169.254` → 169.254.0.0/16). */
function bsdNet(text: string): [string, number] {
  const [net, bits] = text.split('/');
  const parts = (net as string).split('.');
  const classful = [8, 16, 24, 32][parts.length - 1] as number;
  while (parts.length < 4) parts.push('0');
  return [parts.join('.'), bits === undefined ? (classful === 8 && Number(parts[0]) >= 128 ? 24 : classful) : Number(bits)];
}

/** Read `netstat -r` text back into routes (fixed columns). */
function readNetstatR(text: string): Route[] {
  const out: Route[] = [];
  let family: 'inet' | 'inet6' | null = null;
  for (const l of text.split('\n')) {
    if (l === 'Internet:') family = 'inet';
    else if (l === 'Internet6:') family = 'inet6';
    if (!family || !l.trim() || l.startsWith('Destination') || l.endsWith(':')) continue;
    const v4 = family === 'inet';
    const dst = l.slice(0, 18).trim();
    const gw = l.slice(19, 37).trim();
    const flags = l.slice(38, 48).trim();
    const tail = l.slice(49).trim().split(/\s+/);
    const expire = v4 ? l.slice(73) : l.slice(58);
    const host = flags.includes('H');
    const [destination, prefixLength] = dst === 'default' ? [v4 ? '0.0.0.0' : '::', 0] : host || !v4 ? [dst, v4 ? 32 : 64] : bsdNet(dst);
    const link = /^link#(\d+)$/.exec(gw);
    const r: Route = { family, destination, prefixLength, gateway: link ? null : gw, interface: tail[v4 ? 2 : 0] as string, metric: 0, flags, expire: expire.trim() };
    if (link) r.interfaceIndex = Number(link[1]);
    if (v4) Object.assign(r, { refCnt: Number(tail[0]), use: Number(tail[1]) });
    out.push(r);
  }
  return out;
}

describe('netstat -r (macos10.14-netstat-r.txt)', () => {
  const capture = readFileSync(`${M}/macos10.14-netstat-r.txt`, 'utf8');
  const routes = readNetstatR(capture);
  it('reads both tables', () => expect([routes.filter((r) => r.family === 'inet').length, routes.filter((r) => r.family === 'inet6').length]).toEqual([27, 59]));
  it('renders the capture byte for byte', () =>
    expect([...renderMacosRoutes(routes, { numeric: false, names: NO_NAMES, inet4: true, inet6: true })].join('')).toBe(capture));
});

describe('BSD network names', () => {
  it.each([
    ['127.0.0.0', 8, '127'],
    ['169.254.0.0', 16, '169.254'],
    ['192.168.1.0', 24, '192.168.1'],
    ['224.0.0.0', 4, '224.0.0/4'],
    ['192.168.1.221', 32, '192.168.1.221/32'],
    ['10.9.0.0', 24, '10.9/24'],
    ['0.0.0.0', 0, '0'],
  ])('%s/%i → %s', (a, bits, text) => expect(bsdNetname(a, bits)).toBe(text));
});

describe('netstat -s (BSD layout)', () => {
  const stats = { tcp: { OutSegs: 1, RetransSegs: 2, InSegs: 10 }, udp: { InDatagrams: 0 }, icmpMsg: { InType3: 4, OutType8: 1 }, icmp: { InCsumErrors: 0 } };
  const out = renderMacosStatistics(stats, []);
  it('sections, tabs and plurals', () => expect(out.split('\n').slice(0, 4)).toEqual(['tcp:', '\t1 packet sent', '\t\t2 data packets retransmitted', '\t10 packets received']));
  it('histograms list non-zero types', () => expect(out).toContain('icmp:\n\t0 bad checksums\n\tOutput histogram:\n\t\techo: 1\n\tInput histogram:\n\t\tdestination unreachable: 4\n'));
  it('-p udp keeps one section', () => expect(renderMacosStatistics(stats, ['udp'])).toBe('udp:\n\t0 datagrams received\n'));
});
