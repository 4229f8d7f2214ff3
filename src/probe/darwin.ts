/**
 * macOS probe: runs the native tools through the injected CommandRunner (argument arrays; the
 * runner sets `LC_ALL=C`) and parses their output with the BSD parsers:
 *
 * - sockets: `netstat -anvW -p tcp`, `netstat -anvW -p udp` (the pid column is found from the
 *   header: older macOS prints `pid epid`, newer `process:pid`), `netstat -an -f unix`;
 *   `-W` keeps IPv6 addresses whole;
 * - owners come with `-v` at no cost and are always kept; what netstat lacks (the older layout
 *   has pids but no names) comes from `lsof -nP -iTCP -iUDP -F pcnPt`, run only when a listing
 *   asks for owners and some are incomplete;
 * - routes `netstat -rn`, interfaces `netstat -ibn`, statistics `netstat -s`;
 * - interface metadata (speed, MAC, up/down) from `systeminformation`, loaded lazily and only
 *   for the interface view; an empty answer means "unknown", never "no interfaces".
 *
 * Tests replay recorded outputs through a fake runner (exact argv → text), so all of this runs
 * on Linux CI.
 */
import { RunError } from '../model/errors.js';
import type { NetInterface } from '../model/interface.js';
import type { Route } from '../model/route.js';
import type { SocketRecord } from '../model/socket.js';
import { parseBsdInterfaces } from '../parse/bsd/netstat-interfaces.js';
import { parseBsdRoutes } from '../parse/bsd/netstat-routes.js';
import { parseBsdSockets } from '../parse/bsd/netstat-sockets.js';
import { parseBsdStatistics } from '../parse/bsd/netstat-statistics.js';
import { summariseSkipped } from '../parse/common/text.js';
import { parseLsofFields } from '../parse/lsof/lsof.js';
import type { CommandRunner } from './io.js';
import type { ConnectionRequest, Probe, Snapshot } from './types.js';

/** Interface facts from systeminformation's `networkInterfaces()` (the fields used here). */
export interface InterfaceMeta {
  iface: string;
  mac?: string;
  /** Link speed in Mbit/s, or null/undefined when unknown. */
  speed?: number | null;
  operstate?: string;
  mtu?: number | null;
}

export interface DarwinProbeOptions {
  run: CommandRunner;
  /** Interface metadata; default: systeminformation, imported on first use. */
  interfaceMetadata?: () => Promise<InterfaceMeta[]>;
}

/** The exact command lines the probe runs (also the keys of recorded replays). */
export const DARWIN_COMMANDS = {
  tcp: ['netstat', '-anvW', '-p', 'tcp'],
  udp: ['netstat', '-anvW', '-p', 'udp'],
  unix: ['netstat', '-an', '-f', 'unix'],
  routes: ['netstat', '-rn'],
  interfaces: ['netstat', '-ibn'],
  statistics: ['netstat', '-s'],
  lsof: ['lsof', '-nP', '-iTCP', '-iUDP', '-F', 'pcnPt'],
} as const;

async function systeminformationInterfaces(): Promise<InterfaceMeta[]> {
  const si = (await import('systeminformation')) as unknown as { networkInterfaces(): Promise<InterfaceMeta[] | InterfaceMeta> };
  const r = await si.networkInterfaces();
  return Array.isArray(r) ? r : [r];
}

/** Key of a socket for matching lsof rows to netstat rows. */
function socketKey(r: SocketRecord): string {
  return `${r.proto}|${r.localAddress}|${r.localPort}|${r.remoteAddress}|${r.remotePort}`;
}

/**
 * Fill owners netstat could not name from lsof records: a record with a pid but no name takes
 * the name lsof gives that pid; a record without owners takes lsof's owners of the same socket.
 */
export function mergeLsofOwners(records: SocketRecord[], lsof: readonly SocketRecord[]): number {
  const bySocket = new Map<string, SocketRecord>();
  const names = new Map<number, string>();
  for (const l of lsof) {
    bySocket.set(socketKey(l), l);
    for (const o of l.owners) if (o.name) names.set(o.pid, o.name);
  }
  let filled = 0;
  for (const r of records) {
    if (r.owners.length === 0) {
      const l = bySocket.get(socketKey(r));
      if (l && l.owners.length) {
        r.owners = l.owners.map((o) => ({ ...o }));
        filled++;
      }
      continue;
    }
    for (const o of r.owners) {
      const name = o.name ? undefined : names.get(o.pid);
      if (name !== undefined) {
        o.name = name;
        filled++;
      }
    }
  }
  return filled;
}

/** Create the macOS probe. */
export function createDarwinProbe(opts: DarwinProbeOptions): Probe {
  const run = async (cmd: readonly string[], warnings: string[], required: boolean): Promise<string | null> => {
    const [file, ...args] = cmd as [string, ...string[]];
    const r = await opts.run(file, args);
    if (r.code === 127) {
      if (required) throw new RunError(`cannot run ${file}: ${r.stderr.trim() || 'not found'}`, 1);
      warnings.push(`${file} is not available: ${r.stderr.trim() || 'not found'}`);
      return null;
    }
    // lsof exits 1 when it found nothing to list; netstat's stderr notes are passed on.
    if (r.code !== 0 && !(file === 'lsof' && r.code === 1)) warnings.push(`${cmd.join(' ')} exited with status ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
    return r.stdout;
  };

  return {
    name: 'darwin-netstat',
    async connections(req: ConnectionRequest): Promise<Snapshot> {
      const warnings: string[] = [];
      const records: SocketRecord[] = [];
      const jobs: (readonly string[])[] = [];
      if (req.transports.includes('tcp')) jobs.push(DARWIN_COMMANDS.tcp);
      if (req.transports.includes('udp')) jobs.push(DARWIN_COMMANDS.udp);
      if (req.transports.includes('unix')) jobs.push(DARWIN_COMMANDS.unix);
      const outputs = await Promise.all(jobs.map((cmd) => run(cmd, warnings, true)));
      outputs.forEach((text, i) => {
        const cmd = (jobs[i] as readonly string[]).join(' ');
        const parsed = parseBsdSockets(text ?? '', { source: cmd });
        warnings.push(...parsed.notes, ...summariseSkipped(parsed.skipped));
        for (const r of parsed.records) {
          if (r.family === 'inet' && !req.inet4) continue;
          if (r.family === 'inet6' && !req.inet6) continue;
          records.push(r);
        }
      });
      // netstat -v gives owners at no extra cost, so they are kept; lsof (slow) runs only on request.
      if (req.owners && req.ownerNames && records.some((r) => r.proto !== 'unix' && (r.owners.length === 0 || r.owners.some((o) => !o.name)))) {
        const text = await run(DARWIN_COMMANDS.lsof, warnings, false);
        if (text !== null) {
          const lsof = parseLsofFields(text, { source: DARWIN_COMMANDS.lsof.join(' ') });
          mergeLsofOwners(records, lsof.records);
        }
      }
      return { records, warnings };
    },
    async routes(req): Promise<Snapshot<Route>> {
      const warnings: string[] = [];
      const text = await run(DARWIN_COMMANDS.routes, warnings, true);
      const parsed = parseBsdRoutes(text ?? '', { source: DARWIN_COMMANDS.routes.join(' ') });
      warnings.push(...summariseSkipped(parsed.skipped));
      return { records: parsed.records.filter((r) => (r.family === 'inet' ? req.inet4 : req.inet6)), warnings };
    },
    async interfaces(): Promise<Snapshot<NetInterface>> {
      const warnings: string[] = [];
      const text = await run(DARWIN_COMMANDS.interfaces, warnings, true);
      const parsed = parseBsdInterfaces(text ?? '', { source: DARWIN_COMMANDS.interfaces.join(' ') });
      warnings.push(...summariseSkipped(parsed.skipped));
      let meta: InterfaceMeta[] = [];
      try {
        meta = await (opts.interfaceMetadata ?? systeminformationInterfaces)();
      } catch {
        meta = []; // metadata is optional: counters stand on their own
      }
      const byName = new Map(meta.map((m) => [m.iface, m]));
      for (const i of parsed.records) {
        const m = byName.get(i.name);
        if (!m) continue;
        if (!i.mac && m.mac) i.mac = m.mac;
        if (typeof m.speed === 'number' && m.speed > 0) i.speed = m.speed * 1_000_000;
        if (i.mtu === null && typeof m.mtu === 'number') i.mtu = m.mtu;
        if (m.operstate === 'up' && !i.flags.includes('RUNNING')) i.flags.push('RUNNING');
      }
      return { records: parsed.records, warnings };
    },
    async statistics() {
      const warnings: string[] = [];
      const text = await run(DARWIN_COMMANDS.statistics, warnings, true);
      const parsed = parseBsdStatistics(text ?? '', { source: DARWIN_COMMANDS.statistics.join(' ') });
      warnings.push(...parsed.notes, ...summariseSkipped(parsed.skipped));
      return text ? { statistics: parsed.statistics, warnings, native: { style: 'macos', text } } : { statistics: parsed.statistics, warnings };
    },
  };
}
