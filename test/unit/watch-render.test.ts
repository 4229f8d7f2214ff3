import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/color.js';
import type { Change } from '../../src/model/change.js';
import type { Style } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { decodeCapture } from '../../src/parse/common/text.js';
import { parseSs } from '../../src/parse/ss/ss.js';
import { renderConnections } from '../../src/render/connections.js';
import { eventJson, eventLine, formatTimestamp } from '../../src/render/events.js';
import { NO_NAMES } from '../../src/render/names.js';
import { paintWith, PLAIN } from '../../src/render/paint.js';
import { frameLines, renderedLines, rowRenderer, tagLines } from '../../src/render/rows.js';
import { cutVisible, ENTER_SCREEN, LEAVE_SCREEN, renderScreen } from '../../src/render/screen.js';
import { queryOf as q } from '../helpers/records.js';

const fixture = (path: string): string => decodeCapture(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
/** Real sockets: TCP/UDP of both families with owners, and unix sockets (ss -a of Ubuntu 18.04). */
const ss = parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-tulpen.txt'), { source: 't' }).records;
const ssAll = parseSs(fixture('linux-tools/ubuntu1804-ss-sudo-a.txt'), { source: 'a' }).records;
const sample: SocketRecord[] = [...ss.slice(0, 20), ...ssAll.filter((r) => r.proto === 'unix').slice(0, 5)];

const chalk = new Chalk({ level: 1 });
const paint = paintWith(chalk);
const listings: [Style, string][] = [
  ['linux', '-anp'],
  ['linux', '-ane'],
  ['windows', '-ano'],
  ['windows', '-anb'],
  ['macos', '-anv'],
];

describe('rows: one record cut out of the style’s own listing', () => {
  for (const [style, cmd] of listings) {
    it(`${style} ${cmd}: every row is in the listing, and frame + rows is the listing`, () => {
      const query = q(cmd, style);
      const ctx = { names: NO_NAMES, eol: '\n' };
      const full = renderedLines(renderConnections(sample, query, ctx));
      const row = rowRenderer(query, ctx);
      const rows = sample.map(row);
      for (const r of rows) {
        expect(r.length).toBeGreaterThan(0);
        expect(full).toContain(r[0]);
      }
      expect(full.length).toBe(frameLines(query, ctx).length + rows.reduce((n, r) => n + r.length, 0));
    });
  }
  it('a Windows -b record has its [exe] line', () => {
    const r = rowRenderer(q('-anb', 'windows'), { names: NO_NAMES, eol: '\r\n' })(ss[1] as SocketRecord);
    expect(r).toEqual(['  UDP    0.0.0.0:5353           *:*                    ', ' [avahi-daemon]']);
  });
  it('tagLines tags the lines of the tagged records only', () => {
    const query = q('-an', 'linux');
    const tags = new Map<SocketRecord, string>([[sample[3] as SocketRecord, 'x']]);
    const lines = tagLines(sample, tags, query, { names: NO_NAMES, eol: '\n' });
    expect(lines.filter((l) => l.tag === 'x').map((l) => l.text)).toEqual(rowRenderer(query, { names: NO_NAMES, eol: '\n' })(sample[3] as SocketRecord));
  });
});

describe('colour: states painted on a terminal, the native bytes otherwise', () => {
  for (const [style, cmd] of listings) {
    it(`${style} ${cmd}: without the colour codes, the painted listing is the plain one byte for byte`, () => {
      const query = q(cmd, style);
      const plain = [...renderConnections(ssAll, query, { names: NO_NAMES, eol: '\n' })].join('');
      const painted = [...renderConnections(ssAll, query, { names: NO_NAMES, eol: '\n', paint })].join('');
      expect(painted).not.toBe(plain);
      expect(stripVTControlCharacters(painted)).toBe(plain);
    });
  }
  it('LISTEN is cyan, ESTABLISHED green, CLOSE_WAIT red', () => {
    expect(paint.state('LISTEN', 'LISTEN')).toBe('\x1b[36mLISTEN\x1b[39m');
    expect(paint.state('ESTABLISHED', 'ESTABLISHED')).toBe('\x1b[32mESTABLISHED\x1b[39m');
    expect(paint.state('CLOSE_WAIT', 'CLOSE_WAIT')).toBe('\x1b[31mCLOSE_WAIT\x1b[39m');
  });
  it('Windows spelling keeps its colour', () => expect(paint.state('LISTENING', 'LISTEN')).toBe(chalk.cyan('LISTENING')));
  it('no state, no colour', () => expect(paint.state('', null)).toBe(''));
  it('PLAIN is the identity', () => {
    for (const f of [PLAIN.added, PLAIN.removed, PLAIN.changed, PLAIN.dim, PLAIN.bold, PLAIN.warning, PLAIN.title]) expect(f('x y')).toBe('x y');
    expect(PLAIN.state('LISTEN', 'LISTEN')).toBe('LISTEN');
  });
});

describe('colour decision (once, at the entry)', () => {
  const tty = true;
  it('a terminal: on', () => expect(colorEnabled('auto', 'text', {}, tty)).toBe(true));
  it('a pipe: off', () => expect(colorEnabled('auto', 'text', {}, false)).toBe(false));
  it('NO_COLOR=1 on a terminal: off', () => expect(colorEnabled('auto', 'text', { NO_COLOR: '1' }, tty)).toBe(false));
  it('NO_COLOR empty: ignored', () => expect(colorEnabled('auto', 'text', { NO_COLOR: '' }, tty)).toBe(true));
  it('FORCE_COLOR=1 in a pipe: on', () => expect(colorEnabled('auto', 'text', { FORCE_COLOR: '1' }, false)).toBe(true));
  it('FORCE_COLOR empty in a pipe: on', () => expect(colorEnabled('auto', 'text', { FORCE_COLOR: '' }, false)).toBe(true));
  it('FORCE_COLOR=0 on a terminal: off', () => expect(colorEnabled('auto', 'text', { FORCE_COLOR: '0' }, tty)).toBe(false));
  it('FORCE_COLOR=false: off', () => expect(colorEnabled('auto', 'text', { FORCE_COLOR: 'false' }, tty)).toBe(false));
  it('FORCE_COLOR wins over NO_COLOR (as in Node)', () => expect(colorEnabled('auto', 'text', { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true));
  it('TERM=dumb: off', () => expect(colorEnabled('auto', 'text', { TERM: 'dumb' }, tty)).toBe(false));
  it('--color=always in a pipe: on', () => expect(colorEnabled('always', 'text', { NO_COLOR: '1' }, false)).toBe(true));
  it('--color=never on a terminal: off', () => expect(colorEnabled('never', 'text', { FORCE_COLOR: '3' }, tty)).toBe(false));
  it('--json is never coloured', () => expect(colorEnabled('always', 'json', {}, tty)).toBe(false));
  it('--csv is never coloured', () => expect(colorEnabled('auto', 'csv', {}, tty)).toBe(false));
});

describe('change events', () => {
  const est = ss.find((r) => r.proto === 'tcp' && r.localPort === 27017) as SocketRecord;
  const changed: Change = { kind: 'changed', record: { ...est, state: 'CLOSE_WAIT' }, previous: est, fields: ['state'] };
  const when = new Date(2025, 5, 1, 14, 3, 7, 120);
  const time = formatTimestamp(when);
  it('the timestamp is local ISO 8601 with milliseconds and offset, and means the same instant', () => {
    expect(time).toMatch(/^2025-06-01T14:03:07\.120[+-]\d\d:\d\d$/);
    expect(new Date(time).getTime()).toBe(when.getTime());
  });
  for (const [style, cmd, row] of [
    ['linux', '-anp', 'tcp        0   4096 0.0.0.0:27017           0.0.0.0:*               LISTEN      2840/dockerd'],
    ['windows', '-ano', 'TCP    0.0.0.0:27017          0.0.0.0:0              LISTENING       2840'],
    ['macos', '-an', 'tcp4       0   4096  *.27017                *.*                    LISTEN'],
  ] as const) {
    it(`${style}: + new, - closed, ~ changed with what it was, one line each`, () => {
      const ctx = { style, row: rowRenderer(q(cmd, style), { names: NO_NAMES, eol: '\n' }), paint: PLAIN };
      expect(eventLine({ kind: 'new', record: est }, time, ctx)).toBe(`+ ${time} ${row}`);
      expect(eventLine({ kind: 'closed', record: est }, time, ctx)).toBe(`- ${time} ${row}`);
      const was = style === 'windows' ? 'LISTENING' : 'LISTEN';
      expect(eventLine(changed, time, ctx)).toMatch(new RegExp(`^~ ${time.replace(/[.+]/g, '\\$&')} .*\\(was ${was}\\)$`));
    });
  }
  it('a Windows -b record is one line', () => {
    const ctx = { style: 'windows' as const, row: rowRenderer(q('-anb', 'windows'), { names: NO_NAMES, eol: '\n' }), paint: PLAIN };
    expect(eventLine({ kind: 'new', record: ss[1] as SocketRecord }, time, ctx)).toBe(`+ ${time} UDP    0.0.0.0:5353           *:* [avahi-daemon]`);
  });
  it('an owner change says who held it', () => {
    const ctx = { style: 'linux' as const, row: rowRenderer(q('-anp', 'linux'), { names: NO_NAMES, eol: '\n' }), paint: PLAIN };
    const c: Change = { kind: 'changed', record: { ...est, owners: [{ pid: 7, name: 'x' }] }, previous: est, fields: ['owners'] };
    expect(eventLine(c, time, ctx)).toMatch(/ 7\/x +\(was owned by 2840\/dockerd\)$/);
  });
  it('coloured on a terminal: the mark, and a closed line dimmed', () => {
    const ctx = { style: 'linux' as const, row: rowRenderer(q('-an', 'linux'), { names: NO_NAMES, eol: '\n' }), paint };
    expect(eventLine({ kind: 'new', record: est }, time, ctx).startsWith(chalk.green.bold('+'))).toBe(true);
    expect(eventLine({ kind: 'closed', record: est }, time, ctx)).toContain(chalk.dim(time).slice(0, 4));
  });
  it('NDJSON events parse back', () => {
    const lines = [eventJson({ kind: 'new', record: est }, time), eventJson(changed, time), eventJson({ kind: 'closed', record: est }, time)];
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p['event'])).toEqual(['new', 'changed', 'closed']);
    expect(parsed[0]).toEqual({
      version: 1, event: 'new', time,
      record: { proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 27017, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', recvQ: 0, sendQ: 4096, owners: [{ pid: 2840, name: 'dockerd' }], inode: 135216 },
    });
    expect(parsed[1]).toMatchObject({ changed: ['state'], previous: { state: 'LISTEN', owners: [{ pid: 2840, name: 'dockerd' }] }, record: { state: 'CLOSE_WAIT' } });
    for (const l of lines) expect(l).not.toContain('\n');
  });
});

describe('the watch screen', () => {
  const opts = { columns: 40, rows: 6, first: false, paint: PLAIN, eol: '\n', gutter: true };
  it('redraws in place: cursor home, each line cleared to its end, the rest of the screen cleared', () => {
    const s = renderScreen('status', [{ text: 'a' }, { text: 'b', mark: 'new' }], opts);
    expect(s).toBe('\x1b[Hstatus                                 \x1b[K\n  a\x1b[K\n+ b\x1b[K\n\x1b[J');
  });
  it('the first frame enters the alternate screen and hides the cursor; LEAVE undoes both', () => {
    expect(renderScreen('s', [], { ...opts, first: true }).startsWith(ENTER_SCREEN)).toBe(true);
    expect(renderScreen('s', [], opts).includes(ENTER_SCREEN)).toBe(false);
    expect(LEAVE_SCREEN).toBe('\x1b[?25h\x1b[?1049l');
  });
  it('marks: + new (bold), - closed (dimmed), ~ changed', () => {
    const s = renderScreen('s', [{ text: 'n', mark: 'new' }, { text: 'c', mark: 'closed' }, { text: 'x', mark: 'changed' }], { ...opts, paint });
    expect(s).toContain(`${chalk.green.bold('+ ')}${chalk.bold('n')}`);
    expect(s).toContain(`${chalk.red('- ')}${chalk.dim('c')}`);
    expect(s).toContain(`${chalk.yellow.bold('~ ')}x`);
  });
  it('never taller than the terminal: the last line says what is hidden', () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({ text: `row ${i}`, mark: i === 8 ? ('new' as const) : undefined }));
    const s = renderScreen('s', lines, opts).split('\n');
    expect(s).toHaveLength(6); // status + 3 rows + "more" + the cursor's row
    expect(s[4]).toBe('… 7 more lines (1 marked)\x1b[K');
  });
  it('never wider than the terminal (one column short of the edge)', () => {
    const s = renderScreen('x'.repeat(100), [{ text: 'y'.repeat(100) }], opts).split('\n');
    for (const l of s.slice(0, 2)) expect(stripVTControlCharacters(l).length).toBe(39);
  });
  it('cutVisible counts characters, not colour codes, and resets a cut colour', () => {
    const t = `ab${chalk.cyan('LISTEN')}cd`;
    expect(cutVisible(t, 4)).toBe(`ab\x1b[36mLI\x1b[0m`);
    expect(cutVisible(t, 10)).toBe(t);
    expect(cutVisible('plain', 3)).toBe('pla');
  });
});
