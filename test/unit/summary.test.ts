import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/audit/summary.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { NO_NAMES } from '../../src/render/names.js';
import { PLAIN } from '../../src/render/paint.js';
import { renderSummaryJson, renderSummaryText } from '../../src/render/summary.js';
import { runOnCapture as run } from '../helpers/main-capture.js';
import { connection as rec } from '../helpers/records.js';

const firefox = [{ pid: 300, name: 'firefox' }];
const records: SocketRecord[] = [
  rec({ owners: firefox }),
  rec({ localPort: 40001, owners: firefox }),
  rec({ localPort: 40002, remoteAddress: '1.1.1.1', state: 'TIME_WAIT' }),
  rec({ proto: 'tcp6', family: 'inet6', localAddress: '::ffff:10.0.0.5', remoteAddress: '::ffff:1.1.1.1', owners: firefox }),
  rec({ localAddress: '0.0.0.0', localPort: 22, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 10, name: 'sshd' }] }),
  rec({ proto: 'udp', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0, state: null, owners: [{ pid: 20, name: 'avahi' }, { pid: 300, name: 'firefox' }] }),
];

describe('summary counts', () => {
  const s = summarize(records);
  it('by protocol and by state, in a fixed order', () => {
    expect(s.total).toBe(6);
    expect(s.byProtocol).toEqual({ tcp: 4, tcp6: 1, udp: 1 });
    expect(Object.entries(s.byState)).toEqual([['ESTABLISHED', 3], ['TIME_WAIT', 1], ['LISTEN', 1], ['NONE', 1]]);
    expect(s.byProtocolState).toEqual({ tcp: { ESTABLISHED: 2, TIME_WAIT: 1, LISTEN: 1 }, tcp6: { ESTABLISHED: 1 }, udp: { NONE: 1 } });
  });
  it('top processes: a shared socket counts for each holder; sockets without an owner counted apart', () => {
    expect(s.processes).toEqual([{ pid: 300, name: 'firefox', count: 4 }, { pid: 10, name: 'sshd', count: 1 }, { pid: 20, name: 'avahi', count: 1 }]);
    expect(s.processCount).toBe(3);
    expect(s.unattributed).toBe(1);
  });
  it('top remote hosts: peers only (no wildcards), IPv4-mapped counted with IPv4', () => {
    expect(s.remoteHosts).toEqual([{ address: '1.1.1.1', count: 2 }, { address: '93.184.216.34', count: 2 }]);
    expect(s.remoteHostCount).toBe(2);
  });
  it('top N', () => expect(summarize(records, 1).processes).toEqual([{ pid: 300, name: 'firefox', count: 4 }]));
  it('nothing', () => expect(summarize([])).toMatchObject({ total: 0, byProtocol: {}, processes: [], remoteHosts: [], unattributed: 0 }));
});

describe('summary output', () => {
  const s = summarize(records);
  it('tables (cli-table3), the state column in the style’s spelling', () => {
    const text = renderSummaryText(s, { style: 'windows', Table, paint: PLAIN, names: { ...NO_NAMES, hosts: new Map([['1.1.1.1', 'one.one.one.one']]) }, eol: '\n' });
    expect(text.split('\n')).toEqual([
      'Sockets: 6 (TCP 4, TCPv6 1, UDP 1)',
      '┌─────────────┬─────┬───────┬─────┬───────┐',
      '│ State       │ TCP │ TCPv6 │ UDP │ Total │',
      '├─────────────┼─────┼───────┼─────┼───────┤',
      '│ ESTABLISHED │   2 │     1 │     │     3 │',
      '│ TIME_WAIT   │   1 │       │     │     1 │',
      '│ LISTENING   │   1 │       │     │     1 │',
      '│ (no state)  │     │       │   1 │     1 │',
      '│ Total       │   4 │     1 │   1 │     6 │',
      '└─────────────┴─────┴───────┴─────┴───────┘',
      'Top processes by sockets held (3 processes; 1 socket without a known owner)',
      '┌─────┬─────────┬─────────┐',
      '│ PID │ Process │ Sockets │',
      '├─────┼─────────┼─────────┤',
      '│ 300 │ firefox │       4 │',
      '│  10 │ sshd    │       1 │',
      '│  20 │ avahi   │       1 │',
      '└─────┴─────────┴─────────┘',
      'Top remote hosts by connections (2 hosts)',
      '┌───────────────────────────┬─────────────┐',
      '│ Remote host               │ Connections │',
      '├───────────────────────────┼─────────────┤',
      '│ one.one.one.one (1.1.1.1) │           2 │',
      '│ 93.184.216.34             │           2 │',
      '└───────────────────────────┴─────────────┘',
      '',
    ]);
  });
  it('a hostile process name is escaped', () => {
    const text = renderSummaryText(summarize([rec({ owners: [{ pid: 1, name: 'x\x1b[2Jy' }] })]), { style: 'linux', Table, paint: PLAIN, names: NO_NAMES, eol: '\n' });
    expect(text).toContain('x\\e[2Jy');
    expect(text).not.toContain('\x1b');
  });
  it('JSON parses back to the same counts', () => {
    const doc = JSON.parse(renderSummaryJson(s)) as { version: number; summary: unknown };
    expect(doc).toEqual({ version: 1, summary: JSON.parse(JSON.stringify(s)) });
  });
});

describe('tsnetstat --summary (main)', () => {
  // debian12-ss-tuanpe.txt: one node process with 2 UDP and 5 TCP sockets, two of them connected to each other.
  it('JSON of a capture', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tuanpe.txt', '--summary', '--json']);
    expect(r.code).toBe(0);
    const s = (JSON.parse(r.out) as { summary: ReturnType<typeof summarize> }).summary;
    expect(s.total).toBe(7);
    expect(s.byState).toEqual({ ESTABLISHED: 2, LISTEN: 3, NONE: 2 });
    expect(s.processes).toEqual([{ pid: 21143, name: 'node', count: 7 }]);
    expect(s.remoteHosts).toEqual([{ address: '127.0.0.1', count: 2 }]);
  });
  it('filters apply first: --state listen', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tuanpe.txt', '--summary', '--json', '--state', 'listen']);
    expect((JSON.parse(r.out) as { summary: { total: number } }).summary.total).toBe(3);
  });
  it('-l: listeners only (the UDP sockets without a peer too)', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tuanpe.txt', '--summary', '--json', '-l']);
    expect((JSON.parse(r.out) as { summary: { total: number } }).summary.total).toBe(5);
  });
  it('text: tables', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tuanpe.txt', '--summary']);
    expect(r.out).toMatch(/^Sockets: 7 \(/);
    expect(r.out).toContain('│ 21143 │ node    │       7 │');
  });
});
