import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main, type MainDeps } from '../../src/cli/main.js';
import { formatIds } from '../../src/parse/detect.js';
import type { Resolver } from '../../src/probe/names.js';
import { GERMAN_NETSTAT_ANO } from '../helpers/german-netstat.js';

const fixtures = new URL('../../fixtures/', import.meta.url);

/** Run main() with --parse inputs read from fixtures/ (or given bytes for `-`); collect stdout and stderr. */
async function run(argv: string[], opts: { stdin?: Uint8Array; platform?: string } = {}): Promise<{ code: number; out: string; err: string; lookups: number }> {
  let out = '';
  let err = '';
  let lookups = 0;
  const resolver: Resolver = {
    async resolve(req) {
      lookups += [...req.hosts].length + (req.users ? 1 : 0);
      // Like the real resolver: user names only when asked for.
      return { hosts: new Map(), services: new Map([['tcp/22', 'ssh']]), users: req.users ? new Map([[0, 'localroot']]) : new Map(), hostname: 'here' };
    },
  };
  const deps: MainDeps = {
    argv,
    env: {},
    platform: opts.platform ?? 'linux',
    stdout: { isTTY: false, write: async (c) => ((out += c), true) },
    stderr: { write: (s) => void (err += s) },
    createProbe: () => Promise.reject(new Error('the OS must not be probed with --parse')),
    createResolver: () => resolver,
    sleep: () => Promise.resolve(false),
    interrupted: () => false,
    readInput: async (path) => (path === '-' ? (opts.stdin ?? new Uint8Array()) : readFile(new URL(path, fixtures))),
    readServices: () => 'ssh 22/tcp\nhttp 80/tcp www\n',
  };
  const code = await main(deps);
  return { code, out, err, lookups };
}

describe('tsnetstat --parse', () => {
  it('macOS process:pid capture → JSON, every socket (no -a needed)', async () => {
    const r = await run(['--parse', 'macos/macos-netstat-anv-p-tcp-process-pid.txt', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { version: number; connections: { owners: { pid: number; name: string }[]; state: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.connections.map((c) => c.state)).toEqual(['LISTEN', 'ESTABLISHED', 'ESTABLISHED', 'LISTEN']);
    expect(doc.connections[2]?.owners).toEqual([{ pid: 56664, name: 'Codex (Service)' }]);
  });

  it('macOS capture printed in the Linux style with programs', async () => {
    const r = await run(['--parse', 'macos/macos-netstat-anv-p-tcp-process-pid.txt', '--style', 'linux', '-tp']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4)).toEqual([
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 127.0.0.1:4242          0.0.0.0:*               LISTEN      2415/bun            ',
      'tcp        0      0 127.0.0.1:4242          127.0.0.1:55910         ESTABLISHED 2415/bun            ',
    ]);
  });

  it('filters apply to parsed records: -l, --port, --state', async () => {
    const listening = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '-l', '--csv']);
    expect(listening.out.trim().split('\n')).toHaveLength(74);
    const port = await run(['--parse', 'linux-tools/ubuntu1804-ss-sudo-tulpen.txt', '--port', '5353', '--json']);
    expect(JSON.parse(port.out).connections).toHaveLength(1);
    const est = await run(['--parse', 'macos/macos-netstat-anv-p-tcp-process-pid.txt', '--state', 'established', '--csv']);
    expect(est.out.trim().split('\n')).toHaveLength(3);
  });

  it('stdin (`--parse -`) with UTF-16 text from a Linux capture', async () => {
    const text = 'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      1206/sshd\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await run(['--parse', '-', '--json'], { stdin: bytes });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).connections[0]).toMatchObject({ localPort: 22, owners: [{ pid: 1206, name: 'sshd' }] });
  });

  it('no DNS and no local user names for a capture from another machine', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-netstat-tuanpeoW.txt', '--json']);
    expect(r.code).toBe(0);
    expect(r.lookups).toBe(0);
    expect(JSON.parse(r.out).connections[0]).toMatchObject({ uid: 0 });
    expect(JSON.parse(r.out).connections[0].user).toBeUndefined();
  });

  it('skipped lines: a warning on stderr with line numbers, output still printed', async () => {
    const r = await run(['--parse', 'linux-tools/centos7-ss-sudo-a.txt', '--csv']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('tsnetstat: linux-tools/centos7-ss-sudo-a.txt: skipped 42 lines 2-43 (netlink sockets have no place in a socket record)\n');
    expect(r.out.trim().split('\n')).toHaveLength(161);
  });

  it('a routes capture answers the routes view without -r; a flag for another view is refused', async () => {
    const r = await run(['--parse', 'macos/macos10.14-netstat-rnl.txt']);
    expect(r.code).toBe(0);
    // net-tools shows the IPv4 table unless told -6.
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '0.0.0.0         192.168.1.254   0.0.0.0         UG        0 0          0 en0',
    ]);
    const wrong = await run(['--parse', 'macos/macos10.14-netstat-rnl.txt', '-s']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe('tsnetstat: macos/macos10.14-netstat-rnl.txt holds routes (bsd-routes): it cannot answer -s\n');
  });

  it.each([
    [['--parse', 'windows/powershell-get-nettcpconnection-table.txt'], /^tsnetstat: windows\/powershell-get-nettcpconnection-table\.txt: not a recognised capture: expected netstat \(Linux, macOS, FreeBSD, Windows\), ss, lsof -i, sockstat output, or a \/proc\/net table \(or name the format with --from\)\n$/],
    [['--parse', 'linux-proc/debian12-k6.18-net_fib_trie.txt'], /fib_trie \(proc-net-fib-trie\) lists 2 local IPv4 addresses and prefixes without interfaces or gateways, which no view shows: expected \/proc\/net\/route, \/proc\/net\/dev or if_inet6/],
    [['--parse', 'linux-proc/k2.6.18-net_sockstat.txt'], /^tsnetstat: linux-proc\/k2\.6\.18-net_sockstat\.txt holds socket usage counts \(proc-net-sockstat\), which no netstat layout prints: use --json or --csv\n$/],
    [['--parse', 'windows/win10-route-print.txt', '-i'], /^tsnetstat: windows\/win10-route-print\.txt holds routes \(windows-route\): it cannot answer -i\n$/],
    [['--parse', 'windows/win7-netstat-e-transcribed.txt', '-s'], /holds interface statistics \(windows-netstat-e\): it cannot answer -s/],
    [['--parse', 'windows/win10-netstat-an.txt', '-r'], /holds sockets \(windows-netstat\): it cannot answer -r/],
    [['--parse', 'windows/win7-netstat-ns.txt', '--ethernet', '-s'], /holds protocol statistics without the -e block \(windows-netstat-s\): it cannot answer -e -s/],
    [['--parse', 'linux-proc/jc-net_dev.txt', '-g'], /holds interfaces \(proc-net-dev\): it cannot answer -g/],
    [['--parse', 'no-such-file.txt'], /cannot read no-such-file.txt: ENOENT/],
    [['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--from', 'what'], /unknown format 'what' for --from: expected one of nettools-netstat, ss, bsd-netstat, .*windows-netstat, .*windows-route, .*proc-net-dev, .*proc-net-igmp6/],
    [['--from', 'ss'], /--from names the format of a --parse input/],
    [['--parse', 'linux-tools/debian12-ss-tulpn.txt', '5'], /--parse reads captures/],
  ])('%j → one line, exit 2', async (argv, msg) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    // One line (usage errors add the usual hint).
    expect(r.err.split('\n').filter((l) => l !== '' && !l.startsWith("Try 'tsnetstat --help'"))).toHaveLength(1);
    expect(r.err).not.toMatch(/\n {4}at /);
    expect(r.out).toBe('');
  });

  it('--help documents --parse and --from with every format id', async () => {
    const r = await run(['--help']);
    expect(r.out).toContain('--parse FILE');
    // The --from entry runs to the next section title (a line that does not start with a space).
    const start = r.out.indexOf('--from FORMAT');
    const from = r.out.slice(start, start + r.out.slice(start).search(/\n\S/));
    // `bsd-{netstat,routes}` stands for bsd-netstat and bsd-routes.
    const listed = from
      .replace(/^--from FORMAT\s+skip detection:/, '')
      .replace(/\s+/g, '')
      .replace(/([\w-]+)\{([^}]*)\}/g, (_m, pre: string, alts: string) => alts.split(',').map((a) => pre + a).join(','))
      .split(',')
      .filter(Boolean);
    expect(listed.sort()).toEqual(formatIds().filter((id) => id !== 'proc-net-fib-trie').sort());
  });
});

const capture = (path: string): string => readFileSync(new URL(path, fixtures), 'utf8');
const golden = (path: string): string => readFileSync(new URL(`expected/linux/${path}`, fixtures), 'utf8');

describe('--parse of a views capture renders through the views', () => {
  it('route print: the host style on Windows reprints the capture byte for byte (CRLF)', async () => {
    const r = await run(['--parse', 'windows/win10-route-print.txt'], { platform: 'win32' });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(capture('windows/win10-route-print.txt'));
    // `route print -4`: a capture of one family shows that family only (French titles become English).
    const fr = await run(['--parse', 'windows/fr-win-route-print-4.txt'], { platform: 'win32' });
    expect(fr.out).toContain('IPv4 Route Table');
    expect(fr.out).not.toContain('IPv6 Route Table');
    const rows = (t: string): string[] => t.split('\r\n').filter((l) => /^ +\d+\.\d+\.\d+\.\d+ /.test(l));
    expect(rows(fr.out)).toEqual(rows(capture('windows/fr-win-route-print-4.txt').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r')));
  });

  it('route print in the Linux style is net-tools netstat -rn; as JSON the documented routes', async () => {
    const r = await run(['--parse', 'windows/win10-route-print.txt', '--style', 'linux']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '0.0.0.0         192.168.31.1    0.0.0.0         UG        0 0          0 192.168.31.221',
      '127.0.0.0       0.0.0.0         255.0.0.0       U         0 0          0 127.0.0.1',
    ]);
    // 47 active IPv4 routes and the persistent one; no IPv6 table without -6.
    expect(lines.filter((l) => /^\d/.test(l))).toHaveLength(48);
    // JSON of both families (the Linux style, like net-tools, shows one table: IPv4 unless -6).
    const json = await run(['--parse', 'windows/win10-route-print.txt', '--json'], { platform: 'win32' });
    const doc = JSON.parse(json.out) as { version: number; routes: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.routes).toHaveLength(74);
    expect(doc.routes[0]).toEqual({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.31.1', interface: '192.168.31.221', metric: 30, flags: 'UG' });
    expect(doc.routes.filter((x) => x['persistent'])).toEqual([
      { family: 'inet', destination: '157.0.0.0', prefixLength: 8, netmask: '255.0.0.0', gateway: '157.55.80.1', interface: '', metric: 3, flags: 'UG', persistent: true },
    ]);
    expect(doc.routes).toContainEqual({ family: 'inet6', destination: '::1', prefixLength: 128, gateway: null, interface: '1', interfaceIndex: 1, metric: 331, flags: 'UH' });
  });

  it('netstat -ns: the Windows style reprints it; --style linux prints net-tools -s', async () => {
    const win = await run(['--parse', 'windows/win7-netstat-ns.txt'], { platform: 'win32' });
    expect(win.out).toBe(capture('windows/win7-netstat-ns.txt'));
    const r = await run(['--parse', 'windows/win7-netstat-ns.txt', '--style', 'linux']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Ip:',
        '    434 total packets received',
        '    0 forwarded',
        '    0 incoming packets discarded',
        '    529 incoming packets delivered',
        '    338 requests sent out',
        'Icmp:',
        '    0 ICMP messages received',
        '    0 input ICMP message failed',
        '    ICMP input histogram:',
        '    0 ICMP messages sent',
        '    0 ICMP messages failed',
        '    ICMP output histogram:',
        'Tcp:',
        '    0 active connection openings',
        '    1 passive connection openings',
        '    0 failed connection attempts',
        '    0 connection resets received',
        '    1 connections established',
        '    433 segments received',
        '    231 segments sent out',
        '    0 segments retransmitted',
        'Udp:',
        '    72 packets received',
        '    0 packets to unknown port received',
        '    0 packet receive errors',
        '    96 packets sent',
        '',
      ].join('\n'),
    );
    // `-s -p tcp`: one section, then netstat.exe's connection list, which a statistics capture lacks.
    const tcp = await run(['--parse', 'windows/win7-netstat-ns.txt', '--style', 'windows', '-p', 'tcp']);
    expect(tcp.code).toBe(0);
    expect(tcp.out.split('\n').slice(0, 4)).toEqual(['', 'TCP Statistics for IPv4', '', '  Active Opens                        = 0']);
    expect(tcp.out).not.toContain('IPv6');
    expect(tcp.out).toMatch(/Active Connections\n\n {2}Proto {2}Local Address {10}Foreign Address {8}State\n$/);
    expect(tcp.err).toBe('tsnetstat: windows/win7-netstat-ns.txt holds protocol statistics (windows-netstat-s), not sockets: no connections to list\n');
    // -6 prints the IPv6 counters the capture holds (Windows keeps TCP per family).
    const v6 = await run(['--parse', 'windows/win7-netstat-ns.txt', '--style', 'linux', '-6']);
    expect(v6.out).toContain('Ip6:\n    0 total packets received\n');
    expect(v6.out).toContain('Udp6:\n    0 packets received\n');
  });

  it('netstat -e: the Windows style reprints it, the Linux style is the interface table of what it holds', async () => {
    // The transcribed capture has LF line ends: the Windows style with this host's.
    const win = await run(['--parse', 'windows/win7-netstat-e-transcribed.txt', '--style', 'windows']);
    expect(win.out).toBe(capture('windows/win7-netstat-e-transcribed.txt'));
    const linux = await run(['--parse', 'windows/win7-netstat-e-transcribed.txt', '--style', 'linux']);
    expect(linux.out.split('\n')[2]).toBe('*                   0   215200      0      0 0        174740      0      0      0 [NO FLAGS]');
  });

  it('netstat -e -s: the -e block comes along with the statistics, as it did on that machine', async () => {
    const text = (capture('windows/win7-netstat-e-transcribed.txt') + capture('windows/win7-netstat-ns.txt')).replace(/\r\n/g, '\n');
    const both = Buffer.from(text.replace(/\n/g, '\r\n'));
    const win = await run(['--parse', '-', '--style', 'windows'], { stdin: both });
    expect(win.code).toBe(0);
    expect(win.out).toBe(text);
    const json = JSON.parse((await run(['--parse', '-', '--json'], { stdin: both })).out) as { interfaces: { rxBytes: number }[]; statistics: { tcp: { InSegs: number } } };
    expect(json.interfaces).toEqual([expect.objectContaining({ name: '*', rxBytes: 167849775, txBytes: 35925525 })]);
    expect(json.statistics.tcp.InSegs).toBe(433);
  });

  it('macOS netstat -i reprinted in the macOS style', async () => {
    const r = await run(['--parse', 'macos/macos10.14-netstat-i.txt', '--style', 'macos']);
    expect(r.out).toBe(capture('macos/macos10.14-netstat-i.txt'));
  });

  it.each(['debian12-netstat-rn.txt', 'debian12-netstat-rn-A-inet6.txt', 'debian12-netstat-s-6.txt', 'debian12-netstat-i.txt', 'centos7-netstat-i.txt'])(
    'net-tools %s reprinted in the Linux style (an IPv6-only capture shows as -6)',
    async (name) => {
      const r = await run(['--parse', `linux-tools/${name}`]);
      expect(r.err).toBe('');
      expect(r.out).toBe(capture(`linux-tools/${name}`));
    },
  );

  it.each([
    ['k2.6.18-net_route.txt', [], 'k2.6.18/-rn.out'],
    ['k2.6.18-net_route.txt', ['-ee'], 'k2.6.18/-rnee.out'],
    ['jc-net_route.txt', ['-e'], 'jc/-rne.out'],
    ['debian12-k6.18-net_route.txt', [], 'debian12-k6.18/-rn.out'],
    ['k2.6.18-net_ipv6_route.txt', [], 'k2.6.18/-rn-6.out'],
    ['jc-net_ipv6_route.txt', [], 'jc/-rn-6.out'],
    ['sysstat-root1-snmp.txt', [], 'sysstat/-s.out'],
    ['sysstat-root1-snmp.txt', ['-t'], 'sysstat/-st.out'],
    ['sysstat-root1-snmp.txt', ['-u'], 'sysstat/-su.out'],
    ['sysstat-root1-snmp.txt', ['-w'], 'sysstat/-sw.out'],
  ])('/proc/net capture %s %j prints what net-tools printed for it (%s)', async (file, flags, out) => {
    const r = await run(['--parse', `linux-proc/${file}`, '-n', ...flags]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(golden(out));
  });

  // Every non-empty golden (net-tools 2.10 output), parsed and printed again with its own flags.
  const goldenFiles = readdirSync(new URL('expected/linux/', fixtures), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(new URL(`expected/linux/${d.name}/`, fixtures)).map((f) => `${d.name}/${f}`))
    .filter((f) => golden(f) !== '');
  /**
   * The goldens that do not reprint exactly, and why: `-sw` and `-st -6` print a part of the
   * tables netstat read, and the tables it read but did not print still set the indentation of
   * the next table (IpExt after the hidden Tcp/Udp), or are missing (`-st -6` holds no snmp6).
   */
  const PARTIAL = ['debian12-k6.18/-sw.out', 'k2.6.18/-sw.out', 'node_exporter/-sw.out', 'procfs/-sw.out', 'k2.6.18/-st-6.out'];
  it.each(goldenFiles.filter((f) => !PARTIAL.includes(f)))('net-tools output %s reprints byte for byte with its flags', async (file) => {
    const flags = (file.slice(file.indexOf('/') + 1, -4).match(/^-\w+|-6$/g) ?? []) as string[];
    const r = await run(['--parse', `expected/linux/${file}`, '-n', ...flags]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(golden(file));
  });
  it.each(PARTIAL)('partial net-tools -s output %s parses; only indentation or absent tables differ', async (file) => {
    const flags = (file.slice(file.indexOf('/') + 1, -4).match(/^-\w+|-6$/g) ?? []) as string[];
    const r = await run(['--parse', `expected/linux/${file}`, '-n', ...flags.filter((f) => f !== '-6')]);
    expect(r.code).toBe(0);
    const norm = (t: string): string[] => t.split('\n').map((l) => l.trim());
    expect(norm(r.out)).toEqual(norm(golden(file)));
  });

  it('/proc/net/igmp and igmp6: the groups view; each file is its part of net-tools -gn', async () => {
    const want = golden('debian12-k6.18/-gn.out').split('\n');
    const v4 = await run(['--parse', 'linux-proc/debian12-k6.18-net_igmp.txt', '-n']);
    const v6 = await run(['--parse', 'linux-proc/debian12-k6.18-net_igmp6.txt', '-n']);
    expect(v4.out.split('\n')).toEqual([...want.slice(0, 5), '']);
    expect(v6.out.split('\n')).toEqual([...want.slice(0, 3), ...want.slice(5)]);
    expect(v4.err).toBe('tsnetstat: linux-proc/debian12-k6.18-net_igmp.txt: read as /proc/net/igmp of a little-endian machine\n');
    const json = JSON.parse((await run(['--parse', 'linux-proc/debian12-k6.18-net_igmp6.txt', '--json'])).out) as { groups: unknown[] };
    expect(json.groups).toHaveLength(10);
    expect(json.groups[8]).toEqual({ family: 'inet6', interface: 'eth0', refCount: 1, group: 'ff02::1' });
  });

  it('/proc/net/dev and if_inet6: the interface view of what each holds, with a note on what it lacks', async () => {
    const dev = await run(['--parse', 'linux-proc/debian12-k6.18-net_dev.txt']);
    expect(dev.out.split('\n').slice(1, 4)).toEqual([
      'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg',
      'eth0                0    15357      0      0 0          9623      0      0      0 [NO FLAGS]',
      'ifb0                0        0      0      0 0             0      0      0      0 [NO FLAGS]',
    ]);
    expect(dev.err).toBe(
      'tsnetstat: linux-proc/debian12-k6.18-net_dev.txt: /proc/net/dev holds counters only: MTU, flags, MAC and addresses (from /sys, fib_trie, if_inet6) are unknown\n',
    );
    const if6 = JSON.parse((await run(['--parse', 'linux-proc/k2.6.18-net_if_inet6.txt', '--json'])).out) as { interfaces: unknown[] };
    expect(if6.interfaces).toEqual([
      { name: 'lo', index: 1, mtu: null, flags: [], addresses: [{ family: 'inet6', address: '::1', prefixLength: 128 }] },
      {
        name: 'eth0',
        index: 2,
        mtu: null,
        flags: [],
        addresses: [
          { family: 'inet6', address: '2001:df0:92:0:215:17ff:fe98:d0b8', prefixLength: 64 },
          { family: 'inet6', address: 'fe80::215:17ff:fe98:d0b8', prefixLength: 64 },
        ],
      },
    ]);
  });

  it('/proc/net/sockstat: JSON and CSV only, under the sockstat key', async () => {
    const csv = await run(['--parse', 'linux-proc/k2.6.18-net_sockstat.txt', '--csv']);
    expect(csv.out.split('\n').slice(0, 4)).toEqual(['protocol,counter,value', 'sockstat,sockets_used,201', 'sockstat,TCP_inuse,39', 'sockstat,TCP_orphan,0']);
    const json = JSON.parse((await run(['--parse', 'linux-proc/node_exporter-sockstat.txt', '--json'])).out) as { statistics: { sockstat: Record<string, number> } };
    expect(json.statistics.sockstat).toEqual({ sockets_used: 229, TCP_inuse: 4, TCP_orphan: 0, TCP_tw: 4, TCP_alloc: 17, TCP_mem: 1, UDP_inuse: 0, UDP_mem: 0, UDPLITE_inuse: 0, RAW_inuse: 0, FRAG_inuse: 0, FRAG_memory: 0 });
  });
});

describe('--parse conversions between tools', () => {
  const german = `${GERMAN_NETSTAT_ANO}\r\n`;
  // PowerShell 5's `netstat -ano > file`: UTF-16LE with a BOM.
  const germanUtf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(german, 'utf16le')]);

  it('a German Windows capture (UTF-16LE) in the Linux style and as JSON', async () => {
    const r = await run(['--parse', '-', '--style', 'linux', '-n'], { stdin: germanUtf16 });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'Active Internet connections (servers and established)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ',
        'tcp        0      0 0.0.0.0:135             0.0.0.0:*               LISTEN     ',
        'tcp        0      0 127.0.0.1:49181         0.0.0.0:*               LISTEN     ',
        'tcp        0      0 127.0.0.1:9222          127.0.0.1:50123         ESTABLISHED',
        'tcp        0      0 127.0.0.1:9222          127.0.0.1:50124         TIME_WAIT  ',
        'tcp        0      0 127.0.0.1:50125         127.0.0.1:9222          CLOSE_WAIT ',
        'tcp        0      0 127.0.0.1:50126         10.0.0.1:443            SYN_SENT   ',
        'tcp        0      0 127.0.0.1:50127         10.0.0.1:443            FIN_WAIT2  ',
        'tcp6       0      0 :::135                  :::*                    LISTEN     ',
        'udp        0      0 0.0.0.0:9222            0.0.0.0:*                          ',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(['--parse', '-', '--json'], { stdin: germanUtf16 })).out) as { connections: { state: string | null; owners: { pid: number }[] }[] };
    expect(json.connections.map((c) => c.state)).toEqual(['LISTEN', 'LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'SYN_SENT', 'FIN_WAIT2', 'LISTEN', null]);
    expect(json.connections.map((c) => c.owners[0]?.pid)).toEqual([1060, 4321, 4321, 0, 2468, 2468, 2468, 1060, 8888]);
  });

  it('a French Windows capture (UTF-16LE) in the Linux style, and the same French text in UTF-8', async () => {
    const utf16 = await run(['--parse', 'windows/fr-win-netstat-ano-utf16le.txt', '--style', 'linux', '-n']);
    expect(utf16.code).toBe(0);
    expect(utf16.out.split('\n')[2]).toBe('tcp        0      0 0.0.0.0:21              0.0.0.0:*               LISTEN     ');
    expect(utf16.out.split('\n').filter((l) => /^(tcp|udp)/.test(l))).toHaveLength(159);
    const json = JSON.parse((await run(['--parse', 'windows/fr-win-netstat-ano.txt', '--json'])).out) as { connections: Record<string, unknown>[] };
    expect(json.connections).toHaveLength(217);
    expect(json.connections[0]).toEqual({ proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 80, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: null, sendQ: null, owners: [{ pid: 4, name: '' }] });
  });

  it('a Russian Windows capture (UTF-8) as JSON and in the Linux style, filtered by --port and --pid', async () => {
    const json = JSON.parse((await run(['--parse', 'windows/ru-win-netstat-ano-utf8.txt', '--json'])).out) as { connections: Record<string, unknown>[] };
    expect(json.connections).toHaveLength(170);
    expect(json.connections[0]).toMatchObject({ proto: 'tcp', localAddress: '0.0.0.0', localPort: 135, state: 'LISTEN', owners: [{ pid: 1788, name: '' }] });
    const r = await run(['--parse', 'windows/ru-win-netstat-ano-utf8.txt', '--style', 'linux', '-n', '--port', '3306']);
    expect(r.out.split('\n').slice(2)).toEqual([
      'tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN     ',
      'tcp6       0      0 :::3306                 :::*                    LISTEN     ',
      '',
    ]);
    const pid = JSON.parse((await run(['--parse', 'windows/ru-win-netstat-ano-utf8.txt', '--json', '--pid', '6688'])).out) as { connections: { owners: { pid: number }[] }[] };
    expect(pid.connections.length).toBeGreaterThan(0);
    expect(pid.connections.every((c) => c.owners[0]?.pid === 6688)).toBe(true);
    expect(pid.connections.length).toBe(json.connections.filter((c) => (c['owners'] as { pid: number }[])[0]?.pid === 6688).length);
  });

  it('a macOS netstat -anv capture in the Windows style', async () => {
    const r = await run(['--parse', 'macos/macos-netstat-anv-p-tcp-process-pid.txt', '--style', 'windows', '-o'], { platform: 'win32' });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        '',
        'Active Connections',
        '',
        '  Proto  Local Address          Foreign Address        State           PID',
        '  TCP    127.0.0.1:4242         0.0.0.0:0              LISTENING       2415',
        '  TCP    127.0.0.1:4242         127.0.0.1:55910        ESTABLISHED     2415',
        '  TCP    127.0.0.1:55910        127.0.0.1:4242         ESTABLISHED     56664',
        '  TCP    [::]:55047             [::]:0                 LISTENING       742',
        '',
      ].join('\r\n'),
    );
  });

  it('an ss capture as CSV', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--csv']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'proto,family,localAddress,localPort,remoteAddress,remotePort,state,recvQ,sendQ,pids,processes,uid,user,inode,path',
        'udp,inet,127.0.0.1,49502,0.0.0.0,0,,0,0,21143,node,,,,',
        'udp6,inet6,::1,34146,::,0,,0,0,21143,node,,,,',
        'tcp,inet,127.0.0.1,45145,0.0.0.0,0,LISTEN,0,511,21143,node,,,,',
        'tcp6,inet6,::1,33919,::,0,LISTEN,0,511,21143,node,,,,',
        'tcp6,inet6,::,35195,::,0,LISTEN,0,511,21143,node,,,,',
        '',
      ].join('\n'),
    );
  });

  it('--state applies to Windows records (translated states included)', async () => {
    const r = await run(['--parse', '-', '--state', 'listen', '--json'], { stdin: germanUtf16 });
    expect((JSON.parse(r.out) as { connections: { localPort: number }[] }).connections.map((c) => c.localPort)).toEqual([135, 49181, 135]);
  });

  it('Windows -b messages and the elevation error become notes on stderr', async () => {
    const r = await run(['--parse', 'windows/win7-netstat-vb-requires-elevation.txt', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ version: 1, connections: [] });
    expect(r.err).toBe('tsnetstat: windows/win7-netstat-vb-requires-elevation.txt: The requested operation requires elevation.\n');
    const names = await run(['--parse', 'windows/win-netstat-ao-hostnames.txt', '--json']);
    expect(names.err).toBe('tsnetstat: windows/win-netstat-ao-hostnames.txt: 28 rows show ports as service names (netstat without -n): port left empty\n');
  });
});

describe('BSD routes round trip', () => {
  it('macos10.14-netstat-r.txt: the Internet table reprints in the macOS style (flags and Expire kept)', async () => {
    const text = readFileSync('fixtures/macos/macos10.14-netstat-r.txt', 'utf8');
    const r = await run(['--parse', 'macos/macos10.14-netstat-r.txt', '--style', 'macos']);
    expect(r.code).toBe(0);
    const inet = (t: string): string => t.slice(0, t.indexOf('Internet6:'));
    expect(inet(r.out)).toBe(inet(text));
    expect(inet(r.out).split('\n').length).toBeGreaterThan(25);
  });
});

describe('BSD statistics round trip', () => {
  it('macos-netstat-s-p-tcp.txt reprints byte for byte in the macOS style (the capture\'s own words)', async () => {
    const r = await run(['--parse', 'macos/macos-netstat-s-p-tcp.txt', '--style', 'macos']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync('fixtures/macos/macos-netstat-s-p-tcp.txt', 'utf8'));
  });
});
