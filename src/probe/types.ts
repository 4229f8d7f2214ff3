/**
 * What a platform probe offers. Each OS has one implementation; `probe/index.ts` picks it
 * (with a dynamic import, so nothing platform-specific loads on the other OSes).
 */
import type { HostFacts } from '../model/diagnosis.js';
import type { GroupMembership } from '../model/group.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { SocketRecord, Transport } from '../model/socket.js';
import type { NativeStatistics, Statistics } from '../model/statistics.js';

/** What the connection listing needs from the OS, already resolved from the query. */
export interface ConnectionRequest {
  transports: readonly Transport[];
  inet4: boolean;
  inet6: boolean;
  /** Attribute sockets to processes (the costly part). */
  owners: boolean;
  /** Process names too (Windows `-b`, `-p`); with `owners` only PIDs may be enough. */
  ownerNames: boolean;
  /** net-tools timer columns are wanted (Linux: exact jiffies come from /proc). */
  timers?: boolean;
  /** Linux: owners' systemd unit, container and pod too (from `/proc/<pid>/cgroup`). */
  ownerDetail?: boolean;
  /** Linux: `all` network namespaces, or one (`--netns NAME|PATH|PID`); absent: our own. */
  namespaces?: string;
  /**
   * Told how many sockets the listing will hold, before its first record, where the probe knows
   * it (Linux: the sockstat counters), so that the renderer can pick its way for a short or a
   * long table.
   */
  expect?: (sockets: number) => void;
  /**
   * Where the probe may hand over records that belong after every record it has given the sink
   * so far (a table read in the same pass as the one before it); `flush()` prints them, and the
   * probe calls it before handing over any record that follows them. Absent: in order only.
   */
  later?: { push(batch: SocketRecord[]): void; flush(): void };
}

export type { NativeStatistics } from '../model/statistics.js';

/**
 * Receives records in batches as a probe reads them. It may return a promise (the output's
 * write): a probe that can wait (a streamed capture) waits for it before reading on.
 */
export type RecordSink = (batch: SocketRecord[]) => void | Promise<unknown>;

/** A probe's answer: records plus warnings meant for stderr (each printed once). */
export interface Snapshot<T = SocketRecord> {
  records: T[];
  warnings: string[];
}

/** A platform probe: the only code that touches the OS. Views a probe lacks are absent. */
export interface Probe {
  /** Short name for diagnostics (`linux-proc`, `windows-iphlpapi` …). */
  readonly name: string;
  /**
   * List sockets. With a `sink`, records are delivered through it in batches, in order, as they
   * are read (the snapshot's `records` is then empty); without, they come back in the snapshot.
   */
  connections(req: ConnectionRequest, sink?: RecordSink): Promise<Snapshot>;
  /** Routing table (`-r`), both families unless restricted. */
  routes?(req: { inet4: boolean; inet6: boolean }): Promise<Snapshot<Route>>;
  /** Interfaces with counters (`-i`, `-e`). */
  interfaces?(): Promise<Snapshot<NetInterface>>;
  /**
   * Protocol statistics (`-s`). `native` is the text of the OS's own `netstat -s` when the counters
   * were read from it (macOS): the same style prints it whole, since many BSD counters have no
   * MIB-II name.
   */
  statistics?(): Promise<{ statistics: Statistics; warnings: string[]; native?: NativeStatistics }>;
  /** Multicast group memberships (`-g`). */
  groups?(): Promise<Snapshot<GroupMembership>>;
  /** `--diagnose`: the ephemeral port range, SYN cookies, listen backlogs, as far as known. */
  hostFacts?(): Promise<{ facts: HostFacts; warnings: string[] }>;
  /** Release resources (worker threads, FFI handles) at exit. */
  close?(): void;
}
