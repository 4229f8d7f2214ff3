/**
 * The table views: routes (-r), interfaces (-i), Ethernet statistics (-e), protocol statistics (-s)
 * and multicast groups (-g). Gathers the view's data from the probe and renders it (text or JSON).
 */
import { UsageError } from '../model/errors.js';
import type { Query } from '../model/query.js';
import type { Resolver } from '../probe/names.js';
import type { Probe } from '../probe/types.js';

export interface ViewContext {
  resolver: Resolver;
  /** Line ending for the Windows style. */
  eol: string;
  /** Print a warning once on stderr. */
  warn(message: string): void;
}

/** Produce one snapshot of a table view as output chunks. */
export async function renderView(q: Query, probe: Probe, ctx: ViewContext): Promise<Iterable<string>> {
  void probe;
  void ctx;
  const flag = { routes: '-r', interfaces: '-i', ethernet: '-e', statistics: '-s', groups: '-g', connections: '' }[q.view];
  throw new UsageError(`the ${q.view} view (${flag}) is not yet supported`);
}
