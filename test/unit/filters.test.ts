/** The user filters as one-line cases: a command line, a record, kept or not. */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/flags.js';
import { compileSelection } from '../../src/filter/select.js';
import type { SocketRecord } from '../../src/model/socket.js';
import { connection } from '../helpers/records.js';

const base: SocketRecord = connection({ owners: [{ pid: 300, name: 'firefox', program: 'firefox-bin' }] });
const listener: Partial<SocketRecord> = { localAddress: '0.0.0.0', localPort: 22, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', owners: [{ pid: 10, name: 'sshd' }] };
const udp: Partial<SocketRecord> = { proto: 'udp', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: '0.0.0.0', remotePort: 0, state: null };
const v6: Partial<SocketRecord> = { proto: 'tcp6', family: 'inet6', localAddress: '2001:db8::5', remoteAddress: '2001:db8::1' };
const mapped: Partial<SocketRecord> = { proto: 'tcp6', family: 'inet6', localAddress: '::ffff:10.0.0.5', remoteAddress: '::ffff:93.184.216.34' };

/** `tsnetstat -a <cmd>` keeps the record (base with `over`)? */
const keeps = (cmd: string, over: Partial<SocketRecord> = {}, style: 'linux' | 'windows' = 'linux'): boolean => {
  const p = parseCommandLine(['-a', ...cmd.split(' ').filter(Boolean)], { defaultStyle: style });
  if (p.kind !== 'query') throw new Error(cmd);
  return compileSelection(p.query)({ ...base, ...over });
};
const yes = (cmd: string, over?: Partial<SocketRecord>) => () => expect(keeps(cmd, over)).toBe(true);
const no = (cmd: string, over?: Partial<SocketRecord>) => () => expect(keeps(cmd, over)).toBe(false);

describe('--state', () => {
  it('established keeps a connection', yes('--state established'));
  it('ESTAB (ss spelling)', yes('--state estab'));
  it('listen drops a connection', no('--state listen'));
  it('LISTENING (Windows spelling) keeps a listener', yes('--state LISTENING', listener));
  it('several states', yes('--state listen,established', listener));
  it('time-wait', yes('--state time-wait', { state: 'TIME_WAIT' }));
  it('unconn keeps UDP without a peer', yes('--state unconn', udp));
  it('close keeps UDP without a peer', yes('--state close', udp));
  it('established drops UDP without a peer', no('--state established', udp));
  it('unconn does not keep a stateless TCP record', no('--state unconn', { state: null }));
});

describe('--port (local or remote)', () => {
  it('remote port', yes('--port 443'));
  it('local port', yes('--port 40000'));
  it('neither', no('--port 80'));
  it('one of a list', yes('--port 80,443'));
  it('repeated option', yes('--port 80 --port 22', listener));
  it('a listener’s `*` port is not 0-matched by accident', no('--port 0', { ...listener, localPort: 22 }));
});

describe('--local / --remote (address or CIDR)', () => {
  it('local address', yes('--local 10.0.0.5'));
  it('local CIDR', yes('--local 10.0.0.0/8'));
  it('local CIDR miss', no('--local 192.168.0.0/16'));
  it('remote address', yes('--remote 93.184.216.34'));
  it('remote CIDR /24', yes('--remote 93.184.216.0/24'));
  it('remote miss', no('--remote 1.1.1.1'));
  it('IPv6 CIDR', yes('--remote 2001:db8::/32', v6));
  it('IPv6 in brackets', yes('--remote [2001:db8::1]', v6));
  it('IPv4 pattern matches an IPv4-mapped address', yes('--remote 93.184.216.0/24', mapped));
  it('IPv6 pattern never matches an IPv4 record', no('--remote ::/0'));
  it('* matches anything', yes('--remote *'));
  it('a unix socket has no address', no('--local 0.0.0.0/0', { proto: 'unix', family: 'unix', localAddress: null, remoteAddress: null }));
  it('bad CIDR is a usage error', () => expect(() => keeps('--local 10.0.0.0/33')).toThrow(/bad prefix length/));
  it('bad address is a usage error', () => expect(() => keeps('--remote example.com')).toThrow(/bad address/));
});

describe('--pid / --process', () => {
  it('pid', yes('--pid 300'));
  it('pid miss', no('--pid 301'));
  it('one of several pids', yes('--pid 1,300'));
  it('a shared socket matches any of its owners', yes('--pid 20', { owners: [{ pid: 10, name: 'a' }, { pid: 20, name: 'b' }] }));
  it('no owner never matches', no('--pid 0', { owners: [] }));
  it('process name, any case', yes('--process FireFox'));
  it('program (net-tools first word of the command line)', yes('--process firefox-bin'));
  it('wildcard', yes('--process fire*'));
  it('svchost matches svchost.exe', yes('--process svchost', { owners: [{ pid: 1, name: 'svchost.exe' }] }));
  it('process miss', no('--process chrome'));
  it('regex characters are literal', no('--process fire.ox', { owners: [{ pid: 1, name: 'fireXox' }] }));
});

describe('filters combine (AND) with each other and with the listing flags', () => {
  it('all match', yes('--state established --port 443 --remote 93.184.216.0/24 --process firefox'));
  it('one fails', no('--state established --port 443 --remote 93.184.216.0/24 --process chrome'));
  it('-t drops UDP', no('-t --port 5353', udp));
  it('-4 drops IPv6', no('-4 --remote 2001:db8::/32', v6));
  it('--state established drops a listener', no('--state established', listener));
  it('Windows -p tcp is IPv4 only', () => expect(keeps('-p tcp --port 443', v6, 'windows')).toBe(false));
});
