/**
 * Worker-thread entry (bundled as `dist/netns-worker.cjs`): enter a named network namespace with
 * `setns(2)` through koffi and read its `/proc/thread-self/net/*` tables. `setns` moves only this
 * thread; the thread is ended after one answer, so nothing else ever runs in the namespace.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

/** `CLONE_NEWNET`: the namespace type `setns` must find behind the file descriptor. */
const CLONE_NEWNET = 0x40000000;

parentPort?.on('message', (m: { path: string; files: string[] }) => {
  void (async () => {
    try {
      const mod = (await import('koffi')) as unknown as { default?: typeof import('koffi') };
      const koffi = (mod.default ?? mod) as typeof import('koffi');
      const setns = koffi.load('libc.so.6').func('int setns(int, int)');
      const fd = openSync(m.path, 'r');
      try {
        if ((setns(fd, CLONE_NEWNET) as number) !== 0) throw new Error(`setns: errno ${koffi.errno()}`);
      } finally {
        closeSync(fd);
      }
      const texts: Record<string, string> = {};
      for (const f of m.files) {
        try {
          texts[f] = readFileSync(`/proc/thread-self/net/${f}`, 'latin1');
        } catch {
          /* a table the kernel lacks (no IPv6) */
        }
      }
      parentPort?.postMessage({ texts });
    } catch (e) {
      parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  })();
});
