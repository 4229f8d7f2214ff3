/**
 * Whether output is coloured (pure): decided once, at the entry, from `--color`, the environment
 * and whether standard output is a terminal.
 *
 * 1. `--color=always` / `--color=never` win.
 * 2. `FORCE_COLOR` set: on, unless it is `0` or `false` (as Node and chalk read it; it wins over
 *    `NO_COLOR`, as in Node).
 * 3. `NO_COLOR` set to anything but the empty string: off (no-color.org).
 * 4. Otherwise on for a terminal, unless `TERM=dumb`.
 *
 * Machine formats (`--json`, `--csv`) are never coloured.
 */
import type { Query } from '../model/query.js';

export function colorEnabled(
  when: Query['color'],
  format: Query['format'],
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (format !== 'text' || when === 'never') return false;
  if (when === 'always') return true;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const no = env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  return isTTY && env['TERM'] !== 'dumb';
}
