/**
 * The Linux style: net-tools `netstat` (byte-identical for the same data). The socket listing is
 * eager (the start-up path); the table views load on demand from `./views.ts`.
 */
import type { Style } from '../styles/style.js';
import { sharedMembers } from '../styles/common.js';
import { linuxStream } from './connections.js';

export const linuxStyle: Style = {
  name: 'linux',
  lineEnding: () => '\n',
  connections: (q, ctx) => linuxStream(q, ctx.names, ctx.paint, ctx.writer),
  // net-tools names both ends, and networks from /etc/networks.
  resolves: { local: true, remote: true, networks: true },
  defaultTransports: () => ['tcp', 'udp', 'raw', 'unix'],
  familyTransports: () => ['tcp', 'udp', 'raw'],
  routeFamilies(q) {
    // net-tools prints one family's table: IPv4 unless -6/-A inet6 alone.
    const only6 = q.inet6 && !q.inet4;
    return { inet4: !only6, inet6: only6 };
  },
  stateWord: (s) => s,
  protocolWord: (p) => p,
  exposure: { columns: (q) => ({ ...q, showProgram: true }), note: () => '' },
  ...sharedMembers(() => linuxStyle),
  views: async () => (await import('./views.js')).linuxViews,
};
