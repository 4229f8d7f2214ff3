/**
 * `--exposed` output (pure): the exposed listeners as the style's own listing (with its owner
 * column: net-tools `PID/Program name`, netstat.exe `PID`, macOS `process:pid`), each row followed
 * by where it can be reached from and, for a service usually meant to be local, a warning; then a
 * footer that counts them and repeats each warning on one line. JSON and CSV carry the same.
 */
import type { ExposedListener, ExposureReport } from '../audit/exposure.js';
import type { Query } from '../model/query.js';
import type { SocketRecord } from '../model/socket.js';
import type { RenderContext, Style } from './styles/style.js';
import { styleOf } from './styles/registry.js';
import { csvStream, CSV_COLUMNS, csvCell } from './csv.js';
import { publicRecord, renderJsonDocument } from './json.js';
import type { Paint } from './paint.js';
import { tagLines } from './rows.js';
import { escapeControl } from './sanitize.js';

/** Where a listener can be reached from, in words. */
export function scopeLabel(e: ExposedListener): string {
  const r = e.record;
  switch (e.scope) {
    case 'wildcard':
      if (r.localAddress === null || r.localAddress === '*') return 'all interfaces';
      if (r.family === 'inet') return 'all IPv4 interfaces';
      return r.dualStack === true ? 'all interfaces (IPv4 and IPv6)' : 'all IPv6 interfaces';
    case 'link-local':
      return 'the local link';
    case 'private':
      return 'the LAN';
    case 'public':
      return 'a public address';
  }
}

function endpointText(r: SocketRecord): string {
  const a = r.localAddress ?? '*';
  return `${r.family === 'inet6' ? `[${a}]` : a}:${r.localPort ?? 0}`;
}

function ownerText(r: SocketRecord): string {
  if (r.owners.length === 0) return 'owner unknown';
  return r.owners.map((o) => `${escapeControl(o.name) || '?'} (pid ${o.pid})`).join(', ');
}

function warningText(e: ExposedListener): string {
  const w = e.warning;
  return w ? `${w.service} (${w.kind}) is usually meant to be local` : '';
}

/** The query the listing is drawn with: listeners, TCP/UDP only, the style's owner column (`Style.exposure.columns`). */
export function exposureQuery(q: Query, style: Style = styleOf(q)): Query {
  return style.exposure.columns({ ...q, selection: 'listening', transports: q.transports.filter((t) => t === 'tcp' || t === 'udp') });
}

/** The report as text in the style (`ctx.style`, or the registry's object for `q.style`). */
export function renderExposureText(report: ExposureReport, q: Query, ctx: RenderContext & { paint: Paint }): string {
  const p = ctx.paint;
  const eol = ctx.eol;
  const style = ctx.style ?? styleOf(q);
  const rq = exposureQuery(q, style);
  const tags = new Map<SocketRecord, ExposedListener>(report.exposed.map((e) => [e.record, e]));
  const lines = tagLines(
    report.exposed.map((e) => e.record),
    tags,
    rq,
    { ...ctx, style },
  );
  const width = Math.max(0, ...lines.filter((l) => l.tag).map((l) => l.text.trimEnd().length));
  let out = '';
  let headerDone = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as (typeof lines)[number];
    const next = lines[i + 1];
    const body = l.text.trimEnd();
    if (l.tag && (next?.tag !== l.tag || i === lines.length - 1)) {
      // The annotation goes on the record's last line (after a Windows `-b` line, if any).
      const pad = ' '.repeat(Math.max(0, width - body.length));
      const warn = warningText(l.tag);
      out += `${body}${pad}  ${scopeLabel(l.tag)}${style.exposure.note(l.tag.record)}${warn ? `  ${p.warning('WARNING')}: ${warn}` : ''}${eol}`;
    } else if (!l.tag && !headerDone && next?.tag) {
      // The column header just above the first row gets the audit column.
      headerDone = true;
      out += `${body}${' '.repeat(Math.max(0, width - body.length))}  Reachable from${eol}`;
    } else out += `${l.text}${eol}`;
  }
  out += eol;
  if (report.exposed.length === 0) {
    out += `No listener is reachable from the network (${report.listeners} listener${report.listeners === 1 ? '' : 's'}, all on loopback).${eol}`;
    return out;
  }
  out += `${report.exposed.length} of ${report.listeners} listener${report.listeners === 1 ? '' : 's'} reachable from the network; `;
  out += `${report.warnings} warning${report.warnings === 1 ? '' : 's'}${report.warnings ? ':' : '.'}${eol}`;
  for (const e of report.exposed) {
    if (!e.warning) continue;
    const r = e.record;
    out += `${p.warning('WARNING')}: ${r.proto} ${endpointText(r)} (${ownerText(r)}) reachable from ${scopeLabel(e)}: ${warningText(e)}; `;
    out += `bind it to ${r.family === 'inet6' ? '::1' : '127.0.0.1'} or firewall it${eol}`;
  }
  return out;
}

function jsonEntry(e: ExposedListener): Record<string, unknown> {
  return {
    ...publicRecord(e.record),
    scope: e.scope,
    warning: e.warning ? { service: e.warning.service, kind: e.warning.kind, port: e.warning.port } : null,
  };
}

/** `{"version":1,"exposure":{"listeners":…,"exposed":…,"warnings":…},"exposed":[…]}` */
export function renderExposureJson(report: ExposureReport): string {
  return renderJsonDocument({
    exposure: { listeners: report.listeners, exposed: report.exposed.length, warnings: report.warnings },
    exposed: report.exposed.map(jsonEntry),
  });
}

/** The exposed listeners as CSV: the listing's columns, then `scope` and `warning` (the service). */
export function renderExposureCsv(report: ExposureReport, eol = '\n'): string {
  const csv = csvStream(eol);
  let out = `${[...CSV_COLUMNS, 'scope', 'warning'].join(',')}${eol}`;
  for (const e of report.exposed) {
    const row = [...csv.push([e.record])].join('').slice(0, -eol.length);
    out += `${row},${csvCell(e.scope)},${csvCell(e.warning?.service ?? '')}${eol}`;
  }
  return out;
}
