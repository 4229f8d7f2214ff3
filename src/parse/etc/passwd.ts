/**
 * Parser for `/etc/passwd` (pure): uid → user name, first entry wins (as `getpwuid`).
 *
 * Real input line: `root:x:0:0:root:/root:/bin/bash` → 0 → `root`.
 */
export function parsePasswd(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || line.startsWith('#')) continue;
    const uid = Number(f[2]);
    if (Number.isInteger(uid) && !out.has(uid)) out.set(uid, f[0] as string);
  }
  return out;
}
