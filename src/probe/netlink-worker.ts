/** Worker-thread entry for netlink dumps (bundled as `dist/netlink-worker.cjs`). */
import { parentPort } from 'node:worker_threads';
import { serveNetlinkWorker } from './linux-netlink.js';

if (parentPort) void serveNetlinkWorker(parentPort);
