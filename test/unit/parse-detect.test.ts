import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunError, UsageError } from '../../src/model/errors.js';
import { decodeCapture, summariseSkipped } from '../../src/parse/common/text.js';
import { detectFormat, formatIds, parseCapture, resolveFormat } from '../../src/parse/detect.js';
import { createCaptureProbe } from '../../src/probe/capture.js';

const root = new URL('../../fixtures/', import.meta.url);
const read = (path: string): Uint8Array => readFileSync(new URL(path, root));
const text = (path: string): string => decodeCapture(read(path));

/** The format each capture must be recognised as (by shape, never by translated words). */
const EXPECTED: Readonly<Record<string, string | null>> = {
  'linux-tools/centos7-netstat-i.txt': 'nettools-interfaces',
  'linux-tools/centos7-netstat-rnee.txt': 'nettools-routes',
  'linux-tools/centos7-netstat-sudo-lnp.txt': 'nettools-netstat',
  'linux-tools/centos7-route-6-n.txt': 'nettools-routes',
  'linux-tools/centos7-ss-sudo-a.txt': 'ss',
  'linux-tools/de-ubuntu1404-netstat-tupan.txt': 'nettools-netstat',
  'linux-tools/debian12-lsof-F-pcnPtTd.txt': 'lsof-f',
  'linux-tools/debian12-lsof-i-nP.txt': 'lsof',
  'linux-tools/debian12-netstat-anp-netns.txt': 'nettools-netstat',
  'linux-tools/debian12-netstat-i.txt': 'nettools-interfaces',
  'linux-tools/debian12-netstat-rn-A-inet6.txt': 'nettools-routes',
  'linux-tools/debian12-netstat-rn.txt': 'nettools-routes',
  'linux-tools/debian12-netstat-s-6.txt': 'nettools-statistics',
  'linux-tools/debian12-netstat-s.txt': 'nettools-statistics',
  'linux-tools/debian12-netstat-tuanpeoW.txt': 'nettools-netstat',
  'linux-tools/debian12-netstat-tulpnW.txt': 'nettools-netstat',
  'linux-tools/debian12-ss-tuanpe.txt': 'ss',
  'linux-tools/debian12-ss-tulpn.txt': 'ss',
  'linux-tools/fedora32-netstat.txt': 'nettools-netstat',
  'linux-tools/netstat-an6-parse-netstat.txt': 'nettools-netstat',
  'linux-tools/netstat-anp-parse-netstat.txt': 'nettools-netstat',
  'linux-tools/netstat-ap-bracketed-ipv6.txt': 'nettools-netstat',
  'linux-tools/netstat-old-nettools.txt': 'nettools-netstat',
  'linux-tools/rhel-netstat-s.txt': 'nettools-statistics',
  'linux-tools/ss-wide-process-column.txt': 'ss',
  'linux-tools/ubuntu-netstat-tunlp-find-process.txt': 'nettools-netstat',
  'linux-tools/ubuntu1804-netstat-i.txt': 'nettools-interfaces',
  'linux-tools/ubuntu1804-netstat-r.txt': 'nettools-routes',
  'linux-tools/ubuntu1804-netstat-sudo-lnp.txt': 'nettools-netstat',
  'linux-tools/ubuntu1804-ss-sudo-a.txt': 'ss',
  'linux-tools/ubuntu1804-ss-sudo-tulpen.txt': 'ss',
  'macos/macos-lsof-i-grep-fragment.txt': 'lsof',
  'macos/macos-netstat-an-parse-netstat.txt': 'bsd-netstat',
  'macos/macos-netstat-anv-old-format.txt': 'bsd-netstat',
  'macos/macos-netstat-anv-p-tcp-process-pid.txt': 'bsd-netstat',
  'macos/macos-netstat-default-2.txt': 'bsd-netstat',
  'macos/macos-netstat-ibdn-excerpt-gopsutil.txt': 'bsd-interfaces',
  'macos/macos-netstat-ibdn-truncated-excerpt-gopsutil.txt': 'bsd-interfaces',
  'macos/macos-netstat-s-p-tcp.txt': 'bsd-statistics',
  'macos/macos10.14-netstat-Abn.txt': 'bsd-netstat',
  'macos/macos10.14-netstat-An.txt': 'bsd-netstat',
  'macos/macos10.14-netstat-i.txt': 'bsd-interfaces',
  'macos/macos10.14-netstat-r.txt': 'bsd-routes',
  'macos/macos10.14-netstat-rnl.txt': 'bsd-routes',
  'macos/replay/legacy-netstat-anvW-p-tcp.txt': 'bsd-netstat',
  'macos/replay/legacy-netstat-anvW-p-udp.txt': 'bsd-netstat',
  'macos/replay/netstat-an-f-unix.txt': 'bsd-netstat',
  'macos/replay/netstat-anvW-p-tcp.txt': 'bsd-netstat',
  'macos/replay/netstat-anvW-p-udp.txt': 'bsd-netstat',
  'macos/replay/netstat-ibn.txt': 'bsd-interfaces',
  'macos/replay/netstat-rn.txt': 'bsd-routes',
  'macos/replay/netstat-s.txt': 'bsd-statistics',
  'freebsd/freebsd-netstat-i.txt': 'bsd-interfaces',
  'freebsd/freebsd-sockstat.txt': 'sockstat',
  'freebsd/freebsd10.1-netstat-an.txt': 'bsd-netstat',
  'freebsd/freebsd12-netstat-aT.txt': 'bsd-netstat',
  'freebsd/freebsd12-netstat-an.txt': 'bsd-netstat',
  'freebsd/freebsd12-netstat-i.txt': 'bsd-interfaces',
  'freebsd/freebsd12-netstat-ib.txt': 'bsd-interfaces',
  'freebsd/freebsd12-netstat-r.txt': 'bsd-routes',
  'freebsd/freebsd9.2-netstat-an.txt': 'bsd-netstat',
  'windows/win7-netstat-e-transcribed.txt': 'windows-netstat-e',
  'windows/win7-netstat-ns.txt': 'windows-netstat-s',
  'windows/win10-route-print.txt': 'windows-route',
  'windows/fr-win-route-print-4.txt': 'windows-route',
  'windows/powershell-get-nettcpconnection-table.txt': null,
};

function expectedFor(path: string): string | null {
  if (path in EXPECTED) return EXPECTED[path] as string | null;
  if (path.startsWith('windows/')) return 'windows-netstat';
  if (path.startsWith('linux-cgroup/')) return null; // /proc/<pid>/cgroup: no tool's listing
  const proc = /^linux-proc\/.*net_(\w+?)\.txt$|^linux-proc\/.*-(snmp6?|netstat|sockstat)\.txt$/.exec(path);
  if (proc) return `proc-net-${(proc[1] ?? proc[2] ?? '').replace('_', '-')}`;
  throw new Error(`no expectation for ${path}`);
}

const captures = ['linux-tools', 'macos', 'macos/replay', 'freebsd', 'linux-proc', 'windows', 'linux-cgroup'].flatMap((d) =>
  readdirSync(new URL(`${d}/`, root), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => `${d}/${e.name}`),
);

/** What the real net-tools printed for the /proc fixtures (`fixtures/expected/linux/<set>/<flags>.out`): captures too. */
const goldens = readdirSync(new URL('expected/linux/', root), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(new URL(`expected/linux/${d.name}/`, root)).map((f) => `expected/linux/${d.name}/${f}`));

describe('detection of the net-tools goldens in fixtures/expected/', () => {
  it('all of them', () => expect(goldens.length).toBeGreaterThan(40));
  it.each(goldens)('%s', (path) => {
    const flags = path.slice(path.lastIndexOf('/') + 1);
    const want = flags.startsWith('-r') ? 'nettools-routes' : flags.startsWith('-s') ? 'nettools-statistics' : 'nettools-groups';
    // `netstat -s -6` without /proc/net/snmp6 prints nothing: an empty capture is no capture.
    if (text(path) === '') {
      expect(detectFormat('', path)).toBeNull();
      expect(() => parseCapture('', { source: path })).toThrow(`${path}: not a recognised capture`);
    } else expect(detectFormat(text(path), path)).toBe(want);
  });
});

describe('detection of every capture in fixtures/', () => {
  it('covers them all', () => expect(captures.length).toBeGreaterThan(100));
  it.each(captures)('%s', (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    expect(detectFormat(text(path), name)).toBe(expectedFor(path));
  });
});

/**
 * What `--parse` makes of every capture: format, record count (for statistics: the protocol keys)
 * and one exact record, checked against the capture's text. Counts of the Windows listings and
 * /proc tables are their row counts (`grep -c`); one `/proc/net/if_inet6` record per interface.
 */
type Sample = Record<string, unknown> | null;
const PARSED: Readonly<Record<string, readonly [format: string, count: number | string, sample: Sample]>> = {
  'freebsd/freebsd-netstat-i.txt': ['bsd-interfaces', 2, { name: 'nfe0', rxPackets: 65877, txPackets: 322 }],
  'freebsd/freebsd-sockstat.txt': ['sockstat', 14, { proto: 'tcp', localAddress: '192.168.5.2', localPort: 22, remoteAddress: '192.168.5.4', remotePort: 59217, state: 'ESTABLISHED', owners: [{ pid: 45933, name: 'sshd' }] }],
  'freebsd/freebsd10.1-netstat-an.txt': ['bsd-netstat', 63, { proto: 'tcp', localAddress: '192.168.1.33', localPort: 22, remoteAddress: '192.168.1.10', remotePort: 41487, state: 'ESTABLISHED', owners: [] }],
  'freebsd/freebsd12-netstat-aT.txt': ['bsd-netstat', 20, { proto: 'tcp', localAddress: '192.168.71.163', localPort: null, remoteAddress: '192.168.71.1', remotePort: 64330, state: 'UNKNOWN', owners: [] }],
  'freebsd/freebsd12-netstat-an.txt': ['bsd-netstat', 20, { proto: 'tcp', localAddress: '192.168.71.163', localPort: 22, remoteAddress: '192.168.71.1', remotePort: 56321, state: 'ESTABLISHED', owners: [] }],
  'freebsd/freebsd12-netstat-i.txt': ['bsd-interfaces', 2, { name: 'em0', rxPackets: 189449, txPackets: 211310 }],
  'freebsd/freebsd12-netstat-ib.txt': ['bsd-interfaces', 2, { name: 'em0', rxPackets: 372717, txPackets: 213821, rxBytes: 372538087, txBytes: 198573339 }],
  'freebsd/freebsd12-netstat-r.txt': ['bsd-routes', 13, { family: 'inet', destination: 'localhost', prefixLength: 32, gateway: null, interface: 'lo0', metric: 0 }],
  'freebsd/freebsd9.2-netstat-an.txt': ['bsd-netstat', 54, { proto: 'tcp', localAddress: '192.168.1.21', localPort: 22, remoteAddress: '192.168.1.10', remotePort: 58271, state: 'ESTABLISHED', owners: [] }],
  'linux-proc/debian12-k6.18-net_dev.txt': ['proc-net-dev', 4, { name: 'lo', rxPackets: 300101, txPackets: 300101, rxBytes: 18749317, txBytes: 18749317 }],
  'linux-proc/debian12-k6.18-net_if_inet6.txt': ['proc-net-if-inet6', 2, { name: 'eth0', index: 4, addresses: [{ family: 'inet6', address: 'fd00::2', prefixLength: 64 }, { family: 'inet6', address: 'fe80::fc:ff:fe00:1', prefixLength: 64 }] }],
  'linux-proc/debian12-k6.18-net_igmp.txt': ['proc-net-igmp', 2, { family: 'inet', interface: 'lo', refCount: 1, group: '224.0.0.1' }],
  'linux-proc/debian12-k6.18-net_igmp6.txt': ['proc-net-igmp6', 10, { family: 'inet6', interface: 'lo', refCount: 1, group: 'ff02::1' }],
  'linux-proc/debian12-k6.18-net_ipv6_route.txt': ['proc-net-ipv6-route', 8, { family: 'inet6', destination: 'fd00::', prefixLength: 64, gateway: null, interface: 'eth0', metric: 256 }],
  'linux-proc/debian12-k6.18-net_netstat.txt': ['proc-net-netstat', 'tcpExt ipExt mptcpExt', { tcpExt: { TW: 18 } }],
  'linux-proc/debian12-k6.18-net_route.txt': ['proc-net-route', 2, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.0.2.1', interface: 'eth0', metric: 0 }],
  'linux-proc/debian12-k6.18-net_snmp.txt': ['proc-net-snmp', 'ip icmp icmpMsg tcp udp udplite', { ip: { Forwarding: 2 } }],
  'linux-proc/debian12-k6.18-net_snmp6.txt': ['proc-net-snmp6', 'ipv6 icmpv6 udpv6 udplitev6', { ipv6: { InReceives: 77116 } }],
  'linux-proc/jc-net_dev.txt': ['proc-net-dev', 2, { name: 'lo', rxPackets: 152, txPackets: 152, rxBytes: 13222, txBytes: 13222 }],
  'linux-proc/jc-net_ipv6_route.txt': ['proc-net-ipv6-route', 7, { family: 'inet6', destination: '::1', prefixLength: 128, gateway: null, interface: 'lo', metric: 256 }],
  'linux-proc/jc-net_netstat.txt': ['proc-net-netstat', 'tcpExt ipExt mptcpExt', { tcpExt: { TW: 3 } }],
  'linux-proc/jc-net_route.txt': ['proc-net-route', 3, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.168.71.2', interface: 'ens33', metric: 100 }],
  'linux-proc/jc-net_tcp.txt': ['proc-net-tcp', 27, { proto: 'tcp', localAddress: '192.168.42.128', localPort: 54352, remoteAddress: '152.199.4.33', remotePort: 443, state: 'CLOSE_WAIT', owners: [] }],
  'linux-proc/jc-net_tcp6.txt': ['proc-net-tcp6', 8, { proto: 'tcp6', localAddress: '::', localPort: 22, remoteAddress: '::', remotePort: 0, state: 'LISTEN', owners: [] }],
  'linux-proc/jc-net_unix.txt': ['proc-net-unix', 130, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [], path: '/var/snap/lxd/common/lxd/unix.socket' }],
  'linux-proc/k2.6.18-net_dev.txt': ['proc-net-dev', 4, { name: 'eth0', rxPackets: 10129721832, txPackets: 11634529610, rxBytes: 8144002186412, txBytes: 14148537267133 }],
  'linux-proc/k2.6.18-net_if_inet6.txt': ['proc-net-if-inet6', 2, { name: 'eth0', addresses: [{ family: 'inet6', address: '2001:df0:92:0:215:17ff:fe98:d0b8', prefixLength: 64 }, { family: 'inet6', address: 'fe80::215:17ff:fe98:d0b8', prefixLength: 64 }] }],
  'linux-proc/k2.6.18-net_ipv6_route.txt': ['proc-net-ipv6-route', 19, { family: 'inet6', destination: '2001:df0:92::', prefixLength: 64, gateway: null, interface: 'eth0', metric: 256 }],
  'linux-proc/k2.6.18-net_netstat.txt': ['proc-net-netstat', 'tcpExt ipExt', { tcpExt: { SyncookiesFailed: 690 } }],
  'linux-proc/k2.6.18-net_raw.txt': ['proc-net-raw', 0, null],
  'linux-proc/k2.6.18-net_raw6.txt': ['proc-net-raw6', 0, null],
  'linux-proc/k2.6.18-net_route.txt': ['proc-net-route', 4, { family: 'inet', destination: '172.31.0.0', prefixLength: 16, gateway: null, interface: 'eth0', metric: 0 }],
  'linux-proc/k2.6.18-net_snmp.txt': ['proc-net-snmp', 'ip icmp icmpMsg tcp udp', { ip: { Forwarding: 2 } }],
  'linux-proc/k2.6.18-net_snmp6.txt': ['proc-net-snmp6', 'ipv6 icmpv6 udpv6', { ipv6: { InReceives: 574060 } }],
  'linux-proc/k2.6.18-net_sockstat.txt': ['proc-net-sockstat', 'sockstat', { sockstat: { sockets_used: 201 } }],
  'linux-proc/k2.6.18-net_tcp.txt': ['proc-net-tcp', 60, { proto: 'tcp', localAddress: '172.31.1.148', localPort: 50226, remoteAddress: '172.31.1.1', remotePort: 389, state: 'CLOSE_WAIT', owners: [] }],
  'linux-proc/k2.6.18-net_tcp6.txt': ['proc-net-tcp6', 4, { proto: 'tcp6', localAddress: '::ffff:172.31.1.148', localPort: 22, remoteAddress: '::ffff:172.23.147.50', remotePort: 48634, state: 'ESTABLISHED', owners: [] }],
  'linux-proc/k2.6.18-net_udp.txt': ['proc-net-udp', 14, { proto: 'udp', localAddress: '0.0.0.0', localPort: 45270, remoteAddress: '0.0.0.0', remotePort: 0, state: null, owners: [] }],
  'linux-proc/k2.6.18-net_udp6.txt': ['proc-net-udp6', 3, { proto: 'udp6', localAddress: '::', localPort: 36951, remoteAddress: '::', remotePort: 0, state: null, owners: [] }],
  'linux-proc/k2.6.18-net_unix.txt': ['proc-net-unix', 90, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [], path: '/tmp/.font-unix/fs7100' }],
  'linux-proc/node_exporter-netstat.txt': ['proc-net-netstat', 'tcpExt ipExt', { tcpExt: { SyncookiesFailed: 2 } }],
  'linux-proc/node_exporter-snmp.txt': ['proc-net-snmp', 'ip icmp icmpMsg tcp udp udplite', { ip: { Forwarding: 1 } }],
  'linux-proc/node_exporter-snmp6.txt': ['proc-net-snmp6', 'ipv6 icmpv6 udpv6 udplitev6', { ipv6: { InReceives: 7 } }],
  'linux-proc/node_exporter-sockstat.txt': ['proc-net-sockstat', 'sockstat', { sockstat: { sockets_used: 229 } }],
  'linux-proc/procfs-net_dev.txt': ['proc-net-dev', 4, { name: 'vethf345468', rxPackets: 8, txPackets: 5, rxBytes: 648, txBytes: 438 }],
  'linux-proc/procfs-net_udp6.txt': ['proc-net-udp6', 2, { proto: 'udp6', localAddress: '::', localPort: 5355, remoteAddress: '::', remotePort: 0, state: null, owners: [] }],
  'linux-proc/procfs-net_unix.txt': ['proc-net-unix', 5, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [], path: '/var/run/postgresql/.s.PGSQL.5432' }],
  'linux-proc/procfs-netstat.txt': ['proc-net-netstat', 'tcpExt ipExt', { tcpExt: { EmbryonicRsts: 1 } }],
  'linux-proc/procfs-snmp.txt': ['proc-net-snmp', 'ip icmp icmpMsg tcp udp udplite', { ip: { Forwarding: 2 } }],
  'linux-proc/procfs-snmp6.txt': ['proc-net-snmp6', 'ipv6 icmpv6 udpv6 udplitev6', { ipv6: { InReceives: 92166 } }],
  'linux-proc/sysstat-root1-snmp.txt': ['proc-net-snmp', 'ip icmp icmpMsg tcp udp udplite', { ip: { Forwarding: 1 } }],
  'linux-tools/centos7-netstat-i.txt': ['nettools-interfaces', 3, { name: 'ens33', rxPackets: 476, txPackets: 312 }],
  'linux-tools/centos7-netstat-rnee.txt': ['nettools-routes', 3, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.168.71.2', interface: 'ens33', metric: 100 }],
  'linux-tools/centos7-netstat-sudo-lnp.txt': ['nettools-netstat', 41, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [{ pid: 1, name: 'systemd', program: 'systemd' }], path: '/run/lvm/lvmpolld.socket' }],
  'linux-tools/centos7-route-6-n.txt': ['nettools-routes', 21, { family: 'inet6', destination: '2600:1700:bab0:d40::', prefixLength: 64, gateway: null, interface: 'ens33', metric: 100 }],
  'linux-tools/centos7-ss-sudo-a.txt': ['ss', 160, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [], path: '/run/systemd/journal/stdout' }],
  'linux-tools/de-ubuntu1404-netstat-tupan.txt': ['nettools-netstat', 25, { proto: 'tcp', localAddress: '192.168.0.11', localPort: 51544, remoteAddress: '64.15.113.114', remotePort: 443, state: 'ESTABLISHED', owners: [{ pid: 3149, name: 'chrome', program: 'chrome' }] }],
  'linux-tools/debian12-lsof-F-pcnPtTd.txt': ['lsof-f', 7, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 55550, remoteAddress: '127.0.0.1', remotePort: 45145, state: 'ESTABLISHED', owners: [{ pid: 21143, name: 'node' }] }],
  'linux-tools/debian12-lsof-i-nP.txt': ['lsof', 7, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 55550, remoteAddress: '127.0.0.1', remotePort: 45145, state: 'ESTABLISHED', owners: [{ pid: 21143, name: 'node' }] }],
  'linux-tools/debian12-netstat-anp-netns.txt': ['nettools-netstat', 7, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 45145, remoteAddress: '127.0.0.1', remotePort: 55550, state: 'ESTABLISHED', owners: [{ pid: 21143, name: 'node', program: 'node' }] }],
  'linux-tools/debian12-netstat-i.txt': ['nettools-interfaces', 2, { name: 'eth0', rxPackets: 15357, txPackets: 9623 }],
  'linux-tools/debian12-netstat-rn-A-inet6.txt': ['nettools-routes', 8, { family: 'inet6', destination: 'fd00::', prefixLength: 64, gateway: null, interface: 'eth0', metric: 256 }],
  'linux-tools/debian12-netstat-rn.txt': ['nettools-routes', 2, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.0.2.1', interface: 'eth0', metric: 0 }],
  'linux-tools/debian12-netstat-s-6.txt': ['nettools-statistics', 'ipv6 icmpv6 udpv6 udplitev6 tcp', { ipv6: { InReceives: 77116 } }],
  'linux-tools/debian12-netstat-s.txt': ['nettools-statistics', 'ip icmp icmpMsg tcp udp udplite tcpExt ipExt mptcpExt', { ip: { Forwarding: 2 } }],
  'linux-tools/debian12-netstat-tuanpeoW.txt': ['nettools-netstat', 7, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 45145, remoteAddress: '127.0.0.1', remotePort: 55550, state: 'ESTABLISHED', owners: [{ pid: 21143, name: 'node', program: 'node' }] }],
  'linux-tools/debian12-netstat-tulpnW.txt': ['nettools-netstat', 5, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 45145, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 21143, name: 'node', program: 'node' }] }],
  'linux-tools/debian12-ss-tuanpe.txt': ['ss', 7, { proto: 'tcp6', localAddress: '::1', localPort: 33919, remoteAddress: '::', remotePort: 0, state: 'LISTEN', owners: [{ pid: 21143, name: 'node' }] }],
  'linux-tools/debian12-ss-tulpn.txt': ['ss', 5, { proto: 'tcp6', localAddress: '::', localPort: 35195, remoteAddress: '::', remotePort: 0, state: 'LISTEN', owners: [{ pid: 21143, name: 'node' }] }],
  'linux-tools/fedora32-netstat.txt': ['nettools-netstat', 131, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'ESTABLISHED', owners: [], path: '/var/lib/sss/pipes/private/sbus-dp_implicit_files.692' }],
  'linux-tools/netstat-an6-parse-netstat.txt': ['nettools-netstat', 8, { proto: 'tcp6', localAddress: '::', localPort: 1716, remoteAddress: '::', remotePort: 0, state: 'LISTEN', owners: [] }],
  'linux-tools/netstat-anp-parse-netstat.txt': ['nettools-netstat', 17, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [{ pid: 16933, name: 'kate 123', program: 'kate 123' }], path: '/tmp/orbit-s1/linc-4225-0-267d23358095e' }],
  'linux-tools/netstat-ap-bracketed-ipv6.txt': ['nettools-netstat', 118, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [{ pid: 382, name: 'containerd', program: 'containerd' }], path: '/run/containerd/containerd.sock' }],
  'linux-tools/netstat-old-nettools.txt': ['nettools-netstat', 10, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [{ pid: 1, name: 'systemd', program: 'systemd' }], path: '/run/lvm/lvmpolld.socket' }],
  'linux-tools/rhel-netstat-s.txt': ['nettools-statistics', 'ip icmp icmpMsg tcp udp udplite tcpExt ipExt', { ip: { InReceives: 3405107 } }],
  'linux-tools/ss-wide-process-column.txt': ['ss', 155, { proto: 'tcp', localAddress: '0.0.0.0', localPort: 3306, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 1978620, name: 'mariadbd' }] }],
  'linux-tools/ubuntu-netstat-tunlp-find-process.txt': ['nettools-netstat', 14, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 3306, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 830, name: 'mysqld', program: 'mysqld' }] }],
  'linux-tools/ubuntu1804-netstat-i.txt': ['nettools-interfaces', 2, { name: 'ens33', rxPackets: 245, txPackets: 197 }],
  'linux-tools/ubuntu1804-netstat-r.txt': ['nettools-routes', 3, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '_gateway', interface: 'ens33', metric: 0 }],
  'linux-tools/ubuntu1804-netstat-sudo-lnp.txt': ['nettools-netstat', 28, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [{ pid: 1, name: 'init', program: 'init' }], path: '/run/udev/control' }],
  'linux-tools/ubuntu1804-ss-sudo-a.txt': ['ss', 117, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'LISTEN', owners: [], path: '/run/udev/control' }],
  'linux-tools/ubuntu1804-ss-sudo-tulpen.txt': ['ss', 73, { proto: 'tcp', localAddress: '127.0.0.53', localPort: 53, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 1117, name: 'systemd-resolve' }] }],
  'macos/macos-lsof-i-grep-fragment.txt': ['lsof', 2, { proto: 'tcp', localAddress: '0.0.0.0', localPort: 20559, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 31833, name: 'node' }] }],
  'macos/macos-netstat-an-parse-netstat.txt': ['bsd-netstat', 10, { proto: 'tcp', localAddress: '10.8.0.6', localPort: 54433, remoteAddress: '1.2.3.4', remotePort: 443, state: 'ESTABLISHED', owners: [] }],
  'macos/macos-netstat-anv-old-format.txt': ['bsd-netstat', 5, { proto: 'tcp', localAddress: '10.16.43.243', localPort: 55669, remoteAddress: '10.20.13.51', remotePort: 8000, state: 'ESTABLISHED', owners: [{ pid: 422, name: '' }] }],
  'macos/macos-netstat-anv-p-tcp-process-pid.txt': ['bsd-netstat', 4, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 4242, remoteAddress: '127.0.0.1', remotePort: 55910, state: 'ESTABLISHED', owners: [{ pid: 2415, name: 'bun' }] }],
  'macos/macos-netstat-default-2.txt': ['bsd-netstat', 531, { proto: 'tcp6', localAddress: '2607:fea8:1e60:e', localPort: 55090, remoteAddress: 'yyz12s06-in-x0a.', remotePort: null, state: 'CLOSE_WAIT', owners: [] }],
  'macos/macos-netstat-ibdn-excerpt-gopsutil.txt': ['bsd-interfaces', 4, { name: 'en0', rxPackets: 5708989, txPackets: 3494252, rxBytes: 7295722068, txBytes: 379533492 }],
  'macos/macos-netstat-ibdn-truncated-excerpt-gopsutil.txt': ['bsd-interfaces', 8, { name: 'lo0', rxPackets: 31241, txPackets: 31241, rxBytes: 3769823, txBytes: 3769823 }],
  'macos/macos-netstat-s-p-tcp.txt': ['bsd-statistics', 'tcp', { tcp: { OutSegs: 6878757 } }],
  'macos/macos10.14-netstat-Abn.txt': ['bsd-netstat', 538, { proto: 'tcp', localAddress: '192.168.1.221', localPort: 5442, remoteAddress: '35.236.87.93', remotePort: 8081, state: 'CLOSE_WAIT', owners: [] }],
  'macos/macos10.14-netstat-An.txt': ['bsd-netstat', 538, { proto: 'tcp', localAddress: '192.168.1.221', localPort: 5442, remoteAddress: '35.236.87.93', remotePort: 8081, state: 'CLOSE_WAIT', owners: [] }],
  'macos/macos10.14-netstat-i.txt': ['bsd-interfaces', 23, { name: 'en5', rxPackets: 140215, txPackets: 137522 }],
  'macos/macos10.14-netstat-r.txt': ['bsd-routes', 86, { family: 'inet', destination: 'localhost', prefixLength: 32, gateway: 'localhost', interface: 'lo0', metric: 0 }],
  'macos/macos10.14-netstat-rnl.txt': ['bsd-routes', 89, { family: 'inet', destination: '127.0.0.1', prefixLength: 32, gateway: '127.0.0.1', interface: 'lo0', metric: 0 }],
  'macos/replay/legacy-netstat-anvW-p-tcp.txt': ['bsd-netstat', 1, { proto: 'tcp', localAddress: '0.0.0.0', localPort: 3000, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 12345, name: '' }] }],
  'macos/replay/legacy-netstat-anvW-p-udp.txt': ['bsd-netstat', 1, { proto: 'udp', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0, state: null, owners: [{ pid: 321, name: '' }] }],
  'macos/replay/netstat-an-f-unix.txt': ['bsd-netstat', 429, { proto: 'unix', localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'ESTABLISHED', owners: [], path: '/Users/felix/Library/Containers/com.docker.docker/Data/docker.raw.sock' }],
  'macos/replay/netstat-anvW-p-tcp.txt': ['bsd-netstat', 4, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 4242, remoteAddress: '127.0.0.1', remotePort: 55910, state: 'ESTABLISHED', owners: [{ pid: 2415, name: 'bun' }] }],
  'macos/replay/netstat-anvW-p-udp.txt': ['bsd-netstat', 2, { proto: 'udp', localAddress: '192.168.0.105', localPort: 64161, remoteAddress: '108.177.119.95', remotePort: 443, state: null, owners: [{ pid: 855, name: 'Brave Browser He' }] }],
  'macos/replay/netstat-ibn.txt': ['bsd-interfaces', 4, { name: 'en0', rxPackets: 82511778, txPackets: 89364180, rxBytes: 75656778687, txBytes: 79224021508 }],
  'macos/replay/netstat-rn.txt': ['bsd-routes', 60, { family: 'inet', destination: '10.175.9.195', prefixLength: 32, gateway: '127.0.0.1', interface: 'lo0', metric: 0 }],
  'macos/replay/netstat-s.txt': ['bsd-statistics', 'tcp', { tcp: { OutSegs: 6878757 } }],
  'windows/es-win-netstat-ano-utf16le.txt': ['windows-netstat', 365, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 6724, remoteAddress: '127.0.0.1', remotePort: 51842, state: 'ESTABLISHED', owners: [{ pid: 4692, name: '' }] }],
  'windows/fr-win-netstat-ano-utf16le.txt': ['windows-netstat', 159, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 49679, remoteAddress: '127.0.0.1', remotePort: 51373, state: 'ESTABLISHED', owners: [{ pid: 4792, name: '' }] }],
  'windows/fr-win-netstat-ano.txt': ['windows-netstat', 217, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 8384, remoteAddress: '127.0.0.1', remotePort: 27855, state: 'TIME_WAIT', owners: [{ pid: 0, name: '' }] }],
  'windows/fr-win-route-print-4.txt': ['windows-route', 21, { family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '10.33.3.253', interface: '10.33.1.84', metric: 40 }],
  'windows/ja-win-netstat-ano-md-indented-transcribed.txt': ['windows-netstat', 5, { proto: 'tcp', localAddress: '0.0.0.0', localPort: 21, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 12636, name: '' }] }],
  'windows/ru-win-netstat-ano-utf8.txt': ['windows-netstat', 170, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 8296, remoteAddress: '127.0.0.1', remotePort: 50088, state: 'ESTABLISHED', owners: [{ pid: 20832, name: '' }] }],
  'windows/win-netstat-an-vbox.txt': ['windows-netstat', 43, { proto: 'tcp', localAddress: '10.0.2.15', localPort: 50918, remoteAddress: '4.213.25.240', remotePort: 443, state: 'TIME_WAIT', owners: [] }],
  'windows/win-netstat-ano-p-udp-utf16le.txt': ['windows-netstat', 55, { proto: 'udp', localAddress: '0.0.0.0', localPort: 49865, remoteAddress: '18.66.78.23', remotePort: 443, state: null, owners: [{ pid: 19884, name: '' }] }],
  'windows/win-netstat-ano-utf16le.txt': ['windows-netstat', 178, { proto: 'tcp', localAddress: '10.64.43.249', localPort: 57268, remoteAddress: '165.227.186.217', remotePort: 17341, state: 'ESTABLISHED', owners: [{ pid: 8940, name: '' }] }],
  'windows/win-netstat-ao-hostnames.txt': ['windows-netstat', 154, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 23401, remoteAddress: 'ral', remotePort: 49530, state: 'TIME_WAIT', owners: [{ pid: 0, name: '' }] }],
  'windows/win10-netstat-an.txt': ['windows-netstat', 260, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: '127.0.0.1', remotePort: 1032, state: 'ESTABLISHED', owners: [] }],
  'windows/win10-netstat-aon.txt': ['windows-netstat', 208, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: '127.0.0.1', remotePort: 1032, state: 'ESTABLISHED', owners: [{ pid: 10644, name: '' }] }],
  'windows/win10-netstat-aonb.txt': ['windows-netstat', 318, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: '127.0.0.1', remotePort: 1032, state: 'ESTABLISHED', owners: [{ pid: 10644, name: 'ProductAgentService.exe' }] }],
  'windows/win10-netstat-plain-names.txt': ['windows-netstat', 32, { proto: 'tcp', localAddress: '127.0.0.1', localPort: 1031, remoteAddress: 'api', remotePort: 1032, state: 'ESTABLISHED', owners: [] }],
  'windows/win10-route-print.txt': ['windows-route', 74, { family: 'inet', destination: '157.0.0.0', prefixLength: 8, gateway: '157.55.80.1', interface: '127.0.0.1', metric: 78 }],
  'windows/win7-netstat-e-transcribed.txt': ['windows-netstat-e', 1, { name: '*', rxPackets: 215200, txPackets: 174740, rxBytes: 167849775, txBytes: 35925525 }],
  'windows/win7-netstat-ns.txt': ['windows-netstat-s', 'ip ipv6 icmp icmpv6 tcp tcpv6 udp udpv6', { ip: { InReceives: 434 } }],
  'windows/win7-netstat-vb-requires-elevation.txt': ['windows-netstat', 0, null],
  'windows/winxp-netstat-anbv-parse-netstat.txt': ['windows-netstat', 6, { proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 988, name: 'svchost.exe' }] }],
  'windows/zh-CN-win-netstat-ano.txt': ['windows-netstat', 15, { proto: 'tcp', localAddress: '10.211.55.6', localPort: 50506, remoteAddress: '183.136.138.140', remotePort: 80, state: 'CLOSE_WAIT', owners: [{ pid: 3020, name: '' }] }],
};

/** Captures that are no listing tsnetstat can show: refused with one line naming what was expected. */
const REFUSED: Readonly<Record<string, RegExp>> = {
  // The /sys/class/net attributes the Linux probe tests replay (interface, attribute, value): test data, no tool's output.
  'linux-proc/debian12-k6.18-sys_class_net.tsv': /^linux-proc\/debian12-k6\.18-sys_class_net\.tsv: not a recognised capture: expected netstat/,
  // A netlink sock_diag dump as hex (the listen-backlog decoder's test data, diagnose.test.ts): bytes, no tool's text.
  'linux-netlink/listen-backlog1.hex': /^linux-netlink\/listen-backlog1\.hex: not a recognised capture: expected netstat/,
  'windows/powershell-get-nettcpconnection-table.txt': /^windows\/powershell-get-nettcpconnection-table\.txt: not a recognised capture: expected netstat \(Linux, macOS, FreeBSD, Windows\), ss, lsof -i, sockstat output, or a \/proc\/net table \(or name the format with --from\)$/,
  // /proc/<pid>/cgroup captures (issue 14): the input of the cgroup parser, no socket listing.
  ...Object.fromEntries(
    readdirSync(new URL('linux-cgroup/', root)).map((f) => [`linux-cgroup/${f}`, new RegExp(`^linux-cgroup/${f.replace(/\./g, '\\.')}: not a recognised capture: expected netstat`)]),
  ),
  'linux-proc/debian12-k6.18-net_fib_trie.txt': /^linux-proc\/debian12-k6\.18-net_fib_trie\.txt: \/proc\/net\/fib_trie \(proc-net-fib-trie\) lists 2 local IPv4 addresses and prefixes without interfaces or gateways, which no view shows: expected \/proc\/net\/route, \/proc\/net\/dev or if_inet6 \(or netstat -rn, -i\)$/,
};

describe('every capture in fixtures/ parses through --parse, or is refused saying what was expected', () => {
  it('each capture is in exactly one of the two tables (the goldens reprint: parse-cli.test.ts)', () => {
    const all = [...captures, 'linux-proc/debian12-k6.18-sys_class_net.tsv', 'linux-netlink/listen-backlog1.hex'];
    expect(all.filter((p) => (p in PARSED) === (p in REFUSED))).toEqual([]);
    expect(Object.keys(PARSED).length + Object.keys(REFUSED).length).toBe(all.length);
    // Nothing else lies in fixtures/ but the goldens, the provenance notes and these.
    const every = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath.slice(new URL(root).pathname.length)}/${e.name}`.replace(/^\//, ''));
    expect(every.filter((p) => !all.includes(p) && !goldens.includes(p))).toEqual(['SOURCES.md']);
  });

  it.each(captures.filter((p) => p in PARSED))('%s', (path) => {
    const [format, count, sample] = PARSED[path] as (typeof PARSED)[string];
    const c = parseCapture(text(path), { source: path, nameHint: path });
    expect(c.format).toBe(format);
    expect(c.format).toBe(expectedFor(path));
    if (typeof count === 'string') {
      expect(Object.keys(c.statistics ?? {}).join(' ')).toBe(count);
      expect(c.statistics).toMatchObject(sample as object);
      return;
    }
    const list: unknown[] = c.connections ?? c.routes ?? c.groups ?? c.interfaces ?? [];
    expect(list).toHaveLength(count);
    if (sample) expect(list).toContainEqual(expect.objectContaining(sample));
  });

  it.each(Object.entries(REFUSED))('%s is refused', (path, message) => {
    let err: unknown;
    try {
      parseCapture(text(path), { source: path, nameHint: path });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(message);
  });
});

describe('parseCapture and the capture probe', () => {
  it('the formats table has no registry: every format is wired, every id parses', () => {
    const ids = formatIds();
    expect(ids).toHaveLength(new Set(ids).size);
    for (const id of ids.filter((i) => i !== 'proc-net-fib-trie')) {
      const c = parseCapture('', { source: 's', format: id });
      expect(c.format).toBe(id);
      expect(['connections', 'routes', 'interfaces', 'ethernet', 'statistics', 'groups']).toContain(c.kind);
    }
  });

  it('/proc/net/sctp/snmp and /proc/net/sockstat6 (no capture among the fixtures) by their first line', () => {
    const sctp = 'SctpCurrEstab                   \t2\nSctpActiveEstabs                \t5\nSctpPassiveEstabs               \t1\n';
    expect(detectFormat(sctp)).toBe('proc-net-sctp-snmp');
    expect(parseCapture(sctp, { source: 's' })).toMatchObject({ kind: 'statistics', statistics: { sctp: { CurrEstab: 2, ActiveEstabs: 5, PassiveEstabs: 1 } } });
    const six = 'TCP6: inuse 3\nUDP6: inuse 2\nUDPLITE6: inuse 0\nRAW6: inuse 1\nFRAG6: inuse 0 memory 0\n';
    expect(detectFormat(six)).toBe('proc-net-sockstat');
    expect(parseCapture(six, { source: 's' }).statistics).toEqual({ sockstat: { TCP6_inuse: 3, UDP6_inuse: 2, UDPLITE6_inuse: 0, RAW6_inuse: 1, FRAG6_inuse: 0, FRAG6_memory: 0 } });
    // A line of another shape is reported, not dropped.
    expect(parseCapture(`${six}garbage here\n`, { source: 's', format: 'proc-net-sockstat' }).skipped).toEqual([
      { source: 's', line: 6, text: 'garbage here', reason: 'expected TABLE: name value …' },
    ]);
  });

  it('Windows rows with state words of an unknown translation: read by shape, and a note names the words', () => {
    const t = ['  Proto  Adres lokalny   Adres obcy   Stan', '  TCP    0.0.0.0:135   0.0.0.0:0   NASŁUCH-X   912', '  TCP    10.0.0.2:5000   10.0.0.9:443   POŁĄCZONO-X   77'].join('\r\n');
    const c = parseCapture(t, { source: 'pl.txt' });
    expect(c.format).toBe('windows-netstat');
    expect(c.connections?.map((r) => r.state)).toEqual(['LISTEN', 'UNKNOWN']);
    expect(c.notes).toEqual(['pl.txt: state words tsnetstat does not know: NASŁUCH-X, POŁĄCZONO-X (UNKNOWN; LISTEN where every such row has no peer)']);
  });

  it('unrecognised input: one line naming what was expected, exit 2', () => {
    let err: unknown;
    try {
      parseCapture('hello world\nthis is not netstat\n', { source: 'notes.txt' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).exitCode).toBe(2);
    expect((err as Error).message).toBe('notes.txt: not a recognised capture: expected netstat (Linux, macOS, FreeBSD, Windows), ss, lsof -i, sockstat output, or a /proc/net table (or name the format with --from)');
  });

  it('--from overrides detection; unknown names are usage errors', () => {
    expect(resolveFormat('macos-netstat')).toBe('bsd-netstat');
    expect(resolveFormat('SS')).toBe('ss');
    expect(() => parseCapture('x', { source: 's', format: 'nonsense' })).toThrow(UsageError);
    // Forced: ss text read as lsof finds no lsof rows, and says so line by line.
    const c = parseCapture(text('linux-tools/debian12-ss-tulpn.txt'), { source: 's', format: 'lsof' });
    expect(c.connections).toEqual([]);
    expect(c.skipped).toHaveLength(6);
    expect(c.notes).toEqual(['s: nothing in it reads as lsof -i (-nP) (--from lsof)']);
    // Detected formats never carry that note; a forced format that reads something neither.
    expect(parseCapture(text('linux-tools/debian12-ss-tulpn.txt'), { source: 's', format: 'ss' }).notes).toEqual([]);
  });

  it('UTF-16LE with BOM, UTF-16 without BOM, UTF-8 BOM, CRLF', () => {
    const s = 'tcp        0      0 127.0.0.1:25            0.0.0.0:*               LISTEN\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    expect(decodeCapture(le)).toBe(s.replace('\r\n', '\n'));
    expect(decodeCapture(Buffer.from(s, 'utf16le'))).toBe(s.replace('\r\n', '\n'));
    expect(decodeCapture(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]))).toBe(s.replace('\r\n', '\n'));
    const probe = createCaptureProbe(le, { source: 'le.txt' });
    expect(probe.capture.format).toBe('nettools-netstat');
  });

  it('skipped lines are summarised with line numbers (ranges collapsed)', () => {
    const c = parseCapture(text('linux-tools/centos7-ss-sudo-a.txt'), { source: 'a.txt' });
    expect(summariseSkipped(c.skipped)).toEqual([
      'a.txt: skipped 42 lines 2-43 (netlink sockets have no place in a socket record)',
      'a.txt: skipped line 44 (packet sockets have no place in a socket record): p_raw  UNCONN     0      0       *:ens33                  *',
    ]);
  });

  it('a probe answers what its capture holds and refuses the rest', async () => {
    const probe = createCaptureProbe(read('macos/macos10.14-netstat-rnl.txt'), { source: 'rnl.txt' });
    expect(probe.capture.kind).toBe('routes');
    const v4 = await probe.routes?.({ inet4: true, inet6: false });
    expect(v4?.records.every((r) => r.family === 'inet')).toBe(true);
    expect(v4?.records).toHaveLength(30);
    // No sockets (a listing of them is refused in cli/capture.ts): none, and a note.
    const none = await probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: false, ownerNames: false });
    expect(none.records).toEqual([]);
    expect(none.warnings).toContain('rnl.txt holds routes (bsd-routes), not sockets: no connections to list');
    expect(probe.interfaces).toBeUndefined();
    expect(probe.statistics).toBeUndefined();
  });

  it('service names are turned back into ports with the given services table', async () => {
    const probe = createCaptureProbe(read('linux-tools/netstat-ap-bracketed-ipv6.txt'), { source: 'ap.txt', services: 'http 80/tcp www\nssh 22/tcp\n' });
    const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: true, ownerNames: true });
    expect(snap.records[0]).toMatchObject({ localPort: 80, owners: [{ pid: 32007, name: 'docker-proxy' }] });
    expect(snap.warnings).toEqual(['ap.txt: port names not in the services table, port left empty: bootpc, https, xmpp-client']);
  });
});
