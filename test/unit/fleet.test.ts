/**
 * Fleet runs: several `--parse` captures of real machines in one run (formats differ per file),
 * host labels, JSON/CSV `host`, `==> host <==` sections, the fleet `--summary` and `--exposed`,
 * `--changes` between captures of one host, and captures that cannot be used.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hostFromPath, splitHostLine } from '../../src/parse/common/host-label.js';
import { GERMAN_NETSTAT_ANO } from '../helpers/german-netstat.js';
import { runOnCapture } from '../helpers/main-capture.js';

/** The German rows as PowerShell 5's `>` saves them: UTF-16LE with a BOM. */
const GERMAN_UTF16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GERMAN_NETSTAT_ANO, 'utf16le')]);

/** Run main() with `--parse` inputs from fixtures/, plus in-memory files under `mem/`. */
function run(argv: string[], mem: Record<string, Uint8Array | string> = {}, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return runOnCapture(argv, { mem, stdin: stdin ?? '', now: () => new Date(2025, 5, 1, 14, 3, 7, 120) });
}

const SS = 'linux-tools/debian12-ss-tulpn.txt';
const MAC = 'macos/macos-netstat-anv-p-tcp-process-pid.txt';
const ES = 'windows/es-win-netstat-ano-utf16le.txt';
const NETSTAT = 'linux-tools/debian12-netstat-tulpnW.txt';

describe('host labels', () => {
  it('a first line `# host: NAME` names the host (and is blanked, so line numbers still match)', () => {
    expect(splitHostLine('# host: web-01\ntcp 0 0')).toEqual({ host: 'web-01', text: '\ntcp 0 0' });
    expect(splitHostLine('#HOST:  db 02 \nx').host).toBe('db 02');
    expect(splitHostLine('tcp 0 0\n# host: x').host).toBeNull();
  });
  it('else the file name without its extension', () => {
    expect(hostFromPath('hosts/web-01.txt')).toBe('web-01');
    expect(hostFromPath('C:\\caps\\db-01.example.com.txt')).toBe('db-01.example.com');
    expect(hostFromPath('web-02')).toBe('web-02');
    expect(hostFromPath('-')).toBe('stdin');
  });
});

describe('several captures, formats differing per file', () => {
  it('text: each capture in the style in force under ==> host <==, as one capture prints it', async () => {
    const fleet = await run(['--parse', SS, MAC, 'mem/de-win.txt', '-n'], { 'mem/de-win.txt': GERMAN_UTF16 });
    expect(fleet.code).toBe(0);
    const [ss, mac] = await Promise.all([runOnCapture(['--parse', SS, '-n']), runOnCapture(['--parse', MAC, '-n'])]);
    expect(fleet.out.startsWith(`==> debian12-ss-tulpn <==\n${ss.out}\n==> macos-netstat-anv-p-tcp-process-pid <==\n${mac.out}\n==> de-win <==\n`)).toBe(true);
    // The German UTF-16 capture: ABHÖREN (and its code-page-mangled form) read as LISTEN.
    expect(fleet.out).toMatch(/==> de-win <==\nActive Internet connections \(servers and established\)\n.*\ntcp {8}0 {6}0 0\.0\.0\.0:135 {13}0\.0\.0\.0:\* {15}LISTEN/);
  });
  it('the Windows style applies to every capture', async () => {
    const r = await run(['--parse', SS, MAC, '--style', 'windows', '-n']);
    expect(r.out).toContain('==> debian12-ss-tulpn <==\n\nActive Connections\n');
    expect(r.out).toContain('  TCP    [::]:55047             [::]:0                 LISTENING\n');
  });
  it('more captures through repeated --parse and `-` (stdin) once; the # host: line wins over the file name', async () => {
    const stdin = `# host: web-01\n${await readFile(new URL(`../../fixtures/${SS}`, import.meta.url), 'utf8')}`;
    const r = await run(['--parse', MAC, '--parse', '-', '--json'], {}, stdin);
    const doc = JSON.parse(r.out) as { connections: { host: string; localPort: number }[] };
    expect(new Set(doc.connections.map((c) => c.host))).toEqual(new Set(['macos-netstat-anv-p-tcp-process-pid', 'web-01']));
    expect(doc.connections.filter((c) => c.host === 'web-01').map((c) => c.localPort)).toEqual([49502, 34146, 45145, 33919, 35195]);
    expect((await run(['--parse', '-', '-'])).err).toMatch(/standard input \(-\) can be read once/);
  });
  it('JSON: every record carries host, first; one capture without a label carries none', async () => {
    const r = await run(['--parse', SS, MAC, '--json']);
    const doc = JSON.parse(r.out) as { connections: Record<string, unknown>[] };
    expect(doc.connections).toHaveLength(9);
    expect(Object.keys(doc.connections[0] as object)[0]).toBe('host');
    expect(doc.connections.every((c) => typeof c['host'] === 'string')).toBe(true);
    const one = JSON.parse((await run(['--parse', SS, '--json'])).out) as { connections: Record<string, unknown>[] };
    expect(one.connections.some((c) => 'host' in c)).toBe(false);
  });
  it('CSV: host is the first column; one labelled capture has it too', async () => {
    const r = await run(['--parse', SS, ES, '--csv', '-t']);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('host,proto,family,localAddress,localPort,remoteAddress,remotePort,state,recvQ,sendQ,pids,processes,uid,user,inode,path');
    expect(lines[1]).toBe('debian12-ss-tulpn,tcp,inet,127.0.0.1,45145,0.0.0.0,0,LISTEN,0,511,21143,node,,,,');
    expect(lines.some((l) => l.startsWith('es-win-netstat-ano-utf16le,tcp,inet,0.0.0.0,135,0.0.0.0,0,LISTEN,'))).toBe(true);
    const labelled = await run(['--parse', 'mem/x.txt', '--csv'], { 'mem/x.txt': `# host: db-01\n${await readFile(new URL(`../../fixtures/${SS}`, import.meta.url), 'utf8')}` });
    expect(labelled.out.split('\n')[1]).toBe('db-01,udp,inet,127.0.0.1,49502,0.0.0.0,0,,0,0,21143,node,,,,');
    expect((await run(['--parse', SS, '--csv'])).out.split('\n')[0]?.startsWith('proto,')).toBe(true);
  });
  it('filters apply to every capture', async () => {
    const r = await run(['--parse', SS, MAC, ES, '--port', '135,55047', '--json']);
    const doc = JSON.parse(r.out) as { connections: { host: string; localPort: number }[] };
    expect(doc.connections.map((c) => `${c.host}:${c.localPort}`).sort()).toEqual(
      ['es-win-netstat-ano-utf16le:135', 'es-win-netstat-ano-utf16le:135', 'macos-netstat-anv-p-tcp-process-pid:55047'].sort(),
    );
  });
  it('views of several captures: text under headers, JSON one document with a hosts list', async () => {
    const text = await run(['--parse', 'linux-tools/debian12-netstat-rn.txt', 'linux-tools/ubuntu1804-netstat-r.txt', '-n']);
    expect(text.out).toMatch(/^==> debian12-netstat-rn <==\nKernel IP routing table\n/);
    expect(text.out).toContain('\n\n==> ubuntu1804-netstat-r <==\nKernel IP routing table\n');
    const json = JSON.parse((await run(['--parse', 'linux-tools/debian12-netstat-rn.txt', 'linux-tools/ubuntu1804-netstat-r.txt', '--json'])).out) as { hosts: { host: string; routes: unknown[] }[] };
    expect(json.hosts.map((h) => h.host)).toEqual(['debian12-netstat-rn', 'ubuntu1804-netstat-r']);
    expect(json.hosts.every((h) => h.routes.length > 0)).toBe(true);
  });
});

describe('views of several captures as CSV', () => {
  it('one table with host first, every route row kept, on Windows too (view CSV lines end in LF there as well)', async () => {
    const files = ['linux-tools/debian12-netstat-rn.txt', 'linux-tools/ubuntu1804-netstat-r.txt'];
    const single = await Promise.all(files.map(async (f) => (await runOnCapture(['--parse', f, '--csv'])).out.split('\n').filter((l) => l !== '').length - 1));
    for (const platform of ['linux', 'win32'] as const) {
      const r = await runOnCapture(['--parse', ...files, '--csv'], { platform });
      const lines = r.out.split('\n').filter((l) => l !== '');
      expect(lines[0]?.startsWith('host,')).toBe(true);
      expect(lines.filter((l) => l.startsWith('debian12-netstat-rn,'))).toHaveLength(single[0] as number);
      expect(lines.filter((l) => l.startsWith('ubuntu1804-netstat-r,'))).toHaveLength(single[1] as number);
    }
  });
});

describe('captures that cannot be used', () => {
  it('one line naming the file; the others still run', async () => {
    const r = await run(['--parse', SS, 'nope/missing.txt', 'windows/powershell-get-nettcpconnection-table.txt', MAC, '-n']);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('tsnetstat: cannot read nope/missing.txt: ENOENT');
    expect(lines[1]).toMatch(/^tsnetstat: windows\/powershell-get-nettcpconnection-table\.txt: not a recognised capture/);
    expect(r.out).toContain('==> debian12-ss-tulpn <==');
    expect(r.out).toContain('==> macos-netstat-anv-p-tcp-process-pid <==');
  });
  it('a capture of another view than the first is left out, with one line', async () => {
    const r = await run(['--parse', SS, 'linux-tools/debian12-netstat-rn.txt', '-n']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/debian12-netstat-rn\.txt holds routes \(nettools-routes\), unlike linux-tools\/debian12-ss-tulpn\.txt \(sockets\): left out/);
  });
  it('exit 2 only when none could be used', async () => {
    const r = await run(['--parse', 'nope/a.txt', 'windows/powershell-get-nettcpconnection-table.txt']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/none of the 2 captures could be used\n$/);
  });
});

describe('--summary over a fleet', () => {
  it('each host, then a table per host and the processes and ports found on most hosts', async () => {
    const r = await run(['--parse', SS, NETSTAT, MAC, '--summary']);
    expect(r.code).toBe(0);
    const fleet = r.out.slice(r.out.indexOf('==> fleet (3 hosts) <=='));
    expect(r.out.indexOf('==> debian12-ss-tulpn <==\nSockets: 5')).toBe(0);
    expect(fleet).toMatch(/│ debian12-ss-tulpn\s+│\s+5 │\s+5 │\s+0 │\s+1 │/);
    // node listens in both Debian captures: the fleet's top process by hosts.
    expect(fleet).toMatch(/Top processes over the fleet, by hosts running them\n[^\n]+\n[^\n]+\n[^\n]+\n│ node\s+│\s+2 │/);
    expect(fleet).toMatch(/Top listening ports over the fleet/);
  });
  it('JSON: the fleet-wide summary, one per host, and the fleet tables', async () => {
    const doc = JSON.parse((await run(['--parse', SS, NETSTAT, '--summary', '--json'])).out) as {
      summary: { total: number };
      hosts: { host: string; summary: { total: number } }[];
      fleet: { processes: { name: string; hosts: number }[]; ports: { transport: string; port: number; hosts: number }[] };
    };
    expect(doc.summary.total).toBe(doc.hosts.reduce((n, h) => n + h.summary.total, 0));
    expect(doc.fleet.processes[0]).toMatchObject({ name: 'node', hosts: 2 });
    expect(doc.fleet.ports.every((p) => p.hosts >= 1)).toBe(true);
  });
});

describe('--exposed over a fleet', () => {
  it('one audit: rows under each host, one footer counting hosts with warnings, exit 1', async () => {
    const r = await run(['--parse', SS, MAC, ES, '-t']);
    expect(r.code).toBe(0);
    const a = await run(['--parse', SS, MAC, ES, '--exposed', '-t']);
    expect(a.code).toBe(1);
    expect(a.out).toContain('==> macos-netstat-anv-p-tcp-process-pid <==\nActive Internet connections (only servers)\n');
    expect(a.out).toMatch(/\n\d+ of \d+ listeners reachable from the network on 3 of 3 hosts; \d+ warnings? on 1 host:\n/);
    const warnings = a.out.split('\n').filter((l) => l.startsWith('WARNING: '));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((l) => l.startsWith('WARNING: es-win-netstat-ano-utf16le: tcp'))).toBe(true);
    // Only one footer over the fleet.
    expect(a.out.match(/reachable from the network/g)).toHaveLength(1);
    // Each row names its host, under a Host title aligned with it.
    const rows = a.out.split('\n').filter((l) => /^tcp.*(interfaces|the LAN|the local link|a public address)/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    for (const host of ['debian12-ss-tulpn', 'macos-netstat-anv-p-tcp-process-pid', 'es-win-netstat-ano-utf16le']) expect(rows.some((l) => l.includes(`  ${host}  `))).toBe(true);
    expect(rows.every((l) => /  (debian12-ss-tulpn|macos-netstat-anv-p-tcp-process-pid|es-win-netstat-ano-utf16le) +(all|the|a public)/.test(l))).toBe(true);
    expect(a.out).toContain('PID/Program name  Host                                 Reachable from\ntcp6       0      0 :::55047                :::*                    LISTEN      742/rapportd      macos-netstat-anv-p-tcp-process-pid  all interfaces (IPv4 and IPv6)\n');
  });
  it('no warning anywhere: exit 0', async () => {
    const r = await run(['--parse', SS, MAC, '--exposed']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 of 7 listeners reachable from the network on 2 of 2 hosts; 0 warnings\.\n$/);
  });
  it('JSON: each entry with its host; counts of hosts and hosts with warnings', async () => {
    const doc = JSON.parse((await run(['--parse', SS, MAC, ES, '--exposed', '--json'])).out) as {
      exposure: { hosts: number; hostsWithWarnings: number; warnings: number };
      exposed: { host: string; warning: unknown }[];
    };
    expect(doc.exposure).toMatchObject({ hosts: 3, hostsWithWarnings: 1 });
    expect(doc.exposed.every((e) => typeof e.host === 'string')).toBe(true);
    expect(doc.exposed.filter((e) => e.warning !== null).every((e) => e.host === 'es-win-netstat-ano-utf16le')).toBe(true);
  });
  it('CSV: host first, then the listing columns, scope and warning', async () => {
    const r = await run(['--parse', SS, MAC, '--exposed', '--csv']);
    expect(r.out.split('\n')[0]).toBe('host,proto,family,localAddress,localPort,remoteAddress,remotePort,state,recvQ,sendQ,pids,processes,uid,user,inode,path,scope,warning');
    expect(r.out.split('\n')[1]).toMatch(/^debian12-ss-tulpn,tcp6,inet6,::,35195,/);
  });
});

describe('--changes between captures of one host', () => {
  it('the captures of a host, in order, are its snapshots; events carry the host', async () => {
    const ss = await readFile(new URL(`../../fixtures/${SS}`, import.meta.url), 'utf8');
    // Two captures of one Debian machine: `ss -tulpn`, then `ss -tuanpe` (which also lists a connection).
    const later = await readFile(new URL('../../fixtures/linux-tools/debian12-ss-tuanpe.txt', import.meta.url), 'utf8');
    const mem = { 'mon/web-01.txt': ss, 'tue/web-01.txt': later };
    const r = await run(['--parse', 'mon/web-01.txt', 'tue/web-01.txt', '--changes', '--json'], mem);
    expect(r.code).toBe(0);
    const events = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { event: string; record: { host: string; localPort: number } });
    expect(events.map((e) => `${e.event} ${e.record.localPort}`)).toEqual(['new 45145', 'new 55550']);
    expect(events.every((e) => e.record.host === 'web-01')).toBe(true);
    const text = await run(['--parse', 'mon/web-01.txt', 'tue/web-01.txt', '--changes', '-n'], mem);
    expect(text.out).toMatch(/^==> web-01 <==\n\+ 2025-06-01T14:03:07\.120[+-]\d\d:\d\d tcp {8}0 {6}0 127\.0\.0\.1:45145 {9}127\.0\.0\.1:55550 {9}ESTABLISHED\n\+ /);
  });
  it('without two captures of a host there is nothing to compare', async () => {
    expect((await run(['--parse', SS, '--changes'])).err).toMatch(/--changes compares snapshots/);
    const r = await run(['--parse', SS, MAC, '--changes']);
    expect(r.err).toMatch(/debian12-ss-tulpn: one capture \(linux-tools\/debian12-ss-tulpn\.txt\), nothing to compare it with/);
  });
});
