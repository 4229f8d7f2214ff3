/**
 * The fuzzing kit shared by test/unit/fuzz-parsers.test.ts and the regressions it found
 * (test/unit/fuzz-regressions.test.ts): the real captures to mutate, the mutations, the record
 * invariants and the guard that runs a parser on one case.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { isUserError } from '../../src/model/errors.js';
import type { NetInterface } from '../../src/model/interface.js';
import type { Route } from '../../src/model/route.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { TCP_STATES } from '../../src/model/tcp-state.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import type { Capture } from '../../src/parse/detect.js';

/** Runs per parser (the detector gets four times as many); FUZZ_RUNS for long runs. */
export const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
/** A case must finish in this many milliseconds of CPU time (a hang or a quadratic blow-up fails it). */
export const CASE_MS = 1000;

const root = new URL('../../fixtures/', import.meta.url);
/** Every real capture (not the net-tools goldens, which are our own netstat's output), under 256 KiB. */
export const seeds: { name: string; text: string }[] = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(txt|tsv)$/.test(e.name) && !e.parentPath.includes('/expected'))
  .map((e) => `${e.parentPath}/${e.name}`)
  .filter((p) => statSync(p).size < 256 * 1024)
  .sort()
  .map((p) => ({ name: p.slice(new URL(root).pathname.length), text: decodeCapture(readFileSync(p)) }));

// ---------------------------------------------------------------- mutations

type TextOp =
  | { op: 'shuffle'; keys: number[] }
  | { op: 'dup'; at: number; times: number }
  | { op: 'drop'; at: number; count: number }
  | { op: 'tabs'; every: boolean }
  | { op: 'eol'; to: '\r\n' | '\n' | '\r' }
  | { op: 'ctrl'; at: number; ch: string }
  | { op: 'long'; at: number; ch: string }
  | { op: 'repeat'; at: number };
type ByteOp = { op: 'truncate'; at: number } | { op: 'flip'; at: number; mask: number };
type Encoding = 'utf8' | 'utf16le' | 'utf16le-bom' | 'utf16be' | 'utf16be-bom' | 'utf8-bom';

// The costly ones (a 100k-character line, 10k repeated lines) come less often than the cheap ones.
const cheap = { weight: 4 };
const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  { ...cheap, arbitrary: fc.record({ op: fc.constant('shuffle' as const), keys: fc.array(fc.nat(), { minLength: 1, maxLength: 64 }) }) },
  { ...cheap, arbitrary: fc.record({ op: fc.constant('dup' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 5 }) }) },
  { ...cheap, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }) },
  { ...cheap, arbitrary: fc.record({ op: fc.constant('tabs' as const), every: fc.boolean() }) },
  { ...cheap, arbitrary: fc.record({ op: fc.constant('eol' as const), to: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const) }) },
  { ...cheap, arbitrary: fc.record({ op: fc.constant('ctrl' as const), at: fc.nat(), ch: fc.constantFrom('\u0000', '\u001b', '\u001b[31m', '\u0000\u0000\u0000', '\u0007', '\u009b') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('long' as const), at: fc.nat(), ch: fc.constantFrom('a', ' ', '1', ':', '.', 'tcp ', '0.0.0.0:') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat() }) },
);
const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
);
const encoding: fc.Arbitrary<Encoding> = fc.constantFrom('utf8', 'utf8', 'utf8', 'utf16le', 'utf16le-bom', 'utf16be', 'utf16be-bom', 'utf8-bom');

/** A mutation: a real capture, some text operations, an encoding, some byte operations. */
export const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  text: fc.array(textOp, { maxLength: 3 }),
  encoding,
  bytes: fc.array(byteOp, { maxLength: 4 }),
});
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function applyText(text: string, m: TextOp): string {
  const lines = text.split('\n');
  const at = (n: number): number => (lines.length === 0 ? 0 : n % lines.length);
  switch (m.op) {
    case 'shuffle': {
      const keyed = lines.map((l, i) => ({ l, k: m.keys[i % m.keys.length] as number, i }));
      keyed.sort((a, b) => a.k - b.k || a.i - b.i);
      return keyed.map((x) => x.l).join('\n');
    }
    case 'dup':
      lines.splice(at(m.at), 0, ...Array<string>(m.times).fill(lines[at(m.at)] ?? ''));
      return lines.join('\n');
    case 'drop':
      lines.splice(at(m.at), m.count);
      return lines.join('\n');
    case 'tabs':
      return m.every ? text.replace(/ /g, '\t') : text.replace(/ {2,}/g, '\t');
    case 'eol':
      return text.replace(/\r?\n|\r/g, m.to);
    case 'ctrl': {
      const i = text.length === 0 ? 0 : m.at % text.length;
      return text.slice(0, i) + m.ch + text.slice(i);
    }
    case 'long':
      lines.splice(at(m.at), 0, m.ch.repeat(Math.ceil(100_000 / m.ch.length)));
      return lines.join('\n');
    case 'repeat':
      // A line of a real capture (a capture without line ends is one long line: its start).
      lines.splice(at(m.at), 0, ...Array<string>(10_000).fill((lines[at(m.at)] ?? '').slice(0, 256)));
      return lines.join('\n');
  }
}

function encode(text: string, e: Encoding): Uint8Array {
  const le = (s: string): Uint8Array => Buffer.from(s, 'utf16le');
  const swap = (b: Uint8Array): Uint8Array => new Uint8Array(Buffer.from(b).swap16());
  const cat = (a: number[], b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  switch (e) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return cat([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8'));
    case 'utf16le':
      return le(text);
    case 'utf16le-bom':
      return cat([0xff, 0xfe], le(text));
    case 'utf16be':
      return swap(le(text));
    case 'utf16be-bom':
      return cat([0xfe, 0xff], swap(le(text)));
  }
}

function applyBytes(b: Uint8Array, m: ByteOp): Uint8Array {
  if (m.op === 'truncate') return b.subarray(0, b.length === 0 ? 0 : m.at % (b.length + 1));
  if (b.length === 0) return b;
  const out = new Uint8Array(b);
  const i = m.at % b.length;
  out[i] = (out[i] as number) ^ m.mask;
  return out;
}

/** The mutated capture's bytes. */
export function mutate(m: Mutation): Uint8Array {
  let text = (seeds[m.seed] as { text: string }).text;
  for (const op of m.text) text = applyText(text, op);
  let bytes = encode(text, m.encoding);
  for (const op of m.bytes) bytes = applyBytes(bytes, op);
  return bytes;
}

// ---------------------------------------------------------------- invariants

const STATES: ReadonlySet<string> = new Set(TCP_STATES);
const PROTOS = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix']);
/** Address text as the contract carries it: non-empty, no white space, no control characters. */
const ADDRESS = /^[^\s\u0000-\u001f\u007f-\u009f]+$/;

function port(p: number | null): boolean {
  return p === null || (Number.isInteger(p) && p >= 0 && p <= 65535);
}

function count(n: unknown): boolean {
  return n === undefined || n === null || (typeof n === 'number' && Number.isFinite(n));
}

/** Every broken invariant of a record, as text (empty when it holds). */
function brokenSocket(r: SocketRecord): string[] {
  const out: string[] = [];
  if (!PROTOS.has(r.proto)) out.push(`proto ${r.proto}`);
  if (!['inet', 'inet6', 'unix'].includes(r.family)) out.push(`family ${r.family}`);
  if (!port(r.localPort)) out.push(`localPort ${r.localPort}`);
  if (!port(r.remotePort)) out.push(`remotePort ${r.remotePort}`);
  if (r.state !== null && !STATES.has(r.state)) out.push(`state ${r.state}`);
  for (const a of [r.localAddress, r.remoteAddress]) if (a !== null && !ADDRESS.test(a)) out.push(`address ${JSON.stringify(a)}`);
  if (!count(r.recvQ) || !count(r.sendQ)) out.push('queues');
  if (!Array.isArray(r.owners)) out.push('owners');
  for (const o of r.owners ?? []) if (!Number.isInteger(o.pid) || o.pid < 0) out.push(`pid ${o.pid}`);
  return out;
}

function brokenRoute(r: Route): string[] {
  const out: string[] = [];
  if (r.family !== 'inet' && r.family !== 'inet6') out.push(`family ${r.family}`);
  const max = r.family === 'inet' ? 32 : 128;
  if (!Number.isInteger(r.prefixLength) || r.prefixLength < 0 || r.prefixLength > max) out.push(`prefixLength ${r.prefixLength}`);
  if (!ADDRESS.test(r.destination)) out.push(`destination ${JSON.stringify(r.destination)}`);
  if (r.gateway !== null && !ADDRESS.test(r.gateway)) out.push(`gateway ${JSON.stringify(r.gateway)}`);
  if (!count(r.metric)) out.push(`metric ${r.metric}`);
  return out;
}

function brokenInterface(i: NetInterface): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(i)) if (/^(rx|tx)[A-Z]/.test(k) && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) out.push(`${k} ${String(v)}`);
  if (i.mtu !== null && !Number.isFinite(i.mtu)) out.push(`mtu ${i.mtu}`);
  return out;
}

function brokenCapture(c: Omit<Capture, 'format'>): string[] {
  const out: string[] = [];
  for (const r of c.connections ?? []) out.push(...brokenSocket(r));
  for (const r of c.routes ?? []) out.push(...brokenRoute(r));
  for (const i of c.interfaces ?? []) out.push(...brokenInterface(i));
  for (const [table, counters] of Object.entries(c.statistics ?? {}))
    for (const [k, v] of Object.entries(counters as Record<string, unknown>)) if (!(typeof v === 'number' && Number.isFinite(v))) out.push(`${table}.${k} ${String(v)}`);
  for (const s of c.skipped) if (!Number.isInteger(s.line) || s.line < 0) out.push(`skipped line ${s.line}`);
  return out;
}

/** Run `f`: only the project's one-line user errors may come out; it must be quick. */
export function guarded(f: () => Omit<Capture, 'format'> | null): string[] {
  // CPU time, not wall time: a busy machine (parallel test files) must not fail a quick case.
  const t0 = process.cpuUsage();
  let broken: string[] = [];
  try {
    const c = f();
    if (c) broken = brokenCapture(c);
  } catch (e) {
    if (!isUserError(e)) return [`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
    if (e.message.includes('\n')) return [`multi-line error: ${JSON.stringify(e.message)}`];
  }
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  if (ms > CASE_MS) broken.push(`took ${Math.round(ms)} ms`);
  return broken;
}

export const params = (salt: number): { numRuns: number; seed: number; endOnFailure: boolean } => ({ numRuns: RUNS, seed: SEED + salt, endOnFailure: true });

