/**
 * net-tools `netstat -i` layout (pure), byte-identical to net-tools 2.10: `Kernel Interface table`,
 * `%-15.15s %5d` name and MTU, RX/TX OK/ERR/DRP/OVR counters, the flag letters (`BMRU`), only
 * interfaces that are up unless `-a`, sorted the way net-tools keeps its interface list
 * (`nstrcmp`: `eth2` before `eth10`, aliases after their device).
 */
import type { NetInterface } from '../../model/interface.js';
import { ifFlagBits } from '../../parse/linux/sys-class-net.js';
import { padLeft, padRight } from '../layout.js';
import { escapeControl } from '../sanitize.js';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `cutalias`: split a trailing `:digits` alias. */
function cutAlias(name: string): [string, string | null] {
  let digit = false;
  for (let pos = name.length; pos > 0; pos--) {
    const c = name[pos - 1];
    if (c === ':' && digit) return [name.slice(0, pos - 1), name.slice(pos)];
    if (!isDigit(c)) break;
    digit = true;
  }
  return [name, null];
}

/** Index just past the last non-digit (`rindex_nondigit`). */
function nonDigitEnd(name: string): number {
  for (let pos = name.length; pos > 0; pos--) if (!isDigit(name[pos - 1])) return pos;
  return 0;
}

const strcmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** `strncmp` over the first n bytes. */
const strncmp = (a: string, b: string, n: number): number => strcmp(a.slice(0, n), b.slice(0, n));
/** C `atoi` of a digit string (0 for none). */
const atoi = (s: string): number => {
  const m = /^\d+/.exec(s);
  return m ? Number(m[0]) : 0;
};

/** net-tools `nstrcmp`: like strcmp, but numbers compare by value and `:N` aliases sort after their device. */
export function nstrcmp(ap: string, bp: string): number {
  const [a, aalias] = cutAlias(ap);
  const [b, balias] = cutAlias(bp);
  const aindex = nonDigitEnd(a);
  const bindex = nonDigitEnd(b);
  let res = strncmp(a, b, Math.min(aindex, bindex));
  if (res !== 0) return res;
  if (aindex !== bindex) return aindex > bindex ? 1 : -1;
  const av = atoi(a.slice(aindex));
  const bv = atoi(b.slice(bindex));
  if (av !== bv) return av < bv ? -1 : 1;
  res = strcmp(a, b);
  if (res !== 0) return res;
  const aa = aalias !== null ? atoi(aalias) : -1;
  const ba = balias !== null ? atoi(balias) : -1;
  if (aa !== ba) return aa < ba ? -1 : 1;
  return aalias !== null && balias !== null ? strcmp(aalias, balias) : 0;
}

/** The interface list in net-tools order (`if_cache_add`: insertion from the tail, duplicates dropped). */
export function netToolsInterfaceOrder<T extends { name: string }>(items: readonly T[]): T[] {
  const list: T[] = [];
  for (const item of items) {
    let i = list.length - 1;
    let dup = false;
    for (; i >= 0; i--) {
      const n = nstrcmp((list[i] as T).name, item.name);
      if (n === 0) {
        dup = true;
        break;
      }
      if (n < 0) break;
    }
    if (!dup) list.splice(i + 1, 0, item);
  }
  return list;
}

/** Flag bits of an interface (raw bits when the source has them, else from the names). */
export function interfaceFlagBits(i: NetInterface): number {
  return i.flagBits ?? ifFlagBits(i.flags);
}

const LETTERS: readonly (readonly [number, string])[] = [
  [0x200, 'A'],
  [0x2, 'B'],
  [0x4, 'D'],
  [0x8, 'L'],
  [0x1000, 'M'],
  [0x8000, 'd'],
  [0x100, 'P'],
  [0x20, 'N'],
  [0x80, 'O'],
  [0x10, 'P'],
  [0x800, 's'],
  [0x400, 'm'],
  [0x40, 'R'],
  [0x1, 'U'],
];

/** The `Flg` column (`ife_print_short`): `BMRU`, `LRU`, or `[NO FLAGS]`. */
export function netToolsIfFlags(bits: number): string {
  if ((bits & 0xffff) === 0) return '[NO FLAGS]';
  return LETTERS.filter(([b]) => (bits & b) !== 0)
    .map(([, l]) => l)
    .join('');
}

const n = (v: number | undefined): number => v ?? 0;

/** Render `netstat -i`; `all` is `-a` (interfaces that are down too). */
export function* renderLinuxInterfaces(list: readonly NetInterface[], opts: { all: boolean }): Generator<string> {
  yield 'Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';
  for (const i of netToolsInterfaceOrder(list)) {
    const bits = interfaceFlagBits(i);
    if (!opts.all && (bits & 1) === 0) continue;
    let s = `${padRight(escapeControl(i.name).slice(0, 15), 15)} ${padLeft(String(i.mtu ?? 0), 5)} `;
    s += `${padLeft(String(n(i.rxPackets)), 8)} ${padLeft(String(n(i.rxErrors)), 6)} ${padLeft(String(n(i.rxDropped)), 6)} ${padRight(String(n(i.rxOverruns)), 6)} `;
    s += `${padLeft(String(n(i.txPackets)), 8)} ${padLeft(String(n(i.txErrors)), 6)} ${padLeft(String(n(i.txDropped)), 6)} ${padLeft(String(n(i.txOverruns)), 6)} `;
    yield `${s}${netToolsIfFlags(bits)}\n`;
  }
}
