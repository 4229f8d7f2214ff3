/**
 * The long options (pure): one table, a small parser for it on the hot path, and commander on the
 * error path. commander costs 10–13 ms to load, a large part of the cold-start budget, so it is
 * required only when the command line is wrong — where it genuinely serves, with its precise
 * messages and "did you mean" suggestions.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../model/errors.js';

/** One long option: a flag, or an option with a value (`repeat`: every value is kept). */
export interface OptionSpec {
  name: `--${string}`;
  /** Placeholder of the value (`<seconds>`), for options that take one. */
  value?: string;
  repeat?: boolean;
  choices?: readonly string[];
  description: string;
}

/** Every long option tsnetstat accepts (short flags of both families map onto these in dialect.ts). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: '--all', description: 'all sockets' },
  { name: '--listening', description: 'listening sockets only' },
  { name: '--numeric', description: 'numeric hosts, ports and users' },
  { name: '--numeric-hosts', description: 'numeric hosts' },
  { name: '--numeric-ports', description: 'numeric ports' },
  { name: '--numeric-users', description: 'numeric users' },
  { name: '--tcp', description: 'TCP' },
  { name: '--udp', description: 'UDP' },
  { name: '--raw', description: 'raw sockets' },
  { name: '--unix', description: 'unix sockets' },
  { name: '--inet', description: 'IPv4' },
  { name: '--inet6', description: 'IPv6' },
  { name: '--programs', description: 'PID/Program name' },
  { name: '--program', description: 'PID/Program name' },
  { name: '--owner', description: 'owning PID' },
  { name: '--executable', description: 'executable' },
  { name: '--extend', description: 'extended' },
  { name: '--wide', description: 'wide' },
  { name: '--fqdn', description: 'FQDN' },
  { name: '--bound', description: 'bound sockets' },
  { name: '--template', description: 'connection template' },
  { name: '--offload', description: 'offload state' },
  { name: '--timers', description: 'timers' },
  { name: '--continuous', description: 'every second' },
  { name: '--route', description: 'routes' },
  { name: '--interfaces', description: 'interfaces' },
  { name: '--ethernet', description: 'Ethernet statistics' },
  { name: '--statistics', description: 'statistics' },
  { name: '--groups', description: 'multicast groups' },
  { name: '--verbose', description: 'verbose' },
  { name: '--version', description: 'version' },
  { name: '--help', description: 'help' },
  { name: '--json', description: 'JSON' },
  { name: '--csv', description: 'CSV' },
  { name: '--changes', description: 'only change events' },
  { name: '--exposed', description: 'exposure audit' },
  { name: '--summary', description: 'summary counts' },
  { name: '--diagnose', description: 'troubleshooting checklist' },
  { name: '--close-wait-threshold', value: '<count>', description: 'CLOSE_WAIT sockets per process that --diagnose reports' },
  { name: '--protocol', value: '<families>', repeat: true, description: 'address families' },
  { name: '--proto', value: '<name>', repeat: true, description: 'protocol' },
  { name: '--interval', value: '<seconds>', repeat: true, description: 'interval' },
  { name: '--style', value: '<style>', description: 'style' },
  { name: '--color', value: '<when>', choices: ['auto', 'always', 'never'], description: 'colour' },
  { name: '--state', value: '<states>', repeat: true, description: 'state filter' },
  { name: '--port', value: '<ports>', repeat: true, description: 'port filter' },
  { name: '--local', value: '<addr>', repeat: true, description: 'local address filter' },
  { name: '--remote', value: '<addr>', repeat: true, description: 'remote address filter' },
  { name: '--pid', value: '<pids>', repeat: true, description: 'pid filter' },
  { name: '--process', value: '<names>', repeat: true, description: 'process filter' },
  { name: '--parse', value: '<file>', repeat: true, description: 'read records from captured text' },
  { name: '--from', value: '<format>', description: 'format of the --parse input' },
  { name: '--openmetrics', description: 'Prometheus text exposition format' },
  { name: '--serve-metrics', value: '<[addr:]port>', description: 'serve /metrics over HTTP' },
  { name: '--min-interval', value: '<seconds>', description: 'least time between exporter snapshots' },
  { name: '--top', value: '<n>', description: 'processes listed by --openmetrics and --summary' },
  { name: '--all-namespaces', description: 'every network namespace (Linux)' },
  { name: '--netns', value: '<name|path|pid>', description: 'one network namespace (Linux)' },
  { name: '--unit', value: '<units>', repeat: true, description: 'systemd unit filter' },
  { name: '--container', value: '<containers>', repeat: true, description: 'container filter' },
  { name: '--owner-detail', description: 'owners with their unit or container' },
  { name: '--completion', value: '<shell>', choices: ['bash', 'zsh', 'fish', 'powershell'], description: 'print a shell completion script' },
];

/** Long options that take a value (so their value is never read as a flag or an interval). */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(OPTIONS.filter((o) => o.value).map((o) => o.name));

/** `--numeric-hosts` → `numericHosts` (commander's key for an option). */
export function optionKey(name: string): string {
  return name.slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Values by option key: `true` for flags, a string, or every value of a repeatable option. */
export type OptionValues = Record<string, unknown>;

/**
 * Parse long options (the output of dialect.ts). Anything this table does not accept goes to
 * commander for the message. Throws UsageError.
 */
export function parseLongOptions(args: readonly string[]): OptionValues {
  const specs = new Map(OPTIONS.map((o) => [o.name as string, o]));
  const out: OptionValues = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const spec = a.startsWith('--') ? specs.get(eq > 0 ? a.slice(0, eq) : a) : undefined;
    if (!spec) return commanderError(args);
    const key = optionKey(spec.name);
    if (!spec.value) {
      if (eq > 0) return commanderError(args);
      out[key] = true;
      continue;
    }
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined || (spec.choices && !spec.choices.includes(v))) return commanderError(args);
    if (spec.repeat) ((out[key] ??= []) as string[]).push(v);
    else out[key] = v;
  }
  return out;
}

/** Let commander explain what is wrong with `args` (loaded only now), as one line. */
function commanderError(args: readonly string[]): never {
  const require = createRequire(import.meta.url);
  const { Command, CommanderError } = require('commander') as typeof import('commander');
  const p = new Command('tsnetstat')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .allowExcessArguments(false);
  for (const o of OPTIONS) {
    const opt = p.createOption(o.value ? `${o.name} ${o.value}` : o.name, o.description);
    if (o.choices) opt.choices(o.choices);
    if (o.repeat) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    p.addOption(opt);
  }
  try {
    p.parse([...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // One line: the message, and commander's suggestion when it has one.
      const [first = e.message, ...rest] = e.message.replace(/^error:\s*/i, '').split('\n');
      const hint = rest.find((l) => /did you mean/i.test(l))?.trim();
      const m = e.code === 'commander.unknownOption' ? /'([^']+)'/.exec(first) : null;
      throw new UsageError(`${m ? `unknown option ${m[1]}` : first}${hint ? ` ${hint}` : ''}`);
    }
    throw e;
  }
  throw new UsageError(`cannot read the command line: ${args.join(' ')}`);
}
