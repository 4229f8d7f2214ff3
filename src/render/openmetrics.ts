/**
 * `--openmetrics` and `/metrics` (pure): metric families (`audit/metrics.ts`) in the Prometheus
 * text exposition format, version 0.0.4 — per family `# HELP` and `# TYPE … gauge`, then one
 * `name{label="value",…} number` line per sample, `\n` line ends. Label values escape backslash,
 * double quote and line feed (`\\`, `\"`, `\n`); HELP text escapes backslash and line feed.
 *
 * ```
 * # HELP tsnetstat_sockets Sockets by protocol and state (NONE: no state, e.g. unconnected UDP).
 * # TYPE tsnetstat_sockets gauge
 * tsnetstat_sockets{proto="tcp",state="LISTEN"} 3
 * ```
 */
import type { MetricFamily } from '../audit/metrics.js';

/** The HTTP Content-Type of this format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Escape a label value: `\` → `\\`, `"` → `\"`, line feed → `\n`. */
export function escapeLabelValue(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** Escape HELP text: `\` → `\\`, line feed → `\n`. */
export function escapeHelp(v: string): string {
  return v.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

/** The families as one exposition text. */
export function renderOpenMetrics(families: readonly MetricFamily[]): string {
  let out = '';
  for (const f of families) {
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} gauge\n`;
    for (const s of f.samples) {
      const labels = s.labels.length === 0 ? '' : `{${s.labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
      out += `${f.name}${labels} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}
