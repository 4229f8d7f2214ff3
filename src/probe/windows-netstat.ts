/**
 * The Windows fallback probe, used when the FFI cannot load (an unsupported CPU, a locked-down
 * machine): runs `netstat.exe` through the injected command runner (argument arrays, never a
 * shell string) and parses its output with the locale-proof parsers of `parse/windows/`.
 * Every answer carries the same one-line warning, which the entry prints once.
 *
 * netstat.exe writes the console code page when its output is redirected; the runner decodes
 * UTF-8, so non-ASCII words may arrive mangled. The parsers never depend on such words (rows by
 * shape, translated states through a mangling-proof key), so the records stay right.
 */
import type { SocketRecord } from '../model/socket.js';
import { transportOf } from '../model/socket.js';
import { parseWindowsNetstat } from '../parse/windows/netstat-connections.js';
import { parseWindowsNetstatE } from '../parse/windows/netstat-e.js';
import { parseWindowsNetstatS } from '../parse/windows/netstat-s.js';
import { parseWindowsRoutePrint } from '../parse/windows/route-print.js';
import type { SkippedLine } from '../parse/issues.js';
import type { CommandRunner } from './io.js';
import type { ConnectionRequest, Probe } from './types.js';

export interface NetstatProbeOptions {
  run: CommandRunner;
  /** Why the IP Helper API is not used (shown in the one-line notice). */
  reason: string;
  /** The program to run; default `netstat.exe` (found on PATH, as cmd.exe would). */
  netstat?: string;
}

function skippedWarnings(skipped: readonly SkippedLine[]): string[] {
  return skipped.map((s) => `${s.source}:${s.line}: skipped (${s.reason}): ${s.text.trim()}`);
}

/** Create the netstat.exe fallback probe. */
export function createNetstatProbe(opts: NetstatProbeOptions): Probe {
  const exe = opts.netstat ?? 'netstat.exe';
  const notice = `the IP Helper API is not available (${opts.reason}); using netstat.exe output instead (fallback)`;
  const run = async (args: string[]): Promise<{ stdout: string; failure?: string }> => {
    const res = await opts.run(exe, args);
    if (res.code !== 0) return { stdout: res.stdout, failure: `${exe} ${args.join(' ')} exited with ${res.code}${res.stderr.trim() ? `: ${res.stderr.trim().split(/\r?\n/)[0]}` : ''}` };
    return { stdout: res.stdout };
  };

  return {
    name: 'windows-netstat',

    async connections(req: ConnectionRequest) {
      const warnings = [notice];
      // -b needs elevation; without it netstat prints one error line and no table.
      let args = req.ownerNames ? ['-a', '-n', '-o', '-b'] : ['-a', '-n', '-o'];
      let out = await run(args);
      let parsed = parseWindowsNetstat(out.stdout, { source: `netstat ${args.join(' ')}` });
      if (req.ownerNames && parsed.records.length === 0) {
        warnings.push(`netstat -b gave no table${parsed.messages[0] ? ` (${parsed.messages[0]})` : ''}; process names are not shown`);
        args = ['-a', '-n', '-o'];
        out = await run(args);
        parsed = parseWindowsNetstat(out.stdout, { source: `netstat ${args.join(' ')}` });
      }
      if (out.failure && parsed.records.length === 0) warnings.push(out.failure);
      warnings.push(...skippedWarnings(parsed.skipped));
      if (parsed.unknownStates.length > 0) warnings.push(`unknown state word(s) in netstat output: ${parsed.unknownStates.join(', ')}`);
      const records: SocketRecord[] = parsed.records.filter(
        (r) => req.transports.includes(transportOf(r.proto)) && (r.family === 'inet6' ? req.inet6 : req.inet4),
      );
      if (!req.owners) for (const r of records) r.owners = [];
      return { records, warnings };
    },

    async routes(req) {
      const out = await run(['-r', '-n']);
      const parsed = parseWindowsRoutePrint(out.stdout, 'netstat -r -n');
      const warnings = [notice, ...skippedWarnings(parsed.skipped)];
      if (out.failure && parsed.records.length === 0) warnings.push(out.failure);
      return { records: parsed.records.filter((r) => (r.family === 'inet' ? req.inet4 : req.inet6)), warnings };
    },

    async interfaces() {
      const out = await run(['-e']);
      const parsed = parseWindowsNetstatE(out.stdout, 'netstat -e');
      const warnings = [notice, ...skippedWarnings(parsed.skipped)];
      if (out.failure && parsed.records.length === 0) warnings.push(out.failure);
      return { records: parsed.records, warnings };
    },

    async statistics() {
      const out = await run(['-s']);
      const parsed = parseWindowsNetstatS(out.stdout, 'netstat -s');
      const warnings = [notice, ...skippedWarnings(parsed.skipped)];
      if (out.failure && Object.keys(parsed.statistics).length === 0) warnings.push(out.failure);
      return { statistics: parsed.statistics, warnings };
    },
  };
}
