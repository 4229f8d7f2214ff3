/**
 * Parser for net-tools `netstat -s` (pure), IPv4 and `-6`. Each printed sentence is mapped back to
 * the `/proc/net/{snmp,snmp6,netstat}` counter it came from (MIB-II names: `InSegs`,
 * `ActiveOpens` …); lines net-tools prints as `Name: value` keep their name (an `Ip6`/`Icmp6`/
 * `Udp6` prefix is dropped: `Ip6InOctets` → `ipv6.InOctets`). Sentences in another language, or
 * from a net-tools version not in the table, are kept under a name made from their words.
 *
 * Real input lines (`netstat -s`, RHEL 7):
 * ```
 * Tcp:
 *     1648 active connections openings
 * ```
 * → `{ tcp: { ActiveOpens: 1648 } }`
 */
import { LINUX_SNMP6_PREFIXES, LINUX_SNMP_TABLES } from '../../model/linux-statistics.js';
import type { Counters, ProtocolKey, Statistics } from '../../model/statistics.js';
import type { SkippedLine } from '../issues.js';
import { StatSections } from '../common/records.js';
import { numberedLines, Skips, type CaptureOptions } from '../common/text.js';

/**
 * Section title → protocol key: the `/proc/net/snmp` table titles and snmp6 prefixes net-tools
 * prints as headings (one table, in the model), plus `Tcp6` (no kernel table; some builds print it).
 */
const SECTION: Readonly<Record<string, ProtocolKey>> = { ...LINUX_SNMP_TABLES, ...LINUX_SNMP6_PREFIXES, Tcp6: 'tcpv6' };

/**
 * Sentences per section (`#` stands for the number), as net-tools 1.60–2.10 print them,
 * older spellings included. Sections share tables where net-tools does (Ip/Ip6, Udp/Udp6 …).
 */
const IP = `# total packets received|InReceives
# with invalid headers|InHdrErrors
# with invalid addresses|InAddrErrors
# forwarded|ForwDatagrams
# with unknown protocol|InUnknownProtos
# incoming packets discarded|InDiscards
# incoming packets delivered|InDelivers
# requests sent out|OutRequests
# outgoing packets dropped|OutDiscards
# dropped because of missing route|OutNoRoutes
# fragments dropped after timeout|ReasmTimeout
# reassemblies required|ReasmReqds
# packets reassembled ok|ReasmOKs
# packet reassemblies failed|ReasmFails
# packet reassembles failed|ReasmFails
# fragments received ok|FragOKs
# fragments failed|FragFails
# fragments created|FragCreates
# incoming multicast packets|InMcastPkts
# incoming packets with no route|InNoRoutes
# with packets too big|InTooBigErrors
# with truncated packets|InTruncatedPkts
# outgoing multicast packets|OutMcastPkts
default ttl is #|DefaultTTL`;

const ICMP = `# icmp messages received|InMsgs
# input icmp message failed|InErrors
# icmp messages sent|OutMsgs
# icmp messages failed|OutErrors`;

const TCP = `# active connection openings|ActiveOpens
# active connections openings|ActiveOpens
# active opens|ActiveOpens
# passive connection openings|PassiveOpens
# passive opens|PassiveOpens
# failed connection attempts|AttemptFails
# connection resets received|EstabResets
# connections established|CurrEstab
# segments received|InSegs
# segments sent out|OutSegs
# segments send out|OutSegs
# segments retransmitted|RetransSegs
# segments retransmited|RetransSegs
# bad segments received|InErrs
# resets sent|OutRsts`;

const UDP = `# packets received|InDatagrams
# packets to unknown port received|NoPorts
# packet receive errors|InErrors
# packets sent|OutDatagrams
# packets send|OutDatagrams
# receive buffer errors|RcvbufErrors
# send buffer errors|SndbufErrors
# packets with invalid checksum|InCsumErrors`;

const TCPEXT = `# delayed acks further delayed because of locked socket|DelayedACKLocked
quick ack mode was activated # times|DelayedACKLost
# delayed acks sent|DelayedACKs
# resets received for embryonic syn_recv sockets|EmbryonicRsts
# syns to listen sockets dropped|ListenDrops
# syns to listen sockets ignored|ListenDrops
# times the listen queue of a socket overflowed|ListenOverflows
# icmp packets dropped because socket was locked|LockDroppedIcmps
# packets dropped from out-of-order queue because of socket buffer overrun|OfoPruned
# icmp packets dropped because they were out-of-window|OutOfWindowIcmps
# active connections rejected because of time stamp|PAWSActive
# packets rejects in established connections because of timestamp|PAWSEstab
# packetes rejected in established connections because of timestamp|PAWSEstab
# packets rejected in established connections because of timestamp|PAWSEstab
# passive connections rejected because of time stamp|PAWSPassive
# packets pruned from receive queue because of socket buffer overrun|PruneCalled
# packets pruned from receive queue|RcvPruned
ran # times out of system memory during packet sending|SockMallocOOM
# invalid syn cookies received|SyncookiesFailed
# syn cookies received|SyncookiesRecv
# syn cookies sent|SyncookiesSent
# times unable to send rst due to no memory|TCPAbortFailed
# connections reset due to early user close|TCPAbortOnClose
# connections reset due to unexpected data|TCPAbortOnData
# connections aborted after user close in linger timeout|TCPAbortOnLinger
# connections aborted due to memory pressure|TCPAbortOnMemory
# connections reset due to unexpected syn|TCPAbortOnSyn
# connections aborted due to timeout|TCPAbortOnTimeout
# bytes directly in process context from backlog|TCPDirectCopyFromBacklog
# bytes directly received in process context from prequeue|TCPDirectCopyFromPrequeue
# dsacks for out of order packets received|TCPDSACKOfoRecv
# dsacks sent for out of order packets|TCPDSACKOfoSent
# dsacks sent for old packets|TCPDSACKOldSent
# dsacks received|TCPDSACKRecv
# congestion window recovered without slow start using dsack|TCPDSackUndo
# congestion windows recovered without slow start by dsack|TCPDSACKUndo
detected reordering # times using fack|TCPFACKReorder
# fast retransmits|TCPFastRetrans
# forward retransmits|TCPForwardRetrans
# congestion windows fully recovered without slow start|TCPFullUndo
# congestion windows fully recovered|TCPFullUndo
# predicted acknowledgments|TCPHPAcks
# packet headers predicted|TCPHPHits
# packet headers predicted and directly queued to user|TCPHPHitsToUser
# packets header predicted and directly queued to user|TCPHPHitsToUser
# timeouts in loss state|TCPLossFailures
# tcp data loss events|TCPLoss
# congestion windows recovered without slow start after partial ack|TCPLossUndo
# congestion windows recovered after partial ack|TCPLossUndo
# retransmits lost|TCPLostRetransmits
tcp ran low on memory # times|TCPMemoryPressures
# congestion windows partially recovered using hoe heuristic|TCPPartialUndo
# packets directly queued to recvmsg prequeue|TCPPrequeued
# packets dropped from prequeue|TCPPrequeueDropped
# acknowledgments not containing data payload received|TCPPureAcks
# acknowledgments not containing data received|TCPPureAcks
# packets collapsed in receive queue due to low socket buffer|TCPRcvCollapsed
# timeouts after reno fast retransmit|TCPRenoFailures
# reno fast retransmits failed|TCPRenoRecoveryFail
# classic reno fast retransmits failed|TCPRenoRecoveryFail
# times recovered from packet loss due to fast retransmit|TCPRenoRecovery
detected reordering # times using reno fast retransmit|TCPRenoReorder
# timeouts after sack recovery|TCPSackFailures
# sack retransmits failed|TCPSackRecoveryFail
# times recovered from packet loss by selective acknowledgements|TCPSackRecovery
# bad sack blocks received|TCPSACKReneging
detected reordering # times using sack|TCPSACKReorder
# times receiver scheduled too late for direct processing|TCPSchedulerFailed
# retransmits in slow start|TCPSlowStartRetrans
# other tcp timeouts|TCPTimeouts
detected reordering # times using time stamp|TCPTSReorder
# tcp sockets finished time wait in slow timer|TWKilled
# tcp sockets finished time wait in fast timer|TW
# time wait sockets recycled by time stamp|TWRecycled`;

function table(text: string): Map<string, string> {
  return new Map(text.split('\n').map((l) => l.split('|') as [string, string]));
}

const TABLES: Partial<Record<ProtocolKey, Map<string, string>>> = {
  ip: table(IP),
  ipv6: new Map([...table(IP), ['# forwarded', 'OutForwDatagrams']]),
  icmp: table(ICMP),
  icmpv6: table(ICMP),
  tcp: table(TCP),
  tcpv6: table(TCP),
  udp: table(UDP),
  udpv6: table(UDP),
  udplite: table(UDP),
  udplitev6: table(UDP),
  tcpExt: table(TCPEXT),
};

/** ICMP histogram lines (`destination unreachable: 107`) per direction; ICMPv6 uses its own names. */
const HISTOGRAM: Readonly<Record<'in' | 'out' | 'in6' | 'out6', Readonly<Record<string, string>>>> = {
  in: {
    'destination unreachable': 'InDestUnreachs',
    'timeout in transit': 'InTimeExcds',
    'wrong parameters': 'InParmProbs',
    'source quenches': 'InSrcQuenchs',
    'source quenchs': 'InSrcQuenchs',
    redirects: 'InRedirects',
    'echo requests': 'InEchos',
    'echo replies': 'InEchoReps',
    'timestamp request': 'InTimestamps',
    'timestamp reply': 'InTimestampReps',
    'address mask request': 'InAddrMasks',
    'address mask replies': 'InAddrMaskReps',
  },
  out: {
    'destination unreachable': 'OutDestUnreachs',
    'time exceeded': 'OutTimeExcds',
    'wrong parameters': 'OutParmProbs',
    'source quench': 'OutSrcQuenchs',
    redirect: 'OutRedirects',
    'echo request': 'OutEchos',
    'echo requests': 'OutEchos',
    'echo replies': 'OutEchoReps',
    'timestamp requests': 'OutTimestamps',
    'timestamp replies': 'OutTimestampReps',
    'address mask requests': 'OutAddrMasks',
    'address mask replies': 'OutAddrMaskReps',
  },
  in6: {
    'destination unreachable': 'InDestUnreachs',
    'packets too big': 'InPktTooBigs',
    'received icmpv6 time exceeded': 'InTimeExcds',
    'parameter problem': 'InParmProblems',
    'echo requests': 'InEchos',
    'echo replies': 'InEchoReplies',
    'group member queries': 'InGroupMembQueries',
    'group member responses': 'InGroupMembResponses',
    'group member reductions': 'InGroupMembReductions',
    'router solicits': 'InRouterSolicits',
    'router advertisement': 'InRouterAdvertisements',
    'neighbour solicits': 'InNeighborSolicits',
    'neighbour advertisement': 'InNeighborAdvertisements',
    redirects: 'InRedirects',
  },
  out6: {
    'destination unreachable': 'OutDestUnreachs',
    'packets too big': 'OutPktTooBigs',
    'sent icmpv6 time exceeded': 'OutTimeExcds',
    'parameter problem': 'OutParmProblems',
    'echo requests': 'OutEchos',
    'echo replies': 'OutEchoReplies',
    'group member queries': 'OutGroupMembQueries',
    'group member responses': 'OutGroupMembResponses',
    'group member reductions': 'OutGroupMembReductions',
    'router solicits': 'OutRouterSolicits',
    'router advertisement': 'OutRouterAdvertisements',
    'neighbor solicits': 'OutNeighborSolicits',
    'neighbor advertisements': 'OutNeighborAdvertisements',
    redirects: 'OutRedirects',
  },
};

/** Words → a counter name (`dropped due to no socket` → `droppedDueToNoSocket`). */
export function nativeCounterName(words: string): string {
  const parts = words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())).join('') || 'counter';
}

/** What a statistics parser returns. */
export interface ParsedStatistics {
  statistics: Statistics;
  skipped: SkippedLine[];
  notes: string[];
}

/** Parse net-tools `netstat -s` (any of `-s`, `-st`, `-su`, `-s -6`). */
export function parseNetToolsStatistics(text: string, opts: CaptureOptions): ParsedStatistics {
  const statistics: Statistics = {};
  const skips = new Skips(opts.source);
  const sections = new StatSections(SECTION, /^(\S+):\s*$/, statistics, skips);
  let histogram: 'in' | 'out' | null = null;
  let native = 0;
  const put = (key: string, value: number): void => {
    if (!sections.key) return;
    const c: Counters = (statistics[sections.key] ??= {});
    c[key] = value;
  };
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '') continue;
    if (/^(\S+):\s*$/.test(t)) histogram = null;
    if (sections.consume(line)) continue;
    const section = sections.key as ProtocolKey;
    const hist = /^\s+ICMP (input|output) histogram:\s*$/i.exec(t);
    if (hist) {
      histogram = hist[1]?.toLowerCase() === 'input' ? 'in' : 'out';
      // netstat prints the title at the first histogram counter (destination unreachable, the
      // first in the kernel's order) but only the counters that are not zero: the title says
      // that counter exists, so an unprinted one is 0. Kept here, the table reprints as it was.
      const first = HISTOGRAM[histogram]['destination unreachable'] as string;
      const c: Counters | undefined = sections.key ? (statistics[sections.key] ??= {}) : undefined;
      if (c && !(first in c)) put(first, 0);
      continue;
    }
    const named = /^\s+([^:]+?):\s+(-?\d+)\s*$/.exec(t);
    if (named) {
      const name = named[1] as string;
      const value = Number(named[2]);
      const v6 = section === 'icmpv6' ? (histogram === 'in' ? 'in6' : 'out6') : histogram;
      const histKey = v6 ? HISTOGRAM[v6][name.toLowerCase()] : undefined;
      if (histKey) put(histKey, value);
      else if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) put(name.replace(/^(Ip6|Icmp6|Udp6|UdpLite6|Tcp6)(?=[A-Z])/, ''), value);
      else {
        put(nativeCounterName(name), value);
        native++;
      }
      continue;
    }
    const forwarding = /^\s+Forwarding is (enabled|disabled)\s*$/.exec(t);
    if (forwarding) {
      put('Forwarding', forwarding[1] === 'enabled' ? 1 : 2);
      continue;
    }
    const nums = t.match(/-?\d+/g);
    if (!nums || !/^\s/.test(t)) {
      skips.add(line, 'not a statistics line');
      continue;
    }
    const sentence = t.trim().replace(/\.$/, '').replace(/\s+/g, ' ');
    const templ = sentence.replace(/-?\d+/, '#').toLowerCase();
    const key = TABLES[section]?.get(templ);
    if (key) put(key, Number(nums[0]));
    else {
      put(nativeCounterName(sentence.replace(/-?\d+/, ' ')), Number(nums[0]));
      native++;
    }
  }
  const notes = native ? [`${opts.source}: ${native} counters not in the MIB-II table kept under names made from their words`] : [];
  return { statistics, skipped: skips.list, notes };
}
