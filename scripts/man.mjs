// Writes man/tsnetstat.1 (run by scripts/build.mjs): OPTIONS from the one options table
// (src/cli/options.ts, with the short letters and value lists the completion scripts use), the
// other sections from the README (usage, flag collisions, styles, filters, --exposed exit status,
// JSON schema pointer, environment variables, examples), converted from Markdown to man(7).
// Checked by test/live/man.test.ts: `groff -man -ww -z` reports no warning; `man -l` renders.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

// The options table and the value lists, bundled from the sources and imported from memory.
const out = await build({
  stdin: {
    contents:
      "export { completionOptions } from './src/cli/completion.ts'; export { OPTIONS } from './src/cli/options.ts'; export { SHORT, SHORT_WITH_VALUE } from './src/cli/dialect.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const tmp = mkdtempSync(join(tmpdir(), 'tsnetstat-man-'));
writeFileSync(join(tmp, 'options.mjs'), out.outputFiles[0].text);
const { completionOptions, OPTIONS, SHORT, SHORT_WITH_VALUE } = await import(pathToFileURL(join(tmp, 'options.mjs')).href);
rmSync(tmp, { recursive: true, force: true });

/** Characters the man page spells with groff escapes (plain ASCII everywhere else). */
const GLYPHS = { '—': '\\(em', '–': '\\(en', '…': '...', '×': '\\(mu', '→': '\\(->', '≤': '\\(<=', '≥': '\\(>=', 'Ö': '\\(:O', '‘': "'", '’': "'", '“': '"', '”': '"' };

/** Escape text for roff (backslash, dashes, non-ASCII). */
function esc(text) {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x00-\x7f]/g, (c) => GLYPHS[c] ?? `\\[u${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Inline Markdown → roff: `code` and **bold** in bold, [text](url) as text, the rest escaped. */
function inline(md) {
  let outText = '';
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\([^)]+\)/g;
  let last = 0;
  for (const m of md.matchAll(re)) {
    outText += esc(md.slice(last, m.index));
    if (m[1] !== undefined) outText += `\\fB${esc(m[1])}\\fR`;
    else if (m[2] !== undefined) outText += `\\fB${inline(m[2])}\\fR`;
    else outText += inline(m[3]);
    last = m.index + m[0].length;
  }
  return outText + esc(md.slice(last));
}

/** A line of text that may start with a roff control character. */
const line = (s) => (/^[.']/.test(s) ? `\\&${s}` : s);

/** Cells of a Markdown table row. */
const cells = (row) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

/** Markdown block text → man(7): paragraphs, tables (as tagged paragraphs), code, lists. */
function blocks(md) {
  const outLines = [];
  const src = md.split('\n');
  for (let i = 0; i < src.length; i++) {
    const l = src[i];
    if (l.startsWith('```')) {
      const code = [];
      for (i++; i < src.length && !src[i].startsWith('```'); i++) code.push(src[i]);
      outLines.push('.PP', '.RS 4', '.nf', ...code.map((c) => line(esc(c))), '.fi', '.RE');
    } else if (l.startsWith('|')) {
      const rows = [];
      for (; i < src.length && src[i].startsWith('|'); i++) rows.push(cells(src[i]));
      i--;
      const [head, , ...body] = rows;
      for (const r of body) {
        outLines.push('.TP', line(inline(r[0])));
        const rest = r.slice(1).map((c, k) => (body[0].length > 2 && head[k + 1] ? `${inline(head[k + 1])}: ${inline(c)}` : inline(c)));
        outLines.push(line(rest.join('; ')));
      }
    } else if (/^\s*- /.test(l)) {
      outLines.push('.IP \\(bu 2', line(inline(l.replace(/^\s*- /, ''))));
    } else if (l.trim() === '') {
      if (outLines.at(-1) !== '.PP') outLines.push('.PP');
    } else if (/^\s+\S/.test(l) && outLines.at(-2) === '.IP \\(bu 2') {
      outLines.push(line(inline(l.trim())));
    } else {
      outLines.push(line(inline(l.trim())));
    }
  }
  while (outLines[0] === '.PP') outLines.shift();
  while (outLines.at(-1) === '.PP') outLines.pop();
  return outLines;
}

/** The body of a README section (up to the next heading of the same or a higher level). */
function section(title) {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`README has no section "${title}" (man page source)`);
  const level = lines[start].indexOf(' ');
  let end = start + 1;
  while (end < lines.length && !(/^#+ /.test(lines[end]) && lines[end].indexOf(' ') <= level)) end++;
  return lines.slice(start + 1, end).join('\n');
}

/** Paragraphs of a section's text that match `re` (a paragraph: lines between blank lines). */
const paragraphs = (text, re) =>
  text
    .split(/\n\s*\n/)
    .filter((p) => re.test(p))
    .join('\n\n');

/** Text before the section's first sub-heading. */
const lead = (text) => text.split(/\n#+ /)[0];

// OPTIONS: one entry per long option, with its short letters and its values.
const all = completionOptions();
const options = [];
for (const o of OPTIONS) {
  const letters = Object.entries({ ...SHORT, ...SHORT_WITH_VALUE }).filter(([l, target]) => target === o.name && l !== '?');
  const names = [...letters.map(([l]) => `\\fB\\-${esc(l)}\\fR`), `\\fB${esc(o.name)}\\fR${o.value ? ` \\fI${esc(o.value.replace(/[<>]/g, ''))}\\fR` : ''}`];
  const spec = all.find((x) => x.name === o.name);
  let text = inline(o.description);
  if (spec?.value.kind === 'words') text += `: ${spec.value.words.map((w) => `\\fB${esc(w)}\\fR`).join(', ')}`;
  if (spec?.value.kind === 'file') text += ` (\\fB\\-\\fR: standard input)`;
  if (o.repeat) text += ' (may be repeated)';
  options.push('.TP', names.join(', '), line(text));
}
// Short flags with no long twin (`-p`: a protocol, or the PID/Program column).
for (const s of all.filter((x) => !x.name.startsWith('--') && !({ ...SHORT, ...SHORT_WITH_VALUE })[x.name.slice(1)]))
  options.push('.TP', `\\fB${esc(s.name)}\\fR [\\fIproto\\fR]`, line(inline(s.description)));

const usage = section('Usage');
const page = [
  `.TH TSNETSTAT 1 "" "tsnetstat ${esc(pkg.version)}" "User Commands"`,
  '.SH NAME',
  `tsnetstat \\- ${esc(pkg.description.replace(/\.$/, ''))}`,
  '.SH SYNOPSIS',
  '.B tsnetstat',
  '[\\fIoptions\\fR] [\\fIinterval\\fR]',
  '.SH DESCRIPTION',
  ...blocks(readme.split('\n## ')[0].split('\n').slice(1).join('\n')),
  '.SH OPTIONS',
  ...blocks('Short flags of both families (Windows `netstat.exe`, net-tools `netstat`) translate to these long options; `/a`-style switches work on Windows. A trailing number is the interval in seconds.'),
  ...options,
  '.SH STYLES',
  ...blocks(paragraphs(lead(usage), /^Styles:/m)),
  '.SH "FLAG COLLISIONS"',
  ...blocks(section('Where the two flag families collide')),
  '.SH FILTERS',
  ...blocks(section('Filters')),
  '.SH "EXIT STATUS"',
  ...blocks('0 on success; 2 for a usage error (one line and a hint on stderr); 1 when the data cannot be read.'),
  '.PP',
  ...blocks(paragraphs(section('`--exposed`: the exposure audit'), /Exit status/)),
  '.SH "JSON OUTPUT"',
  ...blocks(section('JSON schema (version 1)').split('\n|')[0]),
  '.PP',
  ...blocks('The fields of a record, of the views (`-r`, `-i`, `-s`, `-g` with `--json`), of `--changes` events, `--summary` and `--exposed` are described in the README (sections "JSON schema (version 1)" and "JSON of the views"), shipped with the package.'),
  '.SH ENVIRONMENT',
  ...blocks(section('Environment variables')),
  '.SH EXAMPLES',
  ...blocks(usage.slice(usage.indexOf('| Want')).split('\n\n')[0]),
  '.SH "SEE ALSO"',
  '.BR netstat (8),',
  '.BR ss (8),',
  '.BR lsof (8)',
  '',
];
mkdirSync(resolve(root, 'man'), { recursive: true });
writeFileSync(resolve(root, 'man/tsnetstat.1'), page.join('\n'));
