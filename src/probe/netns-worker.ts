/**
 * Worker-thread entry (bundled as `dist/netns-worker.cjs`), for `-N`. Two jobs, one per thread:
 * - `{ path, files }`: enter a named network namespace with `setns(2)` through koffi and read its
 *   `/proc/thread-self/net/*` tables. `setns` moves only this thread; the thread is ended after
 *   one answer, so nothing else ever runs in the namespace.
 * - `{ roots, files }`: read the tables of namespaces that have a process (`/proc/<pid>/net/*`),
 *   while the main thread reads the others: each read walks the kernel's host-wide socket hash,
 *   so two threads halve the wait on a two-core machine. Tables sockstat calls empty are skipped.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { loadKoffi } from './koffi-native.js';
import { sockstatCounts, tableMayHold } from './linux-tables.js';

/** `CLONE_NEWNET`: the namespace type `setns` must find behind the file descriptor. */
const CLONE_NEWNET = 0x40000000;

/** The tables of one `net` directory (`/proc/thread-self/net`, `/proc/<pid>/net`); missing ones are left out. */
function readTables(dir: string, files: readonly string[]): Record<string, string> {
  const texts: Record<string, string> = {};
  const read = (f: string): void => {
    try {
      texts[f] = readFileSync(`${dir}/${f}`, 'latin1');
    } catch {
      /* a table the kernel lacks (no IPv6), or the process exited */
    }
  };
  read('sockstat');
  read('sockstat6');
  const counts = sockstatCounts(texts['sockstat'], texts['sockstat6']);
  for (const f of files) {
    if (f === 'sockstat' || f === 'sockstat6') continue;
    if (counts && f !== 'unix' && !tableMayHold(f as Parameters<typeof tableMayHold>[0], counts)) continue;
    read(f);
  }
  return texts;
}

parentPort?.on('message', (m: { path?: string; roots?: string[]; files: string[] }) => {
  void (async () => {
    try {
      if (m.roots) {
        parentPort?.postMessage({ results: m.roots.map((root) => readTables(`${root}/net`, m.files)) });
        return;
      }
      const koffi = await loadKoffi();
      const setns = koffi.load('libc.so.6').func('int setns(int, int)');
      const fd = openSync(m.path as string, 'r');
      try {
        if ((setns(fd, CLONE_NEWNET) as number) !== 0) throw new Error(`setns: errno ${koffi.errno()}`);
      } finally {
        closeSync(fd);
      }
      parentPort?.postMessage({ texts: readTables('/proc/thread-self/net', m.files) });
    } catch (e) {
      parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  })();
});
