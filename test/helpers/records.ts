/** Socket records for tests, and queries from command lines. */
import { parseCommandLine } from '../../src/cli/flags.js';
import type { Query, Style } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';

/** A TCP socket on 127.0.0.1 (`rport` 0: a listener's `0.0.0.0:*` peer); `over` replaces any field. */
export function tcpRecord(lport: number, rport: number, state: SocketRecord['state'], over: Partial<SocketRecord> = {}): SocketRecord {
  return {
    proto: 'tcp',
    family: 'inet',
    localAddress: '127.0.0.1',
    localPort: lport,
    remoteAddress: rport ? '127.0.0.1' : '0.0.0.0',
    remotePort: rport,
    state,
    recvQ: 0,
    sendQ: 0,
    owners: [],
    ...over,
  };
}

/** An established connection from 10.0.0.5:40000 to 93.184.216.34:443; `over` replaces any field. */
export function connection(over: Partial<SocketRecord> = {}): SocketRecord {
  return tcpRecord(40000, 443, 'ESTABLISHED', { localAddress: '10.0.0.5', remoteAddress: '93.184.216.34', ...over });
}

/** The query of a command line (space-separated) in a default style. */
export function queryOf(cmd: string, style: Style): Query {
  const r = parseCommandLine(cmd.split(' ').filter(Boolean), { defaultStyle: style });
  if (r.kind !== 'query') throw new Error(`expected a query for ${cmd}`);
  return r.query;
}
