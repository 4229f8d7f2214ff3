/**
 * CSV for the table views (pure): a header row, then one row per route, interface, group or
 * counter (`protocol,counter,value`). Same escaping as the connection CSV.
 */
import type { GroupMembership } from '../model/group.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { Statistics } from '../model/statistics.js';
import { csvCell } from './csv.js';

function* table<T>(columns: readonly string[], rows: readonly T[], cells: (r: T) => unknown[], eol: string): Generator<string> {
  yield columns.join(',') + eol;
  for (const r of rows) yield cells(r).map(csvCell).join(',') + eol;
}

export const ROUTE_CSV_COLUMNS = ['family', 'destination', 'prefixLength', 'netmask', 'gateway', 'interface', 'interfaceIndex', 'metric', 'flags', 'refCnt', 'use'] as const;
export const INTERFACE_CSV_COLUMNS = ['name', 'index', 'mtu', 'flags', 'mac', 'rxBytes', 'rxPackets', 'rxErrors', 'rxDropped', 'txBytes', 'txPackets', 'txErrors', 'txDropped'] as const;
export const GROUP_CSV_COLUMNS = ['family', 'interface', 'group', 'refCount'] as const;

export function renderCsvRoutes(routes: readonly Route[], eol = '\n'): Iterable<string> {
  return table(ROUTE_CSV_COLUMNS, routes, (r) => ROUTE_CSV_COLUMNS.map((c) => r[c]), eol);
}

export function renderCsvInterfaces(list: readonly NetInterface[], eol = '\n'): Iterable<string> {
  return table(INTERFACE_CSV_COLUMNS, list, (i) => INTERFACE_CSV_COLUMNS.map((c) => (c === 'flags' ? i.flags.join(';') : i[c])), eol);
}

export function renderCsvGroups(groups: readonly GroupMembership[], eol = '\n'): Iterable<string> {
  return table(GROUP_CSV_COLUMNS, groups, (g) => GROUP_CSV_COLUMNS.map((c) => g[c]), eol);
}

export function renderCsvStatistics(stats: Statistics, eol = '\n'): Iterable<string> {
  const rows: [string, string, number][] = [];
  for (const [proto, counters] of Object.entries(stats)) for (const [name, v] of Object.entries(counters ?? {})) rows.push([proto, name, v]);
  return table(['protocol', 'counter', 'value'], rows, (r) => r, eol);
}
