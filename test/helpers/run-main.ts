/** Run `main()` in-process with a fake file system and capture stdout/stderr. */
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
import type { FileReader } from '../../src/probe/io.js';
import { createLinuxProbe } from '../../src/probe/linux.js';
import type { Resolver } from '../../src/probe/names.js';
import { NO_NAMES } from '../../src/render/names.js';

/** A FileReader over a map of absolute path → fixture file (or literal text); anything else is ENOENT. */
export function fakeFs(files: Record<string, string | { text: string }>): FileReader {
  const enoent = (p: string): never => {
    throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  };
  return {
    read(path) {
      const f = files[path];
      if (f === undefined) return enoent(path);
      return typeof f === 'string' ? readFileSync(f, 'latin1') : f.text;
    },
    list: (p) => enoent(p),
    link: (p) => enoent(p),
  };
}

/** A resolver that knows nothing (numeric output), or the given names. */
export function fakeResolver(hosts: Record<string, string> = {}): Resolver {
  return { resolve: async () => ({ ...NO_NAMES, hosts: new Map(Object.entries(hosts)) }) };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run tsnetstat with `argv` on a Linux probe over `fs`. `bytes`: the output also takes bytes at
 * once (`writeBytes`, as standard output on Linux does); `writes` counts the writes of each kind.
 */
export async function runMain(
  argv: string[],
  fs: FileReader,
  opts: { resolver?: Resolver; platform?: string; bytes?: boolean; writes?: { strings: number; bytes: number } } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env: {},
    platform: opts.platform ?? 'linux',
    stdout: {
      isTTY: false,
      write: async (s) => {
        if (opts.writes) opts.writes.strings++;
        stdout += s;
        return true;
      },
      // (A copy at once: the writer reuses its buffer once this returns.)
      ...(opts.bytes
        ? {
            writeBytes: (b: Uint8Array, n: number) => {
              if (opts.writes) opts.writes.bytes++;
              stdout += Buffer.from(b.subarray(0, n)).toString('utf8');
            },
          }
        : {}),
    },
    stderr: { write: (s) => void (stderr += s) },
    createProbe: async () => createLinuxProbe({ fs, procRoot: '/proc', sysRoot: '/sys', littleEndian: true }),
    createResolver: () => opts.resolver ?? fakeResolver(),
    sleep: async () => false,
    interrupted: () => true,
  });
  return { code, stdout, stderr };
}
