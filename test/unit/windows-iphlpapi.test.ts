/**
 * The IP Helper API decoders on byte buffers built from the documented layouts (tcpmib.h, udpmib.h,
 * netioapi.h, ipmib.h, tlhelp32.h), plus real buffers captured under Wine. Runs on every OS.
 */
import { describe, expect, it } from 'vitest';
import { parseIfTable2, parseIpAddrTable } from '../../src/parse/windows/iphlpapi-interfaces.js';
import { parseIpForwardTable2, parseIpInterfaceTable } from '../../src/parse/windows/iphlpapi-routes.js';
import { parseSocketTable } from '../../src/parse/windows/iphlpapi-sockets.js';
import { parseIcmpStats, parseIcmpStatsEx, parseIpStats, parseTcpStats, parseUdpStats } from '../../src/parse/windows/iphlpapi-stats.js';
import { parseProcessEntry, PROCESSENTRY32W_SIZE, wellKnownProcessName } from '../../src/parse/windows/toolhelp.js';
import { ERROR_INSUFFICIENT_BUFFER, readSizedTable, WinApiError } from '../../src/probe/windows-iphlpapi.js';
import { fwdRow, ifRow, ip4, table, tcp6Row, tcpRow, u32, udp6Row, udpRow } from './windows-buffers.js';

describe('GetExtendedTcpTable / GetExtendedUdpTable rows', () => {
  it('row sizes are the documented ones (24, 56, 12, 28)', () => {
    expect(tcpRow(2, '0.0.0.0', 1, '0.0.0.0', 0, 0).length).toBe(24);
    expect(tcp6Row('0', 0, 1, '0', 0, 0, 2, 0).length).toBe(56);
    expect(udpRow('0.0.0.0', 1, 0).length).toBe(12);
    expect(udp6Row('0', 0, 1, 0).length).toBe(28);
  });

  it('decodes the real MIB_TCPTABLE_OWNER_PID that Wine returned for a listener and a connection', () => {
    const real = Buffer.from(
      '03000000' +
        '02000000' + '7f000001' + '88630000' + '00000000' + '00000000' + '00000000' +
        '05000000' + '7f000001' + '88630000' + '7f000001' + '97c80000' + '00000000' +
        '05000000' + '7f000001' + '97c80000' + '7f000001' + '88630000' + '00000000',
      'hex',
    );
    const { records, skipped } = parseSocketTable(real, 'tcp');
    expect(skipped).toEqual([]);
    expect(records.map((r) => [r.localAddress, r.localPort, r.remoteAddress, r.remotePort, r.state])).toEqual([
      ['127.0.0.1', 34915, '0.0.0.0', 0, 'LISTEN'],
      ['127.0.0.1', 34915, '127.0.0.1', 38856, 'ESTABLISHED'],
      ['127.0.0.1', 38856, '127.0.0.1', 34915, 'ESTABLISHED'],
    ]);
    expect(records[0]).toMatchObject({ proto: 'tcp', family: 'inet', recvQ: null, sendQ: null, owners: [{ pid: 0, name: '' }] });
  });

  it('maps every MIB_TCP_STATE and keeps the owning PID', () => {
    const states = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99];
    const buf = table(states.map((s, i) => tcpRow(s, '10.0.0.1', 1000 + i, '192.168.1.2', 443, 4000 + i)));
    const recs = parseSocketTable(buf, 'tcp').records;
    expect(recs.map((r) => r.state)).toEqual([
      'CLOSE', 'LISTEN', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'UNKNOWN',
    ]);
    expect(recs[4]).toMatchObject({ localAddress: '10.0.0.1', localPort: 1004, remoteAddress: '192.168.1.2', remotePort: 443, owners: [{ pid: 4004, name: '' }] });
  });

  it('ports above 32767 and addresses with high bytes survive (network order, unsigned)', () => {
    const r = parseSocketTable(table([tcpRow(5, '255.254.253.252', 65535, '128.0.0.1', 49152, 0xfffffffe)]), 'tcp').records[0];
    expect(r).toMatchObject({ localAddress: '255.254.253.252', localPort: 65535, remoteAddress: '128.0.0.1', remotePort: 49152, owners: [{ pid: 4294967294 }] });
  });

  it('decodes MIB_TCP6ROW_OWNER_PID; the scope id is kept for link-local addresses only', () => {
    const buf = table([
      tcp6Row('1', 4096, 5173, '0', 0, 0, 2, 77),
      tcp6Row('fe800000000000000000000000000001', 12, 139, 'fe800000000000000202b3fffe1e8329', 12, 50000, 5, 4),
      tcp6Row('20010db8000000000000000000000001', 0, 443, '20010db8000000000000000000000002', 0, 60000, 11, 0),
    ]);
    const recs = parseSocketTable(buf, 'tcp6').records;
    expect(recs[0]).toEqual({ proto: 'tcp6', family: 'inet6', localAddress: '::1', localPort: 5173, remoteAddress: '::', remotePort: 0, state: 'LISTEN', recvQ: null, sendQ: null, owners: [{ pid: 77, name: '' }] });
    expect(recs[1]).toMatchObject({ localAddress: 'fe80::1', localScope: '12', remoteAddress: 'fe80::202:b3ff:fe1e:8329', remoteScope: '12', state: 'ESTABLISHED' });
    expect(recs[2]).toMatchObject({ localAddress: '2001:db8::1', remoteAddress: '2001:db8::2', remotePort: 60000, state: 'TIME_WAIT' });
    expect(recs[2]?.localScope).toBeUndefined();
  });

  it('decodes UDP rows of both families with a wildcard peer and no state', () => {
    const v4 = parseSocketTable(table([udpRow('0.0.0.0', 5353, 1234)]), 'udp').records[0];
    expect(v4).toEqual({ proto: 'udp', family: 'inet', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0, state: null, recvQ: null, sendQ: null, owners: [{ pid: 1234, name: '' }] });
    const v6 = parseSocketTable(table([udp6Row('fe80000000000000000000000000abcd', 9, 1900, 4)]), 'udp6').records[0];
    expect(v6).toMatchObject({ proto: 'udp6', localAddress: 'fe80::abcd', localScope: '9', localPort: 1900, remoteAddress: '::', state: null, owners: [{ pid: 4 }] });
  });

  it('leaves owners empty when they are not asked for', () => {
    expect(parseSocketTable(table([udpRow('127.0.0.1', 53, 9)]), 'udp', { owners: false }).records[0]?.owners).toEqual([]);
  });

  it('never reads past the buffer: a count larger than the rows is reported, not trusted', () => {
    const buf = table([tcpRow(2, '127.0.0.1', 80, '0.0.0.0', 0, 1)], 4, 3);
    const { records, skipped } = parseSocketTable(buf, 'tcp');
    expect(records).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toMatch(/row 2 of 3 lies beyond the 28-byte buffer/);
    expect(parseSocketTable(Buffer.alloc(2), 'udp').skipped[0]?.reason).toMatch(/no entry count/);
  });
});

describe('GetIfTable2 (MIB_IF_ROW2, 1352 bytes, rows from offset 8)', () => {
  it('decodes names, MAC, MTU, type, status flags and 64-bit counters', () => {
    const buf = table(
      [
        ifRow({ index: 1, alias: 'Loopback Pseudo-Interface 1', description: 'Software Loopback Interface 1', mtu: 4294967295, type: 24, oper: 1, admin: 1 }),
        ifRow({
          index: 11,
          alias: 'Ethernet',
          description: 'Intel(R) Ethernet Connection (7) I219-V',
          mac: [0x98, 0x28, 0xa6, 0x27, 0xd5, 0x93],
          mtu: 1500,
          type: 6,
          oper: 1,
          admin: 1,
          speed: 1_000_000_000n,
          counters: { inOctets: 167849775n, inUcast: 214700n, inNUcast: 500n, inDiscards: 1n, inErrors: 2n, inUnknown: 3n, outOctets: 35925525n, outUcast: 168900n, outNUcast: 5840n, outDiscards: 4n, outErrors: 5n },
        }),
        ifRow({ index: 18, alias: 'Wi-Fi', description: 'Wi-Fi Direct', mtu: 1500, type: 71, oper: 2, admin: 2, counters: { inOctets: 2n ** 40n } }),
      ],
      8,
    );
    const { records, skipped } = parseIfTable2(buf);
    expect(skipped).toEqual([]);
    expect(records[0]).toMatchObject({ name: 'Loopback Pseudo-Interface 1', index: 1, mtu: 4294967295, flags: ['UP', 'LOOPBACK', 'RUNNING'], ifType: 24 });
    expect(records[0]?.mac).toBeUndefined();
    expect(records[1]).toEqual({
      name: 'Ethernet',
      index: 11,
      description: 'Intel(R) Ethernet Connection (7) I219-V',
      mtu: 1500,
      flags: ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'],
      ifType: 6,
      mac: '98:28:a6:27:d5:93',
      speed: 1_000_000_000,
      rxBytes: 167849775,
      rxPackets: 215200,
      rxUnicast: 214700,
      rxNonUnicast: 500,
      rxDropped: 1,
      rxErrors: 2,
      rxUnknownProtocols: 3,
      txBytes: 35925525,
      txPackets: 174740,
      txUnicast: 168900,
      txNonUnicast: 5840,
      txDropped: 4,
      txErrors: 5,
    });
    expect(records[2]).toMatchObject({ name: 'Wi-Fi', flags: ['BROADCAST', 'MULTICAST'], rxBytes: 2 ** 40 });
  });

  it('reports a table whose rows the buffer does not hold', () => {
    const r = parseIfTable2(table([ifRow({ index: 1, alias: 'a', description: 'a', mtu: 1, type: 24, oper: 1, admin: 1 })], 8, 2));
    expect(r.records).toHaveLength(1);
    expect(r.skipped[0]?.reason).toMatch(/row 2 of 2/);
  });
});

describe('GetIpAddrTable (MIB_IPADDRROW, 24 bytes)', () => {
  it('decodes address, interface index and mask', () => {
    const row = (a: string, idx: number, mask: string, type: number): Buffer =>
      Buffer.concat([ip4(a), u32(idx), ip4(mask), u32(1), u32(65535), Buffer.from([0, 0]), Buffer.from([type, 0])]);
    const r = parseIpAddrTable(table([row('127.0.0.1', 1, '255.0.0.0', 1), row('192.168.31.221', 11, '255.255.255.0', 5)]));
    expect(r.records).toEqual([
      { index: 1, address: '127.0.0.1', netmask: '255.0.0.0', prefixLength: 8, type: 1 },
      { index: 11, address: '192.168.31.221', netmask: '255.255.255.0', prefixLength: 24, type: 5 },
    ]);
  });
});

describe('GetIpForwardTable2 (MIB_IPFORWARD_ROW2, 104 bytes, rows from offset 8)', () => {
  const buf = table(
    [
      fwdRow(11, '0.0.0.0', 0, '192.168.31.1', 25, 3),
      fwdRow(11, '192.168.31.0', 24, '0.0.0.0', 256, 2),
      fwdRow(1, '127.0.0.1', 32, '0.0.0.0', 256, 2),
      fwdRow(9, 'fe800000000000000000000000000000', 64, '00000000000000000000000000000000', 256, 2),
      fwdRow(9, '00000000000000000000000000000000', 0, 'fe800000000000000000000000000001', 256, 4),
    ],
    8,
  );

  it('decodes destination prefix, next hop (null when on-link), metric and flags', () => {
    const { records, skipped } = parseIpForwardTable2(buf);
    expect(skipped).toEqual([]);
    expect(records[0]).toEqual({ family: 'inet', destination: '0.0.0.0', prefixLength: 0, netmask: '0.0.0.0', gateway: '192.168.31.1', interface: '11', interfaceIndex: 11, metric: 25, flags: 'UG', table: 'netmgmt' });
    expect(records[1]).toMatchObject({ destination: '192.168.31.0', netmask: '255.255.255.0', gateway: null, flags: 'U', table: 'local' });
    expect(records[2]).toMatchObject({ destination: '127.0.0.1', prefixLength: 32, flags: 'UH' });
    expect(records[3]).toMatchObject({ family: 'inet6', destination: 'fe80::', prefixLength: 64, gateway: null, flags: 'U' });
    expect(records[3]?.netmask).toBeUndefined();
    expect(records[4]).toMatchObject({ family: 'inet6', destination: '::', gateway: 'fe80::1', flags: 'UGD', table: 'icmp' });
  });

  it('names IPv4 interfaces by address and adds the interface metric, as route print shows them', () => {
    const { records } = parseIpForwardTable2(buf, {
      interfaceName: (i, f) => (f === 'inet' ? ({ 11: '192.168.31.221', 1: '127.0.0.1' } as Record<number, string>)[i] : undefined),
      interfaceMetric: (i) => (i === 11 ? 5 : 75),
    });
    expect(records.map((r) => [r.interface, r.metric])).toEqual([
      ['192.168.31.221', 30],
      ['192.168.31.221', 261],
      ['127.0.0.1', 331],
      ['9', 331],
      ['9', 331],
    ]);
  });

  it('reports a row of an unknown address family', () => {
    const odd = fwdRow(1, '10.0.0.0', 8, '0.0.0.0', 1, 2);
    odd.writeUInt16LE(17, 12);
    const r = parseIpForwardTable2(table([odd], 8));
    expect(r.records).toEqual([]);
    expect(r.skipped[0]?.reason).toMatch(/family 17/);
  });
});

describe('GetIpInterfaceTable (MIB_IPINTERFACE_ROW, 168 bytes)', () => {
  it('decodes family, index, metric, MTU and connected', () => {
    const row = (fam: number, idx: number, metric: number, mtu: number, conn: number): Buffer => {
      const b = Buffer.alloc(168);
      b.writeUInt16LE(fam, 0);
      b.writeUInt32LE(idx, 16);
      b.writeUInt32LE(metric, 148);
      b.writeUInt32LE(mtu, 152);
      b[156] = conn;
      return b;
    };
    expect(parseIpInterfaceTable(table([row(2, 11, 25, 1500, 1), row(23, 1, 75, 4294967295, 0)], 8)).records).toEqual([
      { family: 'inet', index: 11, metric: 25, mtu: 1500, connected: true },
      { family: 'inet6', index: 1, metric: 75, mtu: 4294967295, connected: false },
    ]);
  });
});

describe('Get*StatisticsEx structs → MIB-II counter names', () => {
  const dwords = (vals: number[]): Buffer => Buffer.concat(vals.map(u32));

  it('MIB_IPSTATS (23 DWORDs); IPv6 names the forwarded count OutForwDatagrams (snmp6)', () => {
    const vals = Array.from({ length: 23 }, (_, i) => i + 1);
    const v4 = parseIpStats(dwords(vals), 'inet');
    expect(v4).toMatchObject({ Forwarding: 1, DefaultTTL: 2, InReceives: 3, InHdrErrors: 4, InAddrErrors: 5, ForwDatagrams: 6, InUnknownProtos: 7, InDiscards: 8, InDelivers: 9, OutRequests: 10, RoutingDiscards: 11, OutDiscards: 12, OutNoRoutes: 13, ReasmTimeout: 14, ReasmReqds: 15, ReasmOKs: 16, ReasmFails: 17, FragOKs: 18, FragFails: 19, FragCreates: 20, NumIf: 21, NumAddr: 22, NumRoutes: 23 });
    const v6 = parseIpStats(dwords(vals), 'inet6');
    expect(v6['OutForwDatagrams']).toBe(6);
    expect(v6['ForwDatagrams']).toBeUndefined();
  });

  it('MIB_TCPSTATS (15 DWORDs), the real Wine buffer: MaxConn 0xffffffff is -1', () => {
    const real = Buffer.from('01000000c8000000c0d40100ffffffff0100000001000000000000000000000002000000030000000300000000000000000000000000000000000000', 'hex');
    expect(parseTcpStats(real)).toEqual({ RtoAlgorithm: 1, RtoMin: 200, RtoMax: 120000, MaxConn: -1, ActiveOpens: 1, PassiveOpens: 1, AttemptFails: 0, EstabResets: 0, CurrEstab: 2, InSegs: 3, OutSegs: 3, RetransSegs: 0, InErrs: 0, OutRsts: 0, NumConns: 0 });
  });

  it('MIB_UDPSTATS (5 DWORDs)', () => {
    expect(parseUdpStats(dwords([72, 1, 2, 96, 3]))).toEqual({ InDatagrams: 72, NoPorts: 1, InErrors: 2, OutDatagrams: 96, NumAddrs: 3 });
  });

  it('MIB_ICMP_EX: messages, errors and per-type counts, named types and InType<N> for the others', () => {
    const b = Buffer.alloc(2064);
    b.writeUInt32LE(10, 0); // in msgs
    b.writeUInt32LE(1, 4); // in errors
    b.writeUInt32LE(7, 8 + 8 * 4); // in echo (type 8)
    b.writeUInt32LE(3, 8 + 3 * 4); // in dest unreach
    b.writeUInt32LE(20, 1032); // out msgs
    b.writeUInt32LE(7, 1032 + 8 + 0 * 4); // out echo reply (type 0)
    b.writeUInt32LE(2, 1032 + 8 + 42 * 4); // out type 42 (no name)
    const v4 = parseIcmpStatsEx(b, 'inet');
    expect(v4).toMatchObject({ InMsgs: 10, InErrors: 1, OutMsgs: 20, OutErrors: 0, InEchos: 7, InDestUnreachs: 3, OutEchoReps: 7, InType42: 0, OutType42: 2, InType9: 0, InType10: 0 });
    expect(v4['InType11']).toBeUndefined(); // type 11 is TimeExcds
    expect(v4['InTimeExcds']).toBe(0);
    const v6 = parseIcmpStatsEx(b, 'inet6');
    expect(v6).toMatchObject({ InMsgs: 10, InType8: 7, InTimeExcds: 3, InType138: 0, OutType0: 7 });
  });

  it('MIB_ICMP (old, IPv4): 13 DWORDs in and out', () => {
    const vals = Array.from({ length: 26 }, (_, i) => i);
    const c = parseIcmpStats(dwords(vals));
    expect(c).toMatchObject({ InMsgs: 0, InErrors: 1, InDestUnreachs: 2, InAddrMaskReps: 12, OutMsgs: 13, OutEchos: 20, OutAddrMaskReps: 25 });
  });

  it('rejects a struct that is too short', () => {
    expect(() => parseTcpStats(Buffer.alloc(8))).toThrow(/expected 60/);
    expect(() => parseIcmpStatsEx(Buffer.alloc(100), 'inet')).toThrow(/expected 2064/);
  });
});

describe('PROCESSENTRY32W (568 bytes) and the well-known PIDs', () => {
  it('decodes the PID, the parent PID and the image name', () => {
    const b = Buffer.alloc(PROCESSENTRY32W_SIZE);
    b.writeUInt32LE(PROCESSENTRY32W_SIZE, 0);
    b.writeUInt32LE(56, 8);
    b.writeUInt32LE(40, 32);
    b.write('services.exe', 44, 'utf16le');
    expect(parseProcessEntry(b)).toEqual({ pid: 56, parentPid: 40, exe: 'services.exe' });
    const long = Buffer.alloc(PROCESSENTRY32W_SIZE);
    long.write('é'.repeat(300), 44, 'utf16le'); // longer than szExeFile[260]: cut at the field end
    expect(parseProcessEntry(long).exe).toBe('é'.repeat(260));
    expect(() => parseProcessEntry(Buffer.alloc(100))).toThrow(/expected 568/);
  });

  it('PID 0 is the System Idle Process and PID 4 is System', () => {
    expect([0, 4, 8].map(wellKnownProcessName)).toEqual(['System Idle Process', 'System', undefined]);
  });
});

describe('readSizedTable: size query, headroom, retry when the table grows', () => {
  /** A fake API whose table grows by `growth` bytes on every call. */
  function growing(start: number, growth: number, failAfter = Infinity) {
    let size = start;
    let calls = 0;
    const call = (buf: Uint8Array | null, s: number[]): number => {
      calls++;
      const need = size;
      size += growth;
      if (calls > failAfter) return 87;
      if (!buf || (s[0] ?? 0) < need) {
        s[0] = need;
        return ERROR_INSUFFICIENT_BUFFER;
      }
      buf[0] = 1;
      return 0;
    };
    return { call, calls: () => calls };
  }

  it('succeeds at the second call when the headroom covers the growth', () => {
    const g = growing(1000, 500);
    const buf = readSizedTable('T', g.call);
    expect(buf.length).toBeGreaterThanOrEqual(1500);
    expect(g.calls()).toBe(2);
  });

  it('retries with the new size when the table outgrew the headroom', () => {
    const g = growing(100_000, 60_000);
    expect(readSizedTable('T', g.call)[0]).toBe(1);
    expect(g.calls()).toBe(3);
  });

  it('gives up after a bounded number of tries, and reports other errors', () => {
    let calls = 0;
    const runaway = (buf: Uint8Array | null, s: number[]): number => {
      calls++;
      s[0] = (buf?.length ?? 0) * 10 + 10; // always more than it was given
      return ERROR_INSUFFICIENT_BUFFER;
    };
    expect(() => readSizedTable('T', runaway, 3)).toThrow(/kept growing after 3 tries/);
    expect(calls).toBe(4);
    expect(() => readSizedTable('GetExtendedTcpTable', growing(10, 0, 1).call)).toThrow(WinApiError);
    expect(() => readSizedTable('GetExtendedTcpTable', () => 5)).toThrow('GetExtendedTcpTable failed with error 5');
  });
});
