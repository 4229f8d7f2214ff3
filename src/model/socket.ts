/**
 * The socket record: one row of a connection listing, whatever OS or tool it came from.
 * This is the contract of `--json` (schema version 1) and of the library's `getConnections()`.
 */
import type { TcpState } from './tcp-state.js';

/** Protocol of a record. `tcp6`/`udp6`/`raw6` are the IPv6 variants (as net-tools names them). */
export type Proto = 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'raw' | 'raw6' | 'unix';

/** Address family of a record. */
export type Family = 'inet' | 'inet6' | 'unix';

/** Transport kind, independent of the address family. */
export type Transport = 'tcp' | 'udp' | 'raw' | 'unix';

/** Unix socket type, as in `/proc/net/unix` (1 stream, 2 dgram, 5 seqpacket …). */
export type UnixType = 'STREAM' | 'DGRAM' | 'RAW' | 'RDM' | 'SEQPACKET' | 'UNKNOWN';

/** One process that holds a socket open. */
export interface Owner {
  pid: number;
  /** Short process name (Linux: `comm`; Windows: image name; macOS: as netstat/lsof print it). */
  name: string;
  /**
   * Program as net-tools prints it: the first word of the command line, basename when absolute.
   * Used only by the Linux style; not part of the JSON contract.
   */
  program?: string;
  /** Windows: the service hosted in the process (the line above `[svchost.exe]` in `netstat -b`), when known. */
  service?: string;
  /** Windows: every service the Service Control Manager says runs in this process (`RpcSs`, `Dnscache` …). */
  services?: string[];
  /** Linux: the systemd unit of the process, from `/proc/<pid>/cgroup` (`nginx.service`, `user@1000.service/app.scope`). */
  unit?: string;
  /** Linux: the container the process runs in, from its cgroup (name where the runtime's files say it). */
  container?: ContainerRef;
  /** Linux: the Kubernetes pod of the container (from `/var/log/pods`). */
  pod?: PodRef;
}

/** A container named by a process's cgroup. */
export interface ContainerRef {
  /** `docker`, `podman`, `containerd`, `cri-o`, `lxc`, or `kubernetes` (a kubepods cgroup that does not name its runtime). */
  runtime: string;
  id: string;
  name?: string;
}

/** A Kubernetes pod. */
export interface PodRef {
  namespace: string;
  name: string;
  /** The pod's UID, as the cgroup path carries it. */
  uid?: string;
}

/** A network namespace: its nsfs inode, and its name when `/run/netns` has one (`ip netns add`). */
export interface NetnsRef {
  inode: number;
  name?: string;
}

/** A socket. Fields that a source cannot know are `null` (addresses, ports, state) or absent. */
export interface SocketRecord {
  proto: Proto;
  family: Family;
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string | null;
  remotePort: number | null;
  /** Canonical state; `null` for an unconnected UDP/raw/unix socket. */
  state: TcpState | null;
  recvQ: number | null;
  sendQ: number | null;
  /** Every process that holds the socket (empty when unknown or not asked for). */
  owners: Owner[];
  uid?: number;
  user?: string;
  inode?: number;
  /** Unix sockets: bound path (`@name` for abstract sockets), '' when unbound. */
  path?: string;
  /** Unix sockets: socket type. */
  unixType?: UnixType;
  /** Unix sockets: the kernel's flag word (`0x10000` = accepting connections). */
  unixFlags?: number;
  /** Unix sockets: reference count. */
  refCnt?: number;
  /** Raw sockets: the protocol number, which `/proc` puts in the state column. */
  rawState?: number;
  /** IPv6 sockets bound to `::` that also accept IPv4 (macOS `tcp46`); absent when unknown. */
  dualStack?: boolean;
  /** Scope (interface) of a link-local address, e.g. `eth0` or `9`. */
  localScope?: string;
  remoteScope?: string;
  /** Linux timer fields (net-tools `-o`, here `--timers`): [timer kind, jiffies, retransmits, timeout]. */
  timer?: [number, number, number, number];
  /** Windows `-t` offload state, when known. */
  offload?: string;
  /** Connection template (Windows `-y`), when known. */
  template?: string;
  /** The host a `--parse` capture came from (`# host: NAME` line or file name); absent for a live probe or one unlabelled capture. */
  host?: string;
  /** Linux `--all-namespaces`/`--netns`: the network namespace the socket lives in. */
  netns?: NetnsRef;
}

/** The shared owner list of a record whose owners are unknown or not asked for (never mutated). */
export const NO_OWNERS: Owner[] = Object.freeze([]) as unknown as Owner[];

/** Transport of a proto. */
export function transportOf(proto: Proto): Transport {
  switch (proto) {
    case 'tcp':
    case 'tcp6':
      return 'tcp';
    case 'udp':
    case 'udp6':
      return 'udp';
    case 'raw':
    case 'raw6':
      return 'raw';
    case 'unix':
      return 'unix';
  }
}

/** The proto for a transport and family. */
export function protoOf(transport: Transport, family: Family): Proto {
  if (transport === 'unix' || family === 'unix') return 'unix';
  return (family === 'inet6' ? `${transport}6` : transport) as Proto;
}

/** `SO_ACCEPTCON` in `/proc/net/unix` flags: the socket is listening. */
export const UNIX_ACCEPTCON = 0x10000;
