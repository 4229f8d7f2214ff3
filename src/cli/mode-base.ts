/**
 * What every whole-snapshot mode is handed (the watch screen, `--changes`, `--summary`,
 * `--exposed` in `modes.ts`, and `--diagnose` in `diagnose-mode.ts`). Its own module so that both
 * can name it without importing each other.
 */
import type { Query } from '../model/query.js';
import type { Probe } from '../probe/types.js';
import type { Paint } from '../render/paint.js';
import type { LoopDeps } from '../watch/loop.js';
import type { Output } from './output.js';

export interface ModeBase {
  q: Query;
  probe: Probe;
  out: Output;
  eol: string;
  warn(message: string): void;
  /** Colour (terminals only); undefined: plain native bytes. */
  paint: Paint | undefined;
  loop: LoopDeps;
  now(): Date;
}
