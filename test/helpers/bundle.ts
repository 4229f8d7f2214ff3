/** The built bundle's start-up graph: every file `dist/cli.js` loads statically (transitively). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dist` (as `cli.js`, `chunks/…`) loaded at start-up, without the dynamic imports. */
export function startupFiles(dist: string): Set<string> {
  const startup = new Set<string>();
  const visit = (f: string): void => {
    if (startup.has(f)) return;
    startup.add(f);
    const src = readFileSync(join(dist, f), 'utf8');
    for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']\.\/(?:chunks\/)?([^"']+)["']|(?:^|\n)\s*import\s*["']\.\/(?:chunks\/)?([^"']+)["']/g)) {
      visit(`chunks/${m[1] ?? m[2]}`);
    }
  };
  visit('cli.js');
  return startup;
}
