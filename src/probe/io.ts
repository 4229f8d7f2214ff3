/**
 * The only doors to the OS: a file system reader and a command runner. Probes receive them
 * as parameters, so tests can point them at fixture trees or recorded command output.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Synchronous, minimal file access (the `/proc` walk is faster synchronous than with promises). */
export interface FileReader {
  /** File contents as UTF-8 text (latin1 where `binary` is set). Throws like `fs.readFileSync`. */
  read(path: string, binary?: boolean): string;
  /** Directory entry names. Throws like `fs.readdirSync`. */
  list(path: string): string[];
  /** Symbolic link target. Throws like `fs.readlinkSync`. */
  link(path: string): string;
}

/** Result of running a command. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a program with an argument array (never a shell string). */
export type CommandRunner = (file: string, args: readonly string[], opts?: { env?: Record<string, string> }) => Promise<CommandResult>;

/** The real file system. */
export const nodeFileReader: FileReader = {
  read: (path, binary) => readFileSync(path, binary ? 'latin1' : 'utf8'),
  list: (path) => readdirSync(path),
  link: (path) => readlinkSync(path),
};

/**
 * The real command runner: `execFile` with an argument array, `LC_ALL=C`, bounded output.
 * `baseEnv` is the environment handed down by the entry (the only code that reads `process`).
 */
export function createCommandRunner(baseEnv: Readonly<Record<string, string | undefined>>): CommandRunner {
  return (file, args, opts) =>
    new Promise((resolve) => {
      const env = { ...baseEnv, LC_ALL: 'C', LANG: 'C', ...(opts?.env ?? {}) };
      execFile(file, [...args], { env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
        let code = 0;
        if (err) code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 127;
        resolve({ stdout: String(stdout ?? ''), stderr: String(stderr || (err ? err.message : '')), code });
      });
    });
}

/** The error code of a thrown file-system error (`ENOENT`, `EACCES` …), or ''. */
export function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}
