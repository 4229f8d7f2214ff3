/**
 * Parser for `netstat -e` (Ethernet/interface statistics) in any display language (pure).
 *
 * The block is a title, a `Received  Sent` header and six rows in a fixed order — bytes, unicast
 * packets, non-unicast packets, discards, errors (two numbers each) and unknown protocols (one
 * number). Rows are recognised by their trailing numbers and mapped by position, so translated
 * labels (`Bytes`, `Octets`, `Байт` …) do not matter. With `-e -s` the protocol sections that follow
 * (lines with `=`, see `netstat-s.ts`) are left to that parser.
 *
 * Real input (`netstat -e`, Windows 7, en-US):
 * ```
 * Bytes                     167849775        35925525
 * ```
 * → `rxBytes: 167849775, txBytes: 35925525` of the one aggregate record
 *   `{ name: '*', description: 'Interface Statistics', … }`.
 */
import type { NetInterface } from '../../model/interface.js';
import type { Parsed, SkippedLine } from '../issues.js';
import { decodeCapture, splitLines } from './text.js';

/** The six rows of `netstat -e`, in order: English label and the interface counters they fill. */
export const NETSTAT_E_ROWS = [
  { label: 'Bytes', rx: 'rxBytes', tx: 'txBytes' },
  { label: 'Unicast packets', rx: 'rxUnicast', tx: 'txUnicast' },
  { label: 'Non-unicast packets', rx: 'rxNonUnicast', tx: 'txNonUnicast' },
  { label: 'Discards', rx: 'rxDropped', tx: 'txDropped' },
  { label: 'Errors', rx: 'rxErrors', tx: 'txErrors' },
  { label: 'Unknown protocols', rx: 'rxUnknownProtocols', tx: null },
] as const;

/** `label  rx  [tx]`: the label ends on a non-space, so a long run of spaces is not walked twice (no quadratic backtracking). */
const ROW = /^(\S(?:.*?\S)?)\s+(\d+)(?:\s+(\d+))?\s*$/;

/** Parse the `netstat -e` block into one aggregate interface record (`name: '*'`). */
export function parseWindowsNetstatE(input: string | Uint8Array, source = 'netstat -e'): Parsed<NetInterface> {
  const lines = splitLines(decodeCapture(input));
  const skipped: SkippedLine[] = [];
  const nic: NetInterface = { name: '*', mtu: null, flags: [] };
  let title: string | undefined;
  let row = 0;
  for (let i = 0; i < lines.length && row < NETSTAT_E_ROWS.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (line.includes('=')) break; // the -s part of `netstat -e -s`
    // A counter row's label has no digits, `:` or `.` (which tells it from connection and route rows).
    const m = ROW.exec(line.trim());
    if (m && /[\d:.]/.test(m[1] ?? '')) continue;
    if (!m) {
      if (row === 0) title ??= line.trim();
      else skipped.push({ source, line: i + 1, text: line, reason: 'not a counter row' });
      continue;
    }
    const spec = NETSTAT_E_ROWS[row];
    if (!spec) break;
    const rx = Number(m[2]);
    const tx = m[3] === undefined ? undefined : Number(m[3]);
    nic[spec.rx] = rx;
    if (spec.tx && tx !== undefined) nic[spec.tx] = tx;
    else if (spec.tx) skipped.push({ source, line: i + 1, text: line, reason: 'expected a sent count too' });
    row++;
  }
  if (row === 0) return { records: [], skipped: skipped.length ? skipped : [{ source, line: 0, text: '', reason: 'no counter rows' }] };
  if (title) nic.description = title;
  if (nic.rxUnicast !== undefined && nic.rxNonUnicast !== undefined) nic.rxPackets = nic.rxUnicast + nic.rxNonUnicast;
  if (nic.txUnicast !== undefined && nic.txNonUnicast !== undefined) nic.txPackets = nic.txUnicast + nic.txNonUnicast;
  return { records: [nic], skipped };
}
