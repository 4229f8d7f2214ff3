/**
 * Usage text (pure). `renderUsage()` returns the string; the entry prints it.
 * The flag-collision table here is the same as in the README.
 */
import type { Style } from '../model/query.js';

export function renderUsage(defaultStyle: Style): string {
  return `Usage: tsnetstat [options] [interval]

List sockets, routes, interfaces and protocol statistics, in the layout of the native netstat
of Windows, Linux (net-tools) or macOS, or as JSON/CSV. Both flag families work everywhere.

Sockets
  -a, --all                all sockets, listening ones included
  -l, --listening          listening sockets only
  -t, --tcp                TCP                    -u, --udp        UDP
  -w, --raw                raw sockets            -x, --unix       unix domain sockets
  -4, --inet               IPv4 only              -6, --inet6      IPv6 only
  -A, --protocol FAMILIES  address families: inet, inet6, unix (comma-separated)
  -p PROTO, --proto PROTO  protocol filter, Windows style: tcp, udp, tcpv6, udpv6
                           (tcp means TCP over IPv4 only, as on Windows)
  -q, --bound              also bound, non-listening sockets (where the OS reports them)
Columns and names
  -n, --numeric            numeric hosts, ports and users (also --numeric-hosts/-ports/-users)
  -f, --fqdn               fully qualified names for foreign addresses
  -o, --owner              owning PID
  -p, --programs           PID/Program name (any -p not followed by a protocol name)
  -b, --executable         executable of each socket's owner
  -e, --extend             with listing flags: User and Inode columns
  -W, --wide               do not truncate addresses
      --timers             net-tools timers (net-tools -o)
      --offload            TCP offload state (Windows -t)
Views
  -r, --route              routing table        -i, --interfaces   interface table
  -s, --statistics         protocol statistics (-s -p PROTO for one protocol: also ip, ipv6,
                           icmp, icmpv6)
  -e                       alone: Ethernet/interface statistics (Windows); -e -s combines
  -g, --groups             multicast group memberships
Repeat
  interval                 a trailing number: reprint every N seconds until Ctrl+C
  -c, --continuous         every second             --interval N   every N seconds
                           on a terminal the listing is redrawn in place: new rows marked +,
                           closed ones - (dimmed, for one tick), changed ones ~
      --changes            with an interval: only the changes, one line each (+ new, - closed,
                           ~ changed, a timestamp, the row); with --json one JSON event per line
Filters (all formats and modes, combinable)
  --state S[,S]  --port N[,N]  --local ADDR|CIDR  --remote ADDR|CIDR  --pid N  --process NAME
  --unit UNIT (systemd unit)  --container ID|NAME (Linux)
Namespaces, services, containers
  -N, --all-namespaces     every network namespace of the host (Linux; a Netns column in text)
      --netns NS           one namespace: a name under /run/netns, a path, or a PID
      --owner-detail       append [unit] or [container] to PID/Program name
Captures (text printed elsewhere, read instead of this machine)
  --parse FILE             read a capture (FILE '-' is standard input): netstat of Windows (any
                           language, UTF-16 too), Linux, macOS or FreeBSD; ss; lsof -i; sockstat;
                           route print; a /proc/net table. The capture decides the view (-r, -i,
                           -e, -s, -g) and every socket is shown; filters, styles, JSON and CSV apply
  --parse F1 F2 …          several captures, one host each ('# host: NAME' first line, else the
                           file name): each under '==> host <==', host in JSON/CSV, one --exposed
                           audit and a fleet --summary; --changes compares a host's captures
  --from FORMAT            skip detection: nettools-{netstat,routes,interfaces,statistics,
                           groups}, ss, bsd-{netstat,routes,interfaces,statistics}, sockstat,
                           lsof, lsof-f, windows-{netstat,netstat-e,route,netstat-s},
                           proc-net-{tcp,tcp6,udp,udp6,raw,raw6,unix,route,ipv6-route,dev,
                           if-inet6,snmp,netstat,snmp6,sctp-snmp,sockstat,igmp,igmp6}
Understanding
      --exposed            listeners reachable from the network, with owners; warns about
                           services usually meant to be local (databases, caches, admin
                           consoles) and then exits with status 1
      --summary            counts by protocol and state, top processes and remote hosts
      --diagnose           the troubleshooting checklist: exposed services, CLOSE_WAIT leaks,
                           SYN_RECV and full accept queues, ephemeral ports, interface errors,
                           retransmissions, connections to public addresses; exit 1 on a
                           warning (--close-wait-threshold N: CLOSE_WAIT per process, default 10)
Prometheus
  --openmetrics            one snapshot in the Prometheus text format (sockets by state,
                           listeners, exposed listeners, top processes: --top N)
  --serve-metrics [ADDR:]PORT  serve /metrics over HTTP (127.0.0.1 unless ADDR is given);
                           scrapes share a snapshot, reused for --min-interval S (default 1)
Output
  --json, --csv            machine-readable records (schema in the README)
  --style STYLE            windows | linux | macos (default here: ${defaultStyle}; env TSNETSTAT_STYLE)
  --color WHEN             auto | always | never (auto: a terminal, unless NO_COLOR; FORCE_COLOR)
  -h, --help               this text              -V, --version    version

Where the two families disagree
  flag      Windows netstat         net-tools netstat     tsnetstat
  -p X      protocol filter         PID/Program column    protocol filter when X is a protocol
                                                          name, PID/Program column otherwise
  -o        PID column              timers                PID column (timers: --timers)
  -e        Ethernet statistics     User/Inode columns    alone: statistics; with listing
                                                          flags: User/Inode columns
  -t        offload state           TCP                   TCP (offload: --offload)
  -x        NetworkDirect           unix sockets          unix sockets
  -i        time in state           interface table       interface table
  -c        ports per process       continuous            continuous
  -f        FQDN                    (rfcomm)              FQDN
  -b        executable              (invalid)             executable
  N         repeat every N seconds  (ignored)             repeat every N seconds

Examples
  tsnetstat -ano                 every socket with its PID (Windows habit, works on Linux)
  tsnetstat -tulpn               listening TCP/UDP sockets with programs (Linux habit)
  tsnetstat -anp tcp             TCP over IPv4, numeric
  tsnetstat --port 443 -ap       who holds port 443
  tsnetstat -an --json           every socket as JSON
  tsnetstat --parse cap.txt --style linux   a Windows capture in the net-tools layout
  tsnetstat -tan 2               watch TCP sockets, changes marked (on a terminal)
  tsnetstat -tan --changes 5     log what opens, closes or changes state, every 5 s
  tsnetstat --exposed            what the network can reach (exit 1 on a risky listener)
  tsnetstat --diagnose 5         the checklist every 5 s, counters as rates
  tsnetstat --parse caps/*.txt --exposed   one audit over a fleet's captures
`;
}
