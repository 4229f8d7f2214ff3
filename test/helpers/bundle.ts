/**
 * What the built command really loads: run `bin/tsnetstat.js` with Node's module debug log and
 * collect the packages (under node_modules) it loaded. The CLI is one CommonJS file; optional
 * packages (koffi, chalk, cli-table3, systeminformation) are import()-ed only where used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT = existsSync(join(ROOT, 'dist/cli.cjs'));

/** True where `unshare -n` gives a private, empty network namespace (root on Linux). */
export const CAN_UNSHARE = process.platform === 'linux' && spawnSync('unshare', ['-n', 'true']).status === 0;

/**
 * Package names loaded by `tsnetstat …args` (from NODE_DEBUG=esm,module on stderr). With `empty`,
 * it runs in a new network namespace, so the socket tables are small whatever the machine holds.
 */
export function loadedPackages(args: string[], env: Record<string, string> = {}, empty = false): Set<string> {
  const cmd = [process.execPath, join(ROOT, 'bin/tsnetstat.js'), ...args];
  const [file, argv] = empty && CAN_UNSHARE ? ['unshare', ['-n', ...cmd]] : [cmd[0] as string, cmd.slice(1)];
  const r = spawnSync(file, argv, {
    env: { ...process.env, ...env, NODE_DEBUG: 'esm,module' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = new Set<string>();
  for (const m of r.stderr.matchAll(/node_modules\/((?:@[^/\s'"]+\/)?[^/\s'"]+)/g)) out.add(m[1] as string);
  return out;
}
