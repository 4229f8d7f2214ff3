/**
 * Parser for `/etc/services` (pure).
 *
 * Real input line (Debian netbase):
 * ```
 * https		443/tcp				# http protocol over TLS/SSL
 * ```
 * → `tcp` table: 443 → `https`.
 *
 * When a port is listed twice for one protocol the **last** entry wins, as in net-tools,
 * which builds its lookup list by prepending every `getservent()` result.
 */

/** Port → name tables per protocol. */
export interface ServiceTable {
  tcp: Map<number, string>;
  udp: Map<number, string>;
}

export function parseServices(text: string): ServiceTable {
  const tcp = new Map<number, string>();
  const udp = new Map<number, string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!line) continue;
    const m = /^(\S+)\s+(\d+)\/(\w+)/.exec(line);
    if (!m) continue;
    const port = Number(m[2]);
    const proto = (m[3] as string).toLowerCase();
    if (proto === 'tcp') tcp.set(port, m[1] as string);
    else if (proto === 'udp') udp.set(port, m[1] as string);
  }
  return { tcp, udp };
}

/**
 * Parser for `/etc/protocols` (pure): number → name, last entry wins.
 * Real input line: `icmp	1	ICMP		# internet control message protocol` → 1 → `icmp`.
 */
export function parseProtocols(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const m = /^(\S+)\s+(\d+)/.exec(line);
    if (m) out.set(Number(m[2]), m[1] as string);
  }
  return out;
}
