/**
 * net-tools `netstat -g` layout (pure), byte-identical to net-tools 2.10: `IPv6/IPv4 Group
 * Memberships`, the dashed header, `%-15s %-6d %s` rows, IPv4 groups (`/proc/net/igmp`) first.
 * Also used by the Windows and macOS styles, whose netstat has no such listing.
 */
import type { GroupMembership } from '../../model/group.js';
import { padRight } from '../layout.js';
import type { NameTables } from '../names.js';
import type { ViewData } from '../styles/style.js';
import { escapeControl } from '../sanitize.js';
import { inet6Text } from './routes.js';

export function* renderLinuxGroups(groups: readonly GroupMembership[], opts: { numeric: boolean; names: NameTables; inet4: boolean; inet6: boolean }): Generator<string> {
  yield 'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\n';
  for (const g of groups) {
    if (g.family === 'inet' ? !opts.inet4 : !opts.inet6) continue;
    let addr: string;
    if (g.family === 'inet6') addr = inet6Text(g.group, opts.numeric, opts.names);
    else addr = opts.numeric ? g.group : escapeControl(opts.names.hosts.get(g.group) ?? g.group);
    yield `${padRight(escapeControl(g.interface), 15)} ${padRight(String(g.refCount), 6)} ${addr}\n`;
  }
}

/** net-tools `netstat -g` with the names it shows (every style prints it: no other tool has a native listing). */
export async function netToolsGroups(groups: GroupMembership[], d: ViewData): Promise<Iterable<string>> {
  const { q } = d;
  const tables = await d.names(q.numericHosts ? [] : new Set(groups.map((g) => g.group)));
  return renderLinuxGroups(groups, { numeric: q.numericHosts, names: tables, inet4: q.inet4, inet6: q.inet6 });
}
