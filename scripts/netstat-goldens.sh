#!/usr/bin/env bash
# Regenerate fixtures/expected/linux/<set>/<flags>.out: the output of the real net-tools netstat
# for each /proc/net fixture set. netstat always reads /proc/net/*, so each run happens in a private
# mount namespace (unshare -m, root) with a tmpfs over /proc holding only that set's files.
# Usage: scripts/netstat-goldens.sh [outdir]   (default fixtures/expected/linux)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-fixtures/expected/linux}"
fx=fixtures/linux-proc

# set name -> "file:fixture ..." pairs (only real captures, never mixed between machines)
declare -A SETS=(
  [k2.6.18]="route:k2.6.18-net_route.txt ipv6_route:k2.6.18-net_ipv6_route.txt snmp:k2.6.18-net_snmp.txt snmp6:k2.6.18-net_snmp6.txt netstat:k2.6.18-net_netstat.txt"
  [jc]="route:jc-net_route.txt ipv6_route:jc-net_ipv6_route.txt"
  [procfs]="snmp:procfs-snmp.txt snmp6:procfs-snmp6.txt netstat:procfs-netstat.txt"
  [node_exporter]="snmp:node_exporter-snmp.txt snmp6:node_exporter-snmp6.txt netstat:node_exporter-netstat.txt"
  [sysstat]="snmp:sysstat-root1-snmp.txt"
  [debian12-k6.18]="route:debian12-k6.18-net_route.txt ipv6_route:debian12-k6.18-net_ipv6_route.txt snmp:debian12-k6.18-net_snmp.txt snmp6:debian12-k6.18-net_snmp6.txt netstat:debian12-k6.18-net_netstat.txt igmp:debian12-k6.18-net_igmp.txt igmp6:debian12-k6.18-net_igmp6.txt"
)
ROUTE_FLAGS=("-rn" "-rne" "-rnee" "-rn -6")
STAT_FLAGS=("-s" "-st" "-su" "-sw" "-s -6" "-st -6" "-su -6")
GROUP_FLAGS=("-gn")

stage="$(mktemp -d "/tmp/tsnetstat-goldens-$$-XXXX")"
trap 'rm -rf "$stage"' EXIT
for set in "${!SETS[@]}"; do
  mkdir -p "$stage/$set" "$out/$set"
  have=""
  for pair in ${SETS[$set]}; do
    cp "$fx/${pair#*:}" "$stage/$set/${pair%%:*}"
    have="$have ${pair%%:*}"
  done
  flags=()
  [[ " $have " == *" route "* ]] && flags+=("${ROUTE_FLAGS[@]}")
  [[ " $have " == *" snmp "* ]] && flags+=("${STAT_FLAGS[@]}")
  [[ " $have " == *" igmp "* ]] && flags+=("${GROUP_FLAGS[@]}")
  for f in "${flags[@]}"; do
    slug="$(echo "$f" | tr -d ' ')"
    # shellcheck disable=SC2086
    unshare -m sh -c 'mount -t tmpfs tsn /proc && mkdir /proc/net && cp "$1"/* /proc/net/ && shift && LC_ALL=C netstat "$@"' sh "$stage/$set" $f \
      >"$out/$set/$slug.out" 2>/dev/null || true
  done
done
echo "goldens written to $out"
