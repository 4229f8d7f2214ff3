/**
 * State words of `netstat.exe`, English and translated, mapped to canonical states (pure).
 *
 * Most Windows languages keep the English words (the French, Spanish, Russian and Chinese captures in
 * `fixtures/windows` do); some translate them. The table below holds the translations seen in
 * public captures and in the test data of tools that parse them (German is the best attested,
 * including `ABHÖREN` mangled to `ABH™REN` by a code-page mix-up). Words the table lacks are not
 * fatal: `parseWindowsNetstat` recognises listeners by shape (TCP, foreign `0.0.0.0:0`/`[::]:0`).
 *
 * Lookups go through {@link stateKey}, which folds case and turns every run of non-ASCII
 * characters into one `?`, so a word survives being decoded with the wrong code page
 * (`ABHÖREN`, `ABH™REN` and `ABH\uFFFDREN` all become `ABH?REN`).
 */
import { STATE_ALIASES, type TcpState } from '../../model/tcp-state.js';

/** Translated state words, as netstat.exe prints them. */
export const LOCALIZED_STATES: Readonly<Record<string, TcpState>> = {
  // German
  ABHÖREN: 'LISTEN',
  HERGESTELLT: 'ESTABLISHED',
  WARTEND: 'TIME_WAIT',
  SCHLIESSEN_WARTEN: 'CLOSE_WAIT',
  SYN_GESENDET: 'SYN_SENT',
  FIN_WARTEN_1: 'FIN_WAIT1',
  FIN_WARTEN_2: 'FIN_WAIT2',
  SCHLIESSEND: 'CLOSING',
  // Spanish
  ESCUCHANDO: 'LISTEN',
  ESTABLECIDO: 'ESTABLISHED',
  // Italian (the listening state is two words)
  'IN ASCOLTO': 'LISTEN',
  STABILITO: 'ESTABLISHED',
  STABILITA: 'ESTABLISHED',
  // Polish
  NASŁUCHIWANIE: 'LISTEN',
};

/** Normalised lookup key of a state word: upper case, non-ASCII runs → `?`, single spaces. */
export function stateKey(word: string): string {
  return word
    .toUpperCase()
    .replace(/[^\x20-\x7e]+/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

const TABLE: ReadonlyMap<string, TcpState> = (() => {
  const m = new Map<string, TcpState>();
  for (const [w, s] of Object.entries(STATE_ALIASES)) m.set(stateKey(w), s);
  for (const [w, s] of Object.entries(LOCALIZED_STATES)) m.set(stateKey(w), s);
  return m;
})();

/** The canonical state of a netstat.exe state word (any language in the table), or undefined. */
export function windowsStateOf(word: string): TcpState | undefined {
  return TABLE.get(stateKey(word));
}
