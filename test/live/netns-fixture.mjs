// Socket fixture for the namespace live test (issue 14): a TCP listener on 0.0.0.0:PORT, one
// connection to it over 127.0.0.1, and a UDP socket; prints {"pid", "port", "client"} and stays
// until stdin closes. With `--enter PATH` the sockets are opened inside the network namespace
// PATH (setns through koffi, then back to ours): the namespace holds the sockets, no process is in it.
import { closeSync, openSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';

const port = Number(process.argv[2]);
const enter = process.argv[3] === '--enter' ? process.argv[4] : null;
let back = null;
if (enter) {
  const koffi = (await import('koffi')).default;
  const setns = koffi.load('libc.so.6').func('int setns(int, int)');
  const own = openSync('/proc/thread-self/ns/net', 'r');
  const target = openSync(enter, 'r');
  if (setns(target, 0x40000000) !== 0) throw new Error(`setns ${enter} failed`);
  closeSync(target);
  back = () => {
    if (setns(own, 0x40000000) !== 0) throw new Error('setns back failed');
    closeSync(own);
  };
}
const server = createServer(() => {});
server.listen(port, '0.0.0.0');
const udp = createSocket('udp4');
udp.bind(port, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const client = connect(port, '127.0.0.1');
await new Promise((r) => client.once('connect', r));
back?.();
process.stdout.write(`${JSON.stringify({ pid: process.pid, port, client: client.localPort })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
