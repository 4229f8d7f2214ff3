/**
 * Reading a `--parse` input of any size in bounded memory. The first {@link HEAD_BYTES} are read;
 * a capture that ends within them is parsed whole, as always. A longer one is recognised from its
 * first lines: a socket listing is then read as a stream (`probe/capture-stream.ts`: its records
 * are listed as they are parsed), any other capture is read whole up to {@link WHOLE_LIMIT}, and
 * refused beyond. When no row has been recognised in the first {@link SCAN_LIMIT} (`/dev/zero`, a
 * binary file), tsnetstat gives up with exit 2 and one line.
 */
import { RunError } from '../model/errors.js';
import type { Query } from '../model/query.js';
import { LineDecoder } from '../parse/common/line-decoder.js';
import { detectFormat, expectedFormats, formatWhat, resolveFormat, unknownFormat } from '../parse/detect.js';
import { streamShape } from '../parse/stream-formats.js';
import { serviceLookupFromText } from '../parse/common/endpoint.js';
import { splitHostLine } from '../parse/common/host-label.js';
import { createCaptureProbe, type CaptureProbe } from '../probe/capture.js';
import { createStreamingCaptureProbe } from '../probe/capture-stream.js';
import { errCode } from '../probe/io.js';

/** Read before deciding how to read the rest: a capture this size or smaller is parsed whole. */
export const HEAD_BYTES = 4 << 20;
/** Given up after this much input without one recognised row. */
export const SCAN_LIMIT = 64 << 20;
/** Largest capture read whole (routes, interfaces, statistics); socket listings stream past it. */
export const WHOLE_LIMIT = 64 << 20;

const MIB = 1 << 20;

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Open a `--parse` input given as chunks; see the module comment. */
export async function openCaptureStream(
  q: Query,
  input: AsyncIterable<Uint8Array>,
  o: { name: string; readServices?: () => string; host?: string },
): Promise<CaptureProbe> {
  const { name } = o;
  const it = input[Symbol.asyncIterator]();
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      const r = await it.next();
      return r.done ? r : { done: false, value: r.value instanceof Uint8Array ? r.value : new TextEncoder().encode(String(r.value)) };
    } catch (e) {
      throw new RunError(`cannot read ${name === 'stdin' ? 'standard input' : name}: ${errCode(e) || (e instanceof Error ? e.message : String(e))}`, 2);
    }
  };
  const raw: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size <= HEAD_BYTES) {
    const r = await next();
    if (r.done) {
      done = true;
      break;
    }
    raw.push(r.value);
    size += r.value.length;
  }
  const services = o.readServices?.() ?? '';
  const label = o.host !== undefined ? { host: o.host } : {};
  if (done) return createCaptureProbe(concat(raw, size), { source: name, format: q.from, services, ...label });

  // Larger than the head: recognise it from whole lines, a window at a time.
  const decoder = new LineDecoder();
  let lines = decoder.push(concat(raw, size));
  // A `# host: NAME` first line labels the capture (and is no row).
  const labelled = lines.length > 0 ? splitHostLine(lines[0] as string) : { host: null };
  if (labelled.host !== null) lines[0] = '';
  const host = labelled.host ?? o.host;
  let firstLine = 1;
  if (q.from && !resolveFormat(q.from)) throw unknownFormat(q.from);
  let format = q.from ? (resolveFormat(q.from) ?? null) : detectFormat(lines.join('\n'), name);
  while (!format) {
    if (size >= SCAN_LIMIT)
      throw new RunError(`${name}: no row recognised in the first ${SCAN_LIMIT / MIB} MiB: not a recognised capture: expected ${expectedFormats()} (or name the format with --from)`, 2);
    firstLine += lines.length;
    lines = [];
    let window = 0;
    while (window < HEAD_BYTES) {
      const r = await next();
      if (r.done) {
        done = true;
        break;
      }
      size += r.value.length;
      window += r.value.length;
      // Held only while the input might still be read whole.
      if (size <= WHOLE_LIMIT) raw.push(r.value);
      for (const l of decoder.push(r.value)) lines.push(l);
    }
    if (done) for (const l of decoder.end()) lines.push(l);
    format = detectFormat(lines.join('\n'), name);
    if (done && !format) throw new RunError(`${name}: not a recognised capture: expected ${expectedFormats()} (or name the format with --from)`, 2);
  }
  const opts = { source: name, ...(services ? { services: serviceLookupFromText(services) } : {}) };
  if (streamShape(format)) {
    return createStreamingCaptureProbe({ format, decoder, lines, firstLine, unrecognised: firstLine - 1, rest: it, notes: [], ...(host !== undefined ? { host } : {}) }, opts);
  }
  // Not a socket listing: read whole, within the limit.
  if (firstLine > 1) throw new RunError(`${name}: ${formatWhat(format)} whose first ${firstLine - 1} lines are not its rows, in a capture over ${HEAD_BYTES / MIB} MiB: cut it to the table`, 2);
  while (!done) {
    const r = await next();
    if (r.done) break;
    size += r.value.length;
    if (size > WHOLE_LIMIT)
      throw new RunError(`${name}: ${formatWhat(format)} larger than ${WHOLE_LIMIT / MIB} MiB: only socket listings are read past that (as a stream)`, 2);
    raw.push(r.value);
  }
  return createCaptureProbe(concat(raw, size), { source: name, format, services, ...label });
}
