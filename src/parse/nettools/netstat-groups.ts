/**
 * Parser for the net-tools multicast group table, `netstat -g` / `-gn` (pure), in any language:
 * the title and the header are whatever stands above the `--------------- ------ ---` ruler;
 * rows are `interface refcount group`.
 *
 * Real input line (`netstat -gn`, Debian 12, `fixtures/expected/linux/debian12-k6.18/-gn.out`):
 * ```
 * eth0            1      ff02::1:ff00:2
 * ```
 * → `{ family: 'inet6', interface: 'eth0', refCount: 1, group: 'ff02::1:ff00:2' }`.
 * Without `-n` groups are names (`all-systems.mcast.net`, `ip6-allnodes`): kept as printed, the
 * family read from the name (`:` or `ip6-` means IPv6), with a note.
 */
import type { GroupMembership } from '../../model/group.js';
import { isNumericAddress } from '../common/endpoint.js';
import { numberedLines, Skips, tokens, type CaptureOptions, type ParsedText } from '../common/text.js';

/** The ruler under the header. */
export const NETTOOLS_GROUPS_RULER = /^-{15} -{6} -{21}\s*$/;

/** Parse `netstat -g` (net-tools). */
export function parseNetToolsGroups(text: string, opts: CaptureOptions): ParsedText<GroupMembership> {
  const records: GroupMembership[] = [];
  const skips = new Skips(opts.source);
  let inTable = false;
  let named = 0;
  for (const line of numberedLines(text)) {
    if (line.text.trim() === '') continue;
    if (NETTOOLS_GROUPS_RULER.test(line.text)) {
      inTable = true;
      continue;
    }
    const tk = tokens(line.text);
    if (!inTable) continue; // title and header
    if (tk.length !== 3 || !/^\d+$/.test(tk[1] as string)) {
      skips.add(line, 'not a net-tools group row');
      continue;
    }
    const group = tk[2] as string;
    if (!isNumericAddress(group)) named++;
    records.push({ family: group.includes(':') || group.startsWith('ip6-') ? 'inet6' : 'inet', interface: tk[0] as string, refCount: Number(tk[1]), group });
  }
  const notes = named ? [`${opts.source}: ${named} group${named === 1 ? '' : 's'} printed as names (netstat -g without -n): kept as printed`] : [];
  return { records, skipped: skips.list, notes };
}
