/**
 * A routing table entry, from any OS (`netstat -r`, `route print`, `/proc/net/route`,
 * `GetIpForwardTable2`). Addresses are text; `null` means "none" (on-link / direct).
 */
export interface Route {
  family: 'inet' | 'inet6';
  /** Destination network (`0.0.0.0` / `::` for the default route). */
  destination: string;
  prefixLength: number;
  /** IPv4 netmask in dotted form (derived from prefixLength when the source has none). */
  netmask?: string;
  /** Next hop; null for on-link (direct) routes. */
  gateway: string | null;
  /** Interface name (`eth0`, `lo`) or, on Windows, the interface's address/alias. */
  interface: string;
  interfaceIndex?: number;
  /** The interface's own IPv4/IPv6 address (Windows `Interface` column), when known. */
  interfaceAddress?: string;
  metric: number;
  /** Route flags as net-tools letters (`U`, `G`, `H`, `D`, `M`, `R`, `!`, `A`, `C`, `f`, `u`). */
  flags: string;
  /** Raw flag bits as the source gave them (Linux RTF_*). */
  flagBits?: number;
  refCnt?: number;
  use?: number;
  mss?: number;
  window?: number;
  irtt?: number;
  /** Routing table (Linux `main`, `local`) or protocol origin, when known. */
  table?: string;
  /**
   * Windows: a persistent (configured) route. Such records are listed under `Persistent Routes:`
   * only; the route the system made active from it is a separate record.
   */
  persistent?: boolean;
  /** BSD `Expire` column text (`866`, `!`), when the source prints one. */
  expire?: string;
  /** Route MTU, where the source prints one (BSD `netstat -rnl`). */
  mtu?: number;
  /** The source's own flag letters when they differ from net-tools' (BSD `UGSc`, `UHLWIi`). */
  nativeFlags?: string;
  /** The source printed the destination cut by its column (`fe80::20d:93ff:fe8`): kept as printed, no scope added. */
  destinationCut?: boolean;
}

/** Convert a prefix length to a dotted IPv4 netmask (`24` → `255.255.255.0`). */
export function prefixToNetmask(bits: number): string {
  const m = bits <= 0 ? 0 : (0xffffffff << (32 - Math.min(bits, 32))) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

/** Convert a dotted IPv4 netmask to a prefix length (`255.255.255.0` → 24). */
export function netmaskToPrefix(mask: string): number {
  return mask
    .split('.')
    .map((p) => Number(p) >>> 0)
    .reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0);
}
