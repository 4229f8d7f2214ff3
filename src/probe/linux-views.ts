/**
 * The Linux sources of the table views, read through the injected `FileReader` from `procRoot`
 * and `sysRoot` (tests point both at fixture trees): routes (`/proc/net/route`, `ipv6_route`),
 * interfaces (`/proc/net/dev` + `/sys/class/net/<if>/{mtu,flags,operstate,ifindex,address}`),
 * protocol counters (`/proc/net/{snmp,netstat,snmp6}`, `/proc/net/sctp/snmp`) and multicast
 * groups (`/proc/net/igmp`, `igmp6`). No subprocess. A missing IPv6 file means "no IPv6":
 * an empty section, never an error.
 */
import type { GroupMembership } from '../model/group.js';
import type { InterfaceAddress, NetInterface } from '../model/interface.js';
import { prefixToNetmask, type Route } from '../model/route.js';
import type { Statistics } from '../model/statistics.js';
import { ipv4ToNumber } from '../parse/common/ip.js';
import type { SkippedLine } from '../parse/issues.js';
import { parseProcNetDev } from '../parse/linux/proc-net-dev.js';
import { parseFibTrieLocals } from '../parse/linux/proc-net-fib-trie.js';
import { parseProcNetIfInet6 } from '../parse/linux/proc-net-if-inet6.js';
import { parseProcNetIgmp, parseProcNetIgmp6 } from '../parse/linux/proc-net-igmp.js';
import { parseProcNetIpv6Route } from '../parse/linux/proc-net-ipv6-route.js';
import { parseProcNetRoute } from '../parse/linux/proc-net-route.js';
import { parseProcNetSctpSnmp, parseProcNetSnmp, parseProcNetSnmp6 } from '../parse/linux/proc-net-snmp.js';
import { effectiveIfFlags, ifFlagNames, parseSysNumber } from '../parse/linux/sys-class-net.js';
import { errCode, type FileReader } from './io.js';
import type { Probe, Snapshot } from './types.js';

export interface LinuxViewOptions {
  fs: FileReader;
  procRoot: string;
  sysRoot: string;
  littleEndian: boolean;
}

type Views = Required<Pick<Probe, 'routes' | 'interfaces' | 'statistics' | 'groups'>>;

/** One line per skipped input line, like the connection probe. */
function skippedWarnings(skipped: readonly SkippedLine[]): string[] {
  return skipped.map((s) => `${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
}

/** Read a file; undefined when it does not exist (optional sources), a warning for other errors. */
function readOptional(fs: FileReader, path: string, warnings: string[], binary = false): string | undefined {
  try {
    return fs.read(path, binary);
  } catch (e) {
    if (errCode(e) !== 'ENOENT') warnings.push(`cannot read ${path}: ${errCode(e) || String(e)}`);
    return undefined;
  }
}

/** Read a sysfs attribute of an interface; null when absent or unreadable. */
function sysAttr(o: LinuxViewOptions, ifname: string, attr: string): string | null {
  try {
    return o.fs.read(`${o.sysRoot}/class/net/${ifname}/${attr}`);
  } catch {
    return null;
  }
}

/**
 * IPv4 addresses per interface: the host's local addresses (`fib_trie`), each assigned to the
 * interface whose connected route holds it. Only the interface view reads `fib_trie` (it can be
 * large on a router with a full table).
 */
function inet4Addresses(o: LinuxViewOptions, routes: readonly Route[], warnings: string[]): Map<string, { address: string; prefixLength: number }[]> {
  const out = new Map<string, { address: string; prefixLength: number }[]>();
  const text = readOptional(o.fs, `${o.procRoot}/net/fib_trie`, warnings);
  if (text === undefined) return out;
  for (const addr of parseFibTrieLocals(text)) {
    const a = ipv4ToNumber(addr) as number;
    const owner = routes.find((r) => {
      if (r.family !== 'inet' || r.gateway !== null || r.prefixLength === 0) return false;
      const net = ipv4ToNumber(r.destination);
      const mask = ipv4ToNumber(prefixToNetmask(r.prefixLength));
      return net !== null && mask !== null && ((a & mask) >>> 0) === net;
    });
    const ifname = owner?.interface ?? (addr.startsWith('127.') ? 'lo' : undefined);
    if (!ifname) continue;
    const list = out.get(ifname) ?? [];
    list.push({ address: addr, prefixLength: owner?.prefixLength ?? 8 });
    out.set(ifname, list);
  }
  return out;
}

/** The view functions the Linux probe offers. */
export function linuxViews(o: LinuxViewOptions): Views {
  const ifindexCache = new Map<string, number | undefined>();
  const ifindex = (name: string): number | undefined => {
    if (!ifindexCache.has(name)) ifindexCache.set(name, parseSysNumber(sysAttr(o, name, 'ifindex') ?? '') ?? undefined);
    return ifindexCache.get(name);
  };

  const readIpv4Routes = (warnings: string[]): Route[] => {
    const path = `${o.procRoot}/net/route`;
    const text = readOptional(o.fs, path, warnings);
    if (text === undefined) {
      warnings.push(`INET (IPv4) not configured in this system (no ${path})`);
      return [];
    }
    const parsed = parseProcNetRoute(text, { littleEndian: o.littleEndian, source: path });
    warnings.push(...skippedWarnings(parsed.skipped));
    return parsed.records;
  };

  return {
    async routes(req): Promise<Snapshot<Route>> {
      ifindexCache.clear();
      const warnings: string[] = [];
      const records: Route[] = [];
      for (const r of req.inet4 ? readIpv4Routes(warnings) : []) {
        const idx = ifindex(r.interface);
        if (idx !== undefined) r.interfaceIndex = idx;
        records.push(r);
      }
      if (req.inet6) {
        const path = `${o.procRoot}/net/ipv6_route`;
        const text = readOptional(o.fs, path, warnings);
        if (text !== undefined) {
          const parsed = parseProcNetIpv6Route(text, path);
          warnings.push(...skippedWarnings(parsed.skipped));
          for (const r of parsed.records) {
            const idx = ifindex(r.interface);
            if (idx !== undefined) r.interfaceIndex = idx;
            records.push(r);
          }
        } else warnings.push(`INET6 (IPv6) not configured in this system (no ${path})`);
      }
      return { records, warnings };
    },

    async interfaces(): Promise<Snapshot<NetInterface>> {
      ifindexCache.clear();
      const warnings: string[] = [];
      const path = `${o.procRoot}/net/dev`;
      const text = readOptional(o.fs, path, warnings);
      if (text === undefined) {
        warnings.push(`cannot read ${path}: no interface counters`);
        return { records: [], warnings };
      }
      const parsed = parseProcNetDev(text, path);
      warnings.push(...skippedWarnings(parsed.skipped));
      const routeWarnings: string[] = [];
      const v4 = inet4Addresses(o, readIpv4Routes(routeWarnings), routeWarnings);
      const v6 = new Map<string, InterfaceAddress[]>();
      const if6 = readOptional(o.fs, `${o.procRoot}/net/if_inet6`, warnings);
      if (if6 !== undefined) {
        const p6 = parseProcNetIfInet6(if6, `${o.procRoot}/net/if_inet6`);
        warnings.push(...skippedWarnings(p6.skipped));
        for (const a of p6.records) {
          const list = v6.get(a.interface) ?? [];
          list.push({ family: 'inet6', address: a.address, prefixLength: a.prefixLength });
          v6.set(a.interface, list);
        }
      }
      const records: NetInterface[] = parsed.records.map((c) => {
        const sysFlags = parseSysNumber(sysAttr(o, c.name, 'flags') ?? '');
        const bits = sysFlags === null ? null : effectiveIfFlags(sysFlags, sysAttr(o, c.name, 'operstate'));
        const mac = sysAttr(o, c.name, 'address')?.trim();
        const addresses: InterfaceAddress[] = [
          ...(v4.get(c.name) ?? []).map((a): InterfaceAddress => ({ family: 'inet', address: a.address, prefixLength: a.prefixLength })),
          ...(v6.get(c.name) ?? []),
        ];
        const rec: NetInterface = { ...c, mtu: parseSysNumber(sysAttr(o, c.name, 'mtu') ?? ''), flags: bits === null ? [] : ifFlagNames(bits) };
        if (bits !== null) rec.flagBits = bits;
        const idx = ifindex(c.name);
        if (idx !== undefined) rec.index = idx;
        if (mac) rec.mac = mac;
        if (addresses.length > 0) rec.addresses = addresses;
        return rec;
      });
      return { records, warnings };
    },

    async statistics(): Promise<{ statistics: Statistics; warnings: string[] }> {
      const warnings: string[] = [];
      const statistics: Statistics = {};
      const sources: [string, (text: string, source: string, s: Statistics) => { skipped: SkippedLine[] }, boolean][] = [
        ['snmp', parseProcNetSnmp, true],
        ['netstat', parseProcNetSnmp, false],
        ['snmp6', parseProcNetSnmp6, false],
        ['sctp/snmp', parseProcNetSctpSnmp, false],
      ];
      for (const [file, parse, required] of sources) {
        const path = `${o.procRoot}/net/${file}`;
        const text = readOptional(o.fs, path, warnings);
        if (text === undefined) {
          if (required) warnings.push(`cannot open ${path}: no IPv4 protocol statistics`);
          continue;
        }
        warnings.push(...skippedWarnings(parse(text, path, statistics).skipped));
      }
      return { statistics, warnings };
    },

    async groups(): Promise<Snapshot<GroupMembership>> {
      const warnings: string[] = [];
      const records: GroupMembership[] = [];
      const p4 = `${o.procRoot}/net/igmp`;
      const t4 = readOptional(o.fs, p4, warnings);
      if (t4 !== undefined) {
        const parsed = parseProcNetIgmp(t4, { littleEndian: o.littleEndian, source: p4 });
        records.push(...parsed.records);
        warnings.push(...skippedWarnings(parsed.skipped));
      }
      const p6 = `${o.procRoot}/net/igmp6`;
      const t6 = readOptional(o.fs, p6, warnings);
      if (t6 !== undefined) {
        const parsed = parseProcNetIgmp6(t6, p6);
        records.push(...parsed.records);
        warnings.push(...skippedWarnings(parsed.skipped));
      }
      return { records, warnings };
    },
  };
}
