/**
 * koffi's native module, loaded straight from its platform package: ~3 ms, against ~11 ms for
 * `require('koffi')`, whose loader probes paths, reads package files, copies every export of
 * `node:fs` and `node:util` into ES-module wrappers and wraps deprecated names before it loads
 * the same file (measured with Node 20 and koffi 3.3, in-process). The native module carries
 * koffi's whole API (`load`, `alloc`, `decode`, …); its loader only adds deprecated aliases.
 *
 * Anything unexpected — no `require` (an ES module build), another package layout, a native
 * version other than its package's, a musl system — gives null, and `loadKoffi` imports koffi as
 * usual (the standalone build maps that import to the koffi it extracts).
 */
import { dirname, join } from 'node:path';

/**
 * koffi from `@koromix/koffi-<platform>-<arch>/<platform>_<arch>/koffi.node` through `req` (this
 * bundle's `require` by default), or null.
 */
export function nativeKoffi(req: NodeJS.Require | null = typeof require === 'function' ? require : null): typeof import('koffi') | null {
  try {
    if (req === null) return null;
    const pkg = `@koromix/koffi-${process.platform}-${process.arch}`;
    const manifest = req.resolve(`${pkg}/package.json`);
    const { version } = req(manifest) as { version?: unknown };
    const native = req(join(dirname(manifest), `${process.platform}_${process.arch}`, 'koffi.node')) as { version?: unknown; load?: unknown };
    if (typeof version !== 'string' || native.version !== version || typeof native.load !== 'function') return null;
    return native as unknown as typeof import('koffi');
  } catch {
    return null;
  }
}

/** koffi for the Linux FFI calls: its native module directly where possible, else koffi's loader. */
export async function loadKoffi(): Promise<typeof import('koffi')> {
  const native = nativeKoffi();
  if (native) return native;
  const mod = (await import('koffi')) as unknown as { default?: typeof import('koffi') };
  return (mod.default ?? mod) as typeof import('koffi');
}
