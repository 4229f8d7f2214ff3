/**
 * Parser for the net-tools interface table, `netstat -i` (pure), with or without the old `Met`
 * column, in any language (rows are read by shape).
 *
 * Real input line (`netstat -i`, Ubuntu 18.04):
 * ```
 * ens33     1500      245      0      0 0           197      0      0      0 BMRU
 * ```
 * → `{ name: 'ens33', mtu: 1500, flags: ['BROADCAST', 'MULTICAST', 'RUNNING', 'UP'], rxPackets: 245, rxErrors: 0,
 *      rxDropped: 0, rxOverruns: 0, txPackets: 197, txErrors: 0, txDropped: 0, txOverruns: 0 }`
 */
import type { NetInterface } from '../../model/interface.js';
import { numberedLines, Skips, tokens, type CaptureOptions, type ParsedText } from '../common/text.js';

/** A row: name, MTU, optional metric, eight counters, flag letters. */
export const NETTOOLS_IFACE_ROW = /^\S+\s+\d+(\s+\d+){8,9}\s+[A-Za-z]*\s*$/;

/** net-tools `ife_print_short` flag letters → flag names (`P` is printed for both PROMISC and POINTOPOINT). */
const FLAG: Readonly<Record<string, string>> = {
  A: 'ALLMULTI',
  B: 'BROADCAST',
  D: 'DEBUG',
  L: 'LOOPBACK',
  M: 'MULTICAST',
  d: 'DYNAMIC',
  P: 'POINTOPOINT',
  N: 'NOTRAILERS',
  O: 'NOARP',
  s: 'SLAVE',
  m: 'MASTER',
  R: 'RUNNING',
  U: 'UP',
};

/** Parse `netstat -i` (net-tools). */
export function parseNetToolsInterfaces(text: string, opts: CaptureOptions): ParsedText<NetInterface> {
  const records: NetInterface[] = [];
  const skips = new Skips(opts.source);
  const lines = numberedLines(text);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (!line || line.text.trim() === '') continue;
    const t = line.text;
    if (!NETTOOLS_IFACE_ROW.test(t)) {
      // Title ("Kernel Interface table") and header ("Iface MTU RX-OK …", translated or not).
      if (n < 2 || /RX-OK|MTU/.test(t)) continue;
      skips.add(line, 'not a net-tools interface row');
      continue;
    }
    const tk = tokens(t);
    const hasFlags = /[A-Za-z]/.test(tk[tk.length - 1] as string);
    const flagText = hasFlags ? (tk.pop() as string) : '';
    const nums = tk.slice(1).map(Number);
    const c = nums.length === 10 ? nums.slice(2) : nums.slice(1); // skip MTU (and Met)
    const [rxOk, rxErr, rxDrp, rxOvr, txOk, txErr, txDrp, txOvr] = c as [number, number, number, number, number, number, number, number];
    records.push({
      name: tk[0] as string,
      mtu: nums[0] as number,
      flags: [...flagText].map((f) => FLAG[f] ?? f),
      rxPackets: rxOk,
      rxErrors: rxErr,
      rxDropped: rxDrp,
      rxOverruns: rxOvr,
      txPackets: txOk,
      txErrors: txErr,
      txDropped: txDrp,
      txOverruns: txOvr,
    });
  }
  return { records, skipped: skips.list, notes: [] };
}
