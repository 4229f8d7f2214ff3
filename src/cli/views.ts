/**
 * The table views: routes (-r), interfaces (-i), Ethernet statistics (-e), protocol statistics (-s)
 * and multicast groups (-g). Gathers the view's data from the probe and hands it to the format
 * (JSON, CSV) or to the style's views (`Style.views()`, loaded on demand), which ask for the names
 * they show through `ViewData`.
 */
import { selectRecords } from '../filter/select.js';
import { RunError } from '../model/errors.js';
import type { GroupMembership } from '../model/group.js';
import type { NetInterface } from '../model/interface.js';
import type { Query } from '../model/query.js';
import type { Resolver } from '../probe/names.js';
import type { Probe, Snapshot } from '../probe/types.js';
import { hostsToResolve, renderConnections } from '../render/connections.js';
import { renderJsonDocument } from '../render/json.js';
import { NO_NAMES, type NameTables } from '../render/names.js';
import { styleOf } from '../render/styles/registry.js';
import type { Families, Style, StyleViews, ViewData } from '../render/styles/style.js';
import { renderCsvGroups, renderCsvInterfaces, renderCsvRoutes, renderCsvStatistics } from '../render/views-csv.js';

export interface ViewContext {
  resolver: Resolver;
  /** The host's line ending (the style decides whether it uses it). */
  eol: string;
  /** Print a warning once on stderr. */
  warn(message: string): void;
  /** The style picked by the CLI (default: the registry's object for `q.style`). */
  style?: Style | undefined;
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

async function interfacesOf(probe: Probe, ctx: ViewContext): Promise<NetInterface[]> {
  return take(await need(probe, 'interfaces')(), ctx);
}

/** What the style's views may ask for, gathered from the probe and the resolver. */
function viewData(q: Query, probe: Probe, ctx: ViewContext, style: Style): ViewData {
  return {
    q,
    eol: style.lineEnding(ctx.eol),
    warn: ctx.warn,
    interfaces: async () => (probe.interfaces ? interfacesOf(probe, ctx) : []),
    names: (hosts, networks) => names(ctx, hosts, networks),
    async listing(cq, withRecords) {
      let records = [] as Awaited<ReturnType<Probe['connections']>>['records'];
      if (withRecords) {
        const snap = await probe.connections({ transports: cq.transports, inet4: cq.inet4, inet6: cq.inet6, owners: q.showPid, ownerNames: q.showPid });
        records = selectRecords(take(snap, ctx), cq);
      }
      const tables = await names(ctx, hostsToResolve(records, cq, style));
      return [...renderConnections(records, cq, { names: tables, eol: ctx.eol, style })].join('');
    },
  };
}

/** Text of a view: the style's own, loaded on demand. */
async function textView(q: Query, probe: Probe, ctx: ViewContext, draw: (v: StyleViews, d: ViewData) => Promise<Iterable<string>>): Promise<Iterable<string>> {
  const style = ctx.style ?? styleOf(q);
  return draw(await style.views(), viewData(q, probe, ctx, style));
}

/** The families a routes view shows: the style's default for text; JSON and CSV carry what was asked. */
function routeFamilies(q: Query, style: Style): Families {
  return q.format === 'text' ? style.routeFamilies(q) : { inet4: q.inet4, inet6: q.inet6 };
}

async function routesView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const fam = routeFamilies(q, ctx.style ?? styleOf(q));
  const routes = take(await need(probe, 'routes')(fam), ctx);
  if (q.format === 'json') return [renderJsonDocument({ routes })];
  if (q.format === 'csv') return renderCsvRoutes(routes);
  return textView(q, probe, ctx, (v, d) => v.routes(routes, fam, d));
}

async function interfacesView(q: Query, probe: Probe, ctx: ViewContext, ethernet: boolean): Promise<Iterable<string>> {
  const list = await interfacesOf(probe, ctx);
  if (q.format === 'json') return [renderJsonDocument({ interfaces: list })];
  if (q.format === 'csv') return renderCsvInterfaces(list);
  return textView(q, probe, ctx, (v, d) => (ethernet ? v.ethernet(list, d) : v.interfaces(list, d)));
}

async function statisticsView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const { statistics, warnings, native } = await need(probe, 'statistics')();
  for (const w of warnings) ctx.warn(w);
  const list = q.ethernet ? await interfacesOf(probe, ctx) : null;
  if (q.format === 'json') return [renderJsonDocument(list ? { interfaces: list, statistics } : { statistics })];
  if (q.format === 'csv') return renderCsvStatistics(statistics);
  const style = ctx.style ?? styleOf(q);
  // The OS's own text goes to the style it is in (macOS `netstat -s`), which may print it whole.
  const text = native && native.style === style.name ? native.text : undefined;
  return textView(q, probe, ctx, (v, d) => v.statistics(statistics, { interfaces: list, native: text }, d));
}

async function groupsView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  const groups: GroupMembership[] = take(await need(probe, 'groups')(), ctx).filter((g) => (g.family === 'inet' ? q.inet4 : q.inet6));
  if (q.format === 'json') return [renderJsonDocument({ groups })];
  if (q.format === 'csv') return renderCsvGroups(groups);
  return textView(q, probe, ctx, (v, d) => v.groups(groups, d));
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
