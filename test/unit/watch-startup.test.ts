/**
 * Cold start of a plain listing does not pay for watch mode: in the built bundle, chalk,
 * cli-table3 and the modes (watch screen, --changes, --summary, --exposed) are reached only by
 * dynamic imports. Needs `dist/` (npm test builds it first).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupFiles } from '../helpers/bundle.js';

const dist = join(import.meta.dirname, '../../dist');

describe.skipIf(!existsSync(join(dist, 'cli.js')))('start-up bundle', () => {
  it('a plain listing loads neither chalk nor cli-table3 nor the watch modes', () => {
    const src = (f: string): string => readFileSync(join(dist, f), 'utf8');
    const startup = startupFiles(dist);
    const chunks = readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`);
    const lazy = (name: RegExp): string => {
      const f = chunks.find((c) => name.test(c));
      expect(f, String(name)).toBeDefined();
      return f as string;
    };
    const chalk = chunks.find((c) => /function createChalk/.test(src(c))); // chalk's own code
    const table = lazy(/^chunks\/cli-table3-/);
    const modes = lazy(/^chunks\/modes-/);
    expect(chalk).toBeDefined();
    for (const f of [chalk as string, table, modes]) {
      expect(startup.has(f), f).toBe(false);
      // …and each is imported dynamically somewhere.
      const name = f.slice('chunks/'.length);
      expect([...startup, ...chunks].some((c) => new RegExp(`import\\(\\s*["'][^"']*${name}["']\\s*\\)`).test(src(c)))).toBe(true);
    }
  });
});
