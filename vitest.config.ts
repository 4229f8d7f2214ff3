import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __TSNETSTAT_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Live tests open real sockets and run netstat/ss: keep files from racing each other for ports.
    fileParallelism: true,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
  },
});
