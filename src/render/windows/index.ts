/**
 * The Windows style: `netstat.exe` (CRLF on Windows hosts). The socket listing is eager (the
 * start-up path); the table views load on demand from `./views.ts`.
 */
import type { Proto } from '../../model/socket.js';
import { WINDOWS_STATE_NAME } from '../../model/tcp-state.js';
import { escapeControl } from '../sanitize.js';
import type { Style } from '../styles/style.js';
import { sharedMembers } from '../styles/common.js';
import { windowsStream } from './connections.js';

const PROTOCOL: Readonly<Record<Proto, string>> = { tcp: 'TCP', tcp6: 'TCPv6', udp: 'UDP', udp6: 'UDPv6', raw: 'RAW', raw6: 'RAWv6', unix: 'UNIX' };

export const windowsStyle: Style = {
  name: 'windows',
  lineEnding: (hostEol) => hostEol,
  connections: (q, ctx) => windowsStream(q, ctx.names, { eol: ctx.eol, paint: ctx.paint }),
  // netstat.exe resolves only the foreign end.
  resolves: { local: false, remote: true, networks: false },
  // netstat.exe: TCP connections only; -a adds listeners and UDP.
  defaultTransports: (selection) => (selection === 'connected' ? ['tcp'] : ['tcp', 'udp']),
  familyTransports: () => ['tcp', 'udp'],
  routeFamilies: (q) => ({ inet4: q.inet4, inet6: q.inet6 }),
  stateWord: (s) => WINDOWS_STATE_NAME[s],
  protocolWord: (p) => PROTOCOL[p],
  exposure: {
    columns: (q) => ({ ...q, showPid: true }),
    // The image names, as `-b` would show them.
    note(r) {
      const owners = r.owners.map((o) => escapeControl(o.name)).filter((n) => n !== '');
      return owners.length > 0 ? ` [${owners.join(', ')}]` : '';
    },
  },
  ...sharedMembers(() => windowsStyle),
  views: async () => (await import('./views.js')).windowsViews,
};
