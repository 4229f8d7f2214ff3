/**
 * Linux probe: reads `/proc/net/*` and walks `/proc/<pid>/fd` directly (no subprocess).
 * Every path starts from `procRoot`, so tests can replay a fixture tree (like gopsutil's HOST_PROC).
 */
import type { Owner, Proto, SocketRecord } from '../model/socket.js';
import { AF_INET, AF_INET6, AF_UNSPEC, InetDiagDecoder, type DiagChunk, IPPROTO_TCP, IPPROTO_UDP, TCPF_ALL } from '../parse/linux/inet-diag.js';
import { parseProcNetInet } from '../parse/linux/proc-net-inet.js';
import { parseProcNetUnix } from '../parse/linux/proc-net-unix.js';
import { errCode, type FileReader } from './io.js';
import type { NetlinkDumper } from './linux-netlink.js';
import type { LinuxViewOptions } from './linux-views.js';
import { walkSocketOwners, walkSocketOwnersParallel, type OwnerWalk, type OwnerWalkWorker } from './linux-owners.js';

export { walkSocketOwners, type OwnerWalk } from './linux-owners.js';
export { procNetFiles, tableMayHold } from './linux-tables.js';
import { procNetFiles, sockstatCounts, tableMayHold } from './linux-tables.js';
import type { ConnectionRequest, Probe, RecordSink, Snapshot } from './types.js';
import { OwnerDetail } from './owner-detail.js';

export interface LinuxProbeOptions {
  fs: FileReader;
  /** Root of procfs; default `/proc`. */
  procRoot?: string;
  /** Root of sysfs (interface MTU and flags); default `/sys`. */
  sysRoot?: string;
  /** Host byte order; default little-endian. */
  littleEndian?: boolean;
  /** Effective uid, for the permission message; null when unknown. */
  euid?: number | null;
  /** Opens a netlink sock_diag dumper (the live kernel only); absent in fixture replays. */
  netlink?: () => Promise<NetlinkDumper | null>;
  /** `proc` or `netlink` forces a source; `auto` (default) uses netlink for large tables. */
  source?: 'auto' | 'proc' | 'netlink';
  /** Sockets (from /proc/net/sockstat) above which `auto` switches to netlink. */
  netlinkThreshold?: number;
  /** Told the socket count (from /proc/net/sockstat) before each listing reads the tables. */
  tableSize?: (sockets: number) => void;
  /** Runs part of the owner walk on another thread (the live /proc only). */
  ownerWorker?: OwnerWalkWorker;
  /** Read only the tables sockstat says hold sockets (other namespaces under `-N`). */
  skipEmptyTables?: boolean;
  /** Where `ip netns` keeps named network namespaces; default `/run/netns`. */
  runNetns?: string;
  /** Reads a named namespace no process is in (a `setns` worker thread; the live kernel only). */
  enterNetns?: import('./netns-connections.js').EnterNetns;
  /** Reads other namespaces' tables on a worker thread (the live kernel only). */
  readNetnsTables?: (roots: readonly string[], files: readonly string[]) => Promise<Record<string, string>[]>;
  /** Where container runtimes keep their containers' names (tests point it at fixtures). */
  runtimeRoots?: import('./owner-detail.js').RuntimeRoots;
}

/**
 * Sockets from which `auto` reads TCP and UDP through netlink rather than `/proc`. Measured in a
 * private namespace (medians of per-round ratios to netstat; koffi costs ~13 ms to load, the dumps
 * need no worker): `-tan` through netlink against `/proc` 4.69× against 4.75× at 4,000 sockets
 * (even), 4.12× against 4.57× at 7,000, 2.39× against 3.01× at 20,000; `-tanp` 6.41× against 6.92×
 * at 4,000. Below, `/proc` is read and done before koffi would be loaded.
 */
export const NETLINK_FROM = 5_000;

/**
 * Sockets from which the `/proc/<pid>/fd` walk of `-p` is shared with a worker thread (which
 * takes ~40 ms to start): measured apart from the socket source.
 */
export const OWNER_WORKER_FROM = 15_000;

/**
 * Sockets of this network namespace from the `sockstat` counters (`TCP: inuse 5 orphan 0 tw 0
 * alloc 11`, `TCP6: inuse 3`). `alloc` is machine-wide, so only `inuse` and `tw` count.
 */
export function namespaceSockets(c: Readonly<Record<string, number>>): number {
  const n = (k: string): number => c[k] ?? 0;
  return n('TCP_inuse') + n('TCP_tw') + n('UDP_inuse') + n('TCP6_inuse') + n('UDP6_inuse');
}

/** The net-tools style messages for an incomplete owner walk (one line each). */
export function ownerWarnings(walk: OwnerWalk, euid: number | null): string[] {
  if (walk.denied === 0) return [];
  if (walk.readable === 0)
    return [`(No info could be read for "-p": geteuid()=${euid ?? '?'} but you should be root.)`];
  return [
    `(Not all processes could be identified, non-owned process info will not be shown, you would have to be root to see it all.)`,
  ];
}

/** Create the Linux probe. */
export function createLinuxProbe(opts: LinuxProbeOptions): Probe {
  const fs = opts.fs;
  const procRoot = opts.procRoot ?? '/proc';
  const littleEndian = opts.littleEndian ?? true;
  const threshold = opts.netlinkThreshold ?? NETLINK_FROM;
  let dumper: NetlinkDumper | null | undefined;
  const viewOptions: LinuxViewOptions = { fs, procRoot, sysRoot: opts.sysRoot ?? '/sys', littleEndian };
  let loadedViews: Promise<ReturnType<(typeof import('./linux-views.js'))['linuxViews']>> | undefined;
  const views = (): Promise<ReturnType<(typeof import('./linux-views.js'))['linuxViews']>> =>
    (loadedViews ??= import('./linux-views.js').then((m) => m.linuxViews(viewOptions)));
  /** The sockstat counters of this network namespace (/proc/net/sockstat and sockstat6); null when unknown. */
  const sockstat = (): Record<string, number> | null => {
    try {
      const text = fs.read(`${procRoot}/net/sockstat`);
      let text6: string | undefined;
      try {
        text6 = fs.read(`${procRoot}/net/sockstat6`);
      } catch {
        /* no IPv6 */
      }
      return sockstatCounts(text, text6);
    } catch {
      return null;
    }
  };
  /** Sockets of this network namespace; 0 when unknown. */
  const socketCount = (): number => namespaceSockets(sockstat() ?? {});
  /** The netlink dumper for a large table (no timers asked), else null: /proc is read instead. */
  const netlinkFor = async (req: ConnectionRequest): Promise<NetlinkDumper | null> => {
    if (!opts.netlink || opts.source === 'proc' || req.timers) return null;
    if (!req.transports.includes('tcp') && !req.transports.includes('udp')) return null;
    if (dumper === undefined) dumper = await opts.netlink();
    return dumper;
  };
  /** One owner walk; on two threads for large tables. */
  const walkOwners = async (large: boolean): Promise<OwnerWalk> =>
    opts.ownerWorker && large ? walkSocketOwnersParallel(fs, procRoot, opts.ownerWorker) : walkSocketOwners(fs, procRoot);
  const detail = new OwnerDetail(fs, procRoot, opts.runtimeRoots);
  /** One owner walk, with units and containers when asked. */
  const walkFor = async (req: ConnectionRequest, large: boolean): Promise<OwnerWalk> => {
    const w = await walkOwners(large);
    if (req.ownerDetail) detail.fill(w.owners.values());
    return w;
  };
  const probe: Probe = {
    name: 'linux-proc',
    // The table views' readers load only when a view is asked for (not on a socket listing).
    routes: async (req) => (await views()).routes(req),
    interfaces: async () => (await views()).interfaces(),
    statistics: async () => (await views()).statistics(),
    groups: async () => (await views()).groups(),
    hostFacts: async () =>
      (await import('./linux-host-facts.js')).linuxHostFacts({
        fs,
        procRoot,
        littleEndian,
        ...(opts.netlink && opts.source !== 'proc' ? { netlink: async () => (dumper === undefined ? (dumper = await (opts.netlink as () => Promise<NetlinkDumper | null>)()) : dumper) } : {}),
      }),
    async connections(req: ConnectionRequest, sink?: RecordSink): Promise<Snapshot> {
      if (req.namespaces !== undefined) {
        const { namespacesConnections } = await import('./netns-connections.js');
        return namespacesConnections(
          {
            fs,
            procRoot,
            runNetns: opts.runNetns ?? '/run/netns',
            ownerWarnings: (w) => ownerWarnings(w, opts.euid ?? null),
            own: (r, s) => probe.connections(r, s),
            probeAt: (root, at) => createLinuxProbe({ fs: at, procRoot: root, littleEndian, source: 'proc', skipEmptyTables: true }),
            walkOwners: () => walkOwners(socketCount() >= OWNER_WORKER_FROM),
            detail,
            enter: opts.enterNetns,
            readTables: opts.readNetnsTables,
          },
          // Each namespace's records are labelled on their way to the sink: none may go round it.
          { ...req, later: undefined },
          sink,
        );
      }
      const records: SocketRecord[] = [];
      const warnings: string[] = [];
      let walk: OwnerWalk | null = null;
      /** Attach owners (when walked), then stream to the sink or collect. */
      const out = (batch: SocketRecord[]): void => {
        if (walk) {
          const owners = walk.owners;
          for (const r of batch) {
            if (r.inode) {
              const o = owners.get(r.inode);
              if (o) r.owners = o;
            }
          }
        }
        if (sink) sink(batch);
        else for (const r of batch) records.push(r);
      };
      const counts = sockstat();
      const sockets = namespaceSockets(counts ?? {});
      opts.tableSize?.(sockets);
      req.expect?.(sockets);
      const large = opts.source === 'netlink' || sockets >= threshold;
      let viaNetlink = large ? await netlinkFor(req) : null;
      let files = procNetFiles(req);
      if (opts.skipEmptyTables) {
        // Each /proc/<pid>/net table read walks the kernel's host-wide hash: skip the empty ones.
        if (counts) files = files.filter((p) => tableMayHold(p, counts));
      }
      let dumped: Promise<void> | null = null;
      if (viaNetlink) {
        // TCP and UDP through sock_diag (in /proc order); raw sockets still come from /proc below.
        // A kernel without IPv6 has no sockstat6 (and no tcp6 file): no IPv6 dump to ask for.
        const v6 = counts === null || counts['TCP6_inuse'] !== undefined;
        const inet = files.filter((p): p is 'tcp' | 'tcp6' | 'udp' | 'udp6' => !p.startsWith('raw') && (v6 || !p.endsWith('6')));
        // One decoder per transport (records are labelled by each message's family): one object
        // for the optimised code to see, and one address cache for IPv4 and IPv4-mapped addresses.
        const tcp = new InetDiagDecoder('tcp', littleEndian);
        const udp = new InetDiagDecoder('udp', littleEndian);
        const decoders = inet.map((p) => (p.startsWith('tcp') ? tcp : udp));
        const requests = inet.map((p) => ({
          family: p.endsWith('6') ? AF_INET6 : AF_INET,
          protocol: p.startsWith('tcp') ? IPPROTO_TCP : IPPROTO_UDP,
          states: TCPF_ALL,
        }));
        // IPv4 and IPv6 TCP in one kernel walk where the IPv6 rows can be held back until the
        // IPv4 ones are out (`req.later`): each dump walks the whole socket hash, so two dumps
        // visit every socket twice. Not while owners are walked (then every dump starts at once).
        const later = !req.owners && inet[0] === 'tcp' && inet[1] === 'tcp6' ? req.later : undefined;
        if (later) {
          requests.splice(0, 2, { family: AF_UNSPEC, protocol: IPPROTO_TCP, states: TCPF_ALL });
          decoders.splice(0, 2, tcp);
        }
        let holding = later !== undefined;
        /** The held IPv6 rows go out before anything that follows them. */
        const release = (): void => {
          if (!holding) return;
          holding = false;
          later?.flush();
        };
        let emitted = false;
        // A received batch (~2,000 sockets) goes on in slices of 256 records.
        const decode = (index: number, buf: Uint8Array, len: number): void => {
          if (index > 0) release();
          for (let from: number | undefined = 0; from !== undefined; ) {
            const batch: SocketRecord[] = [];
            const r: DiagChunk | undefined = decoders[index]?.decode(buf, len, batch, from, 256);
            if (r?.error) throw new Error(`netlink error ${r.error}`);
            if (batch.length > 0) emitted = true;
            if (holding && index === 0) {
              const v4: SocketRecord[] = [];
              const v6: SocketRecord[] = [];
              for (const rec of batch) (rec.family === 'inet6' ? v6 : v4).push(rec);
              out(v4);
              if (v6.length > 0) later?.push(v6);
            } else out(batch);
            from = r?.next;
          }
        };
        // While owners are being walked, the kernel's raw answers wait (compact) instead of records.
        const waiting: [number, Uint8Array, number][] = [];
        let ready = !req.owners;
        // (A buffer is the dumper's again once the sink returns: what waits is a copy.)
        dumped = viaNetlink.dumpAll(requests, (i, b, l) => (ready ? decode(i, b, l) : void waiting.push([i, b.slice(0, l), l])), {
          sockets,
          busy: req.owners,
        });
        dumped.catch(() => {}); // awaited below; no unhandled rejection meanwhile
        if (req.owners) {
          walk = await walkFor(req, sockets >= OWNER_WORKER_FROM);
          warnings.push(...ownerWarnings(walk, opts.euid ?? null));
          ready = true;
          for (const [i, b, l] of waiting.splice(0)) decode(i, b, l);
        }
        try {
          await dumped;
          release();
        } catch (e) {
          // A kernel that refuses the dump before anything was listed (no sock_diag): /proc below.
          if (emitted) throw e;
          viaNetlink = null;
        }
      } else if (req.owners) {
        // Like net-tools: processes first, then the tables.
        walk = await walkFor(req, sockets >= OWNER_WORKER_FROM);
        warnings.push(...ownerWarnings(walk, opts.euid ?? null));
      }
      for (const proto of files) {
        if (viaNetlink && !proto.startsWith('raw')) continue;
        const path = `${procRoot}/net/${proto}`;
        // Each piece of whole lines is parsed, filtered and rendered as it is read.
        let firstLine = 1;
        const parse = (text: string): void => {
          const parsed = parseProcNetInet(text, proto, { littleEndian, source: path, onRecords: out, firstLine, timers: req.timers === true });
          firstLine += parsed.lines;
          for (const s of parsed.skipped) warnings.push(`${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
        };
        try {
          if (fs.readLines) fs.readLines(path, parse);
          else parse(fs.read(path, true));
        } catch (e) {
          if (!errCode(e)) throw e; // not the file system's: a bug further down
          // A kernel without IPv6 has no tcp6/udp6/raw6: that family is simply off.
          if (errCode(e) !== 'ENOENT' || !proto.endsWith('6')) warnings.push(`cannot read ${path}: ${errCode(e)}`);
          continue;
        }
      }
      if (req.transports.includes('unix')) {
        const path = `${procRoot}/net/unix`;
        try {
          const parsed = parseProcNetUnix(fs.read(path), path);
          out(parsed.records);
          for (const s of parsed.skipped) warnings.push(`${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
        } catch (e) {
          warnings.push(`cannot read ${path}: ${errCode(e) || String(e)}`);
        }
      }
      return { records, warnings };
    },
    close() {
      dumper?.close();
    },
  };
  return probe;
}
