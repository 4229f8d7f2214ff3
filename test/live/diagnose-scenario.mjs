// Conditions for the --diagnose live test, one role per process (run inside the test's network
// namespace). Each role prints one JSON line (its pid and ports) once its sockets are in place,
// then stays until killed.
//   closewait-server PORT  accepts connections and never closes them (allowHalfOpen: the peer's FIN
//                          leaves each socket in CLOSE_WAIT)
//   closers PORT N         opens N connections to PORT and closes each once connected
//   stuck-listener PORT    listen(backlog 1) on 127.0.0.1:PORT, then blocks its event loop: never accept()s
//   connectors PORT N      opens N connections to PORT (non-blocking) and keeps them
//   deferring-listener PORT listens on 127.0.0.1:PORT with TCP_DEFER_ACCEPT (set through koffi): the
//                          kernel drops the handshake's last ACK while no data came, so every client
//                          that sends nothing stays half-open (SYN_RECV) on the server side
//   redis                  listens on 0.0.0.0:6379
//   udp-blast ADDR N SIZE  sends N datagrams of SIZE bytes to ADDR:9, then exits
import dgram from 'node:dgram';
import { createRequire } from 'node:module';
import net from 'node:net';

const [role, a1, a2, a3] = process.argv.slice(2);
const ready = (extra = {}) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...extra })}\n`);
const keep = () => setInterval(() => {}, 1 << 30);

switch (role) {
  case 'closewait-server': {
    const held = [];
    const s = net.createServer({ allowHalfOpen: true }, (c) => {
      held.push(c);
      c.on('error', () => {});
    });
    s.listen(Number(a1), '127.0.0.1', () => ready({ port: s.address().port }));
    keep();
    break;
  }
  case 'closers': {
    const n = Number(a2);
    let done = 0;
    for (let i = 0; i < n; i++) {
      const c = net.connect(Number(a1), '127.0.0.1', () => {
        c.destroy();
        if (++done === n) setTimeout(() => ready({ closed: done }), 200);
      });
      c.on('error', () => {});
    }
    keep();
    break;
  }
  case 'stuck-listener': {
    const s = net.createServer(() => {});
    s.listen({ port: Number(a1), host: '127.0.0.1', backlog: 1 }, () => {
      ready({ port: s.address().port });
      // Block the event loop for good: libuv never gets to call accept().
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });
    break;
  }
  case 'connectors': {
    const n = Number(a2);
    const socks = [];
    for (let i = 0; i < n; i++) {
      const c = net.connect(Number(a1), '127.0.0.1');
      c.on('error', () => {});
      socks.push(c);
    }
    setTimeout(() => ready({ opened: socks.length }), 200);
    keep();
    break;
  }
  case 'deferring-listener': {
    const koffi = createRequire(import.meta.url)('koffi');
    const setsockopt = koffi.load('libc.so.6').func('int setsockopt(int, int, int, const void *, int)');
    const s = net.createServer(() => {});
    s.listen(Number(a1), '127.0.0.1', () => {
      const seconds = Buffer.alloc(4);
      seconds.writeInt32LE(60);
      // IPPROTO_TCP 6, TCP_DEFER_ACCEPT 9
      if (setsockopt(s._handle.fd, 6, 9, seconds, 4) !== 0) throw new Error('setsockopt(TCP_DEFER_ACCEPT) failed');
      ready({ port: s.address().port });
    });
    keep();
    break;
  }
  case 'redis': {
    const s = net.createServer((c) => c.end());
    s.listen(6379, '0.0.0.0', () => ready({ port: 6379 }));
    keep();
    break;
  }
  case 'udp-blast': {
    const d = dgram.createSocket('udp4');
    const buf = Buffer.alloc(Number(a3));
    let sent = 0;
    const go = () => {
      if (sent++ >= Number(a2)) {
        ready({ sent: sent - 1 });
        d.close();
        return;
      }
      d.send(buf, 9, a1, go);
    };
    go();
    break;
  }
  default:
    process.stderr.write(`unknown role ${role}\n`);
    process.exit(2);
}
