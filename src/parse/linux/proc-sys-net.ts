/**
 * `/proc/sys/net` settings the diagnosis reads (pure).
 *
 * Real input (`/proc/sys/net/ipv4/ip_local_port_range` of a Debian 12 host, kernel 6.18):
 * `32768\t60999` → `{ low: 32768, high: 60999 }`; `/proc/sys/net/ipv4/tcp_syncookies`: `1` → 1.
 */

/** The two numbers of `ip_local_port_range`; null when the text is not two ports in order. */
export function parsePortRange(text: string): { low: number; high: number } | null {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m) return null;
  const low = Number(m[1]);
  const high = Number(m[2]);
  return low <= high && high <= 65535 ? { low, high } : null;
}

/** A single-integer sysctl (`1\n`); null otherwise. */
export function parseSysctlInt(text: string): number | null {
  const m = /^\s*(-?\d+)\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}
