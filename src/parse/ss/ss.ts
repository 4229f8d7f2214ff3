/**
 * Parser for iproute2 `ss` listings (pure): `-tulpn`, `-a`, `-e`, old (iproute2 3.x, `*` is the
 * IPv4 wildcard) and new layouts (`0.0.0.0`, `[::]`, `*` for a dual-stack IPv6 socket,
 * `Peer Address:PortProcess`), with every owner of a shared socket from `users:((…),(…))`.
 *
 * Extras lines of `-i -m` (`\t skmem:(r0,rb1898851,t0,…)`) belong to the row above them.
 *
 * Real input line (`sudo ss -tulpen`, Ubuntu 18.04):
 * ```
 * udp   UNCONN   0        0                  0.0.0.0:5353           0.0.0.0:*      users:(("avahi-daemon",pid=1510,fd=12)) uid:112 ino:25147 sk:2 <->
 * ```
 * → `{ proto: 'udp', family: 'inet', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0',
 *      remotePort: 0, state: null, recvQ: 0, sendQ: 0, owners: [{ pid: 1510, name: 'avahi-daemon' }],
 *      uid: 112, inode: 25147 }`
 */
import type { Owner, Proto, SocketRecord, UnixType } from '../../model/socket.js';
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';
import { endpoint, EndpointNotes, splitColonEndpoint, type Endpoint } from '../common/endpoint.js';
import { inetRecord, unixRecord } from '../common/records.js';
import { int, numberedLines, Skips, spans, type CaptureOptions, type Line, type ParsedText, type Span } from '../common/text.js';

/** ss state words (`ESTAB`, `UNCONN`, `SYN-SENT` …). */
export const SS_STATES = ['ESTAB', 'UNCONN', 'LISTEN', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING', 'CLOSED', 'UNKNOWN', 'NEW-SYN-RECV', 'BOUND'];

/** A row of `ss`: an optional netid, a state word, two queue numbers. */
export const SS_ROW = new RegExp(`^(?:[a-z_0-9]+\\s+)?(?:${SS_STATES.join('|')})\\s+\\d+\\s+\\d+\\s`);

const UNIX_NETIDS: Readonly<Record<string, UnixType>> = { u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET' };
const OTHER_NETIDS: Readonly<Record<string, string>> = {
  nl: 'netlink',
  p_raw: 'packet',
  p_dgr: 'packet',
  v_str: 'vsock',
  v_dgr: 'vsock',
  tipc: 'TIPC',
  xdp: 'XDP',
  sctp: 'SCTP',
  dccp: 'DCCP',
  mptcp: 'MPTCP',
};

/** `users:(("nginx",pid=12,fd=6),("nginx",pid=13,fd=6))` → every owner, in order, one per pid. */
export function parseSsUsers(text: string): Owner[] {
  const owners: Owner[] = [];
  const seen = new Set<number>();
  const re = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const pid = Number(m[2]);
    if (seen.has(pid)) continue;
    seen.add(pid);
    owners.push({ pid, name: (m[1] as string).replace(/\\(.)/g, '$1') });
  }
  return owners;
}

function ssState(word: string, transport: 'tcp' | 'udp' | 'raw' | 'unix'): TcpState | null {
  const canon = STATE_ALIASES[word.toUpperCase()] ?? (word === 'NEW-SYN-RECV' ? 'SYN_RECV' : 'UNKNOWN');
  // UNCONN is "no state" for datagram and unix sockets; for TCP it is CLOSE.
  if (canon === 'CLOSE' && transport !== 'tcp') return null;
  return canon;
}

interface Context {
  /** New ss (iproute2 ≥ 4.x): `*` is IPv6 any (dual-stack); old ss: `*` is IPv4 any. */
  starIsV6: boolean;
  netidColumn: boolean;
  opts: CaptureOptions;
  notes: EndpointNotes;
}

function inetEndpoint(text: string, proto: 'tcp' | 'udp' | 'raw', family: 'inet' | 'inet6', ctx: Context): Endpoint | null {
  const hp = splitColonEndpoint(text);
  if (!hp) return null;
  const e = endpoint(hp.host, hp.port, family, proto, ctx.opts.services);
  ctx.notes.unknownService(e.unknownService);
  return e;
}

/** Family of an ss host text: brackets or colons are IPv6; `*` depends on the ss version. */
function familyOf(host: string, ctx: Context): 'inet' | 'inet6' {
  const h = host.replace(/%.*$/, '');
  if (h.startsWith('[') || h.includes(':')) return 'inet6';
  if (h === '*') return ctx.starIsV6 ? 'inet6' : 'inet';
  return 'inet';
}

function row(line: Line, sp: Span[], ctx: Context, skips: Skips): SocketRecord | null {
  let k = 0;
  let netid: string;
  if (SS_STATES.includes((sp[0] as Span).text)) netid = '';
  else netid = (sp[k++] as Span).text;
  const stateWord = (sp[k++] as Span).text;
  const recvQ = int(sp[k++]?.text);
  const sendQ = int(sp[k++]?.text);
  if (netid === '') netid = stateWord === 'UNCONN' ? 'udp' : 'tcp'; // `ss -t` / `ss -u` print no Netid column
  if (OTHER_NETIDS[netid]) {
    skips.add(line, `${OTHER_NETIDS[netid]} sockets have no place in a socket record`);
    return null;
  }
  const unixType = UNIX_NETIDS[netid];
  if (unixType) {
    // Unix: `path inode  peer peerInode` (`*` for no path).
    const path = sp[k]?.text;
    const inode = int(sp[k + 1]?.text);
    if (path === undefined || Number.isNaN(inode)) {
      skips.add(line, 'unix row without path and inode');
      return null;
    }
    const restAt = sp[k + 4]?.start ?? line.text.length;
    const r = unixRecord({ state: ssState(stateWord, 'unix'), unixType, path: path === '*' ? '' : path, owners: parseSsUsers(line.text.slice(restAt)), recvQ, sendQ });
    r.inode = inode;
    extras(line.text.slice(restAt), r);
    return r;
  }
  const transport = netid === 'icmp6' || netid === 'raw' ? 'raw' : netid === 'udp' ? 'udp' : netid === 'tcp' ? 'tcp' : null;
  if (!transport) {
    skips.add(line, `${netid} sockets have no place in a socket record`);
    return null;
  }
  const localText = sp[k]?.text;
  const peerText = sp[k + 1]?.text;
  const hp = localText !== undefined ? splitColonEndpoint(localText) : null;
  if (!hp || peerText === undefined) {
    skips.add(line, 'row without local and peer address');
    return null;
  }
  const family = netid === 'icmp6' ? 'inet6' : familyOf(hp.host, ctx);
  const local = inetEndpoint(localText as string, transport, family, ctx);
  const remote = inetEndpoint(peerText, transport, family, ctx);
  if (!local || !remote) {
    skips.add(line, 'unreadable address');
    return null;
  }
  const rest = line.text.slice(sp[k + 1]?.end ?? line.text.length);
  const proto = (family === 'inet6' ? `${transport}6` : transport) as Exclude<Proto, 'unix'>;
  const r = inetRecord(proto, local, remote, ssState(stateWord, transport), recvQ, sendQ, parseSsUsers(rest));
  if (transport === 'raw') r.rawState = r.state === 'ESTABLISHED' ? 1 : 7;
  if (family === 'inet6' && localText !== undefined && /^\*[%:]/.test(localText) && ctx.starIsV6) r.dualStack = true;
  const v6only = /\bv6only:([01])\b/.exec(rest);
  if (v6only && family === 'inet6') r.dualStack = v6only[1] === '0';
  extras(rest, r);
  return r;
}

/** The header of `ss … state X` (no State column) and its rows (`0      0      172.27.141.144:36622 100.100.100.10:443`). */
export const STATELESS_HEADER = /^\s*Recv-Q\s+Send-Q\s+Local\s+Address:Port\s+Peer\s+Address:Port/;
const STATELESS_ROW = /^\s*\d+\s+\d+\s+\S+:\S+\s+\S+:\S+/;

/** A continuation line of `ss -e -i -m -o` (a key of theirs in it). */
const EXTRAS_LINE = /\b(skmem|timer|users|uid|ino|sk|cgroup|wscale|rto|rtt|ato|mss|pmtu|cwnd|bytes_\w+|segs_\w+|lastsnd|pacing_rate|delivery_rate|minrtt|rcv_\w+|snd_\w+|busy|tos|class_id|mark|fwmark):|\b(cubic|bbr2?|reno|dctcp|htcp|vegas|westwood|ts|sack|ecn|app_limited|send|unacked)\b/;

/** `-e` fields: `uid:112 ino:25147`. */
function extras(text: string, r: SocketRecord): void {
  const uid = /\buid:(\d+)\b/.exec(text);
  if (uid) r.uid = Number(uid[1]);
  const ino = /\bino:(\d+)\b/.exec(text);
  if (ino && r.proto !== 'unix') r.inode = Number(ino[1]);
}

/** Parse an `ss` listing. */
export function parseSs(text: string, opts: CaptureOptions): ParsedText<SocketRecord> {
  const records: SocketRecord[] = [];
  const skips = new Skips(opts.source);
  const notes = new EndpointNotes();
  const lines = numberedLines(text);
  const header = lines.find((l) => /\bState\b.*Recv-Q.*Send-Q/.test(l.text));
  const ctx: Context = {
    starIsV6: /(^|\s)0\.0\.0\.0(%\S+)?:/m.test(text) || /v6only:/.test(text) || /Process/.test(header?.text ?? ''),
    netidColumn: /^\s*Netid\b/.test(header?.text ?? ''),
    opts,
    notes,
  };
  // `ss -tn state time-wait` prints no State column (the filter named it): rows start at Recv-Q.
  const stateless = lines.find((l) => STATELESS_HEADER.test(l.text));
  let statelessRows = 0;
  let last: SocketRecord | null = null;
  for (const line of lines) {
    if (line.text.trim() === '' || line === header || line === stateless) continue;
    if (stateless && STATELESS_ROW.test(line.text)) {
      const r = row(line, [{ text: 'UNKNOWN', start: 0, end: 0 }, ...spans(line.text)], ctx, skips);
      last = r;
      if (r) {
        records.push(r);
        statelessRows++;
      }
      continue;
    }
    if (!SS_ROW.test(line.text)) {
      // `-e -i -m -o` extras that ss puts on indented lines below a row (`\t skmem:(r0,rb…)`,
      // `\t cubic wscale:7,7 rto:204 …`): part of that row; owners, uid and inode are read from them.
      if (last && /^\s/.test(line.text) && EXTRAS_LINE.test(line.text)) {
        if (last.owners.length === 0) {
          const owners = parseSsUsers(line.text);
          if (owners.length > 0) last.owners = owners;
        }
        extras(line.text, last);
        continue;
      }
      last = null;
      skips.add(line, 'not an ss row');
      continue;
    }
    const r = row(line, spans(line.text), ctx, skips);
    last = r;
    if (r) records.push(r);
  }
  const out = notes.list(opts.source, 'ss');
  if (statelessRows > 0)
    out.push(`${opts.source}: ${statelessRows} row${statelessRows === 1 ? '' : 's'} without a State column (ss filtered by state): read as TCP, state UNKNOWN`);
  return { records, skipped: skips.list, notes: out };
}
