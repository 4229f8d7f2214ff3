/**
 * Windows services per process (issue 14): the `ENUM_SERVICE_STATUS_PROCESSW` decoder on buffers
 * built from the documented layout (winsvc.h; MS-SCMR 2.2.13 and 2.2.49), the probe's attachment
 * to owners, and the `-b` layout of elevated netstat.exe (service line above `[exe]`, as in
 * fixtures/windows/win10-netstat-aonb.txt).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultQuery, type Query } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { parseEnumServiceStatusProcess, serviceEntrySize, servicesByPid } from '../../src/parse/windows/services.js';
import { attachServices } from '../../src/probe/windows-services.js';
import type { WinApi } from '../../src/probe/windows-iphlpapi.js';
import { NO_NAMES } from '../../src/render/names.js';
import { renderWindowsConnections } from '../../src/render/windows/connections.js';

interface Svc {
  name: string;
  display: string;
  state: number;
  pid: number;
}

/** An EnumServicesStatusExW buffer as the API lays it out: the entries, then the strings they point to. */
function buildBuffer(services: Svc[], base: bigint, pointerSize: 4 | 8): Uint8Array {
  const size = serviceEntrySize(pointerSize);
  const strings = services.flatMap((s) => [s.name, s.display]).map((t) => Buffer.from(`${t}\0`, 'utf16le'));
  const total = size * services.length + strings.reduce((n, b) => n + b.length, 0);
  const buf = Buffer.alloc(total);
  let at = size * services.length;
  const put = (off: number, b: Buffer): void => {
    const addr = base + BigInt(at);
    if (pointerSize === 8) buf.writeBigUInt64LE(addr, off);
    else buf.writeUInt32LE(Number(addr), off);
    b.copy(buf, at);
    at += b.length;
  };
  services.forEach((s, i) => {
    const e = i * size;
    put(e, strings[2 * i] as Buffer);
    put(e + pointerSize, strings[2 * i + 1] as Buffer);
    const st = e + 2 * pointerSize; // SERVICE_STATUS_PROCESS
    buf.writeUInt32LE(0x20, st); // dwServiceType: SERVICE_WIN32_SHARE_PROCESS
    buf.writeUInt32LE(s.state, st + 4); // dwCurrentState
    buf.writeUInt32LE(s.pid, st + 28); // dwProcessId
    buf.writeUInt32LE(0, st + 32); // dwServiceFlags
  });
  return buf;
}

const SERVICES: Svc[] = [
  { name: 'RpcSs', display: 'Remote Procedure Call (RPC)', state: 4, pid: 1712 },
  { name: 'RpcEptMapper', display: 'RPC Endpoint Mapper', state: 4, pid: 1712 },
  { name: 'Dnscache', display: 'DNS Client', state: 4, pid: 2440 },
  { name: 'Stopping', display: 'A service between states', state: 3, pid: 0 },
];

describe('ENUM_SERVICE_STATUS_PROCESSW decoder', () => {
  for (const ps of [8, 4] as const) {
    it(`decodes ${ps}-byte-pointer entries whose strings follow the array`, () => {
      const base = ps === 8 ? 0x1f2e3d4c0000n : 0x00a40000n;
      const entries = parseEnumServiceStatusProcess(buildBuffer(SERVICES, base, ps), SERVICES.length, base, ps);
      expect(entries).toEqual(SERVICES.map((s) => ({ name: s.name, displayName: s.display, state: s.state, pid: s.pid })));
    });
  }
  it('groups running services by PID (PID 0: not running)', () => {
    const base = 0x7000n;
    const byPid = servicesByPid(parseEnumServiceStatusProcess(buildBuffer(SERVICES, base, 8), 4, base));
    expect([...byPid]).toEqual([
      [1712, ['RpcSs', 'RpcEptMapper']],
      [2440, ['Dnscache']],
    ]);
  });
  it('a pointer outside the buffer gives an empty name, and a short buffer stops the walk', () => {
    const base = 0x7000n;
    const buf = buildBuffer(SERVICES.slice(0, 1), base, 8);
    expect(parseEnumServiceStatusProcess(buf, 1, base + 0x100000n)[0]?.name).toBe('');
    expect(parseEnumServiceStatusProcess(buf.subarray(0, 20), 1, base)).toEqual([]);
  });
});

describe('services on owners and in the -b layout', () => {
  const record = (): SocketRecord => ({
    proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 135, remoteAddress: '0.0.0.0', remotePort: 0,
    state: 'LISTEN', recvQ: null, sendQ: null, owners: [{ pid: 1712, name: 'svchost.exe' }],
  });
  it('the probe attaches the SCM answer to owners by PID', () => {
    const base = 0x5000n;
    const api = { services: () => ({ bytes: buildBuffer(SERVICES, base, 8), count: SERVICES.length, base }) } as unknown as WinApi;
    const records = [record()];
    expect(attachServices(api, records)).toEqual([]);
    expect(records[0]?.owners[0]?.services).toEqual(['RpcSs', 'RpcEptMapper']);
    const failing = { services: () => { throw new Error('OpenSCManagerW failed with error 5'); } } as unknown as WinApi;
    expect(attachServices(failing, [record()])).toEqual(['the services of each process could not be read (OpenSCManagerW failed with error 5)']);
  });
  it('prints the service line above [svchost.exe], as elevated netstat.exe -anob does', () => {
    const r = record();
    (r.owners[0] as { services?: string[] }).services = ['RpcSs'];
    const q: Query = { ...defaultQuery('windows'), selection: 'all', transports: ['tcp'], numericHosts: true, numericPorts: true, showPid: true, showExe: true };
    const text = [...renderWindowsConnections([r], q, NO_NAMES, { eol: '\r\n' })].join('');
    const capture = readFileSync(new URL('../../fixtures/windows/win10-netstat-aonb.txt', import.meta.url), 'latin1');
    // The header and the first record of the real capture, byte for byte.
    const expected = capture.split('\r\n').slice(0, 7).join('\r\n') + '\r\n';
    expect(text).toBe(expected);
  });
});
