/**
 * The man page (man/tsnetstat.1, written by scripts/man.mjs during the build): groff finds nothing
 * to warn about, man(1) renders it, and it holds what it is generated from — every option of the
 * table, the README's sections (flag collisions, filters, --exposed exit status, environment).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/options.js';
import { ROOT } from './helpers.js';

const PAGE = join(ROOT, 'man/tsnetstat.1');
const has = (cmd: string): boolean => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;

describe.skipIf(process.platform !== 'linux')('man/tsnetstat.1', () => {
  it.skipIf(!has('groff'))('groff -man -ww -z: no warning', () => {
    const r = spawnSync('groff', ['-man', '-ww', '-z', PAGE], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it.skipIf(!has('man'))('man -l renders every section and every option of the table', () => {
    const r = spawnSync('man', ['-l', PAGE], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', MAN_KEEP_FORMATTING: '', PAGER: 'cat' } });
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.replace(/.\x08/g, '').replace(/\u2010\n\s+/g, '');
    for (const h of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'STYLES', 'FLAG COLLISIONS', 'FILTERS', 'EXIT STATUS', 'JSON OUTPUT', 'ENVIRONMENT', 'EXAMPLES'])
      expect(text).toMatch(new RegExp(`^${h}$`, 'm'));
    for (const o of OPTIONS) expect(text, o.name).toMatch(new RegExp(`^ +(-\\S, )?${o.name}\\b`, 'm'));
    expect(text).toMatch(/--style style\s+style: windows, linux, macos/);
    expect(text).toMatch(/Exit status 1 when a warning is raised/);
    expect(text).toMatch(/TSNETSTAT_STYLE/);
  });

  it('package.json installs it (man field, files)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { man: string[]; files: string[] };
    expect(pkg.man).toEqual(['./man/tsnetstat.1']);
    expect(pkg.files).toContain('man');
  });
});
