/**
 * Linux host facts for `--diagnose`, through the injected reader and netlink dumper: the
 * ephemeral port range (`/proc/sys/net/ipv4/ip_local_port_range`), the SYN cookies setting
 * (`/proc/sys/net/ipv4/tcp_syncookies`), and the accept queue and backlog of every TCP listener
 * (a `SOCK_DIAG_BY_FAMILY` dump of listeners only: `/proc/net/tcp` does not carry the backlog).
 * Both /proc/sys files are per network namespace. What cannot be read stays unknown.
 */
import type { HostFacts, ListenQueue } from '../model/diagnosis.js';
import { AF_INET, AF_INET6, IPPROTO_TCP, TCPF_LISTEN } from '../parse/linux/inet-diag.js';
import { decodeListenQueues } from '../parse/linux/inet-diag-listen.js';
import { parsePortRange, parseSysctlInt } from '../parse/linux/proc-sys-net.js';
import { errCode, type FileReader } from './io.js';
import type { NetlinkDumper } from './linux-netlink.js';

export interface LinuxFactsOptions {
  fs: FileReader;
  procRoot: string;
  littleEndian: boolean;
  /** The probe's netlink dumper (opened on first use); absent in fixture replays. */
  netlink?: () => Promise<NetlinkDumper | null>;
}

function readSetting(o: LinuxFactsOptions, name: string, warnings: string[]): string | undefined {
  const path = `${o.procRoot}/sys/net/ipv4/${name}`;
  try {
    return o.fs.read(path);
  } catch (e) {
    if (errCode(e) !== 'ENOENT') warnings.push(`cannot read ${path}: ${errCode(e) || String(e)}`);
    return undefined;
  }
}

/** Listeners' accept queues from sock_diag; undefined when netlink is unavailable. */
async function listenQueues(o: LinuxFactsOptions, warnings: string[]): Promise<ListenQueue[] | undefined> {
  if (!o.netlink) return undefined;
  let dumper: NetlinkDumper | null;
  try {
    dumper = await o.netlink();
  } catch {
    dumper = null;
  }
  if (!dumper) {
    warnings.push('netlink sock_diag is not available: listen backlogs are unknown, accept queues are not checked against them');
    return undefined;
  }
  const out: ListenQueue[] = [];
  const requests = [AF_INET, AF_INET6].map((family) => ({ family, protocol: IPPROTO_TCP, states: TCPF_LISTEN }));
  try {
    await dumper.dumpAll(requests, (_i, buf, len) => void decodeListenQueues(buf, len, out, o.littleEndian));
  } catch (e) {
    warnings.push(`netlink sock_diag dump of listeners failed (${e instanceof Error ? e.message : String(e)}): listen backlogs are unknown`);
    return undefined;
  }
  return out;
}

/** Read the host facts. */
export async function linuxHostFacts(o: LinuxFactsOptions): Promise<{ facts: HostFacts; warnings: string[] }> {
  const warnings: string[] = [];
  const facts: HostFacts = {};
  const rangeText = readSetting(o, 'ip_local_port_range', warnings);
  const range = rangeText === undefined ? null : parsePortRange(rangeText);
  if (range) facts.ephemeralPorts = { ...range, source: '/proc/sys/net/ipv4/ip_local_port_range' };
  const cookies = readSetting(o, 'tcp_syncookies', warnings);
  const c = cookies === undefined ? null : parseSysctlInt(cookies);
  if (c !== null) facts.synCookies = c;
  const queues = await listenQueues(o, warnings);
  if (queues) facts.listenQueues = queues;
  return { facts, warnings };
}
