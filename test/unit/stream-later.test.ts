/**
 * Held-back sections (`StreamRenderer.later`): rows pushed to the section while the main rows are
 * still coming print after every main row pushed before `close()`, byte for byte as if they had
 * been pushed in that order. The Linux probe uses them to read IPv4 and IPv6 TCP in one walk.
 */
import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { jsonStream } from '../../src/render/json.js';
import { LineWriter } from '../../src/render/line-writer.js';
import { linuxStream } from '../../src/render/linux/connections.js';
import { NO_NAMES } from '../../src/render/names.js';
import { renderAll, type StreamRenderer } from '../../src/render/stream.js';
import { queryOf, tcpRecord } from '../helpers/records.js';

const v4 = (i: number): SocketRecord => tcpRecord(40000 + i, 443, 'ESTABLISHED');
const v6 = (i: number): SocketRecord =>
  tcpRecord(50000 + i, 8080, i % 3 === 0 ? 'LISTEN' : 'TIME_WAIT', { proto: 'tcp6', family: 'inet6', localAddress: '::1', remoteAddress: i % 3 === 0 ? '::' : 'fe80::1%eth0' });

/** Push `a` to the main section and `b` to a held one, interleaved in `slice`s, then close and end. */
function interleaved(sr: StreamRenderer, a: SocketRecord[], b: SocketRecord[], slice: number, drained?: LineWriter): string {
  let out = '';
  const bytes: string[] = [];
  drained?.drainTo((buf, n) => void bytes.push(Buffer.from(buf.subarray(0, n)).toString('latin1')));
  const put = (chunks: Iterable<string | Uint8Array>): void => {
    for (const c of chunks) {
      out += bytes.splice(0).join('') + (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
    }
    out += bytes.splice(0).join('');
  };
  put(sr.begin());
  const held = sr.later?.();
  if (!held) throw new Error('no held section');
  for (let i = 0; i < Math.max(a.length, b.length); i += slice) {
    put(sr.push(a.slice(i, i + slice)));
    held.push(b.slice(i, i + slice));
  }
  put(held.close());
  put(sr.end());
  return out;
}

const A = Array.from({ length: 1500 }, (_, i) => v4(i));
const B = Array.from({ length: 700 }, (_, i) => v6(i));

describe('held-back sections print after the main rows, as if pushed in order', () => {
  for (const cmd of ['-tan', '-tanW', '-tane', '-tan -o', '-tanx']) {
    it(`net-tools rows (${cmd}), strings and drained bytes`, () => {
      const q = queryOf(cmd, 'linux');
      const want = [...renderAll(linuxStream(q, NO_NAMES), [...A, ...B])].join('');
      expect(want.split('\n').length).toBeGreaterThan(2200);
      expect(interleaved(linuxStream(q, NO_NAMES), A, B, 256)).toBe(want);
      const w = new LineWriter();
      expect(interleaved(linuxStream(q, NO_NAMES, undefined, w), A, B, 256, w)).toBe(want);
    });
  }

  it('JSON: one valid document whichever section is empty', () => {
    for (const [a, b] of [
      [A, B],
      [[], B],
      [A, []],
      [[], []],
    ] as const) {
      const want = [...renderAll(jsonStream(), [...a, ...b])].join('');
      const got = interleaved(jsonStream(), [...a], [...b], 100);
      expect(got).toBe(want);
      expect((JSON.parse(got) as { connections: unknown[] }).connections).toHaveLength(a.length + b.length);
    }
  });

  it('positive control: a held row printed where it arrived would differ', () => {
    const q = queryOf('-tan', 'linux');
    const inOrder = [...renderAll(linuxStream(q, NO_NAMES), [...A, ...B])].join('');
    const asArrived = [...renderAll(linuxStream(q, NO_NAMES), [...A.slice(0, 256), ...B.slice(0, 256), ...A.slice(256), ...B.slice(256)])].join('');
    expect(asArrived).not.toBe(inOrder);
  });
});
