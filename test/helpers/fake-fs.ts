/** A fake file system for probe tests: files, directories and links by path, each may be an Error to throw. */
import type { FileReader } from '../../src/probe/io.js';

/** An Error carrying an errno code, as Node's file functions throw. */
export function err(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** Files (strings), directories (name arrays), links and inodes by path; an Error value is thrown. */
export function fakeFs(tree: Record<string, string | string[] | Error>, links: Record<string, string | Error> = {}, inodes: Record<string, number> = {}): FileReader {
  const get = (p: string): string | string[] => {
    const v = tree[p];
    if (v === undefined) throw err('ENOENT');
    if (v instanceof Error) throw v;
    return v;
  };
  return {
    read: (p) => {
      const v = get(p);
      if (Array.isArray(v)) throw err('EISDIR');
      return v;
    },
    list: (p) => {
      const v = get(p);
      if (!Array.isArray(v)) throw err('ENOTDIR');
      return v;
    },
    link: (p) => {
      const v = links[p];
      if (v === undefined) throw err('ENOENT');
      if (v instanceof Error) throw v;
      return v;
    },
    inode: (p) => {
      const v = inodes[p];
      if (v === undefined) throw err('ENOENT');
      return v;
    },
  };
}
