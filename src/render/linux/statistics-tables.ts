/**
 * The counter templates of net-tools 2.10 `statistics.c`, in its source order (pure data).
 *
 * netstat finds a counter's template with `bsearch()` over these arrays, but some of them are not
 * sorted (`Forwarding` before `ForwDatagrams`, `TCPDSackUndo` before `TCPDSACKUndo`, `TW` after
 * `TWKilled` …). Counters whose search fails print as `Name: value` when non-zero — which is why
 * real output shows `Forwarding: 2` and `TCPTimeouts: 2`. The order here is therefore part of the
 * contract: do not sort it.
 */

/** How a template prints (net-tools `enum State`). */
export const Kind = { Number: 0, OptNumber: 1, Forward: 2, InIcmp: 3, OutIcmp: 4, RtoAlg: 5 } as const;

/** Template flags. */
export const STATIC = 1 << 16;
export const TITLE = 1 << 17;

export type Entry = readonly [title: string, format: string, type: number];

const N = Kind.Number;
const O = Kind.OptNumber;
const IN = Kind.InIcmp | TITLE;
const OUT = Kind.OutIcmp | TITLE;

export const IP_TAB: readonly Entry[] = [
  ['DefaultTTL', 'Default TTL is %llu', N | STATIC],
  ['Forwarding', 'Forwarding is %s', Kind.Forward | STATIC],
  ['ForwDatagrams', '%llu forwarded', N],
  ['FragCreates', '%llu fragments created', O],
  ['FragFails', '%llu outgoing packets failed fragmentation', O],
  ['FragOKs', '%llu outgoing packets fragmented ok', O],
  ['InAddrErrors', '%llu with invalid addresses', O],
  ['InDelivers', '%llu incoming packets delivered', N],
  ['InDiscards', '%llu incoming packets discarded', N],
  ['InHdrErrors', '%llu with invalid headers', O],
  ['InReceives', '%llu total packets received', N],
  ['InUnknownProtos', '%llu with unknown protocol', O],
  ['OutDiscards', '%llu outgoing packets dropped', O],
  ['OutNoRoutes', '%llu dropped because of missing route', O],
  ['OutRequests', '%llu requests sent out', N],
  ['ReasmFails', '%llu packet reassemblies failed', O],
  ['ReasmOKs', '%llu packets reassembled ok', O],
  ['ReasmReqds', '%llu reassemblies required', O],
  ['ReasmTimeout', '%llu fragments dropped after timeout', O],
];

export const IP6_TAB: readonly Entry[] = [
  ['Ip6FragCreates', '%llu fragments created', O],
  ['Ip6FragFails', '%llu outgoing packets failed fragmentation', O],
  ['Ip6FragOKs', '%llu outgoing packets fragmented ok', O],
  ['Ip6InAddrErrors', '%llu with invalid addresses', O],
  ['Ip6InDelivers', '%llu incoming packets delivered', N],
  ['Ip6InDiscards', '%llu incoming packets discarded', N],
  ['Ip6InHdrErrors', '%llu with invalid headers', O],
  ['Ip6InMcastPkts', '%llu incoming multicast packets', O],
  ['Ip6InNoRoutes', '%llu incoming packets with no route', O],
  ['Ip6InReceives', '%llu total packets received', N],
  ['Ip6InTooBigErrors', '%llu with packets too big', O],
  ['Ip6InTruncatedPkts', '%llu with truncated packets', O],
  ['Ip6InUnknownProtos', '%llu with unknown protocol', O],
  ['Ip6OutDiscards', '%llu outgoing packets dropped', O],
  ['Ip6OutForwDatagrams', '%llu forwarded', N],
  ['Ip6OutMcastPkts', '%llu outgoing multicast packets', O],
  ['Ip6OutNoRoutes', '%llu dropped because of missing route', O],
  ['Ip6OutRequests', '%llu requests sent out', N],
  ['Ip6ReasmFails', '%llu packet reassemblies failed', O],
  ['Ip6ReasmOKs', '%llu packets reassembled ok', O],
  ['Ip6ReasmReqds', '%llu reassemblies required', O],
  ['Ip6ReasmTimeout', '%llu fragments dropped after timeout', O],
];

export const ICMP_TAB: readonly Entry[] = [
  ['InAddrMaskReps', 'address mask replies: %llu', IN],
  ['InAddrMasks', 'address mask request: %llu', IN],
  ['InDestUnreachs', 'destination unreachable: %llu', IN],
  ['InEchoReps', 'echo replies: %llu', IN],
  ['InEchos', 'echo requests: %llu', IN],
  ['InErrors', '%llu input ICMP message failed', N],
  ['InMsgs', '%llu ICMP messages received', N],
  ['InParmProbs', 'wrong parameters: %llu', IN],
  ['InRedirects', 'redirects: %llu', IN],
  ['InSrcQuenchs', 'source quenches: %llu', IN],
  ['InTimeExcds', 'timeout in transit: %llu', IN],
  ['InTimestampReps', 'timestamp reply: %llu', IN],
  ['InTimestamps', 'timestamp request: %llu', IN],
  ['OutAddrMaskReps', 'address mask replies: %llu', OUT],
  ['OutAddrMasks', 'address mask requests: %llu', OUT],
  ['OutDestUnreachs', 'destination unreachable: %llu', OUT],
  ['OutEchoReps', 'echo replies: %llu', OUT],
  ['OutEchos', 'echo requests: %llu', OUT],
  ['OutErrors', '%llu ICMP messages failed', N],
  ['OutMsgs', '%llu ICMP messages sent', N],
  ['OutParmProbs', 'wrong parameters: %llu', OUT],
  ['OutRedirects', 'redirect: %llu', OUT],
  ['OutSrcQuenchs', 'source quench: %llu', OUT],
  ['OutTimeExcds', 'time exceeded: %llu', OUT],
  ['OutTimestampReps', 'timestamp replies: %llu', OUT],
  ['OutTimestamps', 'timestamp requests: %llu', OUT],
];

export const ICMP6_TAB: readonly Entry[] = [
  ['Icmp6InDestUnreachs', 'destination unreachable: %llu', IN],
  ['Icmp6InEchoReplies', 'echo replies: %llu', IN],
  ['Icmp6InEchos', 'echo requests: %llu', IN],
  ['Icmp6InErrors', '%llu input ICMP message failed', N],
  ['Icmp6InGroupMembQueries', 'group member queries: %llu', IN],
  ['Icmp6InGroupMembReductions', 'group member reductions: %llu', IN],
  ['Icmp6InGroupMembResponses', 'group member responses: %llu', IN],
  ['Icmp6InMsgs', '%llu ICMP messages received', N],
  ['Icmp6InNeighborAdvertisements', 'neighbour advertisement: %llu', IN],
  ['Icmp6InNeighborSolicits', 'neighbour solicits: %llu', IN],
  ['Icmp6InParmProblems', 'parameter problem: %llu', IN],
  ['Icmp6InPktTooBigs', 'packets too big: %llu', IN],
  ['Icmp6InRedirects', 'redirects: %llu', IN],
  ['Icmp6InRouterAdvertisements', 'router advertisement: %llu', IN],
  ['Icmp6InRouterSolicits', 'router solicits: %llu', IN],
  ['Icmp6InTimeExcds', 'received ICMPv6 time exceeded: %llu', IN],
  ['Icmp6OutDestUnreachs', 'destination unreachable: %llu', OUT],
  ['Icmp6OutEchoReplies', 'echo replies: %llu', OUT],
  ['Icmp6OutEchos', 'echo requests: %llu', OUT],
  ['Icmp6OutGroupMembQueries', 'group member queries: %llu', OUT],
  ['Icmp6OutGroupMembReductions', 'group member reductions: %llu', OUT],
  ['Icmp6OutGroupMembResponses', 'group member responses: %llu', OUT],
  ['Icmp6OutMsgs', '%llu ICMP messages sent', N],
  ['Icmp6OutNeighborAdvertisements', 'neighbor advertisements: %llu', OUT],
  ['Icmp6OutNeighborSolicits', 'neighbor solicits: %llu', OUT],
  ['Icmp6OutParmProblems', 'parameter problem: %llu', OUT],
  ['Icmp6OutPktTooBigs', 'packets too big: %llu', OUT],
  ['Icmp6OutRedirects', 'redirects: %llu', OUT],
  // The trailing space is in net-tools' table: this entry is never found.
  ['Icmp6OutRouterAdvertisements ', 'router advertisement: %llu', OUT],
  ['Icmp6OutRouterSolicits', 'router solicits: %llu', OUT],
  ['Icmp6OutTimeExcds', 'sent ICMPv6 time exceeded: %llu', OUT],
];

export const TCP_TAB: readonly Entry[] = [
  ['ActiveOpens', '%llu active connection openings', N],
  ['AttemptFails', '%llu failed connection attempts', N],
  ['CurrEstab', '%llu connections established', N],
  ['EstabResets', '%llu connection resets received', N],
  ['InErrs', '%llu bad segments received', N],
  ['InSegs', '%llu segments received', N],
  ['MaxConn', '', N],
  ['OutRsts', '%llu resets sent', N],
  ['OutSegs', '%llu segments sent out', N],
  ['PassiveOpens', '%llu passive connection openings', N],
  ['RetransSegs', '%llu segments retransmitted', N],
  ['RtoAlgorithm', 'RTO algorithm is %s', Kind.RtoAlg | STATIC],
  ['RtoMax', '', N],
  ['RtoMin', '', N],
];

export const UDP_TAB: readonly Entry[] = [
  ['InDatagrams', '%llu packets received', N],
  ['InErrors', '%llu packet receive errors', N],
  ['NoPorts', '%llu packets to unknown port received', N],
  ['OutDatagrams', '%llu packets sent', N],
  ['RcvbufErrors', '%llu receive buffer errors', N],
  ['SndbufErrors', '%llu send buffer errors', N],
];

export const UDP6_TAB: readonly Entry[] = [
  ['Udp6InDatagrams', '%llu packets received', N],
  ['Udp6InErrors', '%llu packet receive errors', N],
  ['Udp6NoPorts', '%llu packets to unknown port received', N],
  ['Udp6OutDatagrams', '%llu packets sent', N],
];

export const TCPEXT_TAB: readonly Entry[] = [
  ['DelayedACKLocked', '%llu delayed acks further delayed because of locked socket', O],
  ['DelayedACKLost', 'Quick ack mode was activated %llu times', O],
  ['DelayedACKs', '%llu delayed acks sent', O],
  ['EmbryonicRsts', '%llu resets received for embryonic SYN_RECV sockets', O],
  ['ListenDrops', '%llu SYNs to LISTEN sockets dropped', O],
  ['ListenOverflows', '%llu times the listen queue of a socket overflowed', O],
  ['LockDroppedIcmps', '%llu ICMP packets dropped because socket was locked', O],
  ['OfoPruned', '%llu packets dropped from out-of-order queue because of socket buffer overrun', O],
  ['OutOfWindowIcmps', '%llu ICMP packets dropped because they were out-of-window', O],
  ['PAWSActive', '%llu active connections rejected because of time stamp', O],
  ['PAWSEstab', '%llu packets rejected in established connections because of timestamp', O],
  ['PAWSPassive', '%llu passive connections rejected because of time stamp', O],
  ['PruneCalled', '%llu packets pruned from receive queue because of socket buffer overrun', O],
  ['RcvPruned', '%llu packets pruned from receive queue', O],
  ['SockMallocOOM', 'Ran %llu times out of system memory during packet sending', O],
  ['SyncookiesFailed', '%llu invalid SYN cookies received', O],
  ['SyncookiesRecv', '%llu SYN cookies received', O],
  ['SyncookiesSent', '%llu SYN cookies sent', O],
  ['TCPAbortFailed', '%llu times unable to send RST due to no memory', O],
  ['TCPAbortOnClose', '%llu connections reset due to early user close', O],
  ['TCPAbortOnData', '%llu connections reset due to unexpected data', O],
  ['TCPAbortOnLinger', '%llu connections aborted after user close in linger timeout', O],
  ['TCPAbortOnMemory', '%llu connections aborted due to memory pressure', O],
  ['TCPAbortOnSyn', '%llu connections reset due to unexpected SYN', O],
  ['TCPAbortOnTimeout', '%llu connections aborted due to timeout', O],
  ['TCPDirectCopyFromBacklog', '%llu bytes directly in process context from backlog', O],
  ['TCPDirectCopyFromPrequeue', '%llu bytes directly received in process context from prequeue', O],
  ['TCPDSACKOfoRecv', '%llu DSACKs for out of order packets received', O],
  ['TCPDSACKOfoSent', '%llu DSACKs sent for out of order packets', O],
  ['TCPDSACKOldSent', '%llu DSACKs sent for old packets', O],
  ['TCPDSACKRecv', '%llu DSACKs received', O],
  ['TCPDSackUndo', '%llu congestion window recovered without slow start using DSACK', O],
  ['TCPDSACKUndo', '%llu congestion windows recovered without slow start by DSACK', O],
  ['TCPFACKReorder', 'Detected reordering %llu times using FACK', O],
  ['TCPFastRetrans', '%llu fast retransmits', O],
  ['TCPForwardRetrans', '%llu forward retransmits', O],
  ['TCPFullUndo', '%llu congestion windows fully recovered without slow start', O],
  ['TCPHPAcks', '%llu predicted acknowledgments', O],
  ['TCPHPHits', '%llu packet headers predicted', N],
  ['TCPHPHitsToUser', '%llu packet headers predicted and directly queued to user', O],
  ['TCPLossFailures', '%llu timeouts in loss state', O],
  ['TCPLoss', '%llu TCP data loss events', O],
  ['TCPLossUndo', '%llu congestion windows recovered without slow start after partial ack', O],
  ['TCPLostRetransmits', '%llu retransmits lost', O],
  ['TCPMemoryPressures', 'TCP ran low on memory %llu times', O],
  ['TCPPartialUndo', '%llu congestion windows partially recovered using Hoe heuristic', O],
  ['TCPPrequeued', '%llu packets directly queued to recvmsg prequeue', O],
  ['TCPPrequeueDropped', '%llu packets dropped from prequeue', O],
  ['TCPPureAcks', '%llu acknowledgments not containing data payload received', O],
  ['TCPRcvCollapsed', '%llu packets collapsed in receive queue due to low socket buffer', O],
  ['TCPRenoFailures', '%llu timeouts after reno fast retransmit', O],
  ['TCPRenoRecoveryFailed', '%llu reno fast retransmits failed', O],
  ['TCPRenoRecoveryFail', '%llu classic Reno fast retransmits failed', O],
  ['TCPRenoRecovery', '%llu times recovered from packet loss due to fast retransmit', O],
  ['TCPRenoReorder', 'Detected reordering %llu times using reno fast retransmit', O],
  ['TCPSackFailures', '%llu timeouts after SACK recovery', O],
  ['TCPSackRecoveryFail', '%llu SACK retransmits failed', O],
  ['TCPSackRecovery', '%llu times recovered from packet loss by selective acknowledgements', O],
  ['TCPSACKReneging', '%llu bad SACK blocks received', O],
  ['TCPSACKReorder', 'Detected reordering %llu times using SACK', O],
  ['TCPSchedulerFailed', '%llu times receiver scheduled too late for direct processing', O],
  ['TCPSlowStartRetrans', '%llu retransmits in slow start', O],
  ['TCPTimeouts', '%llu other TCP timeouts', O],
  ['TCPTSReorder', 'Detected reordering %llu times using time stamp', O],
  ['TWKilled', '%llu TCP sockets finished time wait in slow timer', O],
  ['TW', '%llu TCP sockets finished time wait in fast timer', O],
  ['TWRecycled', '%llu time wait sockets recycled by time stamp', O],
];

export const SCTP_TAB: readonly Entry[] = [
  ['SctpAborteds', '%llu Number of Aborteds ', N],
  ['SctpActiveEstabs', '%llu Active Associations', N],
  ['SctpChecksumErrors', '%llu Number of Packets with invalid Checksum', N],
  ['SctpCurrEstab', '%llu Current Associations', N],
  ['SctpFragUsrMsgs', '%llu Number of messages fragmented', N],
  ['SctpInCtrlChunks', '%llu Number of control chunks received', N],
  ['SctpInOrderChunks', '%llu Number of ordered chunks received', N],
  ['SctpInSCTPPacks', '%llu Number of SCTP packets received', N],
  ['SctpInUnorderChunks', '%llu Number of Unordered chunks received', N],
  ['SctpOutCtrlChunks', '%llu Number of control chunks sent', N],
  ['SctpOutOfBlues', '%llu Number of Out of Blue packets', N],
  ['SctpOutOrderChunks', '%llu Number of ordered chunks sent', N],
  ['SctpOutSCTPPacks', '%llu Number of SCTP packets sent', N],
  ['SctpOutUnorderChunks', '%llu Number of Unordered chunks sent', N],
  ['SctpPassiveEstabs', '%llu Passive Associations', N],
  ['SctpReasmUsrMsgs', '%llu Number of messages reassembled ', N],
  ['SctpShutdowns', '%llu Number of Graceful Terminations', N],
];

/** Which `-t/-u/-w` switch a table belongs to. */
export type TableFlag = 'raw' | 'tcp' | 'udp' | 'sctp';

/** `snmptabs[]`: `/proc/net/snmp` and `/proc/net/netstat` titles. */
export const SNMP_TABS: Readonly<Record<string, readonly [readonly Entry[], TableFlag]>> = {
  Ip: [IP_TAB, 'raw'],
  Icmp: [ICMP_TAB, 'raw'],
  Tcp: [TCP_TAB, 'tcp'],
  Udp: [UDP_TAB, 'udp'],
  Sctp: [SCTP_TAB, 'sctp'],
  TcpExt: [TCPEXT_TAB, 'tcp'],
};

/** `snmp6tabs[]`: `/proc/net/snmp6` groups. */
export const SNMP6_TABS: Readonly<Record<string, readonly [readonly Entry[], TableFlag]>> = {
  Ip6: [IP6_TAB, 'raw'],
  Icmp6: [ICMP6_TAB, 'raw'],
  Udp6: [UDP6_TAB, 'udp'],
  Tcp6: [TCP_TAB, 'tcp'],
};
