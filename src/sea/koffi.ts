/**
 * koffi inside the standalone executable: the SEA build maps every `import('koffi')` here. The
 * package and its native addon are extracted from the executable's assets (src/sea/assets.ts)
 * and loaded with a real `require` rooted in the extraction directory (the `require` of an
 * injected main script only knows Node's built-in modules). A failure throws: the callers fall
 * back, as when koffi is not installed (Linux: `/proc`; Windows: `netstat.exe` text).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

let extractor: (() => string) | undefined;

/** Set by the standalone entry: extracts the carried files and returns their directory. */
export function setExtractor(fn: () => string): void {
  extractor = fn;
}

/** koffi's module object, loaded from the extraction directory. */
export function loadKoffi(): unknown {
  if (!extractor) throw new Error('koffi is not carried by this build');
  const dir = extractor();
  return createRequire(join(dir, 'index.cjs'))('koffi');
}
