/**
 * Issue 14, pure and replayed parts: namespace discovery, the -N listing over a fake /proc whose
 * tables and cgroup files are real captures (fixtures/linux-proc, fixtures/linux-cgroup), the
 * owner detail lookups, the Netns column, the namespace words of the audit, the option parsing
 * and the --unit/--container filters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { err, fakeFs } from '../helpers/fake-fs.js';
import { auditExposure } from '../../src/audit/exposure.js';
import { parseCommandLine } from '../../src/cli/flags.js';
import { connectionRequest } from '../../src/cli/listing.js';
import { compileSelection } from '../../src/filter/select.js';
import { UsageError } from '../../src/model/errors.js';
import { defaultQuery, type Query } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { FileReader } from '../../src/probe/io.js';
import { AF_INET, AF_INET6 } from '../../src/parse/linux/inet-diag.js';
import { createLinuxProbe, tableMayHold } from '../../src/probe/linux.js';
import { discoverNamespaces, netnsInodeFromLink, selectNamespaces } from '../../src/probe/netns.js';
import { OwnerDetail } from '../../src/probe/owner-detail.js';
import { renderConnections } from '../../src/render/connections.js';
import { scopeLabel } from '../../src/render/exposure.js';
import { LineWriter } from '../../src/render/line-writer.js';
import { NO_NAMES } from '../../src/render/names.js';
import { socketKey } from '../../src/watch/diff.js';
import { concat, control, message } from '../helpers/inet-diag-messages.js';

const proc = (n: string): string => readFileSync(new URL(`../../fixtures/linux-proc/${n}`, import.meta.url), 'latin1');
const cgroup = (n: string): string => readFileSync(new URL(`../../fixtures/linux-cgroup/${n}`, import.meta.url), 'utf8');

const HOST = 4026531840;
const CONTAINER = 4026532500;
const NAMED = 4026532600;
const EMPTY = 4026532700;
const DOCKER_ID = '2403ccfe427f1dc7b6120dccb9ac58c2f8456950380d587a9f33ea7f00dd303d';

/**
 * A host: pid 1 and 50 in the host namespace, 700 in a container (its tables: jc's capture), 800
 * in the named namespace `blue` (k2.6.18's capture), `/run/netns/empty` with no process, 900
 * another user's process. Pid 700 holds socket 34000 (jc's first row) and is in a Docker cgroup.
 */
function host(): FileReader {
  const tcp = proc('jc-net_tcp.txt');
  return fakeFs(
    {
      '/p': ['1', '50', '700', '800', '900', 'self'],
      '/p/self/net/tcp': proc('k2.6.18-net_tcp.txt').split('\n').slice(0, 1).join('\n') + '\n',
      '/p/700/net/tcp': tcp,
      '/p/700/net/sockstat': proc('k2.6.18-net_sockstat.txt'),
      '/p/800/net/tcp': proc('k2.6.18-net_tcp.txt'),
      '/p/1/fd': [],
      '/p/50/fd': [],
      '/p/700/fd': ['3'],
      '/p/700/comm': 'dnsmasq\n',
      '/p/700/cmdline': 'dnsmasq\0',
      '/p/700/cgroup': cgroup('docker-v1-cgroupfs-hybrid.txt'),
      '/p/800/fd': [],
      '/p/900/fd': err('EACCES'),
      '/run/netns': ['blue', 'empty', 'stale'],
      [`/docker/${DOCKER_ID}/config.v2.json`]: '{"ID":"2403ccfe427f","Name":"/dns","State":{}}',
    },
    {
      '/p/self/ns/net': `net:[${HOST}]`,
      '/p/1/ns/net': `net:[${HOST}]`,
      '/p/50/ns/net': `net:[${HOST}]`,
      '/p/700/ns/net': `net:[${CONTAINER}]`,
      '/p/800/ns/net': `net:[${NAMED}]`,
      '/p/900/ns/net': err('EACCES'),
      '/p/700/fd/3': 'socket:[34000]',
    },
    { '/run/netns/blue': NAMED, '/run/netns/empty': EMPTY },
  );
}

describe('network namespaces', () => {
  it('reads the namespace inode of a /proc/<pid>/ns/net link', () => {
    expect(netnsInodeFromLink('net:[4026531840]')).toBe(4026531840);
    expect(netnsInodeFromLink('mnt:[4026531840]')).toBe(-1);
  });

  it('finds every namespace once: ours, those of processes, named ones (a stale /run/netns entry is skipped)', () => {
    const { list, denied } = discoverNamespaces(host(), '/p', '/run/netns');
    expect(list.map((e) => [e.ref, e.pid, e.path, e.self])).toEqual([
      [{ inode: HOST }, 'self', undefined, true],
      [{ inode: CONTAINER }, '700', undefined, false],
      [{ inode: NAMED, name: 'blue' }, '800', '/run/netns/blue', false],
      [{ inode: EMPTY, name: 'empty' }, undefined, '/run/netns/empty', false],
    ]);
    expect(denied).toBe(1);
  });

  it('--netns takes a name, a PID or a path; an unknown one is a usage error', () => {
    const fs = host();
    const { list } = discoverNamespaces(fs, '/p', '/run/netns');
    expect(selectNamespaces(list, 'blue', fs, '/p', '/run/netns').map((e) => e.ref.inode)).toEqual([NAMED]);
    expect(selectNamespaces(list, '700', fs, '/p', '/run/netns').map((e) => e.ref.inode)).toEqual([CONTAINER]);
    expect(selectNamespaces(list, '/run/netns/empty', fs, '/p', '/run/netns').map((e) => e.ref.inode)).toEqual([EMPTY]);
    expect(() => selectNamespaces(list, 'nope', fs, '/p', '/run/netns')).toThrow(UsageError);
  });

  it('-N lists each namespace through /proc/<pid>/net with its tag, owners from one fd walk, units and containers', async () => {
    const probe = createLinuxProbe({ fs: host(), procRoot: '/p', runtimeRoots: { docker: '/docker', podman: '/none', pods: '/none' } });
    const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: false, owners: true, ownerNames: true, ownerDetail: true, namespaces: 'all' });
    const by = (inode: number): SocketRecord[] => snap.records.filter((r) => r.netns?.inode === inode);
    expect(by(HOST)).toHaveLength(0);
    expect(by(CONTAINER).length).toBe(proc('jc-net_tcp.txt').trim().split('\n').length - 1);
    expect(by(NAMED).length).toBe(proc('k2.6.18-net_tcp.txt').trim().split('\n').length - 1);
    expect(by(NAMED)[0]?.netns).toEqual({ inode: NAMED, name: 'blue' });
    const dns = by(CONTAINER).find((r) => r.inode === 34000);
    expect(dns?.owners).toEqual([
      { pid: 700, name: 'dnsmasq', program: 'dnsmasq', container: { runtime: 'docker', id: DOCKER_ID, name: 'dns' } },
    ]);
    // The named namespace without a process cannot be entered without the setns worker: said once.
    expect(snap.warnings).toContain('network namespace empty: no process is inside it and it cannot be entered here (skipped)');
    expect(snap.warnings.some((w) => w.includes('could not be read (permission denied: run as root'))).toBe(true);
  });

  it("-N: every namespace's rows go through the tagging sink, none round it through the caller's held-back section", async () => {
    const v4 = message({ family: AF_INET, state: 10, sport: 22, dport: 0, src: '0.0.0.0', dst: '0.0.0.0', inode: 1 });
    const v6 = message({ family: AF_INET6, state: 10, sport: 443, dport: 0, src: '::', dst: '::', inode: 2, v6only: 0 });
    const done = control(3);
    // Our own namespace is read through netlink, the one way that can use the held-back section.
    const netlink = async () => ({
      dumpAll: async (requests: readonly { family: number; protocol: number }[], sink: (i: number, b: Uint8Array, l: number) => void) => {
        requests.forEach((r, i) => {
          const b = r.protocol !== 6 ? done : r.family === AF_INET ? concat(v4, done) : r.family === AF_INET6 ? concat(v6, done) : concat(v6, v4, done);
          sink(i, b, b.length);
        });
      },
      close: () => {},
    });
    const probe = createLinuxProbe({ fs: host(), procRoot: '/p', littleEndian: true, source: 'netlink', netlink, runtimeRoots: { docker: '/docker', podman: '/none', pods: '/none' } });
    const held: SocketRecord[] = [];
    const got: SocketRecord[] = [];
    const later = { push: (b: SocketRecord[]) => void held.push(...b), flush: () => {} };
    await probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: false, ownerNames: false, namespaces: 'all', later }, (b) => void got.push(...b));
    expect(held).toEqual([]);
    expect(got.filter((r) => r.netns?.inode === HOST).map((r) => r.proto)).toEqual(['tcp', 'tcp6']);
  });

  it('skips the tables sockstat calls empty (each read walks the host-wide hash)', () => {
    const counts = { TCP_inuse: 0, TCP_tw: 0, TCP6_inuse: 3, UDP_inuse: 0, RAW_inuse: 0 };
    expect(tableMayHold('tcp', counts)).toBe(false);
    expect(tableMayHold('tcp6', counts)).toBe(true);
    expect(tableMayHold('tcp', { ...counts, TCP_tw: 2 })).toBe(true);
    expect(tableMayHold('udp', counts)).toBe(false);
    expect(tableMayHold('udp6', counts)).toBe(true); // unknown: read it
  });
});

describe('owner detail lookups', () => {
  it('names a Docker container from config.v2.json and a pod from /var/log/pods', () => {
    const fs = fakeFs(
      {
        '/p/10/cgroup': cgroup('docker-v1-systemd-centos.txt'),
        '/p/11/cgroup': cgroup('k8s-containerd-v1-systemd-bottlerocket.txt'),
        '/p/12/cgroup': cgroup('systemd-v2-nginx.txt'),
        '/d/9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d/config.v2.json': '{"Name":"/web"}',
        '/pods': ['kube-system_coredns-5d78c9869d-8xq2t_dd1bf9d1-241d-47f5-8e25-12de83135812', 'default_other_11111111-2222-3333-4444-555555555555'],
      },
      {},
    );
    const d = new OwnerDetail(fs, '/p', { docker: '/d', podman: '/none', pods: '/pods' });
    const owners = [10, 11, 12, 13].map((pid) => ({ pid, name: 'x' }));
    d.fill([owners]);
    expect(owners[0]).toMatchObject({ unit: 'docker-9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d.scope', container: { runtime: 'docker', name: 'web' } });
    expect(owners[1]).toMatchObject({ container: { runtime: 'containerd' }, pod: { namespace: 'kube-system', name: 'coredns-5d78c9869d-8xq2t' } });
    expect(owners[2]).toEqual({ pid: 12, name: 'x', unit: 'nginx.service' });
    expect(owners[3]).toEqual({ pid: 13, name: 'x' }); // exited: nothing
  });
});

const rec = (over: Partial<SocketRecord>): SocketRecord => ({
  proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 5432, remoteAddress: '0.0.0.0', remotePort: 0,
  state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [], ...over,
});

describe('the Netns column, the audit and the watch identity', () => {
  const q: Query = { ...defaultQuery('linux'), transports: ['tcp'], selection: 'all', numericHosts: true, numericPorts: true, allNamespaces: true };
  const records = [rec({ netns: { inode: HOST } }), rec({ netns: { inode: NAMED, name: 'blue' }, localAddress: '127.0.0.1' })];

  it('-N text: the style header led by Netns, each row by its namespace', () => {
    expect([...renderConnections(records, q, { names: NO_NAMES, eol: '\n' })].join('')).toBe(
      'Active Internet connections (servers and established)\n' +
        'Netns      Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        '4026531840 tcp        0      0 0.0.0.0:5432            0.0.0.0:*               LISTEN     \n' +
        'blue       tcp        0      0 127.0.0.1:5432          0.0.0.0:*               LISTEN     \n',
    );
    // Without -N the same records print as net-tools does.
    expect([...renderConnections(records, { ...q, allNamespaces: false }, { names: NO_NAMES, eol: '\n' })].join('')).not.toContain('Netns');
  });

  it("-N text does not write through the caller's line writer (which may send its rows straight out)", () => {
    const writer = new LineWriter();
    const drained: number[] = [];
    writer.drainTo((_b, n) => void drained.push(n));
    const text = [...renderConnections(records, q, { names: NO_NAMES, eol: '\n', writer })].join('');
    expect(text).toContain('blue       tcp        0      0 127.0.0.1:5432');
    expect(drained).toEqual([]);
  });

  it('the audit says a wildcard listener of a namespace is reachable only through it', () => {
    const report = auditExposure([rec({ netns: { inode: NAMED, name: 'blue' } })]);
    expect(scopeLabel(report.exposed[0] as (typeof report.exposed)[number])).toBe(`all IPv4 interfaces of network namespace blue (${NAMED}) only`);
    expect(scopeLabel(auditExposure([rec({})]).exposed[0] as (typeof report.exposed)[number])).toBe('all IPv4 interfaces');
  });

  it('the same endpoints in two namespaces are two sockets to the watch modes', () => {
    expect(socketKey(records[0] as SocketRecord)).not.toBe(socketKey({ ...(records[0] as SocketRecord), netns: { inode: NAMED } }));
  });
});

describe('options and filters', () => {
  const parse = (argv: string[]): Query => {
    const p = parseCommandLine(argv, { defaultStyle: 'linux' });
    if (p.kind !== 'query') throw new Error(p.kind);
    return p.query;
  };
  it('-N, --netns, --unit, --container, --owner-detail reach the query and the probe request', () => {
    const q = parse(['-N', '-tanp', '--unit', 'nginx', '--container', 'web*', '--owner-detail']);
    expect(q).toMatchObject({ allNamespaces: true, ownerDetail: true, filters: { units: ['nginx'], containers: ['web*'] } });
    expect(connectionRequest(q)).toMatchObject({ namespaces: 'all', owners: true, ownerDetail: true });
    expect(connectionRequest(parse(['--netns', 'blue', '-an']))).toMatchObject({ namespaces: 'blue' });
    expect(connectionRequest(parse(['-an'])).namespaces).toBeUndefined();
    expect(connectionRequest(parse(['-anp'])).ownerDetail).toBeUndefined();
    expect(connectionRequest(parse(['-anp', '--json'])).ownerDetail).toBe(true);
  });
  it('contradictions are usage errors', () => {
    expect(() => parse(['-N', '--netns', 'blue'])).toThrow(UsageError);
    expect(() => parse(['-N', '-r'])).toThrow(UsageError);
    expect(() => parse(['-N', '--parse', 'x.txt'])).toThrow(UsageError);
  });
  it('--unit matches the unit, its last part, or that without .service; --container an id prefix or a name', () => {
    const keep = compileSelection({ ...parse(['-a', '--unit', 'app', '--unit', 'nginx']) });
    const owner = (o: object) => rec({ owners: [{ pid: 1, name: 'x', ...o }] });
    expect(keep(owner({ unit: 'nginx.service' }))).toBe(true);
    expect(keep(owner({ unit: 'user@1000.service/app.scope' }))).toBe(true);
    expect(keep(owner({ unit: 'sshd.service' }))).toBe(false);
    const byContainer = compileSelection(parse(['-a', '--container', '2403cc', '--container', 'we*']));
    expect(byContainer(owner({ container: { runtime: 'docker', id: DOCKER_ID } }))).toBe(true);
    expect(byContainer(owner({ container: { runtime: 'docker', id: 'ffff', name: 'web' } }))).toBe(true);
    expect(byContainer(owner({ container: { runtime: 'docker', id: 'ffff', name: 'db' } }))).toBe(false);
    expect(byContainer(owner({}))).toBe(false);
  });
});

describe('-N outside Linux', () => {
  it('is refused with one line and exit status 2', async () => {
    const { runMain, fakeFs: fakeFiles } = await import('../helpers/run-main.js');
    const r = await runMain(['-N', '-an'], fakeFiles({}), { platform: 'win32' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-N and --netns list Linux network namespaces');
  });
});
