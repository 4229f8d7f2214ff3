/** A canonical state in the spelling of a style's native tool (pure). */
import type { Style } from '../model/query.js';
import { BSD_STATE_NAME, WINDOWS_STATE_NAME, type TcpState } from '../model/tcp-state.js';

/** `SYN_RECV` → `SYN_RECEIVED` (Windows), `SYN_RCVD` (macOS), `SYN_RECV` (Linux). */
export function stateName(style: Style, state: TcpState): string {
  return style === 'windows' ? WINDOWS_STATE_NAME[state] : style === 'macos' ? BSD_STATE_NAME[state] : state;
}
