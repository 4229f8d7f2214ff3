/**
 * The style registry: every `--style` name has an object implementing every member of `Style`
 * (and its views every member of `StyleViews`); no file outside the registry and the flag parser
 * asks "which style is this?"; no import circle in src/; and a new style (the test-only toy in
 * `toy-style/`) is one folder plus one registry line: the CLI, the modes and the views draw with it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/flags.js';
import { main, type MainDeps } from '../../src/cli/main.js';
import type { StyleName } from '../../src/model/query.js';
import type { SocketRecord } from '../../src/model/socket.js';
import type { Probe } from '../../src/probe/types.js';
import { BUILTIN_STYLES, createRegistry, STYLES, type StyleRegistry } from '../../src/render/styles/registry.js';
import { STYLE_MEMBERS, type Style, type StyleViews } from '../../src/render/styles/style.js';
import { fakeResolver } from '../helpers/run-main.js';
import { toyStyle } from './toy-style/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A path relative to the repository, with `/` on every OS. */
const repoPath = (p: string): string => relative(ROOT, p).split(sep).join('/');

/** Every member of `StyleViews` (the compiler checks the list against the interface). */
const VIEW_MEMBERS = ['routes', 'interfaces', 'ethernet', 'statistics', 'groups'] as const satisfies readonly (keyof StyleViews)[];
const VIEWS_COMPLETE: Exclude<keyof StyleViews, (typeof VIEW_MEMBERS)[number]> extends never ? true : false = true;

/** The members that are data, not functions. */
const DATA_MEMBERS: ReadonlySet<string> = new Set(['name', 'resolves', 'exposure', 'gutter']);

/** Check that every name of `registry` has a complete style object (throws with what is missing). */
async function checkExhaustive(registry: StyleRegistry): Promise<void> {
  for (const name of registry.names) {
    const s = registry.get(name) as Style;
    expect(s, name).toBeDefined();
    expect(s.name, name).toBe(name);
    for (const m of STYLE_MEMBERS) {
      const v = (s as unknown as Record<string, unknown>)[m];
      expect(v, `${name}.${m}`).toBeDefined();
      expect(typeof v, `${name}.${m}`).toBe(DATA_MEMBERS.has(m) ? (m === 'name' ? 'string' : 'object') : 'function');
    }
    expect(typeof s.exposure.columns, `${name}.exposure.columns`).toBe('function');
    expect(typeof s.exposure.note, `${name}.exposure.note`).toBe('function');
    for (const k of ['new', 'closed', 'changed', 'none'] as const) expect(s.gutter[k], `${name}.gutter.${k}`).toHaveLength(2);
    const views = await s.views();
    for (const v of VIEW_MEMBERS) expect(typeof views[v], `${name}.views().${v}`).toBe('function');
  }
}

describe('the style registry', () => {
  it('member lists are complete (compile-time checks)', () => {
    expect(VIEWS_COMPLETE).toBe(true);
    expect(STYLE_MEMBERS.length).toBeGreaterThan(10);
  });

  it('every built-in style implements every member, and its views every view', async () => {
    expect([...STYLES.names].sort()).toEqual(['linux', 'macos', 'windows']);
    await checkExhaustive(STYLES);
  });

  it('the check fails for a style that lacks a member (positive control)', async () => {
    const { routeFamilies: _gone, ...rest } = toyStyle;
    const broken = createRegistry({ broken: { ...rest, name: 'broken' as StyleName } as unknown as Style });
    await expect(checkExhaustive(broken)).rejects.toThrow(/broken\.routeFamilies/);
  });

  it('--style accepts exactly the registry names, and the query names the style picked', () => {
    for (const name of STYLES.names) {
      const r = parseCommandLine(['--style', name], { defaultStyle: 'linux' });
      expect(r.kind === 'query' && r.query.style).toBe(name);
    }
    expect(() => parseCommandLine(['--style', 'toy'], { defaultStyle: 'linux' })).toThrow("bad style 'toy': expected windows, linux or macos");
    expect(() => parseCommandLine(['--style', '__proto__'], { defaultStyle: 'linux' })).toThrow(/bad style/);
  });

  it('style names in messages come from the registry', () => {
    const withToy = createRegistry({ ...BUILTIN_STYLES, toy: toyStyle });
    expect(withToy.choices()).toBe('windows, linux, macos or toy');
    expect(() => parseCommandLine(['--style', 'nope'], { defaultStyle: 'linux', styles: withToy })).toThrow("bad style 'nope': expected windows, linux, macos or toy");
  });
});

/** src/ files as [path relative to the repository, text]. */
function sources(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) out.push([repoPath(p), readFileSync(p, 'utf8')]);
    }
  };
  walk(join(ROOT, 'src'));
  return out;
}

/** Lines that ask which style is in force: a switch on a style, a style compared with a literal. */
function styleQuestions(text: string): string[] {
  const ask = [
    /\bswitch\s*\(\s*(?:[\w.]+\.)?style\s*\)/,
    /\bstyle\s*[!=]==?\s*['"`]/,
    /['"`]\s*[!=]==?\s*(?:[\w.]+\.)?style\b/,
    /[!=]==?\s*['"`](?:linux|windows|macos)['"`]/,
    /['"`](?:linux|windows|macos)['"`]\s*[!=]==?/,
  ];
  return text.split('\n').filter((l) => !/^\s*(?:\*|\/\/)/.test(l) && ask.some((re) => re.test(l)));
}

/** Files allowed to ask: the registry and the flag parser. */
const MAY_ASK = new Set(['src/render/styles/registry.ts', 'src/cli/flags.ts']);

describe('no file asks "which style?" again', () => {
  it('the scan finds the questions it looks for (positive control)', () => {
    expect(styleQuestions("  switch (q.style) {\n  if (q.style === 'linux') x();\n  const w = style !== 'windows';\n  y = 'macos' === ctx.style;")).toHaveLength(4);
    expect(styleQuestions("  const s = styles.get(q.style);\n  // if (q.style === 'linux')")).toEqual([]);
  });

  it('outside the registry and the flag parser, src/ holds none', () => {
    const found = sources()
      .filter(([p]) => !MAY_ASK.has(p) && !p.startsWith('src/parse/') && !p.startsWith('src/probe/'))
      .flatMap(([p, text]) => styleQuestions(text).map((l) => `${p}: ${l.trim()}`));
    expect(found).toEqual([]);
  });
});

/** Relative imports of every kind (static, type-only, dynamic) between src/ files. */
function importGraph(files: [string, string][]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [p, text] of files) {
    const deps = new Set<string>();
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/g))
      deps.add(repoPath(resolve(dirname(join(ROOT, p)), `${m[1] as string}.ts`)));
    graph.set(p, [...deps]);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 1) found.push([...stack.slice(stack.indexOf(d)), d].join(' -> '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('imports', () => {
  it('the cycle finder sees a type-only import back along a dynamic one (positive control: the old main.ts <-> modes.ts)', () => {
    const old = importGraph([
      ['src/cli/main.ts', "const { runMode } = await import('./modes.js');"],
      ['src/cli/modes.ts', "import type { Output } from './main.js';"],
    ]);
    expect(cycles(old)).toEqual(['src/cli/main.ts -> src/cli/modes.ts -> src/cli/main.ts']);
  });

  it('src/ has no import circle of any kind (the Output type has its own module)', () => {
    expect(cycles(importGraph(sources()))).toEqual([]);
  });
});

// --- The toy style: one folder (toy-style/) plus one registry line. ---

const TOY_REGISTRY = createRegistry({ ...BUILTIN_STYLES, toy: toyStyle });

const listener: SocketRecord = {
  proto: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 3306, remoteAddress: '0.0.0.0', remotePort: 0,
  state: 'LISTEN', recvQ: 0, sendQ: 0, owners: [{ pid: 2367, name: 'mysqld' }],
};
const peer: SocketRecord = {
  proto: 'tcp', family: 'inet', localAddress: '10.0.0.5', localPort: 40000, remoteAddress: '192.0.2.7', remotePort: 443,
  state: 'ESTABLISHED', recvQ: 0, sendQ: 0, owners: [],
};

/** A probe that answers every view from memory; each `connections` call returns the next tick's records. */
function memoryProbe(ticks: SocketRecord[][]): Probe {
  let n = 0;
  return {
    name: 'memory',
    connections: async () => ({ records: (ticks[Math.min(n++, ticks.length - 1)] ?? []).map((r) => ({ ...r })), warnings: [] }),
    routes: async () => ({
      records: [{ family: 'inet', destination: '0.0.0.0', prefixLength: 0, gateway: '192.0.2.1', interface: 'eth0', flags: 'UG', metric: 0 }],
      warnings: [],
    }),
    interfaces: async () => ({ records: [{ name: 'eth0', mtu: 1500, flags: [], rxBytes: 10, txBytes: 20 }], warnings: [] }),
    statistics: async () => ({ statistics: { tcp: { ActiveOpens: 3 } }, warnings: [] }),
    groups: async () => ({ records: [{ family: 'inet', interface: 'eth0', refCount: 1, group: '224.0.0.1' }], warnings: [] }),
  };
}

async function runToy(argv: string[], ticks: SocketRecord[][] = [[listener, peer]], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let sleeps = 0;
  const deps: MainDeps = {
    argv: ['--style', 'toy', ...argv],
    env: {},
    platform: 'linux',
    stdout: { isTTY, write: async (s) => ((out += s), true), size: () => (isTTY ? { columns: 100, rows: 20 } : undefined) },
    stderr: { write: (s) => void (err += s) },
    createProbe: async () => memoryProbe(ticks),
    createResolver: () => fakeResolver({ '192.0.2.7': 'web.example', '192.0.2.1': 'gw.example' }),
    sleep: async () => ++sleeps < ticks.length,
    interrupted: () => false,
    now: () => new Date(2025, 5, 1, 14, 3, 7, 120),
    styles: TOY_REGISTRY,
  };
  const code = await main(deps);
  return { code, out, err };
}

describe('a new style is one folder plus one registry line (test-only toy style)', () => {
  it('the toy implements every member', async () => {
    await checkExhaustive(TOY_REGISTRY);
  });

  it('the listing is drawn by the toy, with its default transports and the names it resolves (remote only)', async () => {
    const r = await runToy(['-a']);
    expect(r.err).toBe('');
    expect(r.out).toBe('toy listing (all)\ntoy tcp 0.0.0.0:3306 -> 0.0.0.0:0 listen\ntoy tcp 10.0.0.5:40000 -> web.example:443 established\nend of toy listing\n');
  });

  it('JSON stays a format: the same document whatever the style', async () => {
    const toy = await runToy(['-a', '--json']);
    let linux = '';
    await main({ ...(await toyDeps()), argv: ['--style', 'linux', '-at', '--json'], stdout: { isTTY: false, write: async (s) => ((linux += s), true) } });
    expect(toy.out).toBe(linux);
  });

  it('--changes rows are the toy rows, with its state words', async () => {
    const closedPeer = { ...peer, state: 'TIME_WAIT' as const };
    const r = await runToy(['-a', '--changes', '1'], [[listener, peer], [listener, closedPeer]]);
    expect(r.out).toMatch(/^~ 2025-06-01T14:03:07\.120[+-]\d\d:\d\d toy tcp 10\.0\.0\.5:40000 -> web\.example:443 time_wait {2}\(was established\)\n$/);
  });

  it('the watch screen draws the toy rows with the toy gutter', async () => {
    const r = await runToy(['-a', '--color', 'never', '1'], [[listener], [listener, peer]], true);
    expect(r.out).toContain('\n> toy tcp 10.0.0.5:40000 -> web.example:443 established\x1b[K');
    expect(r.out).toContain('\n  toy tcp 0.0.0.0:3306 -> 0.0.0.0:0 listen\x1b[K');
  });

  it('--summary uses its protocol and state words; --exposed its owner column and note', async () => {
    expect((await runToy(['--summary', '-n'])).out).toMatch(/toy-tcp[\s\S]*listen/);
    const ex = await runToy(['--exposed', '-n']);
    expect(ex.code).toBe(1);
    expect(ex.out).toMatch(/toy tcp 0\.0\.0\.0:3306 -> 0\.0\.0\.0:0 listen pid=2367 +all IPv4 interfaces \(toy: 1 owners\) {2}WARNING: MySQL/);
  });

  it('the table views are the toy views, loaded on demand', async () => {
    expect((await runToy(['-r'])).out).toBe('toy route 0.0.0.0/0 via gw.example dev eth0\n');
    expect((await runToy(['-i'])).out).toBe('toy if eth0 mtu 1500\n');
    expect((await runToy(['-e'])).out).toBe('toy if eth0 rx 10 tx 20\n');
    expect((await runToy(['-s'])).out).toBe('toy stat tcp.ActiveOpens 3\ntoy listing (connected)\nend of toy listing\n');
    expect((await runToy(['-g'])).out).toBe('toy group 224.0.0.1 on eth0\n');
  });
});

/** Dependencies for a built-in style run over the same memory probe. */
async function toyDeps(): Promise<MainDeps> {
  return {
    argv: [],
    env: {},
    platform: 'linux',
    stdout: { isTTY: false, write: async () => true },
    stderr: { write: () => undefined },
    createProbe: async () => memoryProbe([[listener, peer]]),
    createResolver: () => fakeResolver(),
    sleep: async () => false,
    interrupted: () => false,
  };
}

describe.skipIf(!existsSync(join(ROOT, 'dist/cli.cjs')))('cold start: the style objects keep the views out of the start-up bundle', () => {
  // A title each style's views print, and the on-demand file (dist/lazy/) that must hold it.
  const titles: [string, string][] = [
    ['Kernel IP routing table', 'linux-style-views.cjs'],
    ['Kernel Interface table', 'linux-style-views.cjs'],
    ['Active Routes', 'windows-style-views.cjs'],
    ['Interface Statistics', 'windows-style-views.cjs'],
    ['Routing tables', 'macos-style-views.cjs'],
  ];
  it('dist/cli.cjs holds no view renderer; each is in its style’s lazy file, which the CLI loads on demand', () => {
    const cli = readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8');
    for (const [title, file] of titles) {
      expect(cli.includes(title), title).toBe(false);
      expect(readFileSync(join(ROOT, 'dist/lazy', file), 'utf8').includes(title), `${file}: ${title}`).toBe(true);
      // (a require() the bundle runs when the view is asked for: scripts/build.mjs turns its import()s into those)
      expect(cli).toMatch(new RegExp(`(?:import|require)\\([^)]*lazy/${file.replace('.', '\\.')}`));
    }
  });
});
