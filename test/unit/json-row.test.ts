/**
 * The JSON row writer writes exactly `JSON.stringify(publicRecord(r))`: checked on every record
 * of every real capture in fixtures/ (all three styles' tools, /proc, lsof, sockstat), and on
 * records made to need escapes, non-ASCII, numbers JSON writes its own way, and missing fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SocketRecord } from '../../src/model/socket.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseCapture } from '../../src/parse/detect.js';
import { JsonRowWriter, publicRecord } from '../../src/render/json.js';
import { LineWriter } from '../../src/render/line-writer.js';
import { tcpRecord } from '../helpers/records.js';

const root = new URL('../../fixtures/', import.meta.url);
const files = ['linux-tools', 'macos', 'macos/replay', 'freebsd', 'linux-proc', 'windows'].flatMap((d) =>
  readdirSync(new URL(`${d}/`, root), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => `${d}/${e.name}`),
);

/** Every connection record the parsers make of the fixtures. */
function fixtureRecords(): SocketRecord[] {
  const out: SocketRecord[] = [];
  for (const path of files) {
    try {
      const c = parseCapture(decodeCapture(readFileSync(new URL(path, root))), { source: path, nameHint: path });
      out.push(...(c.connections ?? []));
    } catch {
      // not a connection listing (routes, statistics, ...)
    }
  }
  return out;
}

/** Each record through the row writer, bulk or not, one per line. */
function written(records: readonly SocketRecord[], bulk: boolean): string[] {
  const w = new LineWriter();
  w.expectRows(bulk ? 10 : 100_000);
  const rows = new JsonRowWriter(w);
  for (const r of records) {
    rows.record(r);
    w.char(10);
  }
  return w.take().split('\n').slice(0, -1);
}

const odd: SocketRecord[] = [
  tcpRecord(1, 2, 'ESTABLISHED', { owners: [{ pid: 7, name: 'n"a\\me\u0007' }] }),
  tcpRecord(1, 0, 'LISTEN', { localAddress: 'fe80::1', localScope: 'eth0"\n', dualStack: false }),
  tcpRecord(1, 0, 'LISTEN', { localAddress: 'h\u00f6st-\u65e5\u672c', remoteAddress: '\ud800lone', user: 'us\ter' }),
  tcpRecord(1, 2, null, { recvQ: null, sendQ: undefined as unknown as null, localPort: null, remotePort: -1 }),
  tcpRecord(1, 2, 'CLOSE_WAIT', { recvQ: 2 ** 40, sendQ: 1.5, uid: -0, inode: Number.NaN }),
  tcpRecord(1, 2, 'CLOSE_WAIT', { host: 'web-1' }),
  tcpRecord(1, 2, 'CLOSE_WAIT', { netns: { inode: 4026531840, name: 'blue' } }),
  { ...tcpRecord(1, 2, 'ESTABLISHED'), proto: 'unix', family: 'unix', path: '/run/x.sock', unixType: 'STREAM', remoteScope: '3' },
];

describe('JSON row writer', () => {
  const records = [...fixtureRecords(), ...odd];
  it('has real records to check (all three styles, several hundred)', () => {
    expect(records.length).toBeGreaterThan(500);
    expect(new Set(records.map((r) => r.proto)).size).toBeGreaterThan(4);
  });

  for (const bulk of [false, true]) {
    it(`writes JSON.stringify(publicRecord(r)) for each (${bulk ? 'bulk' : 'byte by byte'})`, () => {
      const got = written(records, bulk);
      const want = records.map((r) => JSON.stringify(publicRecord(r)));
      for (let i = 0; i < want.length; i++) expect(got[i], `record ${i}`).toBe(want[i]);
      expect(got).toHaveLength(want.length);
    });
  }

  it('positive control: a field in another place is caught', () => {
    const r = tcpRecord(1, 2, 'ESTABLISHED', { uid: 0, inode: 5 });
    const { inode, ...rest } = publicRecord(r);
    expect(written([r], false)[0]).not.toBe(JSON.stringify({ inode, ...rest }));
  });
});
