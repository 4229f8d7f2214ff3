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
import { csvCell, csvHeader, csvRow } from './csv.js';
import { publicRecord, renderJsonDocument } from './json.js';
import type { Paint } from './paint.js';
import { ownerDetailText } from './owner-detail.js';
import { tagLines } from './rows.js';
import { escapeControl } from './sanitize.js';

/**
 * Where a listener can be reached from, in words. A socket of another network namespace (`-N`)
 * is reached only through that namespace's interfaces: the label says which namespace.
 */
export function scopeLabel(e: ExposedListener): string {
  const ns = e.record.netns;
  if (!ns) return hostScopeLabel(e);
  const which = `network namespace ${escapeControl(ns.name ?? String(ns.inode))}${ns.name ? ` (${ns.inode})` : ''}`;
  return e.scope === 'wildcard' ? `${hostScopeLabel(e)} of ${which} only` : `${hostScopeLabel(e)}, through ${which}`;
}

function hostScopeLabel(e: ExposedListener): string {
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
  return r.owners.map((o) => `${escapeControl(o.name) || '?'} (pid ${o.pid}${ownerDetailText(o) ? ` ${ownerDetailText(o)}` : ''})`).join(', ');
}

function warningText(e: ExposedListener): string {
  const w = e.warning;
  return w ? `${w.service} (${w.kind}) is usually meant to be local` : '';
}

/** The query the listing is drawn with: listeners, TCP/UDP only, the style's owner column (`Style.exposure.columns`). */
export function exposureQuery(q: Query, style: Style = styleOf(q)): Query {
  return style.exposure.columns({ ...q, selection: 'listening', transports: q.transports.filter((t) => t === 'tcp' || t === 'udp') });
}

/** One warning of the footer, without line ending (`prefix`: a fleet run's `web-01: `). */
export function warningLine(e: ExposedListener, p: Paint, prefix = ''): string {
  const r = e.record;
  return `${p.warning('WARNING')}: ${prefix}${r.proto} ${endpointText(r)} (${ownerText(r)}) reachable from ${scopeLabel(e)}: ${warningText(e)}; bind it to ${r.family === 'inet6' ? '::1' : '127.0.0.1'} or firewall it`;
}

/**
 * The report as text in the style (`ctx.style`, or the registry's object for `q.style`). A fleet run passes `host` (each row names it, before
 * where it is reachable from) and `footer: false` (it prints one footer for all hosts).
 */
export function renderExposureText(report: ExposureReport, q: Query, ctx: RenderContext & { paint: Paint; footer?: boolean; host?: string }): string {
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
  let width = Math.max(0, ...lines.filter((l) => l.tag).map((l) => l.text.trimEnd().length));
  if (ctx.host !== undefined) {
    // The host column lines up under its title: the column header counts too.
    const head = lines.findIndex((l, i) => !l.tag && lines[i + 1]?.tag);
    if (head >= 0) width = Math.max(width, (lines[head] as { text: string }).text.trimEnd().length);
  }
  const host = ctx.host !== undefined ? escapeControl(ctx.host) : '';
  const hostCell = ctx.host !== undefined ? `${host.padEnd(4)}  ` : '';
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
      out += `${body}${pad}  ${hostCell}${scopeLabel(l.tag)}${style.exposure.note(l.tag.record)}${warn ? `  ${p.warning('WARNING')}: ${warn}` : ''}${eol}`;
    } else if (!l.tag && !headerDone && next?.tag) {
      // The column header just above the first row gets the audit column.
      headerDone = true;
      out += `${body}${' '.repeat(Math.max(0, width - body.length))}  ${ctx.host !== undefined ? 'Host'.padEnd(hostCell.length) : ''}Reachable from${eol}`;
    } else out += `${l.text}${eol}`;
  }
  if (ctx.footer === false)
    return report.exposed.length > 0 ? out : `${out}No listener is reachable from the network (${report.listeners} listener${report.listeners === 1 ? '' : 's'}, all on loopback).${eol}`;
  out += eol;
  if (report.exposed.length === 0) {
    out += `No listener is reachable from the network (${report.listeners} listener${report.listeners === 1 ? '' : 's'}, all on loopback).${eol}`;
    return out;
  }
  out += `${report.exposed.length} of ${report.listeners} listener${report.listeners === 1 ? '' : 's'} reachable from the network; `;
  out += `${report.warnings} warning${report.warnings === 1 ? '' : 's'}${report.warnings ? ':' : '.'}${eol}`;
  for (const e of report.exposed) if (e.warning) out += warningLine(e, p) + eol;
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
export function renderExposureJson(report: ExposureReport, extra: Record<string, number> = {}): string {
  return renderJsonDocument({
    exposure: { ...extra, listeners: report.listeners, exposed: report.exposed.length, warnings: report.warnings },
    exposed: report.exposed.map(jsonEntry),
  });
}

/** The exposed listeners as CSV: the listing's columns, then `scope` and `warning` (the service). */
export function renderExposureCsv(report: ExposureReport, eol = '\n'): string {
  const host = report.exposed[0]?.record.host !== undefined;
  let out = `${[...csvHeader(host), 'scope', 'warning'].join(',')}${eol}`;
  for (const e of report.exposed) {
    out += `${csvRow(e.record, host)},${csvCell(e.scope)},${csvCell(e.warning?.service ?? '')}${eol}`;
  }
  return out;
}
