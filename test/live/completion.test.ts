/**
 * `tsnetstat --completion SHELL` in the real shells (Debian's bash, zsh and fish; skipped for a
 * shell that is not installed): the script printed by the built tsnetstat is sourced, and the
 * shell is asked for the completions of `tsnetstat --sty`, `tsnetstat --style `,
 * `tsnetstat --from nettools-`, `tsnetstat --color `, `tsnetstat --state LI`… and files after
 * `--parse`.
 * - bash: the function `complete -p tsnetstat` names is called as bash's Tab does (COMP_WORDS, COMP_CWORD).
 * - fish: `complete -C 'tsnetstat --sty'` (fish's own query of its completions).
 * - zsh: an interactive `zsh -f` with compinit in a private tmux server; Tab is pressed and the
 *   screen is read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/options.js';
import { BIN } from './helpers.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
const script = (shell: string): string => execFileSync(process.execPath, [BIN, '--completion', shell], { encoding: 'utf8' });
const NETTOOLS = ['nettools-groups', 'nettools-interfaces', 'nettools-netstat', 'nettools-routes', 'nettools-statistics'];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsn-15-completion-'));
  for (const f of ['capture-a.txt', 'capture-b.txt', 'other.log']) writeFileSync(join(dir, f), '');
  for (const shell of ['bash', 'zsh', 'fish', 'powershell']) writeFileSync(join(dir, `tsnetstat.${shell}`), script(shell));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the scripts come from the options table', () => {
  it.each(['bash', 'zsh', 'fish', 'powershell'])('%s: every long option of the table is in the script', (shell) => {
    const text = script(shell);
    for (const o of OPTIONS) expect(text, o.name).toContain(shell === 'fish' ? `-l ${o.name.slice(2)} ` : o.name);
  });
  it('an unknown shell is a usage error', () => {
    const r = spawnSync(process.execPath, [BIN, '--completion', 'tcsh'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tsnetstat: .*tcsh.*\nTry 'tsnetstat --help'/);
  });
});

describe.skipIf(!has('bash'))('bash', () => {
  /** Completions bash offers for the words (the last one is being completed). */
  const ask = (...words: string[]): string[] => {
    const prog = `source "$1"; shift
      spec=$(complete -p tsnetstat); [[ $spec =~ -F\\ ([^ ]+) ]] || exit 3; fn=\${BASH_REMATCH[1]}
      COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
      "$fn" tsnetstat "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', prog, 'bash', join(dir, 'tsnetstat.bash'), ...words], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '').sort();
  };
  it('completes options, values and files', () => {
    expect(ask('tsnetstat', '--sty')).toEqual(['--style']);
    expect(ask('tsnetstat', '--style', '')).toEqual(['linux', 'macos', 'windows']);
    expect(ask('tsnetstat', '--from', 'nettools-')).toEqual(NETTOOLS);
    expect(ask('tsnetstat', '--color', '')).toEqual(['always', 'auto', 'never']);
    expect(ask('tsnetstat', '--state', 'li')).toEqual(['listen']);
    expect(ask('tsnetstat', '--style', '=', 'w')).toEqual(['windows']);
    expect(ask('tsnetstat', '-an', '--parse', 'cap')).toEqual(['capture-a.txt', 'capture-b.txt']);
    expect(ask('tsnetstat', '-an', '--comp')).toEqual(['--completion']);
  });
});

describe.skipIf(!has('fish'))('fish', () => {
  const ask = (line: string): string[] => {
    const r = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', join(dir, 'tsnetstat.fish'), line], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t')[0] ?? '')
      .sort();
  };
  it('completes options, values and files', () => {
    expect(ask('tsnetstat --sty')).toEqual(['--style']);
    expect(ask('tsnetstat --style ')).toEqual(['linux', 'macos', 'windows']);
    expect(ask('tsnetstat --from nettools-')).toEqual(NETTOOLS);
    expect(ask('tsnetstat --color ')).toEqual(['always', 'auto', 'never']);
    expect(ask('tsnetstat --state li')).toEqual(['listen']);
    expect(ask('tsnetstat --parse cap')).toEqual(['capture-a.txt', 'capture-b.txt']);
  });
});

describe.skipIf(!has('zsh') || !has('tmux'))('zsh (interactive, Tab pressed in tmux)', () => {
  const sock = `tsn-15-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const screen = (): string => tmux('capture-pane', '-p', '-t', 'z');
  /** Type `line`, press Tab (twice when one Tab only inserted a common prefix), return the screen once `until` shows. */
  const tab = async (line: string, until: RegExp): Promise<string> => {
    tmux('send-keys', '-t', 'z', 'C-u', 'clear', 'Enter');
    await new Promise((r) => setTimeout(r, 300));
    tmux('send-keys', '-t', 'z', '-l', line);
    let s = '';
    for (let press = 0; press < 2 && !until.test(s); press++) {
      tmux('send-keys', '-t', 'z', 'Tab');
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 200));
        s = screen();
        if (until.test(s)) break;
      }
    }
    return s;
  };
  beforeAll(async () => {
    tmux('new-session', '-d', '-s', 'z', '-x', '200', '-y', '50', '-c', dir, 'env', 'TERM=xterm', 'HOME=' + dir, 'zsh', '-f');
    tmux('send-keys', '-t', 'z', '-l', `PS1='%% '; autoload -U compinit; compinit -u -D; source ${join(dir, 'tsnetstat.zsh')}; echo READY`);
    tmux('send-keys', '-t', 'z', 'Enter');
    for (let i = 0; i < 200 && !/^READY$/m.test(screen()); i++) await new Promise((r) => setTimeout(r, 200));
  }, 60_000);
  afterAll(() => {
    spawnSync('tmux', ['-L', sock, 'kill-server'], { stdio: 'ignore' });
  });

  it('--sty completes to --style', async () => {
    // Inserted on the line, or offered as the only candidate (`--style  -- style`).
    const s = await tab('tsnetstat --sty', /tsnetstat --style|^--style\b/m);
    expect(s).toMatch(/^% tsnetstat --style=?\s*$|^--style\b/m);
    expect(s).not.toMatch(/--state|--statistics/);
  });
  it('--style lists the styles', async () => {
    const s = await tab('tsnetstat --style ', /windows/);
    for (const w of ['linux', 'macos', 'windows']) expect(s).toMatch(new RegExp(`\\b${w}\\b`));
    expect(s).not.toMatch(/nettools/);
  });
  it('--from nettools- lists the net-tools formats', async () => {
    const s = await tab('tsnetstat --from nettools-', /nettools-statistics/);
    for (const w of NETTOOLS) expect(s).toContain(w);
    expect(s).not.toMatch(/proc-net/);
  });
  it('--parse completes file names', async () => {
    const s = await tab('tsnetstat --parse cap', /capture-b\.txt/);
    expect(s).toContain('capture-a.txt');
    expect(s).not.toContain('other.log');
  });
});
