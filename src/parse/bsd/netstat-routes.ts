/**
 * Parser for BSD-family routing tables (pure): macOS and FreeBSD `netstat -r`, `-rn`, `-rnl`.
 * Sections `Internet:` / `Internet6:`; columns from each header (`Refs Use`, `Mtu`, `Expire`
 * come and go between versions). BSD shorthand destinations are expanded (`127` → 127.0.0.0/8,
 * `192.168.1` → /24, `default` → /0); `link#10` gateways are on-link (interface index 10).
 *
 * Real input line (`netstat -rnl`, macOS 10.14):
 * ```
 * default            192.168.1.254      UGSc           83       24   1500     en0
 * ```
 * → `{ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.1.254',
 *      interface: 'en0', metric: 0, flags: 'UG', nativeFlags: 'UGSc', refCnt: 83, use: 24, mtu: 1500 }`
 */
import { prefixToNetmask, type Route } from '../../model/route.js';
import { numberedLines, Skips, spans, type CaptureOptions, type ParsedText } from '../common/text.js';

/** BSD flag letters that have a net-tools equivalent (`R` reject and `B` blackhole are net-tools `!`). */
const TO_NETTOOLS: Readonly<Record<string, string>> = { U: 'U', G: 'G', H: 'H', D: 'D', M: 'M', R: '!', B: '!' };

/** BSD route flags → net-tools letters. */
export function bsdRouteFlags(flags: string): string {
  let out = '';
  for (const f of flags) {
    const n = TO_NETTOOLS[f];
    if (n && !out.includes(n)) out += n;
  }
  return out;
}

/** Expand a BSD destination to address and prefix length. */
export function bsdDestination(dest: string, family: 'inet' | 'inet6', host: boolean): { destination: string; prefixLength: number } {
  if (dest === 'default') return { destination: family === 'inet' ? '0.0.0.0' : '::', prefixLength: 0 };
  const slash = dest.lastIndexOf('/');
  let addr = slash >= 0 ? dest.slice(0, slash) : dest;
  let prefix = slash >= 0 ? Number(dest.slice(slash + 1)) : NaN;
  if (family === 'inet') {
    const parts = addr.split('.');
    if (parts.every((p) => /^\d+$/.test(p)) && parts.length <= 4) {
      if (Number.isNaN(prefix)) prefix = host ? 32 : parts.length * 8;
      while (parts.length < 4) parts.push('0');
      addr = parts.join('.');
    } else if (Number.isNaN(prefix)) prefix = 32; // a host name
  } else if (Number.isNaN(prefix)) prefix = 128;
  return { destination: addr, prefixLength: prefix };
}

/** True for IPv6 text (colons, but not a 6-part MAC address like `0:d:93:2:f7:2c`). */
function isIpv6Text(a: string): boolean {
  return a.includes(':') && !/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(a);
}

/** Parse a BSD `netstat -r` listing. */
export function parseBsdRoutes(text: string, opts: CaptureOptions): ParsedText<Route> {
  const records: Route[] = [];
  const skips = new Skips(opts.source);
  let family: 'inet' | 'inet6' | null = null;
  let columns: string[] = [];
  // Width of the Destination column (`%-18.18s` without -W): a destination this long may be cut.
  let destWidth = Infinity;
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '' || /^Routing tables/.test(t)) continue;
    if (/^Internet:\s*$/.test(t)) {
      family = 'inet';
      continue;
    }
    if (/^Internet6:\s*$/.test(t)) {
      family = 'inet6';
      continue;
    }
    if (/^Destination\s+Gateway\s+Flags/.test(t)) {
      columns = t.trim().split(/\s+/);
      destWidth = t.indexOf('Gateway') - 1;
      continue;
    }
    // A copy that lost its `Internet:` title: the family of each row from its addresses.
    const sectionless = !family && columns.length > 0 && !/^[A-Za-z]+:\s*$/.test(t);
    if (!sectionless && (!family || columns.length === 0)) {
      skips.add(line, family ? 'route row before a header' : /^[A-Za-z]+:\s*$/.test(t) ? 'route table of another address family' : 'not a route row');
      if (/^[A-Za-z]+:\s*$/.test(t)) family = null;
      continue;
    }
    const sp = spans(t);
    if (sp.length < 3) {
      skips.add(line, 'not a route row');
      continue;
    }
    const [dest, gw, flags] = sp.map((s) => s.text) as [string, string, string];
    const fam: 'inet' | 'inet6' = family ?? (isIpv6Text(dest) || (dest === 'default' && isIpv6Text(gw)) ? 'inet6' : 'inet');
    const r: Route = { family: fam, destination: '', prefixLength: 0, gateway: null, interface: '', metric: 0, flags: bsdRouteFlags(flags), nativeFlags: flags };
    const d = bsdDestination(dest, fam, flags.includes('H'));
    r.destination = d.destination;
    if (dest.length >= destWidth && fam === 'inet6') r.destinationCut = true;
    r.prefixLength = d.prefixLength;
    if (fam === 'inet') r.netmask = prefixToNetmask(d.prefixLength);
    const link = /^link#(\d+)$/.exec(gw);
    if (link) r.interfaceIndex = Number(link[1]);
    else r.gateway = gw;
    // Remaining columns by name; Netif is the one non-numeric value among them.
    let k = 3;
    for (const name of columns.slice(3)) {
      const v = sp[k]?.text;
      if (v === undefined) break;
      if (name === 'Netif') {
        r.interface = v;
        k++;
      } else if (name === 'Expire') {
        if (/^\d+$/.test(v) || v === '!') {
          r.expire = v;
          k++;
        }
      } else if (/^\d+$/.test(v) || v === '-') {
        const n = v === '-' ? undefined : Number(v);
        if (n !== undefined) {
          if (name === 'Refs') r.refCnt = n;
          else if (name === 'Use') r.use = n;
          else if (name === 'Mtu') r.mtu = n;
        }
        k++;
      }
    }
    records.push(r);
  }
  return { records, skipped: skips.list, notes: [] };
}
