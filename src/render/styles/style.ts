/**
 * The one `Style` interface: everything that makes tsnetstat look like one native tool (net-tools
 * `netstat`, `netstat.exe`, macOS `netstat`). One object per style implements it
 * (`render/<style>/index.ts`); the registry (`registry.ts`) maps `--style` names to them; the CLI
 * picks one once (`main.ts`) and passes it down, so no other file asks "which style is this?".
 * JSON and CSV are formats, not styles: they are schemas, the same whatever style is in force.
 *
 * Cold start: the members used by a plain socket listing (`connections`, `resolves`,
 * `lineEnding` …) are small and eager; the table views are behind `views()`, a dynamic import
 * that the build turns into a separate file (`dist/lazy/`), so the start-up bundle never holds
 * them. A member only a lazy path needs and that is large belongs behind such a loader too.
 *
 * Extension points. A later feature adds a member here; when the built-in styles share its
 * default, it goes into `sharedMembers()` (`common.ts`) and every style has it at once, otherwise
 * the compiler names each style object that lacks it, and `test/unit/styles.test.ts` checks that
 * the registry is exhaustive (add the member to `STYLE_MEMBERS`, which the compiler also checks):
 * - a host header for fleets (`==> web-01 <==` before each machine's listing): a
 *   `hostHeader(host: string, eol: string): string` member next to `lineEnding`, printed by the
 *   CLI before each machine's chunks;
 * - an optional extra column (e.g. `Netns`): the column asked for travels in the `RenderContext`
 *   (`extraColumns?: …`), and a style that can show it appends the cell in its row writer (the
 *   watch row, `--changes` and `--exposed` follow, since they cut rows out of the listing);
 * - a diagnose report: one more lazy member like `views()` (`diagnose(): Promise<…>`), a dynamic
 *   import loaded only by the command that prints it, so the start-up bundle does not grow.
 */
import type { ChangeKind, Change } from '../../model/change.js';
import type { GroupMembership } from '../../model/group.js';
import type { NetInterface } from '../../model/interface.js';
import type { Query, StyleName } from '../../model/query.js';
import type { Route } from '../../model/route.js';
import type { Proto, SocketRecord, Transport } from '../../model/socket.js';
import type { Statistics } from '../../model/statistics.js';
import type { TcpState } from '../../model/tcp-state.js';
import type { LineWriter } from '../line-writer.js';
import type { NameTables } from '../names.js';
import type { Paint } from '../paint.js';
import type { StreamRenderer } from '../stream.js';

/** What a socket listing is rendered with (names already resolved, colour decided). */
export interface RenderContext {
  names: NameTables;
  /** The host's line ending (CRLF on Windows hosts); the style decides whether it uses it. */
  eol: string;
  /** Colour for state words (terminals only); absent: the native bytes. */
  paint?: Paint | undefined;
  /**
   * A line writer to reuse (the caller keeps one for the whole run): a fresh 64 KiB buffer every
   * interval tick makes the process's memory creep.
   */
  writer?: LineWriter | undefined;
  /**
   * The style to draw with. The CLI always passes the one it picked; without one (library
   * callers, tests) the registry's object for `q.style` is used.
   */
  style?: Style | undefined;
}

/** Address families of a routes view. */
export interface Families {
  inet4: boolean;
  inet6: boolean;
}

/** The watch screen's gutter: two columns before each line, by mark (`none`: unmarked lines). */
export type GutterMarks = Readonly<Record<ChangeKind | 'none', string>>;

/** What a `--changes` text line is built from. */
export interface ChangeRowContext {
  /** The record's line(s) in the current style (`watchRow`). */
  row(r: SocketRecord): string[];
  paint: Paint;
}

/**
 * Data a table view may ask for while it renders. The CLI gathers it (renderers never probe):
 * the style says what it needs (its names, the interface list, a listing) and gets it here.
 */
export interface ViewData {
  readonly q: Query;
  /** The host's line ending (see `Style.lineEnding`). */
  readonly eol: string;
  /** Print a warning once on stderr. */
  warn(message: string): void;
  /** The interface list ([] when the probe has none). */
  interfaces(): Promise<NetInterface[]>;
  /** Names of these addresses (nothing is asked for when there are none); `networks`: `/etc/networks` names. */
  names(hosts: Iterable<string>, networks?: boolean): Promise<NameTables>;
  /**
   * A socket listing for `q`, drawn in this style (netstat.exe's `-s -p tcp` tail); without
   * `withRecords` the probe is not asked and the listing is empty (titles and header only).
   */
  listing(q: Query, withRecords: boolean): Promise<string>;
}

/** The table views of a style (text only: JSON and CSV are drawn apart). Loaded on demand. */
export interface StyleViews {
  /** `-r`: the routes of the families `fam` (already chosen by `Style.routeFamilies`). */
  routes(routes: Route[], fam: Families, d: ViewData): Promise<Iterable<string>>;
  /** `-i`: the interface table. */
  interfaces(list: NetInterface[], d: ViewData): Promise<Iterable<string>>;
  /** `-e` alone: Ethernet statistics (interface counters). */
  ethernet(list: NetInterface[], d: ViewData): Promise<Iterable<string>>;
  /**
   * `-s`: protocol statistics; `interfaces` is the `-e -s` list (null without `-e`); `native` is
   * the OS's own `netstat -s` text when the counters were read from it and it is in this style.
   */
  statistics(stats: Statistics, more: { interfaces: NetInterface[] | null; native?: string | undefined }, d: ViewData): Promise<Iterable<string>>;
  /** `-g`: multicast group memberships (already filtered by family). */
  groups(groups: GroupMembership[], d: ViewData): Promise<Iterable<string>>;
}

/** One output style: a native tool's look. */
export interface Style {
  /** The `--style` name. */
  readonly name: StyleName;
  /** The line ending this style prints on a host whose own is `hostEol` (netstat.exe: the host's; the others: LF). */
  lineEnding(hostEol: string): string;
  /** The socket listing as a stream (`begin`/`push`/`end`). On the start-up path. */
  connections(q: Query, ctx: RenderContext): StreamRenderer;
  /**
   * Which addresses it shows as names (without `-n`): the local end, the remote end (netstat.exe
   * names only the foreign end), and whether network names (`/etc/networks`) are looked up.
   */
  readonly resolves: { readonly local: boolean; readonly remote: boolean; readonly networks: boolean };
  /** The transports listed when the command line names none (each native tool's default set). */
  defaultTransports(selection: Query['selection']): Transport[];
  /** The transports of an address family named without a socket type (`-A inet`, `-4`). */
  familyTransports(): Transport[];
  /** The route families `-r` prints as text: net-tools one table (IPv4 unless only `-6`), the others as asked. */
  routeFamilies(q: Query): Families;
  /** A canonical state in the native tool's words: `SYN_RECV` → `SYN_RECEIVED` (Windows), `SYN_RCVD` (macOS). */
  stateWord(state: TcpState): string;
  /** A protocol in the native tool's words (`--summary`): `tcp6` → `TCPv6` (Windows), `tcp4` for `tcp` (macOS). */
  protocolWord(proto: Proto): string;
  /**
   * The exposure audit (`--exposed`): `columns` gives the listing query with the style's owner
   * column (net-tools `PID/Program name`, netstat.exe `PID`, macOS `process:pid`); `note` what
   * follows "reachable from" on a row (netstat.exe: the image names, as `-b` would show them).
   */
  readonly exposure: { columns(q: Query): Query; note(r: SocketRecord): string };
  /** The watch screen's row: a function giving one record's line(s) as the listing prints them. */
  watchRow(q: Query, ctx: RenderContext): (r: SocketRecord) => string[];
  /** The watch screen's gutter marks. */
  readonly gutter: GutterMarks;
  /** The `--changes` text line of one event (no line ending). */
  changeRow(c: Change, time: string, ctx: ChangeRowContext): string;
  /** The table views (`-r`, `-i`, `-e`, `-s`, `-g`), loaded on demand: never in the start-up bundle. */
  views(): Promise<StyleViews>;
}

/** Every member of `Style`, for the registry's exhaustiveness test (the compiler checks the list is complete). */
export const STYLE_MEMBERS = [
  'name',
  'lineEnding',
  'connections',
  'resolves',
  'defaultTransports',
  'familyTransports',
  'routeFamilies',
  'stateWord',
  'protocolWord',
  'exposure',
  'watchRow',
  'gutter',
  'changeRow',
  'views',
] as const satisfies readonly (keyof Style)[];

/** Compile-time check: `STYLE_MEMBERS` names every member (a missing one makes this `false`). */
export const STYLE_MEMBERS_COMPLETE: Exclude<keyof Style, (typeof STYLE_MEMBERS)[number]> extends never ? true : false = true;
