// Opens a known set of sockets and describes them on stdout as one JSON line, then waits until
// its stdin closes (or 120 s pass). Used by the live tests; runs inside their network namespace.
import { fork } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { once } from 'node:events';

const role = process.argv[2] ?? 'main';
const dir = process.argv[3] ?? '/tmp';
const extraV6 = process.argv[4] ?? '';

if (role === 'sharer') {
  // Holds a listening socket received from the parent: the same inode, a second owner pid.
  process.on('message', (msg, handle) => {
    if (msg === 'server' && handle) {
      globalThis.held = handle;
      process.send?.('held');
    }
  });
  setTimeout(() => process.exit(0), 120_000).unref();
  process.on('disconnect', () => process.exit(0));
} else {
  const out = { pid: process.pid, sharerPid: 0, tcp: [], udp: [], unix: [] };
  const listen = async (host) => {
    const s = net.createServer(() => {});
    s.listen(0, host);
    await once(s, 'listening');
    return s;
  };
  const connect = async (port, host) => {
    const c = net.connect(port, host);
    await once(c, 'connect');
    return c;
  };
  const l4 = await listen('127.0.0.1');
  const l6 = await listen('::1');
  const lany = await listen('::'); // dual-stack
  const lany4 = await listen('0.0.0.0');
  out.tcp.push(l4.address().port, l6.address().port, lany.address().port, lany4.address().port);
  const keep = [];
  keep.push(await connect(l4.address().port, '127.0.0.1'));
  keep.push(await connect(l6.address().port, '::1'));
  keep.push(await connect(lany.address().port, '127.0.0.1')); // IPv4-mapped on the server side
  for (const c of keep) out.tcp.push(c.localPort);
  if (extraV6) {
    // A long IPv6 address (net-tools truncates it without -W).
    const lx = await listen(extraV6);
    out.tcp.push(lx.address().port);
    const cx = await connect(lx.address().port, extraV6);
    keep.push(cx);
    out.tcp.push(cx.localPort);
  }
  // A closed connection leaves a TIME_WAIT socket held by the kernel (no owner).
  const tw = await connect(lany4.address().port, '127.0.0.1');
  out.tcp.push(tw.localPort);
  tw.destroy();

  const udp = async (type, host, port = 0) => {
    const u = dgram.createSocket(type);
    u.bind(port, host);
    await once(u, 'listening');
    return u;
  };
  const u4 = await udp('udp4', '127.0.0.1');
  const u6 = await udp('udp6', '::1');
  const uc4 = await udp('udp4', '127.0.0.1');
  uc4.connect(u4.address().port, '127.0.0.1');
  await once(uc4, 'connect');
  const uc6 = await udp('udp6', '::1');
  uc6.connect(u6.address().port, '::1');
  await once(uc6, 'connect');
  out.udp.push(u4.address().port, u6.address().port, uc4.address().port, uc6.address().port);

  const path = `${dir}/stream.sock`;
  const us = net.createServer(() => {});
  us.listen(path);
  await once(us, 'listening');
  const uc = net.connect(path);
  await once(uc, 'connect');
  const abstract = net.createServer(() => {});
  abstract.listen(`\0tsnetstat-live-${process.pid}`);
  await once(abstract, 'listening');
  out.unix.push(path, `@tsnetstat-live-${process.pid}`);

  // Share the IPv4 listener with a second process.
  const sharer = fork(new URL(import.meta.url).pathname, ['sharer'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  sharer.send('server', l4);
  await once(sharer, 'message');
  out.sharerPid = sharer.pid;
  out.shared = l4.address().port;

  process.stdout.write(`${JSON.stringify(out)}\n`);
  const stop = () => {
    sharer.kill();
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  setTimeout(stop, 120_000).unref();
}
