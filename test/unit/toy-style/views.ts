/** The toy style's table views (loaded on demand, as a real style's are). */
import type { StyleViews } from '../../../src/render/styles/style.js';

export const toyViews: StyleViews = {
  async routes(routes, fam, d) {
    const names = await d.names(routes.flatMap((r) => (r.gateway ? [r.gateway] : [])));
    const rows = routes.filter((r) => (r.family === 'inet' ? fam.inet4 : fam.inet6));
    return rows.map((r) => `toy route ${r.destination}/${r.prefixLength} via ${r.gateway ? (names.hosts.get(r.gateway) ?? r.gateway) : 'link'} dev ${r.interface}${d.eol}`);
  },
  interfaces: async (list, d) => list.map((i) => `toy if ${i.name} mtu ${i.mtu ?? '-'}${d.eol}`),
  ethernet: async (list, d) => list.map((i) => `toy if ${i.name} rx ${i.rxBytes ?? 0} tx ${i.txBytes ?? 0}${d.eol}`),
  async statistics(stats, more, d) {
    const lines = Object.entries(stats).flatMap(([proto, counters]) => Object.entries(counters ?? {}).map(([k, v]) => `toy stat ${proto}.${k} ${v}${d.eol}`));
    return [...(more.interfaces ?? []).map((i) => `toy if ${i.name}${d.eol}`), ...lines, await d.listing({ ...d.q, view: 'connections' }, false)];
  },
  groups: async (groups, d) => groups.map((g) => `toy group ${g.group} on ${g.interface}${d.eol}`),
};
