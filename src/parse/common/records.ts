/**
 * Building socket records and statistics sections from parsed text (pure), shared by the
 * capture parsers so every tool's rows come out in the same shape.
 */
import type { ProtocolKey, Statistics } from '../../model/statistics.js';
import type { Owner, Proto, SocketRecord, UnixType } from '../../model/socket.js';
import type { TcpState } from '../../model/tcp-state.js';
import type { Endpoint } from './endpoint.js';
import type { Line, Skips } from './text.js';

/** An inet socket record from two endpoints; a missing peer is the unspecified address, port 0. */
export function inetRecord(
  proto: Exclude<Proto, 'unix'>,
  local: Endpoint,
  remote: Endpoint | null,
  state: TcpState | null,
  recvQ: number | null,
  sendQ: number | null,
  owners: Owner[],
): SocketRecord {
  const family = proto.endsWith('6') ? 'inet6' : 'inet';
  const r: SocketRecord = {
    proto,
    family,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: remote ? remote.address : family === 'inet6' ? '::' : '0.0.0.0',
    remotePort: remote ? remote.port : 0,
    state,
    recvQ,
    sendQ,
    owners,
  };
  if (local.scope !== undefined) r.localScope = local.scope;
  if (remote?.scope !== undefined) r.remoteScope = remote.scope;
  return r;
}

/** A unix socket record (no addresses or ports). */
export function unixRecord(f: {
  state: TcpState | null;
  unixType: UnixType;
  path: string;
  owners: Owner[];
  recvQ?: number | null;
  sendQ?: number | null;
}): SocketRecord {
  return {
    proto: 'unix',
    family: 'unix',
    localAddress: null,
    localPort: null,
    remoteAddress: null,
    remotePort: null,
    state: f.state,
    recvQ: f.recvQ ?? null,
    sendQ: f.sendQ ?? null,
    owners: f.owners,
    path: f.path,
    unixType: f.unixType,
  };
}

/**
 * The `name:` section headings of a `netstat -s` listing: maps each to a protocol key, reports
 * sections the statistics model has no place for and the lines under them.
 */
export class StatSections {
  name = '';
  key: ProtocolKey | null = null;
  constructor(
    private readonly table: Readonly<Record<string, ProtocolKey>>,
    private readonly heading: RegExp,
    private readonly statistics: Statistics,
    private readonly skips: Skips,
  ) {}

  /** Handle a heading or a line outside any known section; false for a line to parse. */
  consume(line: Line): boolean {
    const head = this.heading.exec(line.text);
    if (head) {
      this.name = head[1] as string;
      this.key = this.table[this.name] ?? null;
      if (!this.key) this.skips.add(line, `section ${this.name} has no place in the statistics model`);
      else this.statistics[this.key] ??= {};
      return true;
    }
    if (!this.key) {
      this.skips.add(line, this.name ? `line of section ${this.name}` : 'line before any section');
      return true;
    }
    return false;
  }
}
