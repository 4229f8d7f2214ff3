/**
 * The macOS style's table views (BSD `netstat -r`, `-i`/`-ib`, `-s`; `-g` as net-tools prints
 * it), loaded on demand by `macosStyle.views()`: never part of the start-up bundle.
 */
import type { NetInterface } from '../../model/interface.js';
import { netToolsGroups } from '../linux/groups.js';
import type { StyleViews, ViewData } from '../styles/style.js';
import { renderMacosInterfaces } from './interfaces.js';
import { renderMacosRoutes } from './routes.js';
import { renderBsdNativeStatistics, renderMacosStatistics } from './statistics.js';

async function interfaces(list: NetInterface[], d: ViewData, bytes: boolean): Promise<Iterable<string>> {
  const hosts = d.q.numericHosts ? [] : list.flatMap((i) => (i.addresses ?? []).map((a) => a.address));
  return renderMacosInterfaces(list, { bytes, numeric: d.q.numericHosts, names: await d.names(new Set(hosts)) });
}

export const macosViews: StyleViews = {
  async routes(routes, fam, d) {
    const numeric = d.q.numericHosts;
    const hosts = numeric ? [] : routes.flatMap((r) => [...(r.gateway ? [r.gateway] : []), ...(r.flags.includes('H') ? [r.destination] : [])]);
    return renderMacosRoutes(routes, { numeric, names: await d.names(new Set(hosts)), ...fam });
  },
  interfaces: (list, d) => interfaces(list, d, d.q.showExe),
  ethernet: (list, d) => interfaces(list, d, true),
  async statistics(stats, more, d) {
    // macOS's own words: every counter of its `netstat -s`, not only those with a MIB-II name.
    if (more.native !== undefined) return [renderBsdNativeStatistics(more.native, d.q.protoFilter)];
    return [renderMacosStatistics(stats, d.q.protoFilter)];
  },
  groups: netToolsGroups,
};
