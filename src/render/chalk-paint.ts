/**
 * chalk behind the Paint (a file of its own, loaded on demand: chalk is an ES module, which the
 * start-up bundle may not `import()` itself; see src/boot/start.ts).
 */
import { paintWith, type Paint } from './paint.js';

/** Load chalk (16 colours: every colour used here is a basic one) and build the Paint. */
export async function loadPaint(): Promise<Paint> {
  const { Chalk } = await import('chalk');
  return paintWith(new Chalk({ level: 1 }));
}
