/**
 * Parser for BSD-family interface tables (pure): macOS and FreeBSD `netstat -i`, `-ib`, `-ibn`,
 * `-ibdn`. A `<Link#N>` row starts an interface (index, MAC, counters); the rows after it add
 * addresses. Columns are read from the header; the Address column may be empty, so counters
 * are taken from the right. A trailing `*` on the name marks an interface that is down.
 *
 * Real input line (`netstat -ibdn`, macOS):
 * ```
 * en0   1500  <Link#4>    a8:66:7f:dd:ee:ff  5708989     0 7295722068  3494252     0  379533492     0 230
 * ```
 * → `{ name: 'en0', index: 4, mtu: 1500, flags: ['UP'], mac: 'a8:66:7f:dd:ee:ff', rxPackets: 5708989, rxErrors: 0,
 *      rxBytes: 7295722068, txPackets: 3494252, txErrors: 0, txBytes: 379533492, txCollisions: 0, txDropped: 230 }`
 */
import type { InterfaceAddress, NetInterface } from '../../model/interface.js';
import { numberedLines, Skips, tokens, type CaptureOptions, type ParsedText } from '../common/text.js';

/** Counter column → interface field. */
const COUNTER: Readonly<Record<string, keyof NetInterface>> = {
  Ipkts: 'rxPackets',
  Ierrs: 'rxErrors',
  Idrop: 'rxDropped',
  Ibytes: 'rxBytes',
  Opkts: 'txPackets',
  Oerrs: 'txErrors',
  Obytes: 'txBytes',
  Coll: 'txCollisions',
  Drop: 'txDropped',
};

/** Per-address counters: BSD prints each address row's own packets and bytes (errors are `-`). */
const ADDRESS_COUNTER: Readonly<Record<string, 'rxPackets' | 'rxBytes' | 'txPackets' | 'txBytes'>> = {
  Ipkts: 'rxPackets',
  Ibytes: 'rxBytes',
  Opkts: 'txPackets',
  Obytes: 'txBytes',
};

/** Width of the Address column (`%-17.17s` on macOS and FreeBSD without `-W`): a value this long may be cut. */
const ADDRESS_WIDTH = 17;

/** Parse a BSD `netstat -i` listing. */
export function parseBsdInterfaces(text: string, opts: CaptureOptions): ParsedText<NetInterface> {
  const records: NetInterface[] = [];
  const skips = new Skips(opts.source);
  let counters: string[] = [];
  let current: NetInterface | null = null;
  for (const line of numberedLines(text)) {
    const t = line.text;
    if (t.trim() === '') continue;
    if (/^Name\s+Mtu\s+Network\s+Address/.test(t)) {
      counters = t.trim().split(/\s+/).slice(4);
      continue;
    }
    const tk = tokens(t);
    if (counters.length === 0 || tk.length < 2 + counters.length) {
      skips.add(line, counters.length === 0 ? 'interface row before a header' : 'not an interface row');
      continue;
    }
    const values = tk.slice(tk.length - counters.length);
    const middle = tk.slice(2, tk.length - counters.length); // Network [Address]
    const rawName = tk[0] as string;
    const down = rawName.endsWith('*');
    const name = down ? rawName.slice(0, -1) : rawName;
    const mtu = /^\d+$/.test(tk[1] as string) ? Number(tk[1]) : null;
    const network = middle[0] ?? '';
    const address = middle[1];
    const link = /^<Link#(\d+)>$/.exec(network);
    if (link || !current || current.name !== name) {
      current = { name, mtu, flags: down ? [] : ['UP'], addresses: [] };
      if (link) current.index = Number(link[1]);
      counters.forEach((c, i) => {
        const field = COUNTER[c];
        const v = values[i] as string;
        if (field && /^\d+$/.test(v)) (current as unknown as Record<string, number>)[field] = Number(v);
      });
      records.push(current);
      if (link) {
        if (address && /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(address)) current.mac = address;
        continue;
      }
    }
    if (address === undefined && !network) continue;
    const a: InterfaceAddress = {
      family: network.includes(':') || (address ?? '').includes(':') ? 'inet6' : 'inet',
      address: address ?? network,
    };
    if (network) a.network = network;
    if (address !== undefined && address.length === ADDRESS_WIDTH) a.cut = true;
    counters.forEach((c, i) => {
      const field = ADDRESS_COUNTER[c];
      const v = values[i] as string;
      if (field && /^\d+$/.test(v)) a[field] = Number(v);
    });
    current.addresses?.push(a);
  }
  return { records, skipped: skips.list, notes: [] };
}
