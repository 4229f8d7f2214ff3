/** A canonical state in the spelling of a style's native tool (pure): the style's `stateWord`. */
import type { StyleName } from '../model/query.js';
import type { TcpState } from '../model/tcp-state.js';
import { styleFrom } from './styles/registry.js';
import type { Style } from './styles/style.js';

/** `SYN_RECV` → `SYN_RECEIVED` (Windows), `SYN_RCVD` (macOS), `SYN_RECV` (Linux). */
export function stateName(style: Style | StyleName, state: TcpState): string {
  return styleFrom(style).stateWord(state);
}
