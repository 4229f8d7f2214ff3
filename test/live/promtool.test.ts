/**
 * `promtool check metrics` (Debian's `prometheus` package, installed by `.ci/run`) accepts the
 * `--openmetrics` output of every fixture capture that holds sockets, of all of them at once (a
 * host label on every series), and of this machine. Linux; skipped elsewhere.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnCapture } from '../helpers/main-capture.js';
import { BIN, hasTool as has, ROOT } from './helpers.js';

/** `promtool check metrics` on `text`: its exit code and what it said. */
function promtool(text: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = execFile('promtool', ['check', 'metrics'], (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
    p.stdin?.end(text);
  });
}

/** Every file under fixtures/ except the goldens and replays (which are outputs, not captures). */
function fixtureCaptures(): string[] {
  const base = join(ROOT, 'fixtures');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'expected' && e !== 'replay') walk(p);
      } else if (e !== 'SOURCES.md') out.push(relative(base, p));
    }
  };
  walk(base);
  return out.sort();
}

describe.skipIf(process.platform !== 'linux')('promtool check metrics accepts --openmetrics', () => {
  it('promtool is installed (.ci/run installs prometheus)', () => expect(has('promtool')).toBe(true));

  it('for every fixture capture that holds sockets', async () => {
    const outputs: { f: string; text: string }[] = [];
    for (const f of fixtureCaptures()) {
      const r = await runOnCapture(['--parse', f, '--openmetrics']);
      if (r.code === 2) {
        // Captures of routes, interfaces, statistics, groups (or no capture at all) are refused, with the reason.
        expect(r.err, f).toMatch(/--openmetrics works on sockets|not a recognised capture|fib_trie|cannot answer|no netstat layout/);
        continue;
      }
      expect(r.code, `${f}: ${r.err}`).toBe(0);
      outputs.push({ f, text: r.out });
    }
    expect(outputs.length).toBeGreaterThanOrEqual(40);
    // promtool's start-up dominates: eight at a time.
    const results: { f: string; code: number; out: string }[] = [];
    for (let i = 0; i < outputs.length; i += 8)
      results.push(...(await Promise.all(outputs.slice(i, i + 8).map(async (o) => ({ f: o.f, ...(await promtool(o.text)) })))));
    expect(results.filter((r) => r.code !== 0 || r.out !== '')).toEqual([]);
    expect(results).toHaveLength(outputs.length);
  });

  it('for all of them at once (a host label on every series)', async () => {
    const all = fixtureCaptures();
    const r = await runOnCapture(['--parse', ...all, '--openmetrics']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^tsnetstat_sockets\{host="win10-netstat-aonb",proto="tcp",state="LISTEN"\} \d+$/m);
    expect(await promtool(r.out)).toEqual({ code: 0, out: '' });
  });

  it('for this machine', async () => {
    const out = execFileSync(process.execPath, [BIN, '--openmetrics'], { encoding: 'utf8' });
    expect(out).toMatch(/^# TYPE tsnetstat_sockets gauge$/m);
    expect(await promtool(out)).toEqual({ code: 0, out: '' });
  });
});

