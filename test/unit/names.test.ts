import { describe, expect, it } from 'vitest';
import type { FileReader } from '../../src/probe/io.js';
import { createResolver, type ReverseLookup } from '../../src/probe/names.js';
import { parseServices, parseProtocols } from '../../src/parse/etc/services.js';
import { parsePasswd } from '../../src/parse/etc/passwd.js';
import { parseNetworks } from '../../src/parse/etc/networks.js';

const files: Record<string, string> = {
  '/etc/services': 'http\t\t80/tcp\t\twww\t# WorldWideWeb HTTP\nhttps\t\t443/tcp\nhttps\t\t443/udp\nalt\t\t443/tcp\t\t# a later duplicate\n',
  '/etc/protocols': 'icmp\t1\tICMP\nipv6-icmp 58\tIPv6-ICMP\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  '/etc/networks': 'default\t\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\n',
};
const fs: FileReader = {
  read: (p) => {
    const v = files[p];
    if (v === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return v;
  },
  list: () => [],
  link: () => '',
};

describe('/etc parsers', () => {
  it('services: the last entry for a port wins, as in net-tools', () => {
    const s = parseServices(files['/etc/services'] as string);
    expect(s.tcp.get(80)).toBe('http');
    expect(s.tcp.get(443)).toBe('alt');
    expect(s.udp.get(443)).toBe('https');
  });
  it('protocols', () => expect(parseProtocols(files['/etc/protocols'] as string).get(58)).toBe('ipv6-icmp'));
  it('passwd', () => expect(parsePasswd(files['/etc/passwd'] as string).get(65534)).toBe('nobody'));
  it('networks (short forms right-aligned like inet_network)', () => {
    expect(parseNetworks('loopback 127.0.0.0\nshort 10.1\n')).toEqual(new Map([['127.0.0.0', 'loopback'], ['0.0.10.1', 'short']]));
  });
});

describe('reverse resolution: parallel, bounded, timed out, cached', () => {
  it('runs lookups in parallel, each with a timeout, and caches across calls', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const calls: string[] = [];
    const lookup: ReverseLookup = (addr) => {
      calls.push(addr);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) => {
        if (addr === '10.0.0.99') return; // never answers: must time out
        setTimeout(() => {
          inFlight--;
          resolve(addr === '10.0.0.1' ? 'one.example' : undefined);
        }, 20);
      });
    };
    const r = createResolver({ fs, lookup, timeoutMs: 100, concurrency: 8, hostname: 'box' });
    const hosts = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.99'];
    const t1 = await r.resolve({ hosts, services: true, users: true });
    expect(t1.hosts.get('10.0.0.1')).toBe('one.example');
    expect(t1.hosts.has('10.0.0.2')).toBe(false);
    expect(t1.hosts.has('10.0.0.99')).toBe(false);
    expect(maxInFlight).toBeGreaterThanOrEqual(5); // not one after another
    expect(t1.services.get('tcp/443')).toBe('alt');
    expect(t1.services.get('raw/1')).toBe('icmp');
    expect(t1.users.get(0)).toBe('root');
    const before = calls.length;
    const t2 = await r.resolve({ hosts, services: false, users: false });
    expect(calls.length).toBe(before); // answers, misses and timeouts are all cached
    expect(t2.hosts.get('10.0.0.1')).toBe('one.example');
  });

  it('concurrency is bounded', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const lookup: ReverseLookup = () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve(undefined);
        }, 5),
      );
    };
    const r = createResolver({ fs, lookup, concurrency: 3, hostname: 'box' });
    await r.resolve({ hosts: Array.from({ length: 20 }, (_, i) => `10.1.0.${i + 1}`), services: false, users: false });
    expect(maxInFlight).toBe(3);
  });

  it('IPv4 network addresses use /etc/networks like net-tools', async () => {
    const r = createResolver({ fs, lookup: async () => 'never', hostname: 'box' });
    const t = await r.resolve({ hosts: ['169.254.0.0', '10.9.9.0'], networks: true, services: false, users: false });
    expect(t.hosts.get('169.254.0.0')).toBe('link-local');
    expect(t.hosts.has('10.9.9.0')).toBe(false);
  });
});
