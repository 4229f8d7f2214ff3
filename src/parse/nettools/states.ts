/**
 * State words net-tools `netstat` prints, in English and in the translations it ships
 * (`po/*.po`), mapped to canonical states. One table per socket kind.
 */
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';

/** Translated TCP state words (net-tools `po/de.po`: only ESTABLISHED is translated). */
const TCP_LOCALISED: Readonly<Record<string, TcpState>> = {
  VERBUNDEN: 'ESTABLISHED', // de
  UNBEKANNT: 'UNKNOWN', // de
};

/** A TCP/UDP state word of net-tools (any shipped language) → canonical state, or undefined. */
export function netToolsInetState(word: string): TcpState | undefined {
  const w = word.toUpperCase();
  return STATE_ALIASES[w] ?? TCP_LOCALISED[w];
}

/** Unix socket state words (`LISTENING`, `CONNECTED` …, German `HÖRT`, `VERBUNDEN` …) → canonical state. */
export const NETTOOLS_UNIX_STATE: Readonly<Record<string, TcpState | null>> = {
  FREE: null,
  LISTENING: 'LISTEN',
  CONNECTING: 'SYN_SENT',
  CONNECTED: 'ESTABLISHED',
  DISCONNECTING: 'CLOSING',
  UNKNOWN: 'UNKNOWN',
  // de
  FREI: null,
  HÖRT: 'LISTEN',
  VERBINDUNGSAUFBAU: 'SYN_SENT',
  VERBUNDEN: 'ESTABLISHED',
  VERBINDUNGSABBAU: 'CLOSING',
  UNBEKANNT: 'UNKNOWN',
};

/** Unix socket type words (German `SEQPAKET` included). */
export const NETTOOLS_UNIX_TYPE: Readonly<Record<string, 'STREAM' | 'DGRAM' | 'RAW' | 'RDM' | 'SEQPACKET' | 'UNKNOWN'>> = {
  STREAM: 'STREAM',
  DGRAM: 'DGRAM',
  RAW: 'RAW',
  RDM: 'RDM',
  SEQPACKET: 'SEQPACKET',
  SEQPAKET: 'SEQPACKET',
  UNKNOWN: 'UNKNOWN',
  UNBEKANNT: 'UNKNOWN',
};
