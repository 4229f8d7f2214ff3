/**
 * Members the built-in styles share (each style object spreads them in, and may override one):
 * the watch row cut out of the style's own listing, the standard gutter, the standard
 * `--changes` line.
 */
import { WATCH_GUTTER } from '../screen.js';
import { changeLine } from './change-row.js';
import { cutRows } from './cut-rows.js';
import type { Style } from './style.js';

/** `watchRow`, `gutter` and `changeRow` for the style `self()` returns (a getter: the object is still being built). */
export function sharedMembers(self: () => Style): Pick<Style, 'watchRow' | 'gutter' | 'changeRow'> {
  return {
    watchRow: (q, ctx) => cutRows(self(), q, ctx),
    gutter: WATCH_GUTTER,
    changeRow: (c, time, ctx) => changeLine(self(), c, time, ctx),
  };
}
