/**
 * Parser for `/proc/net/fib_trie` (pure): the IPv4 addresses this host owns (the `/32 host LOCAL`
 * leaves), which `/proc/net/route` does not list. Used to name each interface's IPv4 address.
 *
 * Real input (this machine, `cat /proc/net/fib_trie`):
 * `           |-- 192.0.2.2` / `              /32 host LOCAL` → `['192.0.2.2']`.
 */
export function parseFibTrieLocals(text: string): string[] {
  const out = new Set<string>();
  let leaf: string | null = null;
  for (const line of text.split('\n')) {
    const m = /\|--\s+(\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    if (m) {
      leaf = m[1] as string;
      continue;
    }
    if (leaf && /^\s+\/32 host LOCAL\s*$/.test(line)) out.add(leaf);
  }
  return [...out];
}
