/**
 * Parsers for per-process files under `/proc/<pid>` (pure).
 */

/**
 * The program name net-tools prints after the PID: the first NUL-separated word of
 * `/proc/<pid>/cmdline`, reduced to its basename when it is an absolute path, cut to fit
 * net-tools' 20-byte `PID/Program` buffer by the renderer.
 *
 * Real input: `/usr/sbin/sshd\0-D\0` → `sshd`; `node\0sockets.mjs\0` → `node`;
 * `sshd: root@pts/0\0\0` → `sshd: root@pts/0`.
 */
export function programFromCmdline(cmdline: string): string {
  const nul = cmdline.indexOf('\0');
  const first = nul >= 0 ? cmdline.slice(0, nul) : cmdline;
  // net-tools reads at most 511 bytes of cmdline.
  const word = first.slice(0, 511);
  if (word.startsWith('/')) return word.slice(word.lastIndexOf('/') + 1);
  return word;
}

/** The `comm` name from `/proc/<pid>/comm` (`node\n` → `node`). */
export function commFromFile(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Socket inode from an fd link target: `socket:[6062]` → 6062, `[0000]:6062` (very old
 * kernels) → 6062; anything else → -1.
 */
export function socketInodeFromLink(link: string): number {
  if (link.startsWith('socket:[') && link.endsWith(']')) {
    const n = Number(link.slice(8, -1));
    return Number.isInteger(n) ? n : -1;
  }
  if (link.startsWith('[0000]:')) {
    const n = Number(link.slice(7));
    return Number.isInteger(n) ? n : -1;
  }
  return -1;
}
