/**
 * Windows `netstat -e` layout (pure): `Interface Statistics`, the `Received`/`Sent` header ending at
 * columns 35 and 51, and six rows (`Unknown protocols` has no Sent value). Counters are summed over
 * every interface but loopback. Checked against `fixtures/windows/win7-netstat-e-transcribed.txt`.
 *
 * Sources without unicast/non-unicast counts (Linux) count multicast as non-unicast and the rest as
 * unicast; Linux keeps no count of sent multicast, so sent non-unicast is 0 there.
 */
import type { NetInterface } from '../../model/interface.js';
import { padLeft, padRight } from '../layout.js';

export interface EthernetTotals {
  rxBytes: number;
  txBytes: number;
  rxUnicast: number;
  txUnicast: number;
  rxNonUnicast: number;
  txNonUnicast: number;
  rxDiscards: number;
  txDiscards: number;
  rxErrors: number;
  txErrors: number;
  rxUnknown: number;
}

/** Sum the `-e` counters over every non-loopback interface. */
export function ethernetTotals(list: readonly NetInterface[]): EthernetTotals {
  const t: EthernetTotals = { rxBytes: 0, txBytes: 0, rxUnicast: 0, txUnicast: 0, rxNonUnicast: 0, txNonUnicast: 0, rxDiscards: 0, txDiscards: 0, rxErrors: 0, txErrors: 0, rxUnknown: 0 };
  for (const i of list) {
    if (i.flags.includes('LOOPBACK')) continue;
    const rxNon = i.rxNonUnicast ?? i.rxMulticast ?? 0;
    t.rxBytes += i.rxBytes ?? 0;
    t.txBytes += i.txBytes ?? 0;
    t.rxNonUnicast += rxNon;
    t.txNonUnicast += i.txNonUnicast ?? 0;
    t.rxUnicast += i.rxUnicast ?? Math.max(0, (i.rxPackets ?? 0) - rxNon);
    t.txUnicast += i.txUnicast ?? Math.max(0, (i.txPackets ?? 0) - (i.txNonUnicast ?? 0));
    t.rxDiscards += i.rxDropped ?? 0;
    t.txDiscards += i.txDropped ?? 0;
    t.rxErrors += i.rxErrors ?? 0;
    t.txErrors += i.txErrors ?? 0;
    t.rxUnknown += i.rxUnknownProtocols ?? 0;
  }
  return t;
}

const row = (label: string, rx: number, tx?: number): string =>
  `${padRight(label, 20)}${padLeft(String(rx), 15)}${tx === undefined ? '' : padLeft(String(tx), 16)}`;

/** Render the `-e` block. */
export function renderWindowsEthernet(list: readonly NetInterface[], eol: string): string {
  const t = ethernetTotals(list);
  return [
    'Interface Statistics',
    '',
    `${' '.repeat(20)}${padLeft('Received', 15)}${padLeft('Sent', 16)}`,
    '',
    row('Bytes', t.rxBytes, t.txBytes),
    row('Unicast packets', t.rxUnicast, t.txUnicast),
    row('Non-unicast packets', t.rxNonUnicast, t.txNonUnicast),
    row('Discards', t.rxDiscards, t.txDiscards),
    row('Errors', t.rxErrors, t.txErrors),
    row('Unknown protocols', t.rxUnknown),
    '',
  ].join(eol);
}
