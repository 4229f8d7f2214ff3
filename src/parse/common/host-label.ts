/**
 * Host labels of captures (pure). A fleet's captures say which machine printed them with a first
 * line `# host: web-01` (what the README's collection recipes write), else the file name names
 * the host: `hosts/web-01.txt` → `web-01`.
 */

/** `# host: NAME` (any case, spaces optional). */
const HOST_LINE = /^#\s*host:\s*(\S(?:.*\S)?)\s*$/i;

/**
 * The host named by a capture's first line, and the text with that line blanked (so line numbers
 * in skipped-line notes still match the file). `# host: web-01\ntcp 0 0 …` → `{ host: 'web-01', text: '\ntcp 0 0 …' }`.
 */
export function splitHostLine(text: string): { host: string | null; text: string } {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = HOST_LINE.exec(first);
  if (!m) return { host: null, text };
  return { host: m[1] as string, text: nl < 0 ? '' : text.slice(nl) };
}

/** The host a capture file stands for by its name: the last path element without its extension (`-` is `stdin`). */
export function hostFromPath(path: string): string {
  if (path === '-') return 'stdin';
  const base = path.split(/[\\/]/).filter((p) => p !== '').pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
