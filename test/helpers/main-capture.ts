/** Run `main()` on `--parse` captures from fixtures/ (no probe, no names); collect the output. */
import { readFile } from 'node:fs/promises';
import { main, type MainDeps } from '../../src/cli/main.js';
import { NO_NAMES } from '../../src/render/names.js';

export interface CaptureRunOptions {
  /** In-memory inputs by path (read instead of fixtures/). */
  mem?: Record<string, Uint8Array | string>;
  /** What `--parse -` reads. */
  stdin?: string;
  /** The clock (event timestamps). */
  now?: () => Date;
  /** The host OS main() is told it runs on (default linux). */
  platform?: NodeJS.Platform;
}

export async function runOnCapture(argv: string[], opts: CaptureRunOptions = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const deps: MainDeps = {
    argv,
    env: {},
    platform: opts.platform ?? 'linux',
    stdout: { isTTY: false, write: async (c) => ((out += c), true) },
    stderr: { write: (s) => void (err += s) },
    createProbe: () => Promise.reject(new Error('the OS must not be probed with --parse')),
    createResolver: () => ({ resolve: async () => NO_NAMES }),
    sleep: async () => false,
    interrupted: () => false,
    readInput: async (path) => {
      if (path === '-' && opts.stdin !== undefined) return Buffer.from(opts.stdin);
      const m = opts.mem?.[path];
      if (m !== undefined) return typeof m === 'string' ? Buffer.from(m) : m;
      return readFile(new URL(path, new URL('../../fixtures/', import.meta.url)));
    },
    readServices: () => '',
    ...(opts.now ? { now: opts.now } : {}),
  };
  return { code: await main(deps), out, err };
}
