/**
 * The macOS style: BSD `netstat -an` / `-anv`. The socket listing is eager (the start-up path);
 * the table views load on demand from `./views.ts`.
 */
import type { Proto } from '../../model/socket.js';
import { BSD_STATE_NAME } from '../../model/tcp-state.js';
import type { Style } from '../styles/style.js';
import { sharedMembers } from '../styles/common.js';
import { macosStream } from './connections.js';

const PROTOCOL: Readonly<Record<Proto, string>> = { tcp: 'tcp4', tcp6: 'tcp6', udp: 'udp4', udp6: 'udp6', raw: 'raw4', raw6: 'raw6', unix: 'unix' };

export const macosStyle: Style = {
  name: 'macos',
  lineEnding: () => '\n',
  connections: (q, ctx) => macosStream(q, ctx.names, ctx.paint),
  resolves: { local: true, remote: true, networks: false },
  defaultTransports: () => ['tcp', 'udp', 'unix'],
  familyTransports: () => ['tcp', 'udp', 'raw'],
  routeFamilies: (q) => ({ inet4: q.inet4, inet6: q.inet6 }),
  stateWord: (s) => BSD_STATE_NAME[s],
  protocolWord: (p) => PROTOCOL[p],
  exposure: { columns: (q) => ({ ...q, showPid: true }), note: () => '' },
  ...sharedMembers(() => macosStyle),
  views: async () => (await import('./views.js')).macosViews,
};
