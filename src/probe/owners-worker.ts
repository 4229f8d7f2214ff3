/** Worker-thread entry for the parallel owner walk (bundled as `dist/owners-worker.cjs`). */
import { parentPort } from 'node:worker_threads';
import { createNodeFileReader } from './io.js';
import { encodeWalk, walkPids } from './linux-owners.js';

parentPort?.on('message', (m: { procRoot: string; pids: string[] }) => {
  const e = encodeWalk(walkPids(createNodeFileReader(), m.procRoot, m.pids));
  parentPort?.postMessage(e, [e.inodes.buffer as ArrayBuffer, e.ownerIndex.buffer as ArrayBuffer]);
});
