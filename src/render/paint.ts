/**
 * Colour for terminals. Renderers take an optional `Paint`; without one (colour off, pipes, files)
 * they print exactly the native bytes and pay nothing. chalk is imported only by `loadPaint()`
 * (render/chalk-paint.ts), which the entry calls once it has decided that colour is on (`cli/color.ts`).
 */
import type { ChalkInstance } from 'chalk';
import type { TcpState } from '../model/tcp-state.js';

/** How text is decorated. Every method returns its input unchanged in `PLAIN`. */
export interface Paint {
  /** A state word (in the style's spelling), coloured by its canonical state. */
  state(text: string, state: TcpState | null): string;
  /** Marks and lines of the watch screen and change events. */
  added(text: string): string;
  removed(text: string): string;
  changed(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  /** Exposure warnings. */
  warning(text: string): string;
  /** The watch status line, table titles. */
  title(text: string): string;
}

const same = (s: string): string => s;

/** No colour: the identity everywhere. */
export const PLAIN: Paint = { state: same, added: same, removed: same, changed: same, dim: same, bold: same, warning: same, title: same };

type Colour = 'green' | 'cyan' | 'yellow' | 'red' | 'magenta' | 'blue' | 'gray';

/**
 * One colour per state: listening cyan, established green, opening yellow, closing magenta,
 * CLOSE_WAIT red (the local program has not closed: often a leak), closed/unknown grey.
 */
export const STATE_COLOUR: Readonly<Record<TcpState, Colour>> = {
  LISTEN: 'cyan',
  ESTABLISHED: 'green',
  SYN_SENT: 'yellow',
  SYN_RECV: 'yellow',
  FIN_WAIT1: 'magenta',
  FIN_WAIT2: 'magenta',
  TIME_WAIT: 'magenta',
  CLOSING: 'magenta',
  LAST_ACK: 'magenta',
  CLOSE_WAIT: 'red',
  CLOSE: 'gray',
  BOUND: 'blue',
  UNKNOWN: 'gray',
};

/** A Paint over a chalk instance (tests pass `new Chalk({ level: 1 })`). */
export function paintWith(c: ChalkInstance): Paint {
  return {
    state: (text, state) => (state === null || text === '' ? text : c[STATE_COLOUR[state]](text)),
    added: (t) => c.green.bold(t),
    removed: (t) => c.red(t),
    changed: (t) => c.yellow.bold(t),
    dim: (t) => c.dim(t),
    bold: (t) => c.bold(t),
    warning: (t) => c.red.bold(t),
    title: (t) => c.inverse(t),
  };
}

