/**
 * `--diagnose` through main(): the flags, `--parse` of real captures in fixtures/ (the counter
 * findings where the numbers call for them), and the interval modes with a scripted probe whose
 * counters move between ticks (rates, findings raised and cleared, the watch screen, NDJSON).
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type MainDeps } from '../../src/cli/main.js';
import type { NetInterface } from '../../src/model/interface.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { Probe } from '../../src/probe/types.js';
import { NO_NAMES } from '../../src/render/names.js';
import { ENTER_SCREEN, LEAVE_SCREEN } from '../../src/render/screen.js';
import { runOnCapture as run } from '../helpers/main-capture.js';
import { tcpRecord } from '../helpers/records.js';

interface Doc {
  time?: string;
  diagnosis: { warnings: number; infos: number; checked: string[]; skipped: { id: string; reason: string }[]; ephemeralPorts?: { low: number; high: number; source: string } };
  findings: { id: string; severity: string; subject: string; evidence: Record<string, unknown> }[];
  changes?: { raised: { id: string; subject: string }[]; cleared: { id: string; subject: string }[] };
}

describe('--diagnose flags', () => {
  const cases: [string, string][] = [
    ['--diagnose -s', '--diagnose reads sockets, interfaces and counters itself: it does not combine with -s'],
    ['--diagnose --csv', '--diagnose prints a report or JSON (--json), not CSV'],
    ['--diagnose --exposed', '--exposed and --diagnose contradict each other: choose one'],
    ['--diagnose --changes', '--changes compares snapshots: add an interval (e.g. 2) or -c'],
    ['--close-wait-threshold 5', '--close-wait-threshold sets a --diagnose threshold: add --diagnose'],
    ['--diagnose --close-wait-threshold 0', "bad threshold '0' for --close-wait-threshold: expected a whole number of sockets, 1 or more"],
    ['--diagnose --close-wait-threshold x', "bad threshold 'x' for --close-wait-threshold: expected a whole number of sockets, 1 or more"],
  ];
  for (const [cmd, message] of cases)
    it(`${cmd} is refused with one line, exit 2`, async () => {
      const r = await run(cmd.split(' '));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`tsnetstat: ${message}\nTry 'tsnetstat --help' for more information.\n`);
    });
});

describe('--diagnose --parse on real captures', () => {
  const doc = async (file: string, extra: string[] = []): Promise<[Doc, number]> => {
    const r = await run(['--parse', file, '--diagnose', '--json', ...extra]);
    return [JSON.parse(r.out) as Doc, r.code];
  };
  it('macOS netstat -s: retransmissions at 2.3% (warning, exit 1), listen queue overflows since boot (note)', async () => {
    const [d, code] = await doc('macos/macos-netstat-s-p-tcp.txt');
    expect(code).toBe(1);
    expect(d.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['warning tcp-retransmits', 'info listen-overflow']);
  });
  it('RHEL netstat -s: 0.015% retransmitted, no overflow counter: nothing (exit 0)', async () => {
    const [d, code] = await doc('linux-tools/rhel-netstat-s.txt');
    expect(code).toBe(0);
    expect(d.findings).toEqual([]);
    expect(d.diagnosis.checked).toEqual(['listen-overflow', 'tcp-retransmits']);
  });
  it('Debian netstat -s (net-tools text): no retransmissions, no overflows', async () => {
    const [d, code] = await doc('linux-tools/debian12-netstat-s.txt');
    expect([d.findings, code]).toEqual([[], 0]);
  });
  it('/proc/net/netstat of an old kernel: 176 listen overflows since boot (a note, exit 0)', async () => {
    const [d, code] = await doc('linux-proc/k2.6.18-net_netstat.txt');
    expect(code).toBe(0);
    expect(d.findings.map((f) => [f.id, f.severity, f.evidence['counters']])).toEqual([['listen-overflow', 'info', { ListenOverflows: 176, ListenDrops: 176, SyncookiesSent: 0, SyncookiesFailed: 690 }]]);
  });
  it('interface counters of netstat -i and Windows netstat -e: checked, clean', async () => {
    for (const file of ['linux-tools/centos7-netstat-i.txt', 'linux-tools/ubuntu1804-netstat-i.txt', 'windows/win7-netstat-e-transcribed.txt', 'linux-proc/k2.6.18-net_dev.txt']) {
      const [d, code] = await doc(file);
      expect([file, d.findings, d.diagnosis.checked, code]).toEqual([file, [], ['interface-errors'], 0]);
    }
  });
  it('a Windows socket listing: exposed MySQL, and CLOSE_WAIT per process with a lower threshold', async () => {
    const [d] = await doc('windows/ru-win-netstat-ano-utf8.txt', ['--close-wait-threshold', '4']);
    expect(d.findings.map((f) => `${f.id} ${f.subject}`)).toEqual([
      'exposed-service tcp 0.0.0.0:3306',
      'exposed-service tcp 0.0.0.0:33060',
      'exposed-service tcp6 [::]:3306',
      'exposed-service tcp6 [::]:33060',
      'close-wait-pileup pid 17808',
      'outbound-public public',
    ]);
    // A Windows capture does not say its dynamic port range: the documented default, and says so.
    expect(d.diagnosis.ephemeralPorts).toMatchObject({ low: 49152, high: 65535, source: expect.stringContaining('not read from the system') });
  });
});

/** A probe whose counters and sockets follow a script, one step per tick. */
function scripted(steps: { records: SocketRecord[]; rxErrors: number; rxPackets: number; retrans: number; out: number }[]): { probe: Probe; tick: () => number } {
  let n = 0;
  const step = () => steps[Math.min(n, steps.length - 1)] as (typeof steps)[number];
  const probe: Probe = {
    name: 'scripted',
    async connections() {
      return { records: step().records.map((r) => ({ ...r })), warnings: [] };
    },
    async interfaces() {
      const s = step();
      const eth0: NetInterface = { name: 'eth0', mtu: 1500, flags: [], rxPackets: s.rxPackets, rxErrors: s.rxErrors, rxDropped: 0, txPackets: 10, txErrors: 0, txDropped: 0 };
      return { records: [eth0], warnings: [] };
    },
    async statistics() {
      const s = step();
      n++; // the last read of a tick
      return { statistics: { tcp: { OutSegs: s.out, RetransSegs: s.retrans } }, warnings: [] };
    },
    async hostFacts() {
      return { facts: { ephemeralPorts: { low: 32768, high: 60999, source: 'test' } }, warnings: [] };
    },
  };
  return { probe, tick: () => n };
}

function deps(argv: string[], probe: Probe, ticks: number, tty = false): { deps: MainDeps; writes: string[]; err: string[] } {
  const writes: string[] = [];
  const err: string[] = [];
  let slept = 0;
  let clock = Date.UTC(2025, 0, 2, 3, 4, 5);
  return {
    writes,
    err,
    deps: {
      argv,
      env: {},
      platform: 'linux',
      stdout: { isTTY: tty, size: () => (tty ? { columns: 200, rows: 40 } : undefined), write: async (s) => (writes.push(s), true) },
      stderr: { write: (s) => void err.push(s) },
      createProbe: async () => probe,
      createResolver: () => ({ resolve: async () => NO_NAMES }),
      sleep: async (ms) => {
        clock += ms;
        return ++slept < ticks;
      },
      interrupted: () => false,
      now: () => new Date(clock),
    },
  };
}

const leak = (n: number): SocketRecord[] => Array.from({ length: n }, (_, i) => tcpRecord(8080, 40000 + i, 'CLOSE_WAIT', { owners: [{ pid: 7, name: 'app' }] }));
/** Tick 1: baseline; tick 2: 50 rx errors in 2 s and 5% retransmitted, a leak appears; tick 3: quiet again, the leak is gone. */
const STEPS = [
  { records: [], rxErrors: 0, rxPackets: 1000, retrans: 0, out: 10_000 },
  { records: leak(12), rxErrors: 50, rxPackets: 2000, retrans: 50, out: 11_000 },
  { records: [], rxErrors: 50, rxPackets: 3000, retrans: 50, out: 12_000 },
];

describe('--diagnose with an interval', () => {
  it('JSON: one document per tick; counters as rates between snapshots; findings raised and cleared', async () => {
    const { probe } = scripted(STEPS);
    const h = deps(['--diagnose', '--json', '2'], probe, 3);
    expect(await main(h.deps)).toBe(1);
    const docs = h.writes.map((w) => JSON.parse(w) as Doc);
    expect(docs).toHaveLength(3);
    expect(docs[0]?.findings).toEqual([]);
    expect(docs[0]?.diagnosis.skipped.map((s) => s.id)).toEqual(['interface-errors', 'tcp-retransmits']);
    expect(docs[1]?.findings.map((f) => `${f.id} ${f.subject}`)).toEqual(['close-wait-pileup pid 7', 'interface-errors eth0 receive', 'tcp-retransmits tcp']);
    expect(docs[1]?.findings[1]?.evidence).toMatchObject({ counters: { rxErrors: 50, rxDropped: 0, rxPackets: 1000 }, rates: { lostPerSecond: 25 }, intervalSeconds: 2 });
    expect(docs[1]?.findings[2]?.evidence).toMatchObject({ counters: { RetransSegs: 50, OutSegs: 1000 }, rates: { retransmitPercent: 5, retransmitsPerSecond: 25 } });
    expect(docs[1]?.changes?.raised).toHaveLength(3);
    expect(docs[2]?.findings).toEqual([]);
    expect(docs[2]?.changes?.cleared.map((f) => f.id)).toEqual(['close-wait-pileup', 'interface-errors', 'tcp-retransmits']);
    // Each document says when its snapshot was taken (local ISO 8601 with offset), 2 s apart.
    const [t0, t1, t2] = docs.map((d) => Date.parse(d.time as string)) as [number, number, number];
    expect([t1 - t0, t2 - t1]).toEqual([2000, 2000]);
  });

  it('--changes --json: one line per tick (NDJSON)', async () => {
    const { probe } = scripted(STEPS);
    const h = deps(['--diagnose', '--changes', '--json', '2'], probe, 3);
    expect(await main(h.deps)).toBe(1);
    const lines = h.writes.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => (JSON.parse(l) as Doc).diagnosis.warnings)).toEqual([0, 3, 0]);
  });

  it('--changes text: a line per finding raised or cleared', async () => {
    const { probe } = scripted(STEPS);
    const h = deps(['--diagnose', '--changes', '2'], probe, 3);
    expect(await main(h.deps)).toBe(1);
    const lines = h.writes.join('').trimEnd().split('\n').map((l) => l.replace(/\d{4}-\d\d-\d\dT[\d:.]+[+-]\d\d:\d\d/, 'T'));
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      '+ T WARNING close-wait-pileup',
      '+ T WARNING interface-errors',
      '+ T WARNING tcp-retransmits',
      '- T close-wait-pileup pid 7',
      '- T interface-errors eth0 receive',
      '- T tcp-retransmits tcp',
    ]);
  });

  it('on a terminal: redrawn like the watch screen, new findings marked, cleared ones listed', async () => {
    const { probe } = scripted(STEPS);
    const h = deps(['--diagnose', '2'], probe, 3, true);
    expect(await main(h.deps)).toBe(1);
    expect(h.writes).toHaveLength(4);
    expect(h.writes[0]?.startsWith(ENTER_SCREEN)).toBe(true);
    expect(h.writes[3]).toBe(LEAVE_SCREEN);
    const lines = (f: string | undefined) => stripVTControlCharacters(f ?? '').split('\n').map((l) => l.trimEnd());
    expect(lines(h.writes[0])[0]).toMatch(/^Every 2s: tsnetstat --diagnose 2 {3}\d\d:\d\d:\d\d {3}0 warnings, 0 notes$/);
    expect(lines(h.writes[1])[0]).toMatch(/ {3}3 warnings, 0 notes$/);
    expect(lines(h.writes[1]).filter((l) => /^\+ WARNING /.test(l))).toHaveLength(3);
    expect(lines(h.writes[2])).toContain('- cleared: close-wait-pileup pid 7');
  });
});

describe('--diagnose on macOS (the probe replaying recorded netstat output)', () => {
  it('sockets, netstat -ibn and netstat -s: every check runs; retransmissions and listen queue overflows found', async () => {
    const { createDarwinProbe } = await import('../../src/probe/darwin.js');
    const files: Record<string, string> = {
      'netstat -anvW -p tcp': 'netstat-anvW-p-tcp.txt',
      'netstat -anvW -p udp': 'netstat-anvW-p-udp.txt',
      'netstat -ibn': 'netstat-ibn.txt',
      'netstat -s': 'netstat-s.txt',
    };
    const calls: string[] = [];
    const { readFileSync } = await import('node:fs');
    const probe = createDarwinProbe({
      run: async (file, args) => {
        const key = [file, ...args].join(' ');
        calls.push(key);
        const f = files[key];
        return f ? { stdout: readFileSync(new URL(`../../fixtures/macos/replay/${f}`, import.meta.url), 'utf8'), stderr: '', code: 0 } : { stdout: '', stderr: 'no recording', code: 127 };
      },
      interfaceMetadata: async () => [],
    });
    const h = deps(['--diagnose', '--json'], probe, 1);
    h.deps.platform = 'darwin';
    expect(await main(h.deps)).toBe(1);
    const d = JSON.parse(h.writes.join('')) as Doc;
    expect(d.diagnosis.checked).toHaveLength(8);
    expect(d.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['warning tcp-retransmits', 'info listen-overflow']);
    expect(calls.sort()).toEqual(Object.keys(files).sort());
    expect(h.err).toEqual([]);
  });
});
