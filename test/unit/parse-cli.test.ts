import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main, type MainDeps } from '../../src/cli/main.js';
import type { Resolver } from '../../src/probe/names.js';

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

  it('a routes capture answers the routes view (rendering is the views feature)', async () => {
    const r = await run(['--parse', 'macos/macos10.14-netstat-rnl.txt']);
    expect(r.err).toMatch(/routes view \(-r\)/);
    const wrong = await run(['--parse', 'macos/macos10.14-netstat-rnl.txt', '-s']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe('tsnetstat: macos/macos10.14-netstat-rnl.txt holds routes (bsd-routes): it cannot answer -s\n');
  });

  it.each([
    [['--parse', 'windows/win10-netstat-an.txt'], /Windows captures: not yet wired/],
    [['--parse', 'linux-proc/jc-net_dev.txt'], /\/proc\/net tables: not yet wired/],
    [['--parse', 'windows/powershell-get-nettcpconnection-table.txt'], /not a recognised capture: expected netstat/],
    [['--parse', 'no-such-file.txt'], /cannot read no-such-file.txt: ENOENT/],
    [['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--from', 'what'], /unknown format 'what' for --from/],
    [['--from', 'ss'], /--from names the format of a --parse input/],
    [['--parse', 'linux-tools/debian12-ss-tulpn.txt', '5'], /--parse reads one capture/],
  ])('%j → one line, exit 2', async (argv, msg) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/\n {4}at /);
    expect(r.out).toBe('');
  });
});
