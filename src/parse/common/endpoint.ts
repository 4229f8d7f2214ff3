/**
 * Endpoints as text tools print them (pure): `host:port` (net-tools, ss, lsof, sockstat,
 * Windows) and `host.port` (BSD/macOS netstat), with `*` wildcards, `[v6]` brackets, `%scope`
 * suffixes and service names. Shared by the capture parsers.
 */
import { ipv4ToNumber, parseIPv6 } from './ip.js';

/** Service name → port for a protocol (from `/etc/services`); undefined when unknown. */
export type ServiceLookup = (name: string, proto: 'tcp' | 'udp') => number | undefined;

/** A parsed endpoint. `address` null means "none" (`*` on an unconnected peer). */
export interface Endpoint {
  address: string | null;
  port: number | null;
  scope?: string;
  /** The service name the capture printed instead of a number, when it was not found. */
  unknownService?: string;
}

/** Port text → number: `*` is 0 (wildcard), digits are the port, names go through `services`. */
export function parsePort(text: string, proto: 'tcp' | 'udp' | 'raw', services: ServiceLookup | undefined): { port: number | null; unknownService?: string } {
  if (text === '*' || text === '') return { port: 0 };
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n <= 65535 ? { port: n } : { port: null, unknownService: text };
  }
  if (proto === 'raw') {
    const n = rawProtocol(text);
    return n !== null ? { port: n } : { port: null, unknownService: text };
  }
  const p = services?.(text, proto);
  return p !== undefined ? { port: p } : { port: null, unknownService: text };
}

/** Split `addr%scope` (also `*%ens33`) into address and scope. */
export function splitScope(host: string): { host: string; scope?: string } {
  const pct = host.indexOf('%');
  if (pct < 0) return { host };
  return { host: host.slice(0, pct), scope: host.slice(pct + 1) };
}

/** True when the text is a numeric IPv4 or IPv6 address (no scope). */
export function isNumericAddress(text: string): boolean {
  return ipv4ToNumber(text) !== null || (text.includes(':') && parseIPv6(text) !== null);
}

/**
 * Host text → address for a family: `*`, `0.0.0.0`, `::`, `[::]` are the unspecified address
 * of that family; brackets are removed; names (captures taken without `-n`) are kept as printed.
 */
export function normaliseHost(host: string, family: 'inet' | 'inet6'): { address: string; scope?: string } {
  let h = host;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const s = splitScope(h);
  h = s.host;
  if (h === '*' || h === '') h = family === 'inet6' ? '::' : '0.0.0.0';
  const out: { address: string; scope?: string } = { address: h };
  if (s.scope !== undefined && s.scope !== '') out.scope = s.scope;
  return out;
}

/**
 * `host:port` as net-tools, ss, lsof and sockstat print it: the port follows the last colon;
 * `[v6]:port` is bracketed. Returns null when there is no colon at all.
 */
export function splitColonEndpoint(text: string): { host: string; port: string } | null {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close > 0 && text[close + 1] === ':') return { host: text.slice(0, close + 1), port: text.slice(close + 2) };
  }
  const c = text.lastIndexOf(':');
  if (c < 0) return null;
  return { host: text.slice(0, c), port: text.slice(c + 1) };
}

/** `host.port` as BSD netstat prints it (`127.0.0.1.631`, `*.*`, `fe80::1%lo0.1024`): the port follows the last dot. */
export function splitDotEndpoint(text: string): { host: string; port: string } | null {
  const d = text.lastIndexOf('.');
  if (d < 0) return null;
  return { host: text.slice(0, d), port: text.slice(d + 1) };
}

/** Build an endpoint from split host and port text. */
export function endpoint(host: string, portText: string, family: 'inet' | 'inet6', proto: 'tcp' | 'udp' | 'raw', services: ServiceLookup | undefined): Endpoint {
  const h = normaliseHost(host, family);
  const p = parsePort(portText, proto, services);
  const e: Endpoint = { address: h.address, port: p.port };
  if (h.scope !== undefined) e.scope = h.scope;
  if (p.unknownService !== undefined) e.unknownService = p.unknownService;
  return e;
}

/** Family of a numeric address text, or null for names. */
export function familyOfAddress(text: string): 'inet' | 'inet6' | null {
  const h = splitScope(text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text).host;
  if (ipv4ToNumber(h) !== null) return 'inet';
  if (h.includes(':') && parseIPv6(h) !== null) return 'inet6';
  return null;
}

/**
 * Notes about endpoints a parser could read only partly: service names missing from the
 * services table, hosts that look cut by a tool's column width. One note per kind.
 */
export class EndpointNotes {
  private readonly unknown = new Set<string>();
  private truncated = 0;
  unknownService(name: string | undefined): void {
    if (name !== undefined) this.unknown.add(name);
  }
  /** Count a host that looks truncated (a tool cut it to its column width). */
  truncatedHost(): void {
    this.truncated++;
  }
  list(source: string, tool: string): string[] {
    const out: string[] = [];
    if (this.unknown.size)
      out.push(`${source}: port names not in the services table, port left empty: ${[...this.unknown].sort().join(', ')}`);
    if (this.truncated)
      out.push(`${source}: ${this.truncated} address${this.truncated === 1 ? '' : 'es'} look cut to the column width (${tool} without -W); kept as printed`);
    return out;
  }
}

/** Protocol names tools print in the port column of raw sockets (`[::]:ipv6-icmp`), from IANA. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  'ipv6-icmp': 58,
  icmpv6: 58,
  sctp: 132,
  raw: 255,
};

/** The protocol number of a raw socket's "port" text (a number or an IANA protocol name). */
export function rawProtocol(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return PROTOCOL_NUMBERS[text.toLowerCase()] ?? null;
}

/**
 * Name → port lookup from `/etc/services` text (names and aliases, both protocols), for captures
 * taken without `-n` (`0.0.0.0:ssh`, `*.https`). The first entry of a name wins.
 */
export function serviceLookupFromText(text: string): ServiceLookup {
  const table = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const fields = (hash >= 0 ? raw.slice(0, hash) : raw).trim().split(/\s+/);
    const m = /^(\d+)\/(tcp|udp)$/i.exec(fields[1] ?? '');
    if (!m) continue;
    const proto = (m[2] as string).toLowerCase();
    for (const name of [fields[0] as string, ...fields.slice(2)]) {
      const key = `${proto}/${name.toLowerCase()}`;
      if (!table.has(key)) table.set(key, Number(m[1]));
    }
  }
  return (name, proto) => table.get(`${proto}/${name.toLowerCase()}`);
}
