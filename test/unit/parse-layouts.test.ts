/**
 * The layouts of issue 11, on real captures: BSD `netstat -r` with Refs/Use, net-tools IPv6 routes
 * without `-n`, a recognised capture with nothing of interest, BSD `netstat -i` address rows and
 * cut addresses, the `--exposed` owner column, `ss` extras lines and the state-filtered layout.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../src/parse/common/text.js';
import { detectFormat, parseCapture } from '../../src/parse/detect.js';
import { runOnCapture } from '../helpers/main-capture.js';

const fixture = (p: string): string => decodeCapture(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url)));

describe('BSD netstat -r with Refs and Use columns', () => {
  const path = 'macos/macos-netstat-rn-refs-use-two-defaults.txt';

  it('parses as routes, every row, with Refs, Use and Expire', () => {
    const c = parseCapture(fixture(path), { source: path });
    expect(c.format).toBe('bsd-routes');
    expect(c.skipped).toEqual([]);
    expect(c.routes).toHaveLength(22);
    expect(c.routes?.[8]).toMatchObject({ destination: '172.16.42.1', gateway: '0:c0:ca:8d:a7:b7', interface: 'en6', refCnt: 4, use: 2768, expire: '1199' });
  });

  it('rows under its header are routes even without the titles (rows ending in an Expire number are no Windows -e counters)', () => {
    const rows = fixture('macos/macos-netstat-rnf-inet-refs-use-vm.txt').split('\n').filter((l) => !/^(Routing tables|Internet:)/.test(l)).join('\n');
    expect(detectFormat(rows)).toBe('bsd-routes');
    const c = parseCapture(rows, { source: 'x' });
    expect(c.routes).toHaveLength(10);
    expect(c.routes?.every((r) => r.family === 'inet')).toBe(true);
  });

  it('--from bsd-routes takes it, and the route view prints it (not an empty interface table)', async () => {
    const r = await runOnCapture(['--parse', path, '--from', 'bsd-routes', '-rn']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Kernel IP routing table\n/);
    expect(r.out).toContain('172.16.42.1     0:c0:ca:8d:a7:b');
    expect(r.err).toBe('');
  });
});

describe('net-tools route -A inet6 without -n', () => {
  it('every row parses; [::] is the unspecified address, names stay names', () => {
    const c = parseCapture(fixture('linux-tools/centos7-route-A-inet6-names.txt'), { source: 's' });
    expect(c.skipped).toEqual([]);
    expect(c.routes).toHaveLength(18);
    expect(c.routes?.[0]).toMatchObject({ family: 'inet6', destination: '::', prefixLength: 96, gateway: null, flags: '!n' });
    expect(c.routes?.[11]).toMatchObject({ destination: '::', prefixLength: 0, gateway: 'gateway', interface: 'ens160', flags: 'UG', metric: 100 });
    expect(c.routes?.filter((r) => r.destination === 'localhost.localdomain')).toHaveLength(2);
  });

  it('reprints every row, the names as they were', async () => {
    const r = await runOnCapture(['--parse', 'linux-tools/route-6-names-es-notes.txt', '-r', '-6']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter((l) => /\/\d+ /.test(l))).toHaveLength(9);
    expect(r.out).toMatch(/^localhost\/128 +:: +Un +0 +2 +84 lo$/m);
    expect(r.out).toMatch(/^::\/0 +2001:db8::1 +UG +1 +0 +0 enp0s8$/m);
  });
});

describe('a recognised capture with no rows of interest', () => {
  it('full lsof without root: an empty listing, exit 0, and stderr says what was skipped', async () => {
    const r = await runOnCapture(['--parse', 'linux-tools/centos7-lsof-nonroot-excerpt.txt']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n');
    expect(r.err).toMatch(/read as lsof -i \(-nP\), with no sockets in it: 20 rows skipped/);
    expect(r.err).toMatch(/skipped 20 lines 2-21 \(not an lsof Internet socket row\)/);
  });

  it('any other header alone: ss, netstat, a route table', () => {
    for (const [text, format] of [
      ['Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n', 'ss'],
      ['Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n', 'nettools-netstat'],
      ['Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref Use If\n', 'nettools-routes'],
    ] as const)
      expect(parseCapture(text, { source: 's' })).toMatchObject({ format, skipped: [] });
  });
});

describe('BSD netstat -i address rows', () => {
  it('keep their own counters and a cut address is reprinted as it was', async () => {
    const c = parseCapture(fixture('freebsd/freebsd12-netstat-i.txt'), { source: 's' });
    expect(c.interfaces?.[0]?.addresses).toEqual([
      { family: 'inet6', address: 'fe80::20c:29ff:fe', network: 'fe80::%em0/64', cut: true, rxPackets: 0, txPackets: 4 },
      { family: 'inet', address: '192.168.71.163', network: '192.168.71.0/', rxPackets: 92481, txPackets: 172946 },
    ]);
    const r = await runOnCapture(['--parse', 'freebsd/freebsd12-netstat-i.txt', '--style', 'macos']);
    expect(r.out.split('\n').slice(1, 4)).toEqual([
      'em0   1500  <Link#1>    00:0c:29:1a:4e:3b   189449     0   211310     0     0',
      'em0   1500  fe80::%em0/ fe80::20c:29ff:fe        0     -        4     -     -',
      'em0   1500  192.168.71.0/ 192.168.71.163     92481     -   172946     -     -',
    ]);
  });

  it('a cut route destination gets no invented scope either', async () => {
    const r = await runOnCapture(['--parse', 'macos/macosx-2007-netstat-r-names.txt', '--style', 'macos']);
    expect(r.out).toMatch(/^fe80::20d:93ff:fe8 +0:d:93:80:23:9a/m);
  });
});

describe('--exposed in the Linux style', () => {
  it('the audit column starts where its header does, past the PID/Program name column', async () => {
    const r = await runOnCapture(['--parse', 'linux-tools/centos7-netstat-sudo-lnp.txt', '--exposed']);
    const lines = r.out.split('\n');
    const at = (lines[1] as string).indexOf('Reachable from');
    expect(at).toBeGreaterThan((lines[1] as string).indexOf('PID/Program name') + 'PID/Program name'.length);
    const rows = lines.filter((l) => /interfaces$/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const l of rows) expect(l.indexOf('all I')).toBe(at);
  });
});

describe('ss extras and the state-filtered layout', () => {
  it('-m and -i lines below a row belong to it (not skipped)', () => {
    const c = parseCapture(fixture('linux-tools/ss-tm-skmem-excerpt.txt'), { source: 's' });
    expect(c.skipped).toEqual([]);
    expect(c.connections).toHaveLength(4);
  });

  it('ss -tn state time-wait (no State column): TCP rows, state unknown, with a note', () => {
    const c = parseCapture(fixture('linux-tools/ss-tn-state-time-wait.txt'), { source: 's' });
    expect(c.format).toBe('ss');
    expect(c.connections?.map((r) => [r.localPort, r.remotePort, r.state])).toEqual([
      [36622, 443, 'UNKNOWN'],
      [56578, 80, 'UNKNOWN'],
    ]);
    expect(c.notes).toEqual(['s: 2 rows without a State column (ss filtered by state): read as TCP, state UNKNOWN']);
  });
});
