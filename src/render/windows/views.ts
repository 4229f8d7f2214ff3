/**
 * The Windows style's table views (`route print` for `-r`, the `-e` block for `-i` and `-e`,
 * netstat.exe `-s` with `-e -s` and the `-s -p tcp` connection tail; `-g` as net-tools prints
 * it), loaded on demand by `windowsStyle.views()`: never part of the start-up bundle.
 */
import type { Query, WindowsProto } from '../../model/query.js';
import { netToolsGroups } from '../linux/groups.js';
import type { StyleViews, ViewData } from '../styles/style.js';
import { renderWindowsEthernet } from './ethernet.js';
import { renderWindowsRoutes } from './routes.js';
import { renderWindowsStatistics } from './statistics.js';

/** The `-s -p tcp|udp…` tail: netstat.exe lists that protocol's connections after the statistics. */
async function protoConnections(d: ViewData): Promise<string> {
  const { q } = d;
  const p = q.protoFilter.find((x): x is Extract<WindowsProto, 'tcp' | 'udp' | 'tcpv6' | 'udpv6'> => ['tcp', 'udp', 'tcpv6', 'udpv6'].includes(x));
  if (!p) return '';
  const v6 = p.endsWith('v6');
  const transport = p.startsWith('tcp') ? 'tcp' : 'udp';
  const cq: Query = { ...q, view: 'connections', transports: [transport], inet4: !v6, inet6: v6 };
  // netstat.exe prints the UDP table only with -a.
  return d.listing(cq, transport === 'tcp' || q.selection === 'all');
}

const ethernet: StyleViews['ethernet'] = async (list, d) => [renderWindowsEthernet(list, d.eol)];

export const windowsViews: StyleViews = {
  async routes(routes, fam, d) {
    const interfaces = await d.interfaces();
    // The Interface column shows the interface's own address where the probe did not say.
    for (const r of routes) {
      if (r.interfaceAddress !== undefined) continue;
      const a = interfaces.find((i) => i.name === r.interface)?.addresses?.find((x) => x.family === r.family);
      if (a) r.interfaceAddress = a.address;
    }
    return renderWindowsRoutes(routes, interfaces, { eol: d.eol, ...fam });
  },
  interfaces: ethernet,
  ethernet,
  async statistics(stats, more, d) {
    const list = more.interfaces;
    return [(list ? renderWindowsEthernet(list, d.eol) : '') + renderWindowsStatistics(stats, d.q.protoFilter, d.eol) + (await protoConnections(d))];
  },
  groups: netToolsGroups,
};
