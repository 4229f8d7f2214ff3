/**
 * Parser for net-tools routing tables (pure): `netstat -r`, `-rn`, `-rne`, `-rnee`, `route -n`
 * (IPv4: Destination/Gateway/Genmask) and `netstat -rn -A inet6` / `route -6 -n` (IPv6:
 * Destination/Next Hop). Columns are read from the header, so `-e`/`-ee` variants work.
 *
 * Without `-n`, IPv6 rows print `[::]` and names (`route -A inet6`, CentOS 7):
 * `[::]/0                         gateway                    UG   100 1     7 ens160`.
 *
 * Real input line (`netstat -rnee`, CentOS 7.7):
 * ```
 * 0.0.0.0         192.168.71.2    0.0.0.0         UG    100    0        0 ens33    0     0      0
 * ```
 * → `{ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.71.2',
 *      interface: 'ens33', metric: 100, flags: 'UG', refCnt: 0, use: 0, mss: 0, window: 0, irtt: 0 }`
 */
import { netmaskToPrefix, type Route } from '../../model/route.js';
import { numberedLines, Skips, tokens, type CaptureOptions, type Line, type ParsedText } from '../common/text.js';

/** An IPv4 route row: destination, gateway, dotted genmask, flags. */
export const NETTOOLS_ROUTE4_ROW = /^\S+\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+[A-Za-z!]+\s+\d/;
/**
 * An IPv6 route row: prefix/len, next hop, flags, metric, ref, use, interface. Without `-n` the
 * destination and next hop may be `[::]`, `[::]/0` or names (`localhost/128`, `gateway`).
 */
export const NETTOOLS_ROUTE6_ROW = /^[^\s/]+\/\d+\s+\S+\s+[A-Za-z!]+\s+-?\d+\s+\d+\s+\d+\s+\S+\s*$/;

/** `[::]` (how net-tools prints the unspecified address without `-n`) → `::`; anything else as printed. */
function unbracket(addr: string): string {
  return addr.startsWith('[') && addr.endsWith(']') ? addr.slice(1, -1) : addr;
}

/** Column names (English and German) → field. */
const COLUMN: Readonly<Record<string, keyof Route | 'skip'>> = {
  Metric: 'metric',
  Metrik: 'metric',
  Met: 'metric',
  Ref: 'refCnt',
  Use: 'use',
  Benutzt: 'use',
  MSS: 'mss',
  Window: 'window',
  Fenster: 'window',
  irtt: 'irtt',
  Iface: 'interface',
  If: 'interface',
};

/** Parse a net-tools IPv4 or IPv6 routing table. */
export function parseNetToolsRoutes(text: string, opts: CaptureOptions): ParsedText<Route> {
  const records: Route[] = [];
  const skips = new Skips(opts.source);
  let columns4: string[] = ['Metric', 'Ref', 'Use', 'Iface'];
  const lines = numberedLines(text);
  const isHeader = (t: string): boolean => /^Destination\s+(Gateway\s+Genmask|Next Hop)/.test(t) || /^\S+\s+\S+\s+Genmask\s+Flags/.test(t);
  /** The next non-blank line after line index `n` (no copy of the rest: this runs for every line). */
  const nextText = (n: number): string => {
    for (let k = n + 1; k < lines.length; k++) if ((lines[k] as Line).text.trim() !== '') return (lines[k] as Line).text;
    return '';
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as Line;
    const t = line.text;
    if (t.trim() === '') continue;
    const tk = tokens(t);
    if (/^Destination\s+Gateway\s+Genmask\s+Flags/.test(t) || (tk[2] === 'Genmask' && tk[3] === 'Flags')) {
      columns4 = tk.slice(4);
      continue;
    }
    // The title ("Kernel IP routing table", translated or not) is the line before a header.
    if (isHeader(t) || isHeader(nextText(n))) continue;
    if (NETTOOLS_ROUTE6_ROW.test(t)) {
      const [dest, hop, flags, met, ref, use, iface] = tk as [string, string, string, string, string, string, string];
      const slash = dest.lastIndexOf('/');
      const next = unbracket(hop);
      records.push({
        family: 'inet6',
        // Names (`localhost`, `host.example.net`) are kept as printed: the capture's resolver is gone.
        destination: unbracket(dest.slice(0, slash)),
        prefixLength: Number(dest.slice(slash + 1)),
        gateway: next === '::' || next === '*' ? null : next,
        interface: iface,
        // net-tools prints the "infinite" metric 0xffffffff with %d, as -1: kept as printed, like
        // the /proc/net/ipv6_route parser does (and the net-tools renderer expects).
        metric: Number(met),
        flags,
        refCnt: Number(ref),
        use: Number(use),
      });
      continue;
    }
    if (NETTOOLS_ROUTE4_ROW.test(t)) {
      const [dest, gw, mask, flags] = tk as [string, string, string, string];
      const r: Route = {
        family: 'inet',
        destination: dest === 'default' ? '0.0.0.0' : dest,
        prefixLength: netmaskToPrefix(mask),
        netmask: mask,
        gateway: gw === '0.0.0.0' || gw === '*' ? null : gw,
        interface: '',
        metric: 0,
        flags,
      };
      const rest = tk.slice(4);
      // A route without an interface prints nothing in the Iface column.
      for (let i = 0; i < columns4.length && i < rest.length; i++) {
        const field = COLUMN[columns4[i] as string];
        const v = rest[i] as string;
        if (field === 'interface') r.interface = v;
        else if (field && field !== 'skip' && /^-?\d+$/.test(v)) (r as unknown as Record<string, number>)[field] = Number(v);
      }
      records.push(r);
      continue;
    }
    skips.add(line, 'not a net-tools route row');
  }
  return { records, skipped: skips.list, notes: [] };
}
