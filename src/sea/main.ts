/**
 * Entry of the standalone executable (Node single-executable application, built by
 * scripts/package.mjs): the CLI of src/cli/run.ts, with koffi and the worker scripts taken from
 * the executable's assets and extracted on first use (src/sea/assets.ts). Like run.ts, an entry:
 * it reads `process`.
 */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAsset } from 'node:sea';
import { pathToFileURL } from 'node:url';
import { run } from '../cli/run.js';
import { createExtractor } from './assets.js';
import { setExtractor } from './koffi.js';

const extract = createExtractor(
  { platform: process.platform, env: process.env, home: homedir(), tmp: tmpdir(), pid: process.pid },
  (key) => getAsset(key),
);
setExtractor(extract);
void run({
  workers: {
    netlink: () => pathToFileURL(join(extract(), 'netlink-worker.cjs')),
    owners: () => pathToFileURL(join(extract(), 'owners-worker.cjs')),
    netns: () => pathToFileURL(join(extract(), 'netns-worker.cjs')),
  },
});
