/**
 * Name tables handed to renderers: whatever the probe's resolver found, looked up without I/O.
 * A renderer that gets no entry prints the number, exactly as the native tools do on a miss.
 */

export interface NameTables {
  /** Address → host name (reverse DNS, /etc/hosts, /etc/networks as the native tool would). */
  hosts: ReadonlyMap<string, string>;
  /** `tcp/443` → `https`; raw sockets use `raw/1` → `icmp` (from /etc/protocols). */
  services: ReadonlyMap<string, string>;
  /** uid → user name. */
  users: ReadonlyMap<number, string>;
  /** This machine's name (Windows shows it for unspecified foreign addresses). */
  hostname: string;
}

/** Tables with nothing in them (numeric output). */
export const NO_NAMES: NameTables = { hosts: new Map(), services: new Map(), users: new Map(), hostname: 'localhost' };

/** Lookup key for the services table. */
export function serviceKey(proto: 'tcp' | 'udp' | 'raw', port: number): string {
  return `${proto}/${port}`;
}
