/**
 * A test-only style: what a new style costs. This folder plus one registry line
 * (`createRegistry({ ...BUILTIN_STYLES, toy: toyStyle })` in the test; `BUILTIN_STYLES` in
 * `src/render/styles/registry.ts` for a real one) is all it takes: the CLI, the watch screen,
 * `--changes`, `--summary`, `--exposed` and the table views then draw with it.
 *
 * Its listing is one line per socket: `toy tcp 127.0.0.1:8080 -> 0.0.0.0:0 listen`.
 */
import type { StyleName } from '../../../src/model/query.js';
import type { SocketRecord } from '../../../src/model/socket.js';
import { sharedMembers } from '../../../src/render/styles/common.js';
import type { Style } from '../../../src/render/styles/style.js';
import type { StreamRenderer } from '../../../src/render/stream.js';

function endpoint(addr: string | null, port: number | null): string {
  return `${addr ?? '*'}:${port ?? 0}`;
}

function row(r: SocketRecord, names: ReadonlyMap<string, string>, pid: boolean): string {
  const remote = r.remoteAddress !== null ? (names.get(r.remoteAddress) ?? r.remoteAddress) : null;
  const owner = pid && r.owners[0] ? ` pid=${r.owners[0].pid}` : '';
  return `toy ${r.proto} ${endpoint(r.localAddress, r.localPort)} -> ${endpoint(remote, r.remotePort)} ${(r.state ?? 'none').toLowerCase()}${owner}`;
}

export const toyStyle: Style = {
  // A real style adds its name to `StyleName`; the toy stays out of the built-in union.
  name: 'toy' as StyleName,
  lineEnding: () => '\n',
  connections(q, ctx): StreamRenderer {
    const eol = toyStyle.lineEnding(ctx.eol);
    return {
      begin: () => [`toy listing (${q.selection})${eol}`],
      push: (records) => [records.map((r) => row(r, ctx.names.hosts, q.showPid) + eol).join('')],
      end: () => [`end of toy listing${eol}`],
    };
  },
  resolves: { local: false, remote: true, networks: false },
  defaultTransports: () => ['tcp'],
  familyTransports: () => ['tcp'],
  routeFamilies: () => ({ inet4: true, inet6: false }),
  stateWord: (s) => s.toLowerCase(),
  protocolWord: (p) => `toy-${p}`,
  exposure: { columns: (q) => ({ ...q, showPid: true }), note: (r) => ` (toy: ${r.owners.length} owners)` },
  ...sharedMembers(() => toyStyle),
  // Its own gutter marks on the watch screen.
  gutter: { new: '> ', closed: '< ', changed: '* ', none: '  ' },
  views: async () => (await import('./views.js')).toyViews,
};
