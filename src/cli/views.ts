/**
 * The table views: routes (-r), interfaces (-i), Ethernet statistics (-e), protocol statistics (-s)
 * and multicast groups (-g). Gathers the view's data from the probe, resolves the names the style
 * shows, and renders it (text in the query's style, JSON or CSV).
 */
import { selectRecords } from '../filter/select.js';
import { RunError } from '../model/errors.js';
import type { GroupMembership } from '../model/group.js';
import type { NetInterface } from '../model/interface.js';
import type { Query, WindowsProto } from '../model/query.js';
import type { Statistics } from '../model/statistics.js';
import type { Resolver } from '../probe/names.js';
import type { Probe, Snapshot } from '../probe/types.js';
import { hostsToResolve, renderConnections } from '../render/connections.js';
import { renderJsonDocument } from '../render/json.js';
import { renderLinuxGroups } from '../render/linux/groups.js';
import { renderLinuxInterfaces } from '../render/linux/interfaces.js';
import { inetDestinationIsHost, renderLinuxInet6Routes, renderLinuxInetRoutes } from '../render/linux/routes.js';
import { renderLinuxStatistics, renderLinuxStatistics6, statisticsFlags } from '../render/linux/statistics.js';
import { renderMacosInterfaces } from '../render/macos/interfaces.js';
import { renderMacosRoutes } from '../render/macos/routes.js';
import { renderBsdNativeStatistics, renderMacosStatistics } from '../render/macos/statistics.js';
import { NO_NAMES, type NameTables } from '../render/names.js';
import { renderCsvGroups, renderCsvInterfaces, renderCsvRoutes, renderCsvStatistics } from '../render/views-csv.js';
import { renderWindowsEthernet } from '../render/windows/ethernet.js';
import { renderWindowsRoutes } from '../render/windows/routes.js';
import { renderWindowsStatistics } from '../render/windows/statistics.js';

export interface ViewContext {
  resolver: Resolver;
  /** Line ending for the Windows style. */
  eol: string;
  /** Print a warning once on stderr. */
  warn(message: string): void;
}

const VIEW_NAMES = {
  routes: 'the routing table (-r)',
  interfaces: 'the interface table (-i)',
  statistics: 'protocol statistics (-s)',
  groups: 'multicast group memberships (-g)',
} as const;

/** A probe method, or a one-line error when this probe cannot answer the view. */
function need<K extends keyof typeof VIEW_NAMES>(probe: Probe, k: K): NonNullable<Probe[K]> {
  const f = probe[k];
  if (!f) throw new RunError(`${VIEW_NAMES[k]} is not available on this system (${probe.name})`);
  return f.bind(probe) as NonNullable<Probe[K]>;
}

function take<T>(snap: Snapshot<T>, ctx: ViewContext): T[] {
  for (const w of snap.warnings) ctx.warn(w);
  return snap.records;
}

async function names(ctx: ViewContext, hosts: Iterable<string>, networks = false): Promise<NameTables> {
  const list = [...hosts];
  if (list.length === 0) return NO_NAMES;
  return ctx.resolver.resolve({ hosts: list, networks, services: false, users: false });
}

/** Which families a style shows by default: net-tools one table (IPv4 unless only -6), the others both. */
function routeFamilies(q: Query): { inet4: boolean; inet6: boolean } {
  const only6 = q.inet6 && !q.inet4;
  // net-tools prints one family's table (IPv4 unless -6/-A inet6); JSON and CSV carry both.
  if (q.style === 'linux' && q.format === 'text') return { inet4: !only6, inet6: only6 };
  return { inet4: q.inet4, inet6: q.inet6 };
}

async function interfacesOf(probe: Probe, ctx: ViewContext): Promise<NetInterface[]> {
  return take(await need(probe, 'interfaces')(), ctx);
}

async function routesView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const fam = routeFamilies(q);
  const routes = take(await need(probe, 'routes')(fam), ctx);
  if (q.format === 'json') return [renderJsonDocument({ routes })];
  if (q.format === 'csv') return renderCsvRoutes(routes);
  const numeric = q.numericHosts;
  switch (q.style) {
    case 'windows': {
      const interfaces = probe.interfaces ? await interfacesOf(probe, ctx) : [];
      // The Interface column shows the interface's own address where the probe did not say.
      for (const r of routes) {
        if (r.interfaceAddress !== undefined) continue;
        const a = interfaces.find((i) => i.name === r.interface)?.addresses?.find((x) => x.family === r.family);
        if (a) r.interfaceAddress = a.address;
      }
      return renderWindowsRoutes(routes, interfaces, { eol: ctx.eol, ...fam });
    }
    case 'macos': {
      const hosts = numeric ? [] : routes.flatMap((r) => [...(r.gateway ? [r.gateway] : []), ...(r.flags.includes('H') ? [r.destination] : [])]);
      return renderMacosRoutes(routes, { numeric, names: await names(ctx, new Set(hosts)), ...fam });
    }
    case 'linux': {
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
      const hostNames = await names(ctx, hosts);
      const netNames = (await names(ctx, nets, true)).hosts;
      const out: Iterable<string>[] = [];
      if (fam.inet4) out.push(renderLinuxInetRoutes(v4, { numeric, extend: q.extend, names: hostNames, networks: netNames }));
      if (fam.inet6) out.push(renderLinuxInet6Routes(v6, { numeric, names: hostNames }));
      return out.flatMap((g) => [...g]);
    }
  }
}

async function interfacesView(q: Query, probe: Probe, ctx: ViewContext, ethernet: boolean): Promise<Iterable<string>> {
  const list = await interfacesOf(probe, ctx);
  if (q.format === 'json') return [renderJsonDocument({ interfaces: list })];
  if (q.format === 'csv') return renderCsvInterfaces(list);
  switch (q.style) {
    case 'windows':
      return [renderWindowsEthernet(list, ctx.eol)];
    case 'macos': {
      const hosts = q.numericHosts ? [] : list.flatMap((i) => (i.addresses ?? []).map((a) => a.address));
      return renderMacosInterfaces(list, { bytes: ethernet || q.showExe, numeric: q.numericHosts, names: await names(ctx, new Set(hosts)) });
    }
    case 'linux':
      if (q.extend > 0 && !ethernet) throw new RunError('the long interface listing (-i -e, ifconfig style) is not supported; use -i');
      return renderLinuxInterfaces(list, { all: q.selection === 'all' });
  }
}

/** The Windows `-s -p tcp|udp…` tail: netstat.exe lists that protocol's connections after the statistics. */
async function windowsProtoConnections(q: Query, probe: Probe, ctx: ViewContext): Promise<string> {
  const p = q.protoFilter.find((x): x is Extract<WindowsProto, 'tcp' | 'udp' | 'tcpv6' | 'udpv6'> => ['tcp', 'udp', 'tcpv6', 'udpv6'].includes(x));
  if (!p) return '';
  const v6 = p.endsWith('v6');
  const transport = p.startsWith('tcp') ? 'tcp' : 'udp';
  const cq: Query = { ...q, view: 'connections', transports: [transport], inet4: !v6, inet6: v6 };
  let records = [] as Awaited<ReturnType<Probe['connections']>>['records'];
  // netstat.exe prints the UDP table only with -a.
  if (transport === 'tcp' || q.selection === 'all') {
    const snap = await probe.connections({ transports: [transport], inet4: !v6, inet6: v6, owners: q.showPid, ownerNames: q.showPid });
    records = selectRecords(take(snap, ctx), cq);
  }
  const tables = await names(ctx, hostsToResolve(records, cq));
  return [...renderConnections(records, cq, { names: tables, eol: ctx.eol })].join('');
}

/** `-t`, `-u`, `-w` (and Windows `-p`) as net-tools table switches; the default set means all. */
function linuxStatisticsFlags(q: Query): ReturnType<typeof statisticsFlags> {
  const t = new Set(q.transports);
  const isDefault = t.has('unix') && t.has('tcp') && t.has('udp') && t.has('raw');
  const tcp = (!isDefault && t.has('tcp')) || q.protoFilter.some((p) => p.startsWith('tcp'));
  const udp = (!isDefault && t.has('udp')) || q.protoFilter.some((p) => p.startsWith('udp'));
  const raw = (!isDefault && t.has('raw')) || q.protoFilter.some((p) => p.startsWith('ip') || p.startsWith('icmp'));
  return statisticsFlags(tcp, udp, raw);
}

async function statisticsView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const { statistics, warnings, native } = await need(probe, 'statistics')();
  for (const w of warnings) ctx.warn(w);
  const list = q.ethernet ? await interfacesOf(probe, ctx) : null;
  if (q.format === 'json') return [renderJsonDocument(list ? { interfaces: list, statistics } : { statistics })];
  if (q.format === 'csv') return renderCsvStatistics(statistics);
  // The OS's own words in its own style: every counter, not only those with a MIB-II name.
  if (native && native.style === q.style && q.style === 'macos') return [renderBsdNativeStatistics(native.text, q.protoFilter)];
  return textStatistics(q, probe, ctx, statistics, list);
}

async function textStatistics(q: Query, probe: Probe, ctx: ViewContext, stats: Statistics, list: NetInterface[] | null): Promise<Iterable<string>> {
  switch (q.style) {
    case 'windows':
      return [(list ? renderWindowsEthernet(list, ctx.eol) : '') + renderWindowsStatistics(stats, q.protoFilter, ctx.eol) + (await windowsProtoConnections(q, probe, ctx))];
    case 'macos':
      return [renderMacosStatistics(stats, q.protoFilter)];
    case 'linux':
      if (!(q.inet6 && !q.inet4)) return renderLinuxStatistics(stats, linuxStatisticsFlags(q));
      if (!stats.ipv6 && !stats.icmpv6 && !stats.udpv6) ctx.warn('no IPv6 protocol statistics on this system (no /proc/net/snmp6)');
      return renderLinuxStatistics6(stats, linuxStatisticsFlags(q));
  }
}

async function groupsView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const groups: GroupMembership[] = take(await need(probe, 'groups')(), ctx).filter((g) => (g.family === 'inet' ? q.inet4 : q.inet6));
  if (q.format === 'json') return [renderJsonDocument({ groups })];
  if (q.format === 'csv') return renderCsvGroups(groups);
  const tables = await names(ctx, q.numericHosts ? [] : new Set(groups.map((g) => g.group)));
  return renderLinuxGroups(groups, { numeric: q.numericHosts, names: tables, inet4: q.inet4, inet6: q.inet6 });
}

/** Produce one snapshot of a table view as output chunks. */
export async function renderView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  switch (q.view) {
    case 'routes':
      return routesView(q, probe, ctx);
    case 'interfaces':
      return interfacesView(q, probe, ctx, false);
    case 'ethernet':
      return interfacesView(q, probe, ctx, true);
    case 'statistics':
      return statisticsView(q, probe, ctx);
    case 'groups':
      return groupsView(q, probe, ctx);
    case 'connections':
      throw new RunError('internal: the connection listing is not a table view');
  }
}

