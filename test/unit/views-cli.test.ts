/**
 * The table views end to end through main(): the Linux probe over fixture files (procfs and sysfs),
 * every style, JSON/CSV shapes, missing sources, errors and repetition.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCommandLine } from '../../src/cli/flags.js';
import type { Query } from '../../src/model/query.js';
import type { Probe } from '../../src/probe/types.js';
import { fakeFs, fakeResolver, runMain } from '../helpers/run-main.js';

const FX = 'fixtures/linux-proc';

/** This machine's capture: procfs files plus the sysfs values saved in a TSV. */
function debianFiles(omit: string[] = []): Record<string, string | { text: string }> {
  const files: Record<string, string | { text: string }> = {};
  for (const f of ['route', 'ipv6_route', 'snmp', 'snmp6', 'netstat', 'igmp', 'igmp6', 'fib_trie', 'if_inet6', 'dev'])
    if (!omit.includes(f)) files[`/proc/net/${f}`] = `${FX}/debian12-k6.18-net_${f}.txt`;
  for (const line of readFileSync(`${FX}/debian12-k6.18-sys_class_net.tsv`, 'utf8').trim().split('\n')) {
    const [ifname, attr, value] = line.split('\t');
    files[`/sys/class/net/${ifname}/${attr}`] = { text: `${value}\n` };
  }
  return files;
}
const debian = (omit: string[] = []): ReturnType<typeof fakeFs> => fakeFs(debianFiles(omit));

function q(cmd: string): Query {
  const r = parseCommandLine(cmd.split(' ').filter(Boolean), { defaultStyle: 'linux' });
  if (r.kind !== 'query') throw new Error(cmd);
  return r.query;
}

describe('flag grammar of the views', () => {
  it('-rn -A inet6', () => expect(q('-rn -A inet6')).toMatchObject({ view: 'routes', inet4: false, inet6: true, numericHosts: true }));
  it('-r -6', () => expect(q('-r -6')).toMatchObject({ view: 'routes', inet4: false, inet6: true }));
  it('-ia', () => expect(q('-ia')).toMatchObject({ view: 'interfaces', selection: 'all' }));
  it('-ree', () => expect(q('-ree')).toMatchObject({ view: 'routes', extend: 2 }));
  it('-st', () => expect(q('-st')).toMatchObject({ view: 'statistics', transports: ['tcp'] }));
  it('-e 5', () => expect(q('-e 5')).toMatchObject({ view: 'ethernet', interval: 5 }));
  it('-e -s -p tcp', () => expect(q('-e -s -p tcp')).toMatchObject({ view: 'statistics', ethernet: true, protoFilter: ['tcp'] }));
  it('-gn', () => expect(q('-gn')).toMatchObject({ view: 'groups', numericHosts: true }));
  it('-rc (every second)', () => expect(q('-rc')).toMatchObject({ view: 'routes', interval: 1 }));
});

describe('Linux probe over a captured machine', () => {
  it('-r: names from the resolver, 0.0.0.0 gateways stay numeric', async () => {
    const r = await runMain(['--style', 'linux', '-r'], debian(), { resolver: fakeResolver({ '192.0.2.1': 'gw.example' }) });
    expect(r.stdout).toBe(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' +
        'default         gw.example      0.0.0.0         UG        0 0          0 eth0\n' +
        '192.0.2.0       0.0.0.0         255.255.255.0   U         0 0          0 eth0\n',
    );
  });
  it('-i: MTU and flags from sysfs, only interfaces that are up, net-tools order', async () => {
    const r = await runMain(['--style', 'linux', '-i'], debian());
    expect(r.stdout.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['Kernel', 'Iface', 'eth0', 'lo', '']);
    expect(r.stdout).toContain('eth0             1400    15357      0      0 0          9623      0      0      0 BMRU\n');
    expect(r.stdout).toContain('lo              65536   300101      0      0 0        300101      0      0      0 LRU\n');
  });
  it('-ia adds interfaces that are down (no sysfs → no flags)', async () => {
    const r = await runMain(['--style', 'linux', '-ia'], debian());
    expect(r.stdout).toContain('ifb0                0        0      0      0 0             0      0      0      0 [NO FLAGS]\n');
  });
  it('-r --json: version, routes with interface index', async () => {
    const doc = JSON.parse((await runMain(['-r', '--json'], debian())).stdout) as { version: number; routes: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.routes[0]).toMatchObject({ family: 'inet', destination: '0.0.0.0', gateway: '192.0.2.1', interfaceIndex: 4 });
  });
  it('-r --json carries both families whatever the style (net-tools text shows one table)', async () => {
    for (const style of ['linux', 'windows', 'macos']) {
      const doc = JSON.parse((await runMain(['-r', '--json', '--style', style], debian())).stdout) as { routes: { family: string }[] };
      expect(new Set(doc.routes.map((r) => r.family))).toEqual(new Set(['inet', 'inet6']));
    }
    const only6 = JSON.parse((await runMain(['-r', '-6', '--json'], debian())).stdout) as { routes: { family: string }[] };
    expect(new Set(only6.routes.map((r) => r.family))).toEqual(new Set(['inet6']));
  });
  it('-s --json: MIB-II counter names keyed by protocol', async () => {
    const doc = JSON.parse((await runMain(['-s', '--json'], debian())).stdout) as { statistics: Record<string, Record<string, number>> };
    expect(Object.keys(doc.statistics)).toEqual(['ip', 'icmp', 'icmpMsg', 'tcp', 'udp', 'udplite', 'tcpExt', 'ipExt', 'mptcpExt', 'ipv6', 'icmpv6', 'udpv6', 'udplitev6']);
    expect(doc.statistics['tcp']).toHaveProperty('InSegs');
    expect(doc.statistics['tcp']).toHaveProperty('RetransSegs');
    expect(doc.statistics['tcp']).toHaveProperty('ActiveOpens');
  });
  it('-i --json and -g --csv', async () => {
    const doc = JSON.parse((await runMain(['-i', '--json'], debian())).stdout) as { interfaces: Record<string, unknown>[] };
    expect(doc.interfaces.find((i) => i['name'] === 'eth0')).toMatchObject({ index: 4, mtu: 1400, mac: '02:fc:00:00:00:01', flags: ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'], rxPackets: 15357 });
    const csv = (await runMain(['-g', '--csv'], debian())).stdout.split('\n');
    expect(csv.slice(0, 2)).toEqual(['family,interface,group,refCount', 'inet,lo,224.0.0.1,1']);
  });
  it('Windows style -r: Interface List and both tables', async () => {
    const out = (await runMain(['--style', 'windows', '-r'], debian())).stdout;
    expect(out).toContain('  4...02 fc 00 00 00 01 ......eth0\n');
    expect(out).toContain('  1...........................lo\n');
    expect(out).toContain('          0.0.0.0          0.0.0.0        192.0.2.1        192.0.2.2      0\n');
    expect(out).toContain('  4   1024 ::/0                     fd00::1\n');
  });
  it('Windows style -e -s -p tcp: interface statistics, TCP section, TCP connections', async () => {
    const out = (await runMain(['--style', 'windows', '-e', '-s', '-p', 'tcp', '-n'], debian())).stdout;
    expect(out.startsWith('Interface Statistics\n')).toBe(true);
    expect(out).toContain('\nTCP Statistics for IPv4\n\n  Active Opens                        = ');
    expect(out).not.toContain('UDP Statistics');
    expect(out.endsWith('\nActive Connections\n\n  Proto  Local Address          Foreign Address        State\n')).toBe(true);
  });
  it('macOS style -rn', async () => {
    const out = (await runMain(['--style', 'macos', '-rn'], debian())).stdout;
    expect(out.split('\n').slice(0, 6)).toEqual([
      'Routing tables',
      '',
      'Internet:',
      'Destination        Gateway            Flags        Refs      Use   Netif Expire',
      'default            192.0.2.1          UG              0        0    eth0       ',
      '192.0.2            link#4             U               0        0    eth0       ',
    ]);
  });
});

describe('missing sources: an empty section or a note, never a crash', () => {
  it('no IPv6 routes file: the IPv6 table is empty and stderr says why', async () => {
    const r = await runMain(['--style', 'linux', '-rn', '-6'], debian(['ipv6_route']));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref  Use If\n');
    expect(r.stderr).toBe('tsnetstat: INET6 (IPv6) not configured in this system (no /proc/net/ipv6_route)\n');
  });
  it('no igmp6: IPv4 groups only', async () => {
    const r = await runMain(['--style', 'linux', '-gn'], debian(['igmp6']));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('ff02');
    expect(r.stdout).toContain('224.0.0.1');
  });
  it('no snmp6: -s -6 prints nothing and one note', async () => {
    const r = await runMain(['--style', 'linux', '-s', '-6'], debian(['snmp6']));
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toContain('no IPv6 protocol statistics');
  });
  it('no snmp6: Windows -s leaves the IPv6 sections out', async () => {
    const out = (await runMain(['--style', 'windows', '-s'], debian(['snmp6']))).stdout;
    expect(out).toContain('IPv4 Statistics');
    expect(out).not.toContain('IPv6 Statistics');
  });
  it('a probe without the view: one line, exit 1', async () => {
    let stderr = '';
    const probe: Probe = { name: 'test-probe', connections: async () => ({ records: [], warnings: [] }) };
    const code = await main({
      argv: ['-r'],
      env: {},
      platform: 'linux',
      stdout: { isTTY: false, write: async () => true },
      stderr: { write: (s) => void (stderr += s) },
      createProbe: async () => probe,
      createResolver: () => fakeResolver(),
      sleep: async () => false,
      interrupted: () => false,
    });
    expect([code, stderr]).toEqual([1, 'tsnetstat: the routing table (-r) is not available on this system (test-probe)\n']);
  });
  it('-i -e (ifconfig style) is refused in one line', async () => {
    const r = await runMain(['--style', 'linux', '-ie'], debian());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('repetition', () => {
  it('-rn 2 prints the table once per tick until interrupted', async () => {
    let stdout = '';
    let ticks = 0;
    const fs = debian();
    const { createLinuxProbe } = await import('../../src/probe/linux.js');
    const code = await main({
      argv: ['--style', 'linux', '-rn', '2'],
      env: {},
      platform: 'linux',
      stdout: { isTTY: false, write: async (s) => ((stdout += s), true) },
      stderr: { write: () => {} },
      createProbe: async () => createLinuxProbe({ fs, procRoot: '/proc', sysRoot: '/sys' }),
      createResolver: () => fakeResolver(),
      sleep: async (ms) => {
        expect(ms).toBe(2000);
        return ++ticks < 3;
      },
      interrupted: () => false,
    });
    expect(code).toBe(0);
    expect(stdout.match(/Kernel IP routing table/g)).toHaveLength(3);
  });
});
