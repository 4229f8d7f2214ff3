/**
 * Builders of Win32 structs as bytes, from the documented layouts (little-endian; IPv4 addresses
 * and ports in network order), shared by the Windows decoder and probe tests.
 */
export const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
};
export const ip4 = (a: string): Buffer => Buffer.from(a.split('.').map(Number));
export const port = (p: number): Buffer => Buffer.from([p >> 8, p & 255, 0, 0]);
export const ip6 = (hex: string): Buffer => Buffer.from(hex.padStart(32, '0'), 'hex');
/** A table: entry count, padding up to `first`, then the rows. */
export const table = (rows: Buffer[], first = 4, count = rows.length): Buffer => Buffer.concat([u32(count), Buffer.alloc(first - 4), ...rows]);

export const tcpRow = (state: number, la: string, lp: number, ra: string, rp: number, pid: number): Buffer =>
  Buffer.concat([u32(state), ip4(la), port(lp), ip4(ra), port(rp), u32(pid)]);
export const tcp6Row = (la: string, ls: number, lp: number, ra: string, rs: number, rp: number, state: number, pid: number): Buffer =>
  Buffer.concat([ip6(la), u32(ls), port(lp), ip6(ra), u32(rs), port(rp), u32(state), u32(pid)]);
export const udpRow = (la: string, lp: number, pid: number): Buffer => Buffer.concat([ip4(la), port(lp), u32(pid)]);
export const udp6Row = (la: string, ls: number, lp: number, pid: number): Buffer => Buffer.concat([ip6(la), u32(ls), port(lp), u32(pid)]);

// MIB_IF_ROW2 builder: only the fields the decoder reads are set.
export function ifRow(o: {
  index: number;
  alias: string;
  description: string;
  mac?: number[];
  mtu: number;
  type: number;
  oper: number;
  admin: number;
  speed?: bigint;
  counters?: Partial<Record<'inOctets' | 'inUcast' | 'inNUcast' | 'inDiscards' | 'inErrors' | 'inUnknown' | 'outOctets' | 'outUcast' | 'outNUcast' | 'outDiscards' | 'outErrors', bigint>>;
}): Buffer {
  const b = Buffer.alloc(1352);
  b.writeBigUInt64LE(0x0006000000000000n + BigInt(o.index), 0); // InterfaceLuid (ignored)
  b.writeUInt32LE(o.index, 8);
  b.write(o.alias, 28, 'utf16le');
  b.write(o.description, 542, 'utf16le');
  b.writeUInt32LE(o.mac?.length ?? 0, 1056);
  Buffer.from(o.mac ?? []).copy(b, 1060);
  b.writeUInt32LE(o.mtu, 1124);
  b.writeUInt32LE(o.type, 1128);
  b.writeUInt32LE(o.oper, 1156);
  b.writeUInt32LE(o.admin, 1160);
  b.writeBigUInt64LE(o.speed ?? 0n, 1192);
  b.writeBigUInt64LE(o.speed ?? 0n, 1200);
  const at = { inOctets: 1208, inUcast: 1216, inNUcast: 1224, inDiscards: 1232, inErrors: 1240, inUnknown: 1248, outOctets: 1280, outUcast: 1288, outNUcast: 1296, outDiscards: 1304, outErrors: 1312 } as const;
  for (const [k, v] of Object.entries(o.counters ?? {})) b.writeBigUInt64LE(v, at[k as keyof typeof at]);
  return b;
}

// SOCKADDR_INET (28 bytes) and MIB_IPFORWARD_ROW2 (104 bytes) builders.
export function sockaddr(addr: string): Buffer {
  const b = Buffer.alloc(28);
  if (/^[0-9a-f]{32}$/.test(addr)) {
    b.writeUInt16LE(23, 0);
    ip6(addr).copy(b, 8);
  } else {
    b.writeUInt16LE(2, 0);
    ip4(addr).copy(b, 4);
  }
  return b;
}
export function fwdRow(index: number, dest: string, prefix: number, hop: string, metric: number, protocol: number): Buffer {
  const b = Buffer.alloc(104);
  b.writeUInt32LE(index, 8);
  sockaddr(dest).copy(b, 12);
  b[40] = prefix;
  sockaddr(hop).copy(b, 44);
  b.writeUInt32LE(metric, 84);
  b.writeUInt32LE(protocol, 88);
  return b;
}


/** A `PROCESSENTRY32W` (568 bytes) for a PID, parent PID and image name. */
export function processEntry(pid: number, parentPid: number, exe: string): Buffer {
  const b = Buffer.alloc(568);
  b.writeUInt32LE(568, 0);
  b.writeUInt32LE(pid, 8);
  b.writeUInt32LE(parentPid, 32);
  b.write(exe, 44, 'utf16le');
  return b;
}
