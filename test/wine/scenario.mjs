// The Wine scenario, run by test/live/wine.test.ts inside a private network namespace
// (`unshare -n`): brings up loopback, opens the test's own TCP/UDP sockets (IPv4 and IPv6), runs the
// built tsnetstat as a Windows program (`wine node.exe bin/tsnetstat.js …`) once per command line,
// and the probe harness once, and writes everything to <work>/results.json for the test to check.
//
// Wine's stdio must be files, not pipes (`Error: open EBADF` otherwise), so every run writes to
// files in <work>/out. The only processes started here are ours: wine, and the wineserver of our
// own prefix, which is stopped (`wineserver -k`, then waited for) before returning.
//
// argv: <work> <prefix> <node.exe> [<exe>] — <work> holds app/ (dist, bin, package.json, harness.mjs,
// node_modules). With <exe> (the standalone tsnetstat-win-x64.exe) the command lines run that
// program instead of `node.exe bin/tsnetstat.js`, plus `--version`, and the harness is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';

const [work, prefix, nodeExe, standalone] = process.argv.slice(2);
if (!work || !prefix || !nodeExe) throw new Error('usage: scenario.mjs WORK WINEPREFIX NODE_EXE');
const outDir = join(work, 'out');
mkdirSync(outDir, { recursive: true });
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/root',
  WINEPREFIX: prefix,
  WINEARCH: 'win64',
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

execFileSync('ip', ['link', 'set', 'lo', 'up']);
// Routes for the -r view (a fresh namespace has none in the main table, which Wine reads).
const routes = [
  ['route', 'add', 'default', 'via', '127.0.0.1', 'dev', 'lo'],
  ['route', 'add', '198.51.100.0/24', 'dev', 'lo'],
  ['route', 'add', '203.0.113.0/24', 'via', '127.0.0.2', 'dev', 'lo', 'metric', '7'],
];
for (const args of routes) execFileSync('ip', args);

const once = (emitter, event) => new Promise((resolve, reject) => {
  emitter.once(event, resolve);
  emitter.once('error', reject);
});

async function tcpPair(host) {
  const server = createServer((s) => accepted.push(s));
  const accepted = [];
  server.listen(0, host);
  await once(server, 'listening');
  const port = server.address().port;
  const client = connect(port, host);
  await once(client, 'connect');
  for (let i = 0; i < 100 && accepted.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  return { server, client, accepted, listen: { address: host, port }, clientPort: client.localPort };
}

async function udp(type, host) {
  const s = createSocket(type);
  s.bind(0, host);
  await once(s, 'listening');
  return { socket: s, address: host, port: s.address().port };
}

const tcp4 = await tcpPair('127.0.0.1');
const tcp6 = await tcpPair('::1');
const udp4 = await udp('udp4', '127.0.0.1');
const udp6 = await udp('udp6', '::1');
const expected = {
  tcp4: { address: '127.0.0.1', port: tcp4.listen.port, clientPort: tcp4.clientPort },
  tcp6: { address: '::1', port: tcp6.listen.port, clientPort: tcp6.clientPort },
  udp4: { address: '127.0.0.1', port: udp4.port },
  udp6: { address: '::1', port: udp6.port },
};

function wine(name, args, program = nodeExe) {
  const stdout = join(outDir, `${name}.out`);
  const stderr = join(outDir, `${name}.err`);
  const fo = openSync(stdout, 'w');
  const fe = openSync(stderr, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('wine', [program, ...args], { cwd: join(work, 'app'), env, stdio: ['ignore', fo, fe], timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(fo);
  closeSync(fe);
  return {
    name,
    args,
    code: r.status,
    signal: r.signal,
    ms: Math.round(ms),
    stdout: readFileSync(stdout, 'utf8'),
    stderr: readFileSync(stderr, 'utf8'),
  };
}

const commands = [
  ['an', ['-an']],
  ['ano', ['-ano']],
  ['anp-tcp', ['-anp', 'tcp']],
  ['anp-udpv6', ['-anp', 'udpv6']],
  ['json', ['--json']],
  ['a-json', ['-a', '--json']],
  ['e', ['-e']],
  ['r', ['-r']],
  ['s', ['-s']],
  ['s-p-tcp', ['-s', '-p', 'tcp']],
  ['openmetrics', ['--openmetrics']],
];
if (standalone) commands.push(['version', ['--version']]);
const runs = [];
/** One tsnetstat run: the standalone executable, or node.exe with the npm build. */
const tsnetstat = (name, args) => (standalone ? wine(name, args, standalone) : wine(name, ['bin/tsnetstat.js', ...args]));
for (const [name, args] of commands) runs.push(tsnetstat(name, args));
// --diagnose through the Windows probe, with a cache listening on every interface to report.
const cache = createServer();
cache.listen(6379, '0.0.0.0');
await once(cache, 'listening');
runs.push(tsnetstat('diagnose-json', ['--diagnose', '--json']));
cache.close();

// Counters straight from the kernel, around the harness run: what Wine reports must lie between.
const snmpBefore = readFileSync('/proc/net/snmp', 'utf8');
const devBefore = readFileSync('/proc/net/dev', 'utf8');
const harnessRun = standalone ? null : wine('harness', ['harness.mjs', join(outDir, 'harness.json')]);
const snmpAfter = readFileSync('/proc/net/snmp', 'utf8');
const devAfter = readFileSync('/proc/net/dev', 'utf8');
let harness = null;
try {
  harness = JSON.parse(readFileSync(join(outDir, 'harness.json'), 'utf8'));
} catch {
  harness = null;
}

spawnSync('wineserver', ['-k'], { env, stdio: 'ignore', timeout: 30_000 });
spawnSync('wineserver', ['-w'], { env, stdio: 'ignore', timeout: 30_000 });

writeFileSync(
  join(work, 'results.json'),
  JSON.stringify({ expected, runs, harnessRun, harness, kernel: { snmpBefore, snmpAfter, devBefore, devAfter } }, null, 1),
);
for (const s of [tcp4.client, tcp6.client, ...tcp4.accepted, ...tcp6.accepted]) s.destroy();
tcp4.server.close();
tcp6.server.close();
udp4.socket.close();
udp6.socket.close();
