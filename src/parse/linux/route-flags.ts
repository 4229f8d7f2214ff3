/**
 * Linux route flag bits (`RTF_*` from `<linux/route.h>` and `<linux/ipv6_route.h>`) and their
 * net-tools letters (pure). IPv4 and IPv6 tables spell them differently, as `netstat -r` does.
 */

export const RTF = {
  UP: 0x0001,
  GATEWAY: 0x0002,
  HOST: 0x0004,
  REINSTATE: 0x0008,
  DYNAMIC: 0x0010,
  MODIFIED: 0x0020,
  MTU: 0x0040,
  WINDOW: 0x0080,
  IRTT: 0x0100,
  REJECT: 0x0200,
  NOTCACHED: 0x0400,
  DEFAULT: 0x00010000,
  ALLONLINK: 0x00020000,
  ADDRCONF: 0x00040000,
  NONEXTHOP: 0x00200000,
  EXPIRES: 0x00400000,
  CACHE: 0x01000000,
  FLOW: 0x02000000,
  POLICY: 0x04000000,
  LOCAL: 0x80000000,
} as const;

const has = (bits: number, flag: number): boolean => (bits & flag) !== 0;

/**
 * IPv4 letters in net-tools order (`lib/inet_gr.c`): `U`, `G`, then `!` replaces everything so far
 * for a reject route, then `H R D M d a c o e c f p l u w i n`. Example: `0x0003` → `UG`.
 */
export function inetRouteFlags(bits: number): string {
  let f = '';
  if (has(bits, RTF.UP)) f += 'U';
  if (has(bits, RTF.GATEWAY)) f += 'G';
  if (has(bits, RTF.REJECT)) f = '!';
  const rest: [number, string][] = [
    [RTF.HOST, 'H'],
    [RTF.REINSTATE, 'R'],
    [RTF.DYNAMIC, 'D'],
    [RTF.MODIFIED, 'M'],
    [RTF.DEFAULT, 'd'],
    [RTF.ALLONLINK, 'a'],
    [RTF.ADDRCONF, 'c'],
    [RTF.NONEXTHOP, 'o'],
    [RTF.EXPIRES, 'e'],
    [RTF.CACHE, 'c'],
    [RTF.FLOW, 'f'],
    [RTF.POLICY, 'p'],
    [RTF.LOCAL, 'l'],
    [RTF.MTU, 'u'],
    [RTF.WINDOW, 'w'],
    [RTF.IRTT, 'i'],
    [RTF.NOTCACHED, 'n'],
  ];
  for (const [bit, letter] of rest) if (has(bits, bit)) f += letter;
  return f;
}

/**
 * IPv6 letters in net-tools order (`lib/inet6_gr.c`): `U ! G H D A C a e m n f`.
 * Example: `0x80200001` (a local route) → `Un`; `0x00200200` (the reject route) → `!n`.
 */
export function inet6RouteFlags(bits: number): string {
  const order: [number, string][] = [
    [RTF.UP, 'U'],
    [RTF.REJECT, '!'],
    [RTF.GATEWAY, 'G'],
    [RTF.HOST, 'H'],
    [RTF.DEFAULT, 'D'],
    [RTF.ADDRCONF, 'A'],
    [RTF.CACHE, 'C'],
    [RTF.ALLONLINK, 'a'],
    [RTF.EXPIRES, 'e'],
    [RTF.MODIFIED, 'm'],
    [RTF.NONEXTHOP, 'n'],
    [RTF.FLOW, 'f'],
  ];
  let f = '';
  for (const [bit, letter] of order) if (has(bits, bit)) f += letter;
  return f;
}
