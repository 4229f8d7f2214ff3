/**
 * Parser for `/proc/net/dev` (pure): per-interface counters, in the kernel's order.
 *
 * Real input line (`fixtures/linux-proc/jc-net_dev.txt`):
 * ` ens33: 60600053  109378    0    0    0     0          0         0 44256546  121425    0    0    0     0       0          0`
 * → `{ name: 'ens33', rxBytes: 60600053, rxPackets: 109378, …, txBytes: 44256546, txPackets: 121425, … }`.
 *
 * Three layouts exist (net-tools `procnetdev_version`): with `compressed` (16 counters, every kernel
 * since 2.2), with `bytes` (13 counters) and the 2.0 one without bytes (11 counters). The name ends
 * at the first `:` that is not an alias suffix (`eth0:1:`), and counters may touch it (`eth0:8144…`).
 */
import type { NetInterface } from '../../model/interface.js';
import type { Parsed, SkippedLine } from '../issues.js';

/** The counters a `/proc/net/dev` line carries (a `NetInterface` without mtu/flags). */
export type DevCounters = Pick<
  NetInterface,
  | 'name'
  | 'rxBytes'
  | 'rxPackets'
  | 'rxErrors'
  | 'rxDropped'
  | 'rxOverruns'
  | 'rxFrame'
  | 'rxCompressed'
  | 'rxMulticast'
  | 'txBytes'
  | 'txPackets'
  | 'txErrors'
  | 'txDropped'
  | 'txOverruns'
  | 'txCollisions'
  | 'txCarrier'
  | 'txCompressed'
>;

const LAYOUTS: Record<1 | 2 | 3, (keyof DevCounters)[]> = {
  3: ['rxBytes', 'rxPackets', 'rxErrors', 'rxDropped', 'rxOverruns', 'rxFrame', 'rxCompressed', 'rxMulticast',
    'txBytes', 'txPackets', 'txErrors', 'txDropped', 'txOverruns', 'txCollisions', 'txCarrier', 'txCompressed'],
  2: ['rxBytes', 'rxPackets', 'rxErrors', 'rxDropped', 'rxOverruns', 'rxFrame',
    'txBytes', 'txPackets', 'txErrors', 'txDropped', 'txOverruns', 'txCollisions', 'txCarrier'],
  1: ['rxPackets', 'rxErrors', 'rxDropped', 'rxOverruns', 'rxFrame',
    'txPackets', 'txErrors', 'txDropped', 'txOverruns', 'txCollisions', 'txCarrier'],
};

/** Split `  eth0:123 …` into the name and the rest (net-tools `get_name`, alias-aware). */
export function splitDevName(line: string): [name: string, rest: string] | null {
  const m = /^\s*([^\s:]+(?::\d+(?=:))?):(.*)$/.exec(line);
  return m ? [m[1] as string, m[2] as string] : null;
}

export function parseProcNetDev(text: string, source: string): Parsed<DevCounters> {
  const records: DevCounters[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  const head = lines[1] ?? '';
  const layout = LAYOUTS[head.includes('compressed') ? 3 : head.includes('bytes') ? 2 : 1];
  for (let n = 2; n < lines.length; n++) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue;
    const split = splitDevName(raw);
    const values = split ? split[1].trim().split(/\s+/) : [];
    if (!split || values.length < layout.length || values.some((v) => !/^\d+$/.test(v))) {
      skipped.push({ source, line: n + 1, text: raw, reason: 'malformed interface line' });
      continue;
    }
    const rec: DevCounters = { name: split[0] };
    layout.forEach((key, i) => {
      (rec as Record<string, unknown>)[key] = Number(values[i]);
    });
    records.push(rec);
  }
  return { records, skipped };
}
