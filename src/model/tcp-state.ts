/**
 * Canonical socket states and one mapping table per source or spelling.
 * Canonical names follow net-tools (`LISTEN`, `SYN_RECV`, `FIN_WAIT1` …).
 */

/** Canonical state names (the `state` field of the JSON contract). */
export const TCP_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'BOUND',
  'UNKNOWN',
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/** Linux kernel TCP state numbers (`include/net/tcp_states.h`), as in the `st` column of `/proc/net/tcp`. */
export const LINUX_TCP_STATE: Readonly<Record<number, TcpState>> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  // 12 is TCP_NEW_SYN_RECV: a request socket, shown as SYN_RECV.
  12: 'SYN_RECV',
};

/** Windows `MIB_TCP_STATE` values (tcpmib.h) as returned by the IP Helper API. */
export const WINDOWS_MIB_TCP_STATE: Readonly<Record<number, TcpState>> = {
  1: 'CLOSE', // MIB_TCP_STATE_CLOSED
  2: 'LISTEN',
  3: 'SYN_SENT',
  4: 'SYN_RECV',
  5: 'ESTABLISHED',
  6: 'FIN_WAIT1',
  7: 'FIN_WAIT2',
  8: 'CLOSE_WAIT',
  9: 'CLOSING',
  10: 'LAST_ACK',
  11: 'TIME_WAIT',
  12: 'CLOSE', // MIB_TCP_STATE_DELETE_TCB
};

/** How `netstat.exe` spells each state. */
export const WINDOWS_STATE_NAME: Readonly<Record<TcpState, string>> = {
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RECEIVED',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  TIME_WAIT: 'TIME_WAIT',
  CLOSE: 'CLOSED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  LAST_ACK: 'LAST_ACK',
  LISTEN: 'LISTENING',
  CLOSING: 'CLOSING',
  BOUND: 'BOUND',
  UNKNOWN: 'UNKNOWN',
};

/** How BSD/macOS `netstat` spells each state. */
export const BSD_STATE_NAME: Readonly<Record<TcpState, string>> = {
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RCVD',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
  TIME_WAIT: 'TIME_WAIT',
  CLOSE: 'CLOSED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  LAST_ACK: 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  BOUND: 'BOUND',
  UNKNOWN: 'UNKNOWN',
};

/** How iproute2 `ss` spells each state. */
export const SS_STATE_NAME: Readonly<Record<TcpState, string>> = {
  ESTABLISHED: 'ESTAB',
  SYN_SENT: 'SYN-SENT',
  SYN_RECV: 'SYN-RECV',
  FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE: 'UNCONN',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  BOUND: 'BOUND',
  UNKNOWN: 'UNKNOWN',
};

/**
 * Every spelling any supported tool prints, mapped to the canonical state (upper-cased keys).
 * Used by text parsers; localised Windows spellings live with the Windows parser.
 */
export const STATE_ALIASES: Readonly<Record<string, TcpState>> = (() => {
  const out: Record<string, TcpState> = {};
  for (const table of [WINDOWS_STATE_NAME, BSD_STATE_NAME, SS_STATE_NAME]) {
    for (const [canon, spelled] of Object.entries(table)) out[spelled.toUpperCase()] = canon as TcpState;
  }
  for (const s of TCP_STATES) out[s] = s;
  out['CLOSED'] = 'CLOSE';
  out['UNCONN'] = 'CLOSE';
  out['ESTAB'] = 'ESTABLISHED';
  out['DELETE_TCB'] = 'CLOSE';
  out['SYN_RCVD'] = 'SYN_RECV';
  out['SYN_RECEIVED'] = 'SYN_RECV';
  out['LISTENING'] = 'LISTEN';
  return out;
})();

/** True for a canonical state name. */
export function isTcpState(s: string): s is TcpState {
  return (TCP_STATES as readonly string[]).includes(s);
}
