#!/usr/bin/env node
// `--parse` of a large capture in bounded memory: generates captures made of real rows (the
// `ss -tuanpe` TCP rows of fixtures/linux-tools/debian12-ss-tuanpe.txt and the `netstat -ano`
// rows of fixtures/windows/win10-netstat-aon.txt) repeated with distinct ports and peers, in a
// temporary directory (never committed; deleted afterwards), then times `tsnetstat --parse` on
// each, counting the rows it prints and reporting wall time and peak RSS (GNU time).
//
//   npm run bench:parse                      # 1 GiB in all: 512 MiB of ss rows + 512 MiB of netstat -ano rows
//   npm run bench:parse -- --mib 64          # a quick run (64 MiB each)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mib: { type: 'string', default: '512' } } });
const mib = Number(values.mib);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/tsnetstat.js');
const scratch = mkdtempSync(join(tmpdir(), 'tsnetstat-parse-large-'));
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** The real rows a capture is made of: header lines, and data rows with `{lport}`/`{peer}`/`{rport}` slots. */
function template(kind) {
  if (kind === 'ss') {
    const lines = readFileSync(join(root, 'fixtures/linux-tools/debian12-ss-tuanpe.txt'), 'utf8').split('\n');
    const rows = lines.filter((l) => /^tcp\s+ESTAB\s/.test(l));
    // `tcp   ESTAB  0      0          127.0.0.1:45145    127.0.0.1:55550 users:…`: the ports and the peer vary.
    return { head: [lines[0]], rows: rows.map((r) => r.replace(/(\S+):(\d+)(\s+)(\S+):(\d+)/, '$1:{lport}$3{peer}:{rport}')), eol: '\n' };
  }
  const lines = readFileSync(join(root, 'fixtures/windows/win10-netstat-aon.txt'), 'utf8').split('\r\n');
  const rows = lines.filter((l) => /^\s+TCP\s+\d+\.\d+\.\d+\.\d+:\d+\s+\d+\.\d+\.\d+\.\d+:\d+\s+ESTABLISHED/.test(l));
  return {
    head: lines.slice(0, lines.findIndex((l) => /^\s+TCP\s/.test(l))),
    rows: rows.map((r) => r.replace(/(\S+):(\d+)(\s+)(\S+):(\d+)/, '$1:{lport}$3{peer}:{rport}')),
    eol: '\r\n',
  };
}

/** Write `bytes` of a capture of that kind; returns the number of data rows. */
async function generate(kind, file, bytes) {
  const t = template(kind);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let size = 0;
  let n = 0;
  let buf = t.head.join(t.eol) + t.eol;
  while (size + buf.length < bytes) {
    const row = t.rows[n % t.rows.length]
      .replace('{lport}', String(1024 + (n % 64000)))
      .replace('{peer}', `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`)
      .replace('{rport}', String(1024 + (Math.floor(n / 64000) % 64000)));
    buf += row + t.eol;
    n++;
    if (buf.length >= 1 << 20) {
      size += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return n;
}

/** Run tsnetstat on the capture: rows printed, wall seconds, peak RSS in MB. */
async function measure(file, extra) {
  const rss = join(scratch, 'rss');
  const cmd = ['node', bin, '--parse', file, ...extra];
  const [exe, args] = timeBin ? [timeBin, ['-f', '%M', '-o', rss, ...cmd]] : [cmd[0], cmd.slice(1)];
  const t0 = process.hrtime.bigint();
  const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  child.stdout.on('data', (b) => {
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
  });
  const [code] = await once(child, 'close');
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const peak = timeBin ? Math.round(Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024) : null;
  return { code, lines, s, peak };
}

const results = [];
try {
  for (const kind of ['ss', 'netstat-ano']) {
    const file = join(scratch, `${kind}.txt`);
    const rows = await generate(kind, file, mib << 20);
    for (const extra of [['-n'], ['--json']]) {
      const r = await measure(file, extra);
      results.push({ kind, rows, extra: extra.join(' '), ...r });
      process.stderr.write(`${kind} ${extra.join(' ')}: ${rows} rows, exit ${r.code}, ${r.lines} lines out, ${r.s.toFixed(1)} s, peak RSS ${r.peak} MB\n`);
    }
    rmSync(file);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`| capture | rows | flags | lines out | time | peak RSS |\n|---|---:|---|---:|---:|---:|`);
for (const r of results) console.log(`| ${r.kind} ${mib} MiB | ${r.rows} | ${r.extra} | ${r.lines} | ${r.s.toFixed(1)} s | ${r.peak} MB |`);
