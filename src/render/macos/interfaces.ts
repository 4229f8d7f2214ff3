/**
 * macOS `netstat -i` / `-ib` layout (pure): `%-5.5s %-5d` name (with `*` when down) and MTU, a
 * `%-11.11s` `<Link#N>` row with the MAC address (padded to 30 columns), one row per address (`%-13.13s %-15.15s`
 * for IPv4; `%-11.11s %-17.17s` for IPv6, the address itself (or its name) as network and link-local
 * addresses with the KAME embedded scope `fe80:4::1`) with `-` for errors, then `%8llu %5llu` packet/error
 * columns, `%10llu` bytes with `-b`, and `%5llu` collisions.
 * Checked against `fixtures/macos/macos10.14-netstat-i.txt`.
 */
import type { InterfaceAddress, NetInterface } from '../../model/interface.js';
import { fit, padLeft, padRight } from '../layout.js';
import type { NameTables } from '../names.js';
import { escapeControl } from '../sanitize.js';
import { bsdNetname } from './routes.js';
import { formatIPv6, ipv4ToNumber, parseIPv6 } from '../../parse/common/ip.js';

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

/** The masked network of an IPv4 address (`192.168.1.5/24` → `192.168.1.0`). */
function network4(addr: string, bits: number): string {
  const a = ipv4ToNumber(addr) ?? 0;
  const m = bits <= 0 ? 0 : (0xffffffff << (32 - Math.min(bits, 32))) >>> 0;
  const n = (a & m) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A link-local IPv6 address with the interface index embedded KAME style (`fe80:4::1`), as macOS prints it. */
function kame(addr: string, index: number | undefined): string {
  const b = parseIPv6(addr);
  if (!b || b[0] !== 0xfe || ((b[1] as number) & 0xc0) !== 0x80 || index === undefined) return addr;
  b[2] = (index >> 8) & 0xff;
  b[3] = index & 0xff;
  return formatIPv6(b);
}

function addressRow(i: NetInterface, a: InterfaceAddress, numeric: boolean, names: NameTables): string {
  const name = numeric ? undefined : names.hosts.get(a.address);
  if (a.family === 'inet') {
    const plen = a.prefixLength ?? 32;
    return `${fit(a.network ?? bsdNetname(network4(a.address, plen), plen), 13)} ${fit(name !== undefined ? escapeControl(name) : a.address, 15)} `;
  }
  // An address the capture printed cut (`fe80::20c:29ff:fe`) is kept as printed: no scope invented.
  const linkLocal = /^fe[89ab][0-9a-f]?:/i.test(a.address) && !a.address.includes('%') && !a.cut;
  const network = a.network ?? (name !== undefined ? escapeControl(name) : `${a.address}${linkLocal ? `%${escapeControl(i.name)}` : ''}`);
  return `${fit(network, 11)} ${fit(linkLocal ? kame(a.address, i.index) : a.address, 17)} `;
}

export function* renderMacosInterfaces(list: readonly NetInterface[], o: { bytes: boolean; numeric: boolean; names: NameTables }): Generator<string> {
  yield header(o.bytes);
  for (const i of list) {
    const name = fit(`${escapeControl(i.name)}${i.flags.includes('UP') ? '' : '*'}`, 5);
    const lead = `${name} ${padRight(String(i.mtu ?? 0), 5)} `;
    let link = `${fit(`<Link#${i.index ?? 0}>`, 11)} `;
    const mac = i.mac && !/^[0:]+$/.test(i.mac) ? `${i.mac} ` : '';
    link = padRight(link + mac, 30);
    yield `${lead}${link}${counters(i, o.bytes, true)}\n`;
    for (const a of i.addresses ?? []) {
      if (a.family === 'link') continue;
      // An address row keeps its own counters where the source had them (FreeBSD prints them per address).
      const own = a.rxPackets !== undefined ? { ...i, rxPackets: a.rxPackets, txPackets: a.txPackets, rxBytes: a.rxBytes, txBytes: a.txBytes } : i;
      yield `${lead}${addressRow(i, a, o.numeric, o.names)}${counters(own, o.bytes, false)}\n`;
    }
  }
}
