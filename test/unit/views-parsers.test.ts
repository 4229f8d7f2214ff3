/**
 * Parsers of the view sources on real /proc/net captures from old (2.6.18, RHEL 5) and new (6.18)
 * kernels and other machines (see fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcNetDev, splitDevName } from '../../src/parse/linux/proc-net-dev.js';
import { parseFibTrieLocals } from '../../src/parse/linux/proc-net-fib-trie.js';
import { parseProcNetIfInet6 } from '../../src/parse/linux/proc-net-if-inet6.js';
import { parseProcNetIgmp, parseProcNetIgmp6 } from '../../src/parse/linux/proc-net-igmp.js';
import { parseProcNetIpv6Route } from '../../src/parse/linux/proc-net-ipv6-route.js';
import { parseProcNetRoute } from '../../src/parse/linux/proc-net-route.js';
import { parseProcNetSctpSnmp, parseProcNetSnmp, parseProcNetSnmp6 } from '../../src/parse/linux/proc-net-snmp.js';
import { inet6RouteFlags, inetRouteFlags } from '../../src/parse/linux/route-flags.js';
import { effectiveIfFlags, ifFlagBits, ifFlagNames, parseSysNumber } from '../../src/parse/linux/sys-class-net.js';

const fx = (name: string): string => readFileSync(`fixtures/linux-proc/${name}`, 'latin1');
const LE = { littleEndian: true, source: '/proc/net/route' };

describe('/proc/net/route', () => {
  it('jc (Ubuntu): default route, host bits, metric', () => {
    const { records, skipped } = parseProcNetRoute(fx('jc-net_route.txt'), LE);
    expect(skipped).toEqual([]);
    expect(records[0]).toMatchObject({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.168.71.2', interface: 'ens33', metric: 100, flags: 'UG', flagBits: 3 });
    expect(records[2]).toMatchObject({ destination: '192.168.71.2', prefixLength: 32, gateway: null, flags: 'UH' });
  });
  it('2.6.18 kernel: /16 and /8 networks', () => {
    const { records } = parseProcNetRoute(fx('k2.6.18-net_route.txt'), LE);
    expect(records.map((r) => `${r.destination}/${r.prefixLength} ${r.interface}`)).toEqual(['172.31.0.0/16 eth0', '169.254.0.0/16 eth0', '10.0.0.0/8 eth1', '0.0.0.0/0 eth0']);
  });
  it('big-endian hosts print words in network order', () => {
    const text = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\tC0A80100\t00000000\t0001\t0\t0\t0\tFFFFFF00\t0\t0\t0\n';
    expect(parseProcNetRoute(text, { ...LE, littleEndian: false }).records[0]).toMatchObject({ destination: '192.168.1.0', prefixLength: 24 });
  });
  it('reports a malformed line with its number', () => {
    const text = `${fx('jc-net_route.txt').split('\n')[0]}\neth0\tnothex\n`;
    expect(parseProcNetRoute(text, LE).skipped).toEqual([expect.objectContaining({ line: 2, reason: 'malformed route line' })]);
  });
  it('flag letters in net-tools order', () => {
    expect(inetRouteFlags(0x0003)).toBe('UG');
    expect(inetRouteFlags(0x0201)).toBe('!');
    expect(inetRouteFlags(0x0205)).toBe('!H');
    expect(inet6RouteFlags(0x80200001)).toBe('Un');
    expect(inet6RouteFlags(0x00200200)).toBe('!n');
    expect(inet6RouteFlags(0x00450003)).toBe('UGDAe');
  });
});

describe('/proc/net/ipv6_route', () => {
  it('jc: link-local network, the reject route with metric -1', () => {
    const { records, skipped } = parseProcNetIpv6Route(fx('jc-net_ipv6_route.txt'), '/proc/net/ipv6_route');
    expect(skipped).toEqual([]);
    expect(records[1]).toMatchObject({ family: 'inet6', destination: 'fe80::', prefixLength: 64, gateway: null, metric: 256, refCnt: 1, use: 0, flags: 'U', interface: 'ens33' });
    expect(records[2]).toMatchObject({ destination: '::', prefixLength: 0, metric: -1, flags: '!n', interface: 'lo' });
  });
  it('2.6.18: a gateway and IPv4-mapped destinations', () => {
    const { records } = parseProcNetIpv6Route(fx('k2.6.18-net_ipv6_route.txt'), 'x');
    expect(records.find((r) => r.gateway !== null)).toMatchObject({ gateway: 'fe80::da24:bdff:fe91:5d40', flags: 'UGDAe' });
    expect(records.map((r) => r.destination)).toContain('::ffff:0.0.0.0');
  });
});

describe('/proc/net/dev', () => {
  it('2.6.18: counters glued to the name, 64-bit values', () => {
    const { records, skipped } = parseProcNetDev(fx('k2.6.18-net_dev.txt'), 'x');
    expect(skipped).toEqual([]);
    expect(records[1]).toMatchObject({ name: 'eth0', rxBytes: 8144002186412, rxPackets: 10129721832, rxMulticast: 4632261, txBytes: 14148537267133, txPackets: 11634529610 });
  });
  it('long names (procfs: vethf345468) and every layout-3 counter', () => {
    const { records } = parseProcNetDev(fx('procfs-net_dev.txt'), 'x');
    expect(records.map((r) => r.name)).toEqual(['vethf345468', 'lo', 'docker0', 'eth0']);
    expect(Object.keys(records[0] ?? {})).toHaveLength(17);
  });
  it('alias-aware name split (net-tools get_name)', () => {
    expect(splitDevName('  eth0:1: 12 3')).toEqual(['eth0:1', ' 12 3']);
    expect(splitDevName('  eth0:8144 1')).toEqual(['eth0', '8144 1']);
  });
  it('the 13-column layout (no compressed/multicast) is recognised from the header', () => {
    const real = fx('jc-net_dev.txt').split('\n');
    const head = ' face |bytes    packets errs drop fifo frame|bytes    packets errs drop fifo colls carrier';
    const line = ' ens33: 60600053  109378    0    0    0     0 44256546  121425    0    0    0     0       0';
    const r = parseProcNetDev([real[0], head, line].join('\n'), 'x').records[0];
    expect(r).toMatchObject({ rxBytes: 60600053, txBytes: 44256546, txCarrier: 0 });
    expect(r?.rxMulticast).toBeUndefined();
  });
});

describe('/sys/class/net values', () => {
  it('numbers', () => {
    expect(parseSysNumber('0x1003\n')).toBe(0x1003);
    expect(parseSysNumber('1500\n')).toBe(1500);
    expect(parseSysNumber('')).toBeNull();
  });
  it('RUNNING from operstate like SIOCGIFFLAGS', () => {
    expect(ifFlagNames(effectiveIfFlags(0x1003, 'up\n'))).toEqual(['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']);
    expect(ifFlagNames(effectiveIfFlags(0x9, 'unknown'))).toEqual(['UP', 'LOOPBACK', 'RUNNING']);
    expect(ifFlagNames(effectiveIfFlags(0x1003, 'down'))).toEqual(['UP', 'BROADCAST', 'MULTICAST']);
    expect(ifFlagBits(['UP', 'LOOPBACK', 'RUNNING'])).toBe(0x49);
  });
});

describe('/proc/net/snmp, netstat, snmp6', () => {
  it('2.6.18: tables in file order, values, Tcp MaxConn -1', () => {
    const { statistics, skipped } = parseProcNetSnmp(fx('k2.6.18-net_snmp.txt'), 'x');
    expect(skipped).toEqual([]);
    expect(Object.keys(statistics)).toEqual(['ip', 'icmp', 'icmpMsg', 'tcp', 'udp']);
    expect(statistics.tcp).toMatchObject({ MaxConn: -1, ActiveOpens: 151041, InSegs: 10020102827, RetransSegs: 106560 });
    expect(Object.keys(statistics.udp ?? {})).toEqual(['InDatagrams', 'NoPorts', 'InErrors', 'OutDatagrams']);
  });
  it('netstat file: TcpExt and IpExt added after snmp tables', () => {
    const s = parseProcNetSnmp(fx('k2.6.18-net_snmp.txt'), 'x').statistics;
    parseProcNetSnmp(fx('k2.6.18-net_netstat.txt'), 'y', s);
    expect(Object.keys(s).slice(-2)).toEqual(['tcpExt', 'ipExt']);
    expect(s.tcpExt?.TCPTimeouts).toBe(5019);
  });
  it('6.18 kernel: MPTcpExt table', () => {
    const s = parseProcNetSnmp(fx('debian12-k6.18-net_netstat.txt'), 'x').statistics;
    expect(Object.keys(s)).toEqual(['tcpExt', 'ipExt', 'mptcpExt']);
  });
  it('a header without its value line is reported', () => {
    const { skipped } = parseProcNetSnmp('Tcp: A B\nUdp: 1 2\n', 'x');
    expect(skipped[0]).toMatchObject({ line: 1 });
  });
  it('snmp6: prefix → protocol key, name without prefix', () => {
    const { statistics, skipped } = parseProcNetSnmp6(fx('k2.6.18-net_snmp6.txt'), 'x');
    expect(skipped).toEqual([]);
    expect(statistics.ipv6?.InReceives).toBe(574060);
    expect(Object.keys(statistics)).toEqual(['ipv6', 'icmpv6', 'udpv6']);
    const modern = parseProcNetSnmp6(fx('debian12-k6.18-net_snmp6.txt'), 'x').statistics;
    expect(Object.keys(modern)).toEqual(['ipv6', 'icmpv6', 'udpv6', 'udplitev6']);
  });
  it('sctp/snmp names lose their Sctp prefix', () => {
    expect(parseProcNetSctpSnmp('SctpCurrEstab                   \t0\nSctpActiveEstabs                \t3\n', 'x').statistics.sctp).toEqual({ CurrEstab: 0, ActiveEstabs: 3 });
  });
});

describe('/proc/net/igmp, igmp6', () => {
  it('IPv4 groups under their device', () => {
    const { records, skipped } = parseProcNetIgmp(fx('debian12-k6.18-net_igmp.txt'), LE);
    expect(skipped).toEqual([]);
    expect(records).toEqual([
      { family: 'inet', interface: 'lo', refCount: 1, group: '224.0.0.1' },
      { family: 'inet', interface: 'eth0', refCount: 1, group: '224.0.0.1' },
    ]);
  });
  it('IPv6 groups', () => {
    const { records } = parseProcNetIgmp6(fx('debian12-k6.18-net_igmp6.txt'), 'x');
    expect(records[0]).toEqual({ family: 'inet6', interface: 'lo', refCount: 1, group: 'ff02::1' });
    expect(records.map((r) => r.group)).toContain('ff02::1:ff00:2');
  });
  it('a group line before any device is reported', () => {
    expect(parseProcNetIgmp('Idx\tDevice\n\t\t\t\t010000E0     1 0:00000000\t\t0\n', LE).skipped[0]).toMatchObject({ line: 2 });
  });
});

describe('/proc/net/fib_trie, if_inet6', () => {
  it('local IPv4 addresses', () => expect(parseFibTrieLocals(fx('debian12-k6.18-net_fib_trie.txt'))).toEqual(['127.0.0.1', '192.0.2.2']));
  it('IPv6 addresses per interface', () => {
    const { records } = parseProcNetIfInet6(fx('k2.6.18-net_if_inet6.txt'), 'x');
    expect(records[2]).toEqual({ interface: 'eth0', index: 2, address: 'fe80::215:17ff:fe98:d0b8', prefixLength: 64, scope: 0x20 });
  });
});
