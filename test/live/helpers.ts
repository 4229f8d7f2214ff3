/**
 * Live-test plumbing: a private network namespace, the socket fixture inside it, and runners for
 * tsnetstat, ss and net-tools netstat in that namespace. Linux only; needs root for `ip netns`.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/tsnetstat.js');

/** True where the live tests can run (Linux with ip, ss and netstat). */
export function liveCapable(): boolean {
  if (process.platform !== 'linux') return false;
  for (const tool of ['ip', 'ss', 'netstat']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return false;
    }
  }
  return true;
}

/** True when `tool` is on PATH. */
export function hasTool(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** Run a program (optionally inside the namespace), capturing output. */
export function run(file: string, args: string[], opts: { netns?: string | null; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  const [f, a] = opts.netns ? ['ip', ['netns', 'exec', opts.netns, file, ...args]] : [file, args];
  return new Promise((resolve) => {
    execFile(
      f,
      a,
      { env: { ...process.env, ...(opts.env ?? {}) }, maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      },
    );
  });
}

/** Run the built tsnetstat. */
export function tsnetstat(args: string[], netns: string | null, env: Record<string, string> = {}): Promise<Run> {
  return run(process.execPath, [BIN, ...args], { netns, env: { TSNETSTAT_STYLE: '', ...env } });
}

export interface FixtureInfo {
  pid: number;
  sharerPid: number;
  shared: number;
  tcp: number[];
  udp: number[];
  unix: string[];
}

export interface LiveEnv {
  netns: string | null;
  dir: string;
  fixture: FixtureInfo;
  longV6: string | null;
  close(): Promise<void>;
}

const LONG_V6 = '2001:db8:1234:5678:9abc:def0:1234:5678';

/**
 * Create a private namespace (falling back to the host namespace where that is not allowed),
 * start the socket fixture in it, and wait for its description.
 */
export async function startLive(prefix = 'tsn-live'): Promise<LiveEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'tsnetstat-live-'));
  let netns: string | null = `${prefix}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  try {
    execFileSync('ip', ['netns', 'add', netns], { stdio: 'ignore' });
    execFileSync('ip', ['-n', netns, 'link', 'set', 'lo', 'up'], { stdio: 'ignore' });
    execFileSync('ip', ['-n', netns, 'addr', 'add', `${LONG_V6}/128`, 'dev', 'lo', 'nodad'], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('ip', ['netns', 'del', netns], { stdio: 'ignore' });
    } catch {
      /* never created */
    }
    netns = null;
  }
  const script = join(ROOT, 'test/live/socket-fixture.mjs');
  const args = [script, 'main', dir, netns ? LONG_V6 : ''];
  const child: ChildProcess = netns
    ? spawn('ip', ['netns', 'exec', netns, process.execPath, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const fixture = await new Promise<FixtureInfo>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('socket fixture did not start in 20 s')), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(buf.slice(0, nl)) as FixtureInfo);
      }
    });
    child.on('exit', (code) => reject(new Error(`socket fixture exited early (${code})`)));
  });
  // Let the kernel settle accept queues and TIME_WAIT.
  await new Promise((r) => setTimeout(r, 300));
  return {
    netns,
    dir,
    fixture,
    longV6: netns ? LONG_V6 : null,
    async close() {
      child.stdin?.end();
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r(undefined);
        }, 5000);
        child.on('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
        if (child.exitCode !== null) r(undefined);
      });
      if (netns) {
        try {
          execFileSync('ip', ['netns', 'del', netns], { stdio: 'ignore' });
        } catch {
          /* already gone */
        }
      }
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One socket as both sides of the comparison describe it. */
export interface SockKey {
  proto: string;
  local: string;
  remote: string;
  state: string;
  pids: string;
}

/** Canonical text for comparison (order-free). */
export function keyText(k: SockKey): string {
  return `${k.proto} ${k.local} -> ${k.remote} ${k.state} [${k.pids}]`;
}

const SS_STATE: Record<string, string> = {
  ESTAB: 'ESTABLISHED',
  LISTEN: 'LISTEN',
  UNCONN: '-',
  'TIME-WAIT': 'TIME_WAIT',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  CLOSING: 'CLOSING',
};

/** `[::ffff:1.2.3.4]:80` / `*:80` / `0.0.0.0:*` → family-aware `addr port`. */
function ssEndpoint(text: string, wildcardV6: boolean): { addr: string; port: string; v6: boolean } {
  const i = text.lastIndexOf(':');
  let host = text.slice(0, i);
  const port = text.slice(i + 1);
  let v6 = false;
  if (host.startsWith('[')) {
    host = host.slice(1, -1);
    v6 = true;
  }
  if (host === '*') {
    host = wildcardV6 ? '::' : '0.0.0.0';
    v6 = wildcardV6;
  }
  const pct = host.indexOf('%');
  if (pct >= 0) host = host.slice(0, pct);
  return { addr: host, port: port === '*' ? '0' : port, v6 };
}

/** Parse `ss -Htuanp` (oracle for the live comparison; independent of tsnetstat's parsers). */
export function parseSsInet(text: string): SockKey[] {
  const out: SockKey[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || (f[0] !== 'tcp' && f[0] !== 'udp')) continue;
    const [netid, state, , , local, peer] = f as [string, string, string, string, string, string];
    // `*:port` is a dual-stack (IPv6) wildcard socket.
    const l = ssEndpoint(local, true);
    const r = ssEndpoint(peer, l.v6);
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => m[1]).sort().join(',');
    out.push({
      proto: netid + (l.v6 ? '6' : ''),
      local: `${l.addr} ${l.port}`,
      remote: `${r.addr} ${r.port}`,
      state: SS_STATE[state] ?? state,
      pids,
    });
  }
  return out;
}

/** Parse `ss -Hxanp`: unix sockets keyed by type, state, path and inode. */
export function parseSsUnix(text: string): SockKey[] {
  const out: SockKey[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || !f[0]?.startsWith('u_')) continue;
    const [netid, state, , , path, inode] = f as [string, string, string, string, string, string];
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => m[1]).sort().join(',');
    const type = { u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET' }[netid] ?? netid;
    out.push({ proto: `unix/${type}`, local: `${path === '*' ? '' : path} ${inode}`, remote: '', state: SS_STATE[state] ?? state, pids });
  }
  return out;
}
