/** The library entry point (`import { getConnections } from 'tsnetstat'`) against `tsnetstat --json`. */
import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { publicRecord } from '../../src/render/json.js';
import { ROOT, tsnetstat } from './helpers.js';

describe.skipIf(process.platform !== 'linux')('library entry point', () => {
  it('getConnections() returns the records --json prints (same fields, owners included)', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    const client = net.connect(port, '127.0.0.1');
    await once(client, 'connect');
    try {
      const lib = (await import(`${ROOT}dist/index.js`)) as typeof import('../../src/index.js');
      const mine = (r: { localPort: number | null; remotePort: number | null }): boolean => r.localPort === port || r.remotePort === port;
      const fromLib = (await lib.getConnections({ protocols: ['tcp'], owners: true })).filter(mine).map(publicRecord);
      const cli = await tsnetstat(['-tap', '--json', '--port', String(port)], null);
      const fromCli = (JSON.parse(cli.stdout) as { connections: Record<string, unknown>[] }).connections.map(({ user: _u, ...r }) => r);
      const key = (r: Record<string, unknown>): string => `${r['localPort']}-${r['remotePort']}`;
      expect(fromLib.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(fromCli.sort((a, b) => key(a).localeCompare(key(b))));
      expect(fromLib).toHaveLength(3); // the listener and both ends of the connection
      expect(fromLib.every((r) => (r['owners'] as { pid: number }[]).some((o) => o.pid === process.pid))).toBe(true);
    } finally {
      client.destroy();
      server.close();
    }
  });
});
