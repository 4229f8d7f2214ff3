/**
 * Both flag families → one list of long options (pure).
 *
 * Windows `netstat.exe` and Linux net-tools `netstat` share letters with different meanings.
 * Every short flag is translated here, once, to a long option that has a single meaning;
 * `flags.ts` then parses the long options with commander and builds the query.
 *
 * Collisions, resolved (the same table is in `--help` and the README):
 * - `-p PROTO` (PROTO = tcp, udp, tcpv6, udpv6, ip, ipv6, icmp, icmpv6) filters protocols;
 *   `-p` anywhere else adds the PID/Program column.
 * - `-o` adds the owning PID (net-tools timers are `--timers`).
 * - `-t` is TCP (Windows' offload state is `--offload`); `-x` is unix sockets; `-i` is the
 *   interface table; `-c` is continuous; `-f` is FQDN; `-b` shows the executable.
 * - `-e` alone is Ethernet/interface statistics; with listing flags it adds User/Inode
 *   (decided in `flags.ts`, which sees the whole command line).
 * - A trailing number is the interval in seconds (net-tools ignores it; Windows repeats).
 */
import { UsageError } from '../model/errors.js';
import { VALUE_OPTIONS } from './options.js';

/** Protocol names `-p` accepts as a value (Windows). */
export const P_PROTOCOLS = ['tcp', 'udp', 'tcpv6', 'udpv6', 'ip', 'ipv6', 'icmp', 'icmpv6'] as const;

/** Short letter → long option without a value. */
export const SHORT: Readonly<Record<string, string>> = {
  a: '--all',
  b: '--executable',
  c: '--continuous',
  e: '--extend',
  f: '--fqdn',
  g: '--groups',
  h: '--help',
  '?': '--help',
  i: '--interfaces',
  l: '--listening',
  n: '--numeric',
  o: '--owner',
  q: '--bound',
  r: '--route',
  s: '--statistics',
  t: '--tcp',
  u: '--udp',
  v: '--verbose',
  V: '--version',
  w: '--raw',
  W: '--wide',
  x: '--unix',
  y: '--template',
  N: '--all-namespaces',
  '4': '--inet',
  '6': '--inet6',
};

/** Short letters that take a value: letter → long option. */
export const SHORT_WITH_VALUE: Readonly<Record<string, string>> = {
  A: '--protocol',
};


/** Letters net-tools or Windows know that tsnetstat does not do, with the reason shown to the user. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  M: 'masqueraded connections (-M) are not supported',
  Z: 'SELinux contexts (-Z) are not supported',
  S: 'SCTP sockets (-S) are not supported',
  U: 'UDP-Lite sockets (-U) are not supported',
  C: 'the routing cache (-C) is not supported; routes come from the FIB',
  F: 'no-op: -F (FIB) is the default',
  d: 'debug output (-d) is not supported',
};

function isNumber(s: string): boolean {
  return /^\d+(\.\d+)?$/.test(s);
}

export interface ExpandOptions {
  /** Accept `/a`-style Windows switches (only when running on Windows). */
  slashSwitches?: boolean;
}

/**
 * Translate argv (without node and script) into long options.
 * Examples: `['-ano']` → `['--all', '--numeric', '--owner']`;
 * `['-anp', 'tcp']` → `['--all', '--numeric', '--proto', 'tcp']`;
 * `['-tulpn']` → `['--tcp', '--udp', '--listening', '--programs', '--numeric']`;
 * `['-an', '5']` → `['--all', '--numeric', '--interval', '5']`.
 */
export function expandArgv(argv: readonly string[], opts: ExpandOptions = {}): string[] {
  const out: string[] = [];
  let i = 0;
  let endOfOptions = false;
  // With --parse, bare words are more captures (`--parse hosts/*.txt`); numbers stay intervals.
  const parsing = argv.some((a) => a === '--parse' || a.startsWith('--parse='));
  while (i < argv.length) {
    let arg = argv[i] as string;
    i++;
    if (endOfOptions) {
      out.push(...positional(arg, parsing));
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    if (opts.slashSwitches && /^\/[A-Za-z?]+$/.test(arg)) arg = `-${arg.slice(1)}`;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      out.push(arg);
      if (eq < 0 && VALUE_OPTIONS.has(name) && i < argv.length) {
        out.push(argv[i] as string);
        i++;
      }
      continue;
    }
    // `-4`, `-6`, `-46` are flags; `-5` or `-1.5` is a (bad) negative interval.
    const negativeNumber = /^-\d+(\.\d+)?$/.test(arg) && !/^-[46]+$/.test(arg);
    if (arg.startsWith('-') && arg.length > 1 && !negativeNumber) {
      const letters = arg.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const ch = letters[k] as string;
        const last = k === letters.length - 1;
        if (ch === 'p') {
          const next = argv[i];
          if (last && next !== undefined && !next.startsWith('-') && !isNumber(next)) {
            // `-p WORD`: a protocol filter (validated in flags.ts, so a typo is reported as an unknown protocol).
            out.push('--proto', next);
            i++;
          } else out.push('--programs');
          continue;
        }
        const withValue = SHORT_WITH_VALUE[ch];
        if (withValue) {
          const rest = letters.slice(k + 1);
          if (rest) out.push(withValue, rest);
          else if (i < argv.length) {
            out.push(withValue, argv[i] as string);
            i++;
          } else throw new UsageError(`option -${ch} needs a value`);
          break;
        }
        const long = SHORT[ch];
        if (long) {
          out.push(long);
          continue;
        }
        const why = UNSUPPORTED[ch];
        if (ch === 'F') continue;
        if (why) throw new UsageError(why);
        throw new UsageError(`unknown option -${ch}${letters.length > 1 ? ` (in ${arg})` : ''}`);
      }
      continue;
    }
    out.push(...positional(arg, parsing));
  }
  return out;
}

/** A bare argument: the interval (a number), another `--parse` capture, or an error. */
function positional(arg: string, parsing: boolean): string[] {
  if (isNumber(arg)) return ['--interval', arg];
  if (parsing) return ['--parse', arg];
  if (/^-?[\d.]/.test(arg)) throw new UsageError(`bad interval '${arg}': expected a positive number of seconds`);
  if ((P_PROTOCOLS as readonly string[]).includes(arg.toLowerCase()))
    throw new UsageError(`'${arg}' looks like a protocol: write -p ${arg}`);
  throw new UsageError(`unexpected argument '${arg}'`);
}
