import { describe, expect, it } from 'vitest';
import { err, fakeFs } from '../helpers/fake-fs.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { AF_INET, AF_INET6 } from '../../src/parse/linux/inet-diag.js';
import { createLinuxProbe, ownerWarnings, walkSocketOwners } from '../../src/probe/linux.js';
import { concat, control, message } from '../helpers/inet-diag-messages.js';

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('walkSocketOwners', () => {
  const fs = fakeFs(
    {
      '/p': ['1', '20', '300', '4000', 'self', 'net'],
      '/p/1/fd': ['0', '1', '2'],
      '/p/1/comm': 'init\n',
      '/p/1/cmdline': '/sbin/init\0splash\0',
      '/p/20/fd': err('EACCES'),
      '/p/300/fd': ['3', '4'],
      '/p/300/comm': 'nginx\n',
      '/p/300/cmdline': 'nginx: master process /usr/sbin/nginx\0',
      '/p/4000/fd': err('ENOENT'), // exited during the walk
    },
    {
      '/p/1/fd/0': '/dev/null',
      '/p/1/fd/1': 'socket:[111]',
      '/p/1/fd/2': 'socket:[222]',
      '/p/300/fd/3': 'socket:[111]', // shared with pid 1
      '/p/300/fd/4': err('ENOENT'), // fd closed during the walk
    },
  );

  it('keeps every process that holds a socket, in /proc order', () => {
    const walk = walkSocketOwners(fs, '/p');
    expect(walk.owners.get(111)).toEqual([
      { pid: 1, name: 'init', program: 'init' },
      { pid: 300, name: 'nginx', program: 'nginx: master process /usr/sbin/nginx' },
    ]);
    expect(walk.owners.get(222)?.map((o) => o.pid)).toEqual([1]);
  });

  it('counts permission errors, ignores processes that exit', () => {
    const walk = walkSocketOwners(fs, '/p');
    expect(walk.denied).toBe(1);
    expect(walk.readable).toBe(2);
  });

  it('says why once, like net-tools', () => {
    expect(ownerWarnings({ owners: new Map(), denied: 1, readable: 2 }, 1000)).toEqual([
      '(Not all processes could be identified, non-owned process info will not be shown, you would have to be root to see it all.)',
    ]);
    expect(ownerWarnings({ owners: new Map(), denied: 5, readable: 0 }, 65534)[0]).toContain('geteuid()=65534');
    expect(ownerWarnings({ owners: new Map(), denied: 0, readable: 9 }, 0)).toEqual([]);
  });

  it('only the wanted inodes are kept when asked', () => {
    const walk = walkSocketOwners(fs, '/p', new Set([222]));
    expect([...walk.owners.keys()]).toEqual([222]);
  });
});

describe('createLinuxProbe on a fixture /proc', () => {
  const fs = fakeFs(
    {
      '/p/net/tcp': `${TCP_HEADER}   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0\n`,
      '/p/net/udp': `${TCP_HEADER}   0: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 222 2 0000000000000000 0\n`,
      '/p/net/unix': 'Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00010000 0001 01 333 /run/x.sock\n',
      '/p': ['7'],
      '/p/7/fd': ['5', '6'],
      '/p/7/comm': 'srv\n',
      '/p/7/cmdline': 'srv\0',
    },
    { '/p/7/fd/5': 'socket:[111]', '/p/7/fd/6': 'socket:[333]' },
  );
  const probe = createLinuxProbe({ fs, procRoot: '/p', littleEndian: true, euid: 0 });

  it('reads only the files the request needs; a kernel without IPv6 is not an error', async () => {
    const snap = await probe.connections({ transports: ['tcp'], inet4: true, inet6: true, owners: false, ownerNames: false });
    expect(snap.warnings).toEqual([]);
    expect(snap.records.map((r) => [r.proto, r.localAddress, r.localPort, r.state, r.owners])).toEqual([['tcp', '127.0.0.1', 8080, 'LISTEN', []]]);
  });

  it('attributes owners only when asked', async () => {
    const snap = await probe.connections({ transports: ['tcp', 'udp', 'unix'], inet4: true, inet6: false, owners: true, ownerNames: true });
    expect(snap.records.map((r) => [r.proto, r.inode, r.owners.map((o) => o.pid)])).toEqual([
      ['tcp', 111, [7]],
      ['udp', 222, []],
      ['unix', 333, [7]],
    ]);
  });

  it('an unreadable IPv4 table is reported, not fatal', async () => {
    const broken = createLinuxProbe({ fs: fakeFs({ '/p/net/tcp': err('EACCES') }), procRoot: '/p' });
    const snap = await broken.connections({ transports: ['tcp'], inet4: true, inet6: false, owners: false, ownerNames: false });
    expect(snap.records).toEqual([]);
    expect(snap.warnings).toEqual(['cannot read /p/net/tcp: EACCES']);
  });
});

describe('createLinuxProbe with a netlink dumper that fails or is asked for IPv6 on a kernel without it', () => {
  const fs = fakeFs({
    '/p/net/tcp': `${TCP_HEADER}   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0\n`,
    '/p/net/sockstat': 'sockets: used 5\nTCP: inuse 1 orphan 0 tw 0 alloc 1 mem 0\nUDP: inuse 0 mem 0\n',
  });
  const req = { transports: ['tcp'], inet4: true, inet6: true, owners: false, ownerNames: false } as const;
  /** A dumper that records what it was asked and answers with `answer`. */
  const dumper = (answer: (requests: readonly { family: number }[], sink: (i: number, b: Uint8Array, l: number) => void) => Promise<void>) => {
    const asked: number[][] = [];
    return {
      asked,
      open: async () => ({
        dumpAll: (requests: readonly { family: number; protocol: number; states: number }[], sink: (i: number, b: Uint8Array, l: number) => void) => {
          asked.push(requests.map((r) => r.family));
          return answer(requests, sink);
        },
        close: () => {},
      }),
    };
  };

  it('tells the request how many sockets the listing will hold, before its first record', async () => {
    const events: string[] = [];
    const probe = createLinuxProbe({ fs, procRoot: '/p', littleEndian: true, source: 'proc' });
    await probe.connections({ ...req, expect: (n) => void events.push(`expect ${n}`) }, (batch) => void events.push(`batch ${batch.length}`));
    expect(events).toEqual(['expect 1', 'batch 1']);
  });

  it('a dump the kernel refuses before any row falls back to /proc, silently', async () => {
    const d = dumper(async () => {
      throw new Error('netlink error -2');
    });
    const probe = createLinuxProbe({ fs, procRoot: '/p', littleEndian: true, source: 'netlink', netlink: d.open });
    const snap = await probe.connections(req);
    expect(snap.warnings).toEqual([]);
    expect(snap.records.map((r) => [r.proto, r.localAddress, r.localPort, r.state])).toEqual([['tcp', '127.0.0.1', 8080, 'LISTEN']]);
    expect(d.asked).toEqual([[2]]); // sockstat6 missing: no IPv6 dump asked for
  });

  it('positive control: the dump that answers is what is listed (here: nothing, then the end)', async () => {
    const done = new Uint8Array(20);
    new DataView(done.buffer).setUint32(0, 20, true);
    new DataView(done.buffer).setUint16(4, 3, true); // NLMSG_DONE
    const d = dumper(async (requests, sink) => requests.forEach((_, i) => sink(i, done, done.length)));
    const probe = createLinuxProbe({ fs, procRoot: '/p', littleEndian: true, source: 'netlink', netlink: d.open });
    const snap = await probe.connections(req);
    expect(snap.records).toEqual([]);
    expect(d.asked).toEqual([[2]]);
  });
});

describe('createLinuxProbe: IPv4 and IPv6 TCP in one kernel walk when the caller can hold rows back', () => {
  const fs = fakeFs({
    '/p/net/sockstat': 'sockets: used 9\nTCP: inuse 2 orphan 0 tw 0 alloc 2 mem 0\nUDP: inuse 1 mem 0\n',
    '/p/net/sockstat6': 'TCP6: inuse 2\nUDP6: inuse 0\n',
  });
  const tcp: [Uint8Array, Uint8Array, Uint8Array, Uint8Array] = [
    message({ family: AF_INET, state: 10, sport: 22, dport: 0, src: '0.0.0.0', dst: '0.0.0.0', inode: 1 }),
    message({ family: AF_INET6, state: 10, sport: 443, dport: 0, src: '::', dst: '::', inode: 2, v6only: 0 }),
    message({ family: AF_INET, state: 1, sport: 22, dport: 40000, src: '127.0.0.1', dst: '127.0.0.1', inode: 3 }),
    message({ family: AF_INET6, state: 1, sport: 443, dport: 40001, src: '::1', dst: '::1', inode: 4, v6only: 0 }),
  ];
  const udp = message({ family: AF_INET, state: 7, sport: 53, dport: 0, src: '127.0.0.1', dst: '0.0.0.0', inode: 5 });
  const done = control(3);
  const run = async (withLater: boolean, owners = false) => {
    const asked: number[][] = [];
    const events: string[] = [];
    const netlink = async () => ({
      dumpAll: async (requests: readonly { family: number; protocol: number }[], sink: (i: number, b: Uint8Array, l: number) => void) => {
        asked.push(requests.map((r) => r.family));
        requests.forEach((r, i) => {
          const b = r.protocol === 6 ? (r.family === AF_INET ? concat(tcp[0], tcp[2], done) : r.family === AF_INET6 ? concat(tcp[1], tcp[3], done) : concat(...tcp, done)) : r.family === AF_INET ? concat(udp, done) : done;
          sink(i, b, b.length);
        });
      },
      close: () => {},
    });
    const probe = createLinuxProbe({ fs, procRoot: '/p', littleEndian: true, source: 'netlink', netlink });
    const label = (r: SocketRecord) => `${r.proto}:${r.localPort}`;
    const later = withLater ? { push: (b: SocketRecord[]) => void events.push(...b.map((r) => `later ${label(r)}`)), flush: () => void events.push('flush') } : undefined;
    await probe.connections({ transports: ['tcp', 'udp'], inet4: true, inet6: true, owners, ownerNames: owners, later }, (b) => void events.push(...b.map(label)));
    return { asked, events };
  };

  it('asks for one TCP dump of both families, lists IPv4 rows at once and hands IPv6 ones back, flushed before UDP', async () => {
    const { asked, events } = await run(true);
    expect(asked).toEqual([[0, AF_INET, AF_INET6]]);
    expect(events).toEqual(['tcp:22', 'tcp:22', 'later tcp6:443', 'later tcp6:443', 'flush', 'udp:53']);
  });

  it('positive control: without a place to hold rows, one dump per family, in order', async () => {
    const { asked, events } = await run(false);
    expect(asked).toEqual([[AF_INET, AF_INET6, AF_INET, AF_INET6]]);
    expect(events).toEqual(['tcp:22', 'tcp:22', 'tcp6:443', 'tcp6:443', 'udp:53']);
  });
});
