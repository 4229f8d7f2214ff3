/**
 * Values from `/sys/class/net/<if>/` and what they mean (pure).
 *
 * Real input: `/sys/class/net/eth0/flags` holds `0x1003` (UP, BROADCAST, MULTICAST) and
 * `/sys/class/net/eth0/operstate` holds `up`. The kernel keeps RUNNING out of `flags`; it is
 * derived like `dev_get_flags()` does: the device is up and its operational state is `up` or
 * `unknown` (loopback).
 */

/** `IFF_*` bits from `<linux/if.h>` with their names, in bit order. */
export const IFF: readonly (readonly [bit: number, name: string])[] = [
  [0x1, 'UP'],
  [0x2, 'BROADCAST'],
  [0x4, 'DEBUG'],
  [0x8, 'LOOPBACK'],
  [0x10, 'POINTOPOINT'],
  [0x20, 'NOTRAILERS'],
  [0x40, 'RUNNING'],
  [0x80, 'NOARP'],
  [0x100, 'PROMISC'],
  [0x200, 'ALLMULTI'],
  [0x400, 'MASTER'],
  [0x800, 'SLAVE'],
  [0x1000, 'MULTICAST'],
  [0x2000, 'PORTSEL'],
  [0x4000, 'AUTOMEDIA'],
  [0x8000, 'DYNAMIC'],
];

export const IFF_UP = 0x1;
export const IFF_RUNNING = 0x40;

/** Parse a sysfs number (`1500\n`, `0x1003\n`); null when the text is not one. */
export function parseSysNumber(text: string): number | null {
  const t = text.trim();
  if (/^0x[0-9a-fA-F]+$/.test(t)) return Number.parseInt(t, 16);
  if (/^-?\d+$/.test(t)) return Number.parseInt(t, 10);
  return null;
}

/**
 * The flags `SIOCGIFFLAGS` reports: sysfs `flags` plus RUNNING when the device is up and its
 * `operstate` is `up` or `unknown`. Example: `(0x1003, 'up')` → `0x1043`.
 */
export function effectiveIfFlags(sysFlags: number, operstate: string | null): number {
  const state = (operstate ?? '').trim();
  const running = (sysFlags & IFF_UP) !== 0 && (state === 'up' || state === 'unknown');
  return (sysFlags & ~IFF_RUNNING) | (running ? IFF_RUNNING : 0);
}

/** Flag names of a bit set (`0x49` → `['UP', 'LOOPBACK', 'RUNNING']`), 16-bit as SIOCGIFFLAGS. */
export function ifFlagNames(bits: number): string[] {
  return IFF.filter(([b]) => (bits & b) !== 0).map(([, n]) => n);
}

/** Bits of flag names (the inverse of `ifFlagNames`; unknown names are ignored). */
export function ifFlagBits(names: readonly string[]): number {
  let bits = 0;
  for (const [b, n] of IFF) if (names.includes(n)) bits |= b;
  return bits;
}
