/**
 * Parser for `/etc/networks` (pure): network number → name, first entry wins (as `getnetbyaddr`).
 *
 * Real input line (Debian): `link-local	169.254.0.0` → `169.254.0.0` → `link-local`.
 * Short network numbers are read like `inet_network(3)` does (`10.1` is 0.0.10.1), so they
 * match only what glibc would match.
 */
export function parseNetworks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const m = /^(\S+)\s+([\d.]+)/.exec(line);
    if (!m) continue;
    const parts = (m[2] as string).split('.').filter((p) => p !== '');
    if (parts.length > 4) continue;
    while (parts.length < 4) parts.unshift('0');
    const key = parts.map((p) => String(Number(p) & 255)).join('.');
    if (!out.has(key)) out.set(key, m[1] as string);
  }
  return out;
}
