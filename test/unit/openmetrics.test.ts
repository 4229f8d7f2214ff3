/**
 * `--openmetrics`: the families, labels and values from real captures, escaping per the
 * exposition format, filters, `--top`, host labels; the command-line rules of the metrics options.
 */
import { describe, expect, it } from 'vitest';
import { collectMetrics } from '../../src/audit/metrics.js';
import { parseCommandLine } from '../../src/cli/flags.js';
import { parseListenAddress } from '../../src/cli/listen.js';
import { escapeHelp, escapeLabelValue, renderOpenMetrics } from '../../src/render/openmetrics.js';
import { runOnCapture as run } from '../helpers/main-capture.js';
import { connection as rec } from '../helpers/records.js';

/** Sample lines of one family: `labels → value`. */
function samples(text: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of text.split('\n')) {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) continue;
    const cut = l.lastIndexOf(' ');
    out[l.slice(name.length, cut)] = Number(l.slice(cut + 1));
  }
  return out;
}

describe('escaping per the text exposition format', () => {
  it('label values: backslash, double quote and line feed', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('Codex (Service)')).toBe('Codex (Service)');
  });
  it('HELP text: backslash and line feed (a double quote stays)', () => expect(escapeHelp('x\\y\n"z"')).toBe('x\\\\y\\n"z"'));
  it('a process name with all three is written escaped', () => {
    const r = rec({ localAddress: '0.0.0.0', remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', localPort: 8080, owners: [{ pid: 7, name: 'we"ird\\na\nme' }] });
    const text = renderOpenMetrics(collectMetrics([{ records: [r], durationSeconds: 0.5 }], 10));
    expect(text).toContain('tsnetstat_listeners{proto="tcp",address="0.0.0.0",port="8080",process="we\\"ird\\\\na\\nme"} 1\n');
    expect(text).toContain('tsnetstat_process_sockets{pid="7",process="we\\"ird\\\\na\\nme"} 1\n');
    expect(text).toContain('tsnetstat_snapshot_duration_seconds 0.5\n');
  });
});

describe('--openmetrics on a real capture (ss -tulpn of a Debian machine)', () => {
  it('every family with HELP and TYPE gauge, the counts of the capture', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--openmetrics']);
    expect(r.code).toBe(0);
    for (const f of ['tsnetstat_sockets', 'tsnetstat_listeners', 'tsnetstat_exposed_listeners', 'tsnetstat_process_sockets', 'tsnetstat_snapshot_duration_seconds']) {
      expect(r.out).toMatch(new RegExp(`# HELP ${f} .+\\n# TYPE ${f} gauge\\n`));
    }
    expect(samples(r.out, 'tsnetstat_sockets')).toEqual({
      '{proto="udp",state="NONE"}': 1,
      '{proto="udp6",state="NONE"}': 1,
      '{proto="tcp",state="LISTEN"}': 1,
      '{proto="tcp6",state="LISTEN"}': 2,
    });
    expect(samples(r.out, 'tsnetstat_listeners')['{proto="tcp6",address="::",port="35195",process="node"}']).toBe(1);
    expect(samples(r.out, 'tsnetstat_exposed_listeners')).toEqual({ '{proto="tcp6",port="35195",process="node",scope="wildcard",service=""}': 1 });
    expect(samples(r.out, 'tsnetstat_process_sockets')).toEqual({ '{pid="21143",process="node"}': 5 });
    expect(r.out).not.toContain('host=');
  });
  it('the exposure audit names a usually-local service (Spanish Windows capture, UTF-16)', async () => {
    const r = await run(['--parse', 'windows/es-win-netstat-ano-utf16le.txt', '--openmetrics']);
    const exposed = Object.keys(samples(r.out, 'tsnetstat_exposed_listeners'));
    expect(exposed.some((k) => /service="[^"]+"/.test(k))).toBe(true);
  });
  it('every filter applies', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--openmetrics', '--port', '35195']);
    expect(samples(r.out, 'tsnetstat_sockets')).toEqual({ '{proto="tcp6",state="LISTEN"}': 1 });
    const t = await run(['--parse', 'linux-tools/debian12-ss-tulpn.txt', '--openmetrics', '-t', '--state', 'listen', '--local', '::1']);
    expect(samples(t.out, 'tsnetstat_sockets')).toEqual({ '{proto="tcp6",state="LISTEN"}': 1 });
  });
  it('--top N limits the processes', async () => {
    const all = await run(['--parse', 'windows/win10-netstat-aonb.txt', '--openmetrics']);
    const two = await run(['--parse', 'windows/win10-netstat-aonb.txt', '--openmetrics', '--top', '2']);
    expect(Object.keys(samples(all.out, 'tsnetstat_process_sockets')).length).toBeGreaterThan(2);
    expect(Object.keys(samples(two.out, 'tsnetstat_process_sockets'))).toHaveLength(2);
  });
  it('several captures: every series with its host label', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-ss-tulpn.txt', 'macos/macos-netstat-anv-p-tcp-process-pid.txt', '--openmetrics']);
    const series = r.out.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(series.length).toBeGreaterThan(10);
    expect(series.every((l) => /^\w+\{host="(debian12-ss-tulpn|macos-netstat-anv-p-tcp-process-pid)"/.test(l))).toBe(true);
  });
  it('a capture of routes is refused: the metrics describe sockets', async () => {
    const r = await run(['--parse', 'linux-tools/debian12-netstat-rn.txt', '--openmetrics']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds routes \(nettools-routes\): --openmetrics works on sockets/);
  });
});

describe('metrics options', () => {
  const parse = (cmd: string) => parseCommandLine(cmd.split(' '), { defaultStyle: 'linux' });
  const query = (cmd: string) => {
    const p = parse(cmd);
    if (p.kind !== 'query') throw new Error('not a query');
    return p.query;
  };
  it('--openmetrics looks at every TCP/UDP socket, with owners', () => {
    expect(query('--openmetrics')).toMatchObject({ openmetrics: true, selection: 'all', transports: ['tcp', 'udp'], top: 10 });
  });
  it('--serve-metrics with --min-interval and --top', () => {
    expect(query('--serve-metrics 9100 --min-interval 2.5 --top 5')).toMatchObject({ serveMetrics: '9100', openmetrics: true, minInterval: 2.5, top: 5 });
  });
  it.each([
    ['--openmetrics --json', /--json and --csv do not apply/],
    ['--openmetrics --summary', /--openmetrics and --summary contradict/],
    ['--openmetrics -r', /describes sockets, not -r/],
    ['--openmetrics 5', /takes one snapshot/],
    ['--serve-metrics 9100 --parse x.txt', /--parse does not apply/],
    ['--serve-metrics :9100', /name the address before ':'/],
    ['--serve-metrics ::1:9100', /IPv6 address in brackets/],
    ['--serve-metrics 127.0.0.1:99999', /PORT 0-65535/],
    ['--min-interval 2', /add --serve-metrics/],
    ['--serve-metrics 9100 --min-interval -1', /bad --min-interval/],
    ['--openmetrics --top 0', /bad --top/],
  ])('%s is refused', (cmd, re) => expect(() => parse(cmd)).toThrow(re));
  it('listen addresses: 127.0.0.1 unless written; wildcards flagged', () => {
    expect(parseListenAddress('9100')).toEqual({ host: '127.0.0.1', port: 9100, wildcard: false });
    expect(parseListenAddress('0.0.0.0:9100')).toEqual({ host: '0.0.0.0', port: 9100, wildcard: true });
    expect(parseListenAddress('[::]:9100')).toEqual({ host: '::', port: 9100, wildcard: true });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0, wildcard: false });
    expect(parseListenAddress('10.1.2.3:9100')).toEqual({ host: '10.1.2.3', port: 9100, wildcard: false });
  });
});
