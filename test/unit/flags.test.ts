import { describe, expect, it } from 'vitest';
import { expandArgv } from '../../src/cli/dialect.js';
import { parseCommandLine } from '../../src/cli/flags.js';
import { UsageError } from '../../src/model/errors.js';
import { wantsOwners, type Query, type Style } from '../../src/model/query.js';

/** Parse a command line (space-separated) into a query, in the given default style. */
function q(cmd: string, style: Style = 'linux', env?: string): Query {
  const r = parseCommandLine(cmd.split(' ').filter(Boolean), { defaultStyle: style, envStyle: env });
  if (r.kind !== 'query') throw new Error(`expected a query for ${cmd}`);
  return r.query;
}
/** A one-line case: the parsed query contains `expected`. */
const t = (cmd: string, expected: Partial<Query>, style: Style = 'linux') => () => expect(q(cmd, style)).toMatchObject(expected);
/** A one-line failure case: exit-2 usage error whose message matches. */
const bad = (cmd: string, msg: RegExp) => () => {
  expect(() => q(cmd)).toThrow(UsageError);
  expect(() => q(cmd)).toThrow(msg);
};

describe('expandArgv: short flags of both families → long options', () => {
  it('-ano', () => expect(expandArgv(['-ano'])).toEqual(['--all', '--numeric', '--owner']));
  it('-tulpn', () => expect(expandArgv(['-tulpn'])).toEqual(['--tcp', '--udp', '--listening', '--programs', '--numeric']));
  it('-anp tcp', () => expect(expandArgv(['-anp', 'tcp'])).toEqual(['--all', '--numeric', '--proto', 'tcp']));
  it('-p at the end of argv', () => expect(expandArgv(['-an', '-p'])).toEqual(['--all', '--numeric', '--programs']));
  it('-p followed by an interval', () => expect(expandArgv(['-anp', '5'])).toEqual(['--all', '--numeric', '--programs', '--interval', '5']));
  it('-p followed by a flag', () => expect(expandArgv(['-p', '-n'])).toEqual(['--programs', '--numeric']));
  it('-p inside a cluster', () => expect(expandArgv(['-pan', 'x'].slice(0, 1))).toEqual(['--programs', '--all', '--numeric']));
  it('trailing interval', () => expect(expandArgv(['-an', '5'])).toEqual(['--all', '--numeric', '--interval', '5']));
  it('-A with attached value', () => expect(expandArgv(['-Ainet6'])).toEqual(['--protocol', 'inet6']));
  it('-A with separate value', () => expect(expandArgv(['-A', 'unix', '-n'])).toEqual(['--protocol', 'unix', '--numeric']));
  it('long option values are not read as intervals', () => expect(expandArgv(['--port', '443'])).toEqual(['--port', '443']));
  it('/ano on Windows', () => expect(expandArgv(['/ano'], { slashSwitches: true })).toEqual(['--all', '--numeric', '--owner']));
  it('unknown letter', () => expect(() => expandArgv(['-az'])).toThrow(/unknown option -z \(in -az\)/));
});

describe('Linux net-tools family', () => {
  it('-tulpn', t('-tulpn', { transports: ['tcp', 'udp'], selection: 'listening', showProgram: true, numericHosts: true, numericPorts: true }));
  it('-tan', t('-tan', { transports: ['tcp'], selection: 'all', numericHosts: true }));
  it('-l', t('-l', { selection: 'listening', transports: ['tcp', 'udp', 'raw', 'unix'] }));
  it('default set', t('', { selection: 'connected', transports: ['tcp', 'udp', 'raw', 'unix'], view: 'connections' }));
  it('-x', t('-x', { transports: ['unix'] }));
  it('-w', t('-w', { transports: ['raw'] }));
  it('-4', t('-4', { inet4: true, inet6: false, transports: ['tcp', 'udp', 'raw'] }));
  it('-6 -t', t('-6 -t', { inet4: false, inet6: true, transports: ['tcp'] }));
  it('-A inet6', t('-A inet6', { inet4: false, inet6: true }));
  it('-A inet,unix', t('-A inet,unix', { inet4: true, inet6: false, transports: ['unix', 'tcp', 'udp', 'raw'] }));
  it('-W', t('-W', { wide: true }));
  it('-c', t('-c', { interval: 1 }));
  it('-c with an interval', t('-c 3', { interval: 3 }));
  it('--interval 2.5', t('--interval 2.5', { interval: 2.5 }));
  it('--numeric-hosts only', t('--numeric-hosts', { numericHosts: true, numericPorts: false, numericUsers: false }));
  it('-v counts', t('-vv', { verbose: 2 }));
  it('long forms', t('--tcp --listening --programs --numeric', { transports: ['tcp'], selection: 'listening', showProgram: true, numericHosts: true }));
  it('--timers (net-tools -o)', t('-tn --timers', { timers: true, showPid: false }));
  it('-a wins over -l', t('-al', { selection: 'all' }));
});

describe('Windows family', () => {
  it('-ano', t('-ano', { selection: 'all', numericHosts: true, showPid: true }, 'windows'));
  it('-ano on Linux shows PIDs too', t('-ano', { showPid: true, timers: false }));
  it('default is TCP connections', t('', { transports: ['tcp'], selection: 'connected' }, 'windows'));
  it('-a adds UDP', t('-a', { transports: ['tcp', 'udp'], selection: 'all' }, 'windows'));
  it('-p tcp', t('-anp tcp', { protoFilter: ['tcp'], transports: ['tcp'], showProgram: false }, 'windows'));
  it('-p TCP (any case)', t('-an -p TCP', { protoFilter: ['tcp'] }, 'windows'));
  it('-p udpv6', t('-anp udpv6', { protoFilter: ['udpv6'], transports: ['udp'] }, 'windows'));
  it('-b', t('-b', { showExe: true }, 'windows'));
  it('-f', t('-f', { fqdn: true }, 'windows'));
  it('-q', t('-q', { bound: true, selection: 'all' }, 'windows'));
  it('trailing interval', t('-an 5', { interval: 5 }, 'windows'));
  it('-y', t('-y', { template: true }, 'windows'));
  it('--offload (Windows -t)', t('--offload', { offload: true }, 'windows'));
  it('-r', t('-r', { view: 'routes' }));
  it('-s', t('-s', { view: 'statistics' }));
  it('-s -p tcp', t('-s -p tcp', { view: 'statistics', protoFilter: ['tcp'] }));
  it('-s -p icmpv6', t('-s -p icmpv6', { view: 'statistics', protoFilter: ['icmpv6'] }));
  it('-i', t('-i', { view: 'interfaces' }));
  it('-g', t('-g', { view: 'groups' }));
});

describe('collisions resolved', () => {
  it('-p before a protocol filters', t('-a -p udp', { protoFilter: ['udp'], showProgram: false }));
  it('-p elsewhere is PID/Program', t('-ap', { protoFilter: [], showProgram: true }));
  it('-p then -n is PID/Program', t('-p -n', { showProgram: true }));
  it('-o is the PID, not timers', t('-tno', { showPid: true, timers: false }));
  it('-e alone is Ethernet statistics', t('-e', { view: 'ethernet' }));
  it('-e with -n stays statistics', t('-en', { view: 'ethernet' }));
  it('-e with an interval stays statistics', t('-e 5', { view: 'ethernet', interval: 5 }));
  it('-e with listing flags adds User/Inode', t('-tane', { view: 'connections', extend: 1 }));
  it('-ee counts', t('-tanee', { extend: 2 }));
  it('-e -s combines', t('-e -s', { view: 'statistics', ethernet: true }));
  it('-e -s -p tcp keeps Ethernet statistics', t('-e -s -p tcp', { view: 'statistics', ethernet: true, protoFilter: ['tcp'] }, 'windows'));
  it('-t is TCP', t('-t', { transports: ['tcp'], offload: false }));
  it('-x is unix', t('-x', { transports: ['unix'] }, 'windows'));
  it('-i is interfaces', t('-i', { view: 'interfaces' }, 'windows'));
  it('-c is continuous', t('-c', { interval: 1 }, 'windows'));
  it('-f is FQDN', t('-f', { fqdn: true }));
  it('-b is executable', t('-b', { showExe: true }));
  it('trailing number is the interval on Linux too', t('-tn 5', { interval: 5 }));
});

describe('styles', () => {
  it('--style windows', t('--style windows', { style: 'windows' }));
  it('--style=macos', t('--style=macos', { style: 'macos', transports: ['tcp', 'udp', 'unix'] }));
  it('TSNETSTAT_STYLE', () => expect(q('', 'linux', 'windows').style).toBe('windows'));
  it('--style beats TSNETSTAT_STYLE', () => expect(q('--style linux', 'windows', 'macos').style).toBe('linux'));
  it('bad TSNETSTAT_STYLE', () => expect(() => q('', 'linux', 'amiga')).toThrow(/bad TSNETSTAT_STYLE/));
  it('--json', t('--json', { format: 'json' }));
  it('--csv', t('--csv', { format: 'csv' }));
});

describe('filters', () => {
  it('--state', t('--state LISTENING,established', { filters: { states: ['LISTEN', 'ESTABLISHED'] } }));
  it('--state ss spelling', t('--state syn-recv', { filters: { states: ['SYN_RECV'] } }));
  it('--port', t('--port 443 --port 80', { filters: { ports: [443, 80] } }));
  it('--pid', t('--pid 1,2', { filters: { pids: [1, 2] } }));
  it('--process', t('--process sshd', { filters: { processes: ['sshd'] } }));
  it('--local CIDR', t('--local 10.0.0.0/8', { filters: { local: ['10.0.0.0/8'] } }));
  it('--remote list', t('--remote 10.0.0.1,::1', { filters: { remote: ['10.0.0.1', '::1'] } }));
  it('--state unconn (ss) is CLOSE', t('--state unconn', { filters: { states: ['CLOSE'] } }));
  it('--state shows every socket unless -l', t('--state listen', { selection: 'all', transports: ['tcp', 'udp', 'raw', 'unix'] }));
  it('--state with -l', t('--state listen -l', { selection: 'listening' }));
  it('--state in the Windows style lists UDP too', t('--state established', { selection: 'all', transports: ['tcp', 'udp'] }, 'windows'));
  it('--port keeps the native default', t('--port 22', { selection: 'connected' }));
  it('combined', t('-t --state established --port 443 --remote 10.0.0.0/8 --process firefox', {
    transports: ['tcp'], filters: { states: ['ESTABLISHED'], ports: [443], remote: ['10.0.0.0/8'], processes: ['firefox'] } }));
});

describe('watching and understanding: --changes, --exposed, --summary, --color', () => {
  it('--changes with an interval', t('-tn --changes 2', { changes: true, interval: 2 }));
  it('--changes with -c', t('-tnc --changes', { changes: true, interval: 1 }));
  it('--changes needs an interval', bad('--changes', /--changes compares snapshots: add an interval/));
  it('--changes --json', t('--changes --json 1', { changes: true, format: 'json' }));
  it('--exposed: TCP and UDP listeners', t('--exposed', { exposed: true, selection: 'listening', transports: ['tcp', 'udp'] }));
  it('--exposed -a still audits listeners', t('--exposed -a', { selection: 'listening' }));
  it('--exposed -t', t('--exposed -t', { transports: ['tcp'] }));
  it('--exposed --json', t('--exposed --json', { exposed: true, format: 'json' }));
  it('--exposed --csv', t('--exposed --csv', { exposed: true, format: 'csv' }));
  it('--summary counts every socket', t('--summary', { summary: true, selection: 'all', transports: ['tcp', 'udp', 'raw', 'unix'] }));
  it('--summary -l', t('--summary -l', { summary: true, selection: 'listening' }));
  it('--summary with an interval', t('--summary 5', { summary: true, interval: 5 }));
  it('--summary --csv', bad('--summary --csv', /--summary prints a table or JSON/));
  it('--changes --csv', bad('--changes --csv 1', /--changes prints event lines or JSON lines/));
  it('--summary with --exposed', bad('--summary --exposed', /--exposed and --summary contradict/));
  it('--changes with --summary', bad('--summary --changes 1', /--changes and --summary contradict/));
  it('--exposed with -r', bad('--exposed -r', /--exposed works on socket listings, not with -r/));
  it('--summary with -s', bad('--summary -s', /--summary works on socket listings, not with -s/));
  it('--color=always', t('--color=always', { color: 'always' }));
  it('--color never', t('--color never', { color: 'never' }));
  it('--color default', t('', { color: 'auto' }));
  it('--exposed and --summary imply owners', () => {
    expect(wantsOwners(q('--exposed'))).toBe(true);
    expect(wantsOwners(q('--summary'))).toBe(true);
    expect(wantsOwners(q('--pid 1'))).toBe(true);
    expect(wantsOwners(q('--process sshd'))).toBe(true);
    expect(wantsOwners(q('-an --changes 1'))).toBe(false);
  });
});

describe('help and version', () => {
  it('-h', () => expect(parseCommandLine(['-h'], { defaultStyle: 'linux' }).kind).toBe('help'));
  it('--help', () => expect(parseCommandLine(['--help'], { defaultStyle: 'linux' }).kind).toBe('help'));
  it('-V', () => expect(parseCommandLine(['-V'], { defaultStyle: 'linux' }).kind).toBe('version'));
});

describe('bad input → one-line usage error', () => {
  it('unknown short flag', bad('-z', /unknown option -z/));
  it('unknown long flag', bad('--frobnicate', /unknown option --frobnicate/));
  it('unknown protocol', bad('-anp foo', /unknown protocol 'foo'/));
  it('statistics protocol without -s', bad('-an -p icmp', /only valid with -s/));
  it('zero interval', bad('-an 0', /bad interval '0'/));
  it('negative interval', bad('-an -5', /bad interval '-5'/));
  it('non-numeric interval', bad('--interval soon', /bad interval 'soon'/));
  it('garbage interval', bad('-an 5x', /bad interval '5x'/));
  it('stray word', bad('-an hello', /unexpected argument 'hello'/));
  it('protocol without -p', bad('-an tcp', /write -p tcp/));
  it('two views', bad('-r -i', /-r and -i contradict/));
  it('--json with --csv', bad('--json --csv', /contradict/));
  it('-n with -f', bad('-nf', /contradict/));
  it('two intervals', bad('--interval 2 5', /two different intervals/));
  it('bad style', bad('--style vms', /bad style/));
  it('bad color', bad('--color sometimes', /sometimes/));
  it('bad -A family', bad('-A ipx', /unknown address family/));
  it('-A without value', bad('-A', /needs a value/));
  it('bad port filter', bad('--port 99999', /bad port/));
  it('bad state filter', bad('--state napping', /unknown state/));
  it('unsupported net-tools flag', bad('-M', /masquerade/));
});

describe('--parse and --from', () => {
  it('--parse FILE', t('--parse cap.txt', { parse: 'cap.txt', from: null, view: 'connections', selection: 'all', transports: ['tcp', 'udp', 'raw', 'unix'], numericHosts: true }));
  it('--parse - (stdin) --from ss', t('--parse - --from ss', { parse: '-', from: 'ss' }));
  it('--parse=FILE', t('--parse=cap.txt', { parse: 'cap.txt' }));
  it('--parse with -l', t('--parse cap.txt -l', { selection: 'listening' }));
  it('--parse with -t', t('--parse cap.txt -tn', { transports: ['tcp'], selection: 'all' }));
  it('--parse keeps the Windows style', t('--parse cap.txt --style windows', { style: 'windows', transports: ['tcp', 'udp', 'raw', 'unix'] }));
  it('--parse with -e is the User/Inode columns', t('--parse cap.txt -e', { view: 'connections', extend: 1 }));
  it('--from without --parse', bad('--from ss', /--from names the format of a --parse input/));
  it('--parse with an interval', bad('--parse cap.txt 5', /--parse reads captures/));
  it('--parse with -c', bad('--parse cap.txt -c', /--parse reads captures/));
});

describe('error messages come from commander (loaded only on this path)', () => {
  it('a misspelt long option gets a suggestion', bad('--nuemric', /unknown option --nuemric \(Did you mean --numeric\?\)/));
  it('a value option without its value', bad('--interval', /'--interval <seconds>' argument missing/));
  it('a flag given a value', bad('--tcp=yes', /unknown option --tcp=yes/));
});
