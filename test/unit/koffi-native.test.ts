/** koffi's native module loaded straight from its platform package (the netlink dumper's fast start). */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { nativeKoffi } from '../../src/probe/koffi-native.js';

const req = createRequire(import.meta.url);
const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

describe('nativeKoffi', () => {
  it.runIf(onLinuxX64)('is the module koffi itself loads: same version, same API, and it calls C', () => {
    const native = nativeKoffi(req);
    expect(native).not.toBeNull();
    const koffi = req('koffi') as typeof import('koffi');
    expect((native as unknown as { version: string }).version).toBe((koffi as unknown as { version: string }).version);
    for (const name of ['load', 'alloc', 'free', 'decode', 'as', 'address']) expect(typeof (native as unknown as Record<string, unknown>)[name]).toBe('function');
    const getpid = (native as typeof import('koffi')).load('libc.so.6').func('int getpid()');
    expect(getpid()).toBe(process.pid);
  });

  it('gives null where it cannot say: no require, a package that is not there, a native of another version', () => {
    expect(nativeKoffi(null)).toBeNull();
    const missing = Object.assign(() => {
      throw new Error('not found');
    }, { resolve: () => { throw new Error('not found'); } }) as unknown as NodeJS.Require;
    expect(nativeKoffi(missing)).toBeNull();
    const otherVersion = Object.assign((id: string) => (id.endsWith('package.json') ? { version: '0.0.1' } : req(id)), { resolve: (id: string) => req.resolve(id) }) as unknown as NodeJS.Require;
    expect(onLinuxX64 ? nativeKoffi(otherVersion) : null).toBeNull();
  });
});
