import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunError, UsageError } from '../../src/model/errors.js';
import { decodeCapture, summariseSkipped } from '../../src/parse/common/text.js';
import { detectFormat, EXTERNAL_FORMATS, EXTERNAL_PARSERS, parseCapture, registerCaptureParser, resolveFormat } from '../../src/parse/detect.js';
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
  const proc = /^linux-proc\/.*net_(\w+?)\.txt$|^linux-proc\/.*-(snmp6?|netstat|sockstat)\.txt$/.exec(path);
  if (proc) return `proc-net-${(proc[1] ?? proc[2] ?? '').replace('_', '-')}`;
  throw new Error(`no expectation for ${path}`);
}

const captures = ['linux-tools', 'macos', 'macos/replay', 'freebsd', 'linux-proc', 'windows'].flatMap((d) =>
  readdirSync(new URL(`${d}/`, root), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => `${d}/${e.name}`),
);

describe('detection of every capture in fixtures/', () => {
  it('covers them all', () => expect(captures.length).toBeGreaterThan(100));
  it.each(captures)('%s', (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    expect(detectFormat(text(path), name)).toBe(expectedFor(path));
  });
});

describe('every non-Windows capture parses (or is refused as not yet wired)', () => {
  it.each(captures.filter((p) => !p.startsWith('windows/')))('%s', (path) => {
    const format = expectedFor(path) as string;
    if (format in EXTERNAL_FORMATS) {
      expect(() => parseCapture(text(path), { source: path })).toThrow(/not yet wired/);
      return;
    }
    const c = parseCapture(text(path), { source: path, nameHint: path });
    expect(c.format).toBe(format);
    const n = c.connections?.length ?? c.routes?.length ?? c.interfaces?.length ?? Object.keys(c.statistics ?? {}).length;
    // Two headers-only /proc/net/raw captures from an old kernel hold no sockets.
    if (!/k2\.6\.18-net_raw6?\.txt$/.test(path)) expect(n).toBeGreaterThan(0);
  });
});

describe('parseCapture and the capture probe', () => {
  it('Windows text is recognised and refused until its parser is registered', () => {
    expect(() => parseCapture(text('windows/win10-netstat-an.txt'), { source: 'w.txt' })).toThrow(RunError);
    expect(() => parseCapture(text('windows/win10-netstat-an.txt'), { source: 'w.txt' })).toThrow('w.txt: Windows netstat -an/-ano/-anob text (windows-netstat): Windows captures: not yet wired');
  });

  it('the registry connects an external parser', () => {
    const saved = EXTERNAL_PARSERS['windows-netstat-s'];
    try {
      registerCaptureParser('windows-netstat-s', (t) => ({ kind: 'statistics', statistics: { ip: { InReceives: t.length } }, skipped: [], notes: [] }));
      const c = parseCapture(text('windows/win7-netstat-ns.txt'), { source: 's' });
      expect(c).toMatchObject({ format: 'windows-netstat-s', kind: 'statistics' });
      expect(c.statistics?.ip?.InReceives).toBeGreaterThan(100);
    } finally {
      if (saved) EXTERNAL_PARSERS['windows-netstat-s'] = saved;
      else delete EXTERNAL_PARSERS['windows-netstat-s'];
    }
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
    await expect(probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: false, ownerNames: false })).rejects.toThrow('rnl.txt holds routes (bsd-routes), not sockets');
  });

  it('service names are turned back into ports with the given services table', async () => {
    const probe = createCaptureProbe(read('linux-tools/netstat-ap-bracketed-ipv6.txt'), { source: 'ap.txt', services: 'http 80/tcp www\nssh 22/tcp\n' });
    const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: true, ownerNames: true });
    expect(snap.records[0]).toMatchObject({ localPort: 80, owners: [{ pid: 32007, name: 'docker-proxy' }] });
    expect(snap.warnings).toEqual(['ap.txt: port names not in the services table, port left empty: bootpc, https, xmpp-client']);
  });
});
