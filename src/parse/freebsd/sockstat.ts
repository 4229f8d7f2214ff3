/**
 * Parser for FreeBSD `sockstat` (pure): one row per process and descriptor, inet and unix
 * sockets, with the optional `-s` state column. Rows are kept one per descriptor (sockstat
 * gives no socket identity to merge sharers by).
 *
 * Real input line (`sockstat`, FreeBSD):
 * ```
 * root     sshd       45933 4  tcp4   192.168.5.2:22        192.168.5.4:59217
 * ```
 * → `{ proto: 'tcp', family: 'inet', localAddress: '192.168.5.2', localPort: 22, remoteAddress: '192.168.5.4',
 *      remotePort: 59217, state: 'ESTABLISHED', owners: [{ pid: 45933, name: 'sshd' }], user: 'root' }`
 */
import type { Owner, Proto, SocketRecord, UnixType } from '../../model/socket.js';
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';
import { endpoint, EndpointNotes, splitColonEndpoint } from '../common/endpoint.js';
import { inetRecord, unixRecord } from '../common/records.js';
import { numberedLines, Skips, spans, type CaptureOptions, type ParsedText, type Span } from '../common/text.js';

/** A sockstat row: user, command, pid (or `?`), fd, then a protocol. */
export const SOCKSTAT_ROW = /^\S+\s+\S+\s+(\d+|\?)\s+(\d+|\?)\s+(tcp|udp|sctp|stream|dgram|seqpac|udp-lite)\S*\s/;
const UNIX: Readonly<Record<string, UnixType>> = { stream: 'STREAM', dgram: 'DGRAM', seqpac: 'SEQPACKET' };

/** Parse `sockstat` output. */
export function parseSockstat(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  let inferred = 0;
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '' || /^USER\s+COMMAND\s+PID/.test(t)) continue;
    if (!SOCKSTAT_ROW.test(t)) {
      skips.add(line, 'not a sockstat row');
      continue;
    }
    const sp = spans(t);
    const [user, command, pidText, , protoTok] = sp.map((s) => s.text) as [string, string, string, string, string];
    const owners: Owner[] = /^\d+$/.test(pidText) ? [{ pid: Number(pidText), name: command }] : [];
    const unixType = UNIX[protoTok];
    if (unixType) {
      const rest = sp[5] ? t.slice(sp[5].start).trim() : '';
      const connected = rest.startsWith('->');
      const path = rest.startsWith('(') ? '' : connected ? '' : rest;
      const state: TcpState | null = connected ? 'ESTABLISHED' : path && unixType !== 'DGRAM' ? 'LISTEN' : null;
      const r = unixRecord({ state, unixType, path, owners });
      r.user = user;
      records.push(r);
      continue;
    }
    const m = /^(tcp|udp)(4|6|46)?$/.exec(protoTok);
    if (!m) {
      skips.add(line, `${protoTok} sockets have no place in a socket record`);
      continue;
    }
    const transport = m[1] as 'tcp' | 'udp';
    const family = m[2] === '4' ? 'inet' : m[2] ? 'inet6' : (sp[5]?.text ?? '').includes('[') ? 'inet6' : 'inet';
    const lhp = sp[5] ? splitColonEndpoint(sp[5].text) : null;
    const rhp = sp[6] ? splitColonEndpoint(sp[6].text) : null;
    if (!lhp || !rhp) {
      skips.add(line, 'row without local and foreign address');
      continue;
    }
    const local = endpoint(lhp.host, lhp.port, family, transport, opts.services);
    const remote = endpoint(rhp.host, rhp.port, family, transport, opts.services);
    notes.unknownService(local.unknownService);
    notes.unknownService(remote.unknownService);
    const stateWord = (sp[7] as Span | undefined)?.text;
    let state: TcpState | null = null;
    if (transport === 'tcp') {
      const s = stateWord !== undefined ? STATE_ALIASES[stateWord.toUpperCase()] : undefined;
      // Without -s sockstat prints no state: a socket without a peer listens, one with a peer is connected.
      state = s ?? (remote.port === 0 ? 'LISTEN' : 'ESTABLISHED');
      if (s === undefined) inferred++;
    }
    const r = inetRecord((family === 'inet6' ? `${transport}6` : transport) as Exclude<Proto, 'unix'>, local, remote, state, null, null, owners);
    r.user = user;
    if (m[2] === '46') r.dualStack = true;
    records.push(r);
  }
  const out = notes.list(opts.source, 'sockstat');
  if (inferred) out.push(`${opts.source}: no TCP state column (sockstat without -s): ${inferred} TCP sockets taken as LISTEN (no peer) or ESTABLISHED`);
  return { records, skipped: skips.list, notes: out };
}
