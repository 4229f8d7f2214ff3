/**
 * The Linux style's table views (net-tools `netstat -r`, `-i`, `-s`, `-g`), loaded on demand by
 * `linuxStyle.views()`: never part of the start-up bundle.
 */
import { RunError } from '../../model/errors.js';
import type { Query } from '../../model/query.js';
import type { StyleViews } from '../styles/style.js';
import { netToolsGroups } from './groups.js';
import { renderLinuxInterfaces } from './interfaces.js';
import { inetDestinationIsHost, renderLinuxInet6Routes, renderLinuxInetRoutes } from './routes.js';
import { renderLinuxStatistics, renderLinuxStatistics6, statisticsFlags } from './statistics.js';

/** `-t`, `-u`, `-w` (and Windows `-p`) as net-tools table switches; the default set means all. */
function linuxStatisticsFlags(q: Query): ReturnType<typeof statisticsFlags> {
  const t = new Set(q.transports);
  const isDefault = t.has('unix') && t.has('tcp') && t.has('udp') && t.has('raw');
  const tcp = (!isDefault && t.has('tcp')) || q.protoFilter.some((p) => p.startsWith('tcp'));
  const udp = (!isDefault && t.has('udp')) || q.protoFilter.some((p) => p.startsWith('udp'));
  const raw = (!isDefault && t.has('raw')) || q.protoFilter.some((p) => p.startsWith('ip') || p.startsWith('icmp'));
  return statisticsFlags(tcp, udp, raw);
}

export const linuxViews: StyleViews = {
  async routes(routes, fam, d) {
    const { q } = d;
    const numeric = q.numericHosts;
    const v4 = routes.filter((r) => r.family === 'inet');
    const v6 = routes.filter((r) => r.family === 'inet6');
    const hosts = new Set<string>();
    const nets = new Set<string>();
    if (!numeric) {
      for (const r of v4) {
        if (r.gateway && r.gateway !== '0.0.0.0') hosts.add(r.gateway);
        if (r.destination === '0.0.0.0') continue;
        // net-tools: host routes and addresses with host bits are hosts; the rest go to getnetbyaddr.
        if (inetDestinationIsHost(r)) hosts.add(r.destination);
        else if (r.destination.endsWith('.0')) nets.add(r.destination);
      }
      for (const r of v6) for (const a of [r.destination, r.gateway ?? '::']) if (a !== '::') hosts.add(a);
    }
    const hostNames = await d.names(hosts);
    const netNames = (await d.names(nets, true)).hosts;
    const out: Iterable<string>[] = [];
    if (fam.inet4) out.push(renderLinuxInetRoutes(v4, { numeric, extend: q.extend, names: hostNames, networks: netNames }));
    if (fam.inet6) out.push(renderLinuxInet6Routes(v6, { numeric, names: hostNames }));
    return out.flatMap((g) => [...g]);
  },
  async interfaces(list, d) {
    if (d.q.extend > 0) throw new RunError('the long interface listing (-i -e, ifconfig style) is not supported; use -i');
    return renderLinuxInterfaces(list, { all: d.q.selection === 'all' });
  },
  async ethernet(list, d) {
    return renderLinuxInterfaces(list, { all: d.q.selection === 'all' });
  },
  async statistics(stats, _more, d) {
    const { q } = d;
    if (!(q.inet6 && !q.inet4)) return renderLinuxStatistics(stats, linuxStatisticsFlags(q));
    if (!stats.ipv6 && !stats.icmpv6 && !stats.udpv6) d.warn('no IPv6 protocol statistics on this system (no /proc/net/snmp6)');
    return renderLinuxStatistics6(stats, linuxStatisticsFlags(q));
  },
  groups: netToolsGroups,
};

