/**
 * macOS `netstat -i` / `-ib` layout (pure): `%-5.5s %-5d` name (with `*` when down) and MTU, a
 * `<Link#N>` row with the MAC address padded to column 30, one row per address (`%-13.13s %-15.15s`
 * for IPv4, `%-11.11s %-17.17s` for IPv6) with `-` for errors, then `%8llu %5llu` packet/error
 * columns, `%10llu` bytes with `-b`, and `%5llu` collisions.
 * Checked against `fixtures/macos/macos10.14-netstat-i.txt`.
 */
import type { InterfaceAddress, NetInterface } from '../../model/interface.js';
import { fit, padLeft, padRight } from '../layout.js';
import type { NameTables } from '../names.js';
import { escapeControl } from '../sanitize.js';
import { bsdNetname } from './routes.js';
import { parseIPv6, formatIPv6 } from '../../parse/common/ip.js';

function header(bytes: boolean): string {
  let h = `${fit('Name', 5)} ${fit('Mtu', 5)} ${fit('Network', 13)} ${fit('Address', 15)} ${padLeft('Ipkts', 8)} ${padLeft('Ierrs', 5)}`;
  if (bytes) h += ` ${padLeft('Ibytes', 10)}`;
  h += ` ${padLeft('Opkts', 8)} ${padLeft('Oerrs', 5)}`;
  if (bytes) h += ` ${padLeft('Obytes', 10)}`;
  return `${h} ${padLeft('Coll', 5)}\n`;
}

function counters(i: NetInterface, bytes: boolean, link: boolean): string {
  const err = (v: number | undefined): string => padLeft(link ? String(v ?? 0) : '-', 5);
  let s = `${padLeft(String(i.rxPackets ?? 0), 8)} ${err(i.rxErrors)}`;
  if (bytes) s += ` ${padLeft(String(i.rxBytes ?? 0), 10)}`;
  s += ` ${padLeft(String(i.txPackets ?? 0), 8)} ${err(i.txErrors)}`;
  if (bytes) s += ` ${padLeft(String(i.txBytes ?? 0), 10)}`;
  return `${s} ${err(i.txCollisions)}`;
}

/** The masked network of an IPv6 address. */
function network6(a: InterfaceAddress): string {
  const b = parseIPv6(a.address);
  if (!b) return a.address;
  const bits = a.prefixLength ?? 128;
  for (let k = 0; k < 16; k++) {
    const keep = Math.max(0, Math.min(8, bits - k * 8));
    b[k] = (b[k] as number) & ((0xff << (8 - keep)) & 0xff);
  }
  return formatIPv6(b);
}

function addressRow(i: NetInterface, a: InterfaceAddress, numeric: boolean, names: NameTables): string {
  const host = (addr: string): string => (numeric ? addr : escapeControl(names.hosts.get(addr) ?? addr));
  if (a.family === 'inet') return `${fit(a.network ?? bsdNetname(a.address, a.prefixLength ?? 32), 13)} ${fit(host(a.address), 15)} `;
  const scope = /^fe[89ab]/i.test(a.address) ? `%${i.name}` : '';
  return `${fit(a.network ?? network6(a) + scope, 11)} ${fit(host(a.address) + scope, 17)} `;
}

export function* renderMacosInterfaces(list: readonly NetInterface[], o: { bytes: boolean; numeric: boolean; names: NameTables }): Generator<string> {
  yield header(o.bytes);
  for (const i of list) {
    const name = fit(`${escapeControl(i.name)}${i.flags.includes('UP') ? '' : '*'}`, 5);
    const lead = `${name} ${padRight(String(i.mtu ?? 0), 5)} `;
    let link = `${fit(`<Link#${i.index ?? 0}>`, 13)} `;
    const mac = i.mac && !/^[0:]+$/.test(i.mac) ? `${i.mac} ` : '';
    link = padRight(link + mac, 30);
    yield `${lead}${link}${counters(i, o.bytes, true)}\n`;
    for (const a of i.addresses ?? []) {
      if (a.family === 'link') continue;
      yield `${lead}${addressRow(i, a, o.numeric, o.names)}${counters(i, o.bytes, false)}\n`;
    }
  }
}
