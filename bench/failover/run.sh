#!/usr/bin/env bash
# Failover benchmark: Tandem vs Debian's keepalived 2.2.7 in network namespaces, measured in one run.
#
# Lab (keepalived.md §4.1): lb1 (priority 150, state MASTER) and lb2 (priority 100) share a bridge with a
# client cl that pings the VIP every 10 ms while tcpdump records it. For each daemon and scenario, 3 runs:
#   crash - SIGKILL of the daemon on lb1 plus lb1's eth0 down (a dead host)
#   term  - SIGTERM of the daemon on lb1 (priority-0 advert, RFC 5798 §6.4.3)
# and Tandem again with VRRPv3 advert_int 0.1. Times are seconds after the kill/link-down:
#   VIP   - the VIP appears on lb2 (ip -ts monitor address in lb2)
#   GARP  - first gratuitous ARP for the VIP from lb2's MAC (client pcap)
#   reply - first echo reply to the client from lb2's MAC (client pcap)
# RFC bounds: crash <= Master_Down_Interval = 3*Adv + (256-100)/256*Adv after the last advert (3.61 s at
# advert_int 1, 0.36 s at 0.1); term ~ Skew_Time = 0.61 s (0.06 s at 0.1).
#
# Needs root, iproute2, tcpdump, ping (iputils-ping), /usr/sbin/keepalived and a JDK 25 (scripts/find-jdk.sh).
# Usage: bench/failover/run.sh [runs]   (from anywhere; builds node/target/tandem.jar first)
set -euo pipefail

RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/tandem-failover.XXXXXX)
P=tfb$$
VIP=192.0.2.100
KEEPALIVED=/usr/sbin/keepalived

die() { echo "failover bench: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, VIPs)"
[ -x "$KEEPALIVED" ] || die "$KEEPALIVED is missing: apt-get install keepalived"
command -v tcpdump >/dev/null || die "tcpdump is missing: apt-get install tcpdump"
command -v ping >/dev/null || die "ping is missing: apt-get install iputils-ping"

. "$ROOT/scripts/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
echo "building node/target/tandem.jar ..." >&2
(cd "$ROOT" && mvn -B -q -o -DskipTests package >/dev/null 2>&1 || mvn -B -q -DskipTests package >/dev/null) \
    || die "mvn package failed"
JAR="$ROOT/node/target/tandem.jar"
[ -f "$JAR" ] || die "$JAR was not built"

cleanup() {
    for ns in lb1 lb2 cl; do
        for pid in $(ip netns pids "$P-$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    done
    for ns in lb1 lb2 cl sw; do ip netns del "$P-$ns" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- lab -------------------------------------------------------------------------------------------
ip netns add "$P-sw"
ip -n "$P-sw" link add br0 type bridge mcast_snooping 0 stp_state 0
ip -n "$P-sw" link set br0 up
n=1
for h in lb1 lb2 cl; do
    ns="$P-$h"
    ip netns add "$ns"
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv4.conf.all.arp_accept=1 net.ipv4.conf.default.arp_accept=1
    ip link add eth0 netns "$ns" address "02:00:00:00:00:1$n" type veth peer name "p$h" netns "$P-sw"
    ip -n "$P-sw" link set "p$h" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" addr add "192.0.2.1$n/24" dev eth0
    n=$((n + 1))
done
LB1_MAC=02:00:00:00:00:11
LB2_MAC=02:00:00:00:00:12

conf() { # conf <priority> <state> <version> <advert_int>
    cat <<CONF
vrrp_instance VI_1 {
  interface eth0
  state $2
  priority $1
  virtual_router_id 51
  version $3
  advert_int $4
  virtual_ipaddress {
    $VIP/24
  }
}
CONF
}

start_daemon() { # start_daemon <impl> <host> <conf> -> echoes the pid to kill
    local impl=$1 host=$2 cfg=$3 log="$WORK/$1-$2.log"
    if [ "$impl" = keepalived ]; then
        ip netns exec "$P-$host" "$KEEPALIVED" -n -l -D -f "$cfg" -p "$WORK/ka-$host.pid" \
            -r "$WORK/ka-vrrp-$host.pid" >"$log" 2>&1 &
    else
        ip netns exec "$P-$host" "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" run -k "$cfg" >"$log" 2>&1 &
    fi
    echo $!
}

wait_for() { # wait_for <seconds> <command...>
    local deadline=$(( $(date +%s%N) + $1 * 1000000000 )); shift
    until "$@"; do
        [ "$(date +%s%N)" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}
has_vip() { ip -n "$P-$1" -o addr show dev eth0 | grep -q " $VIP/"; }
log_has() { grep -q "$2" "$WORK/$1.log" 2>/dev/null; }

RESULTS="$WORK/results.txt"
: >"$RESULTS"

one_run() { # one_run <label> <impl> <scenario> <version> <advert_int>
    local label=$1 impl=$2 scenario=$3 version=$4 adv=$5
    conf 150 MASTER "$version" "$adv" >"$WORK/lb1.conf"
    conf 100 BACKUP "$version" "$adv" >"$WORK/lb2.conf"
    ip -n "$P-cl" neigh flush dev eth0
    local pid1 pid2
    pid1=$(start_daemon "$impl" lb1 "$WORK/lb1.conf")
    wait_for 30 has_vip lb1 || die "$impl on lb1 never became MASTER: $(cat "$WORK/$impl-lb1.log")"
    pid2=$(start_daemon "$impl" lb2 "$WORK/lb2.conf")
    wait_for 30 log_has "$impl-lb2" "Entering BACKUP STATE" || die "$impl on lb2 never became BACKUP"
    sleep 2 # lb2 settles on lb1's adverts; the JVM finishes its warm-up
    ip netns exec "$P-cl" tcpdump -i eth0 -nn -e -tt -U -w "$WORK/cl.pcap" "arp or icmp or proto 112" 2>/dev/null &
    local dump=$!
    ip -n "$P-lb2" -ts monitor address >"$WORK/mon.txt" 2>&1 &
    local mon=$!
    ip netns exec "$P-cl" ping -n -i 0.01 -W 1 "$VIP" >/dev/null 2>&1 &
    local pinger=$!
    sleep 1
    local t0
    if [ "$scenario" = crash ]; then
        t0=$(date +%s.%N)
        if [ "$impl" = keepalived ]; then
            kill -9 "$(cat "$WORK/ka-vrrp-lb1.pid")" "$pid1" 2>/dev/null || true
        else
            kill -9 "$pid1"
        fi
        ip -n "$P-lb1" link set eth0 down
    else
        t0=$(date +%s.%N)
        kill -TERM "$pid1"
    fi
    wait_for 10 has_vip lb2 || echo "  $label: VIP never reached lb2" >&2
    sleep 1
    kill "$pinger" "$mon" 2>/dev/null || true
    kill -INT "$dump" 2>/dev/null || true
    wait "$dump" 2>/dev/null || true
    local vip_at garp_at reply_at prio0_at
    vip_at=$(grep -v Deleted "$WORK/mon.txt" | grep -m1 " $VIP/" | sed -n 's/^\[\([^]]*\)\].*/\1/p' || true)
    vip_at=$( [ -n "$vip_at" ] && date -d "$vip_at" +%s.%N || echo "")
    garp_at=$(tcpdump -nn -e -tt -r "$WORK/cl.pcap" "arp and ether src $LB2_MAC" 2>/dev/null \
        | grep -m1 "who-has $VIP .*tell $VIP" | cut -d' ' -f1 || true)
    prio0_at=$(tcpdump -nn -e -tt -r "$WORK/cl.pcap" "proto 112 and ether src $LB1_MAC" 2>/dev/null \
        | grep -m1 "prio 0," | cut -d' ' -f1 || true)
    reply_at=$(tcpdump -nn -e -tt -r "$WORK/cl.pcap" "icmp[icmptype] = icmp-echoreply and ether src $LB2_MAC" \
        2>/dev/null | head -1 | cut -d' ' -f1 || true)
    rel() { [ -n "$1" ] && awk -v a="$1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }' || echo "nan"; }
    printf '%s %s %s %s %s\n' "$label" "$(rel "$vip_at")" "$(rel "$garp_at")" "$(rel "$reply_at")" \
        "$(rel "$prio0_at")" >>"$RESULTS"
    echo "  $label run: VIP $(rel "$vip_at") GARP $(rel "$garp_at") reply $(rel "$reply_at")" \
        "prio-0 advert $(rel "$prio0_at")" >&2
    # Tear down: stop lb2 gracefully, make sure lb1 is gone, bring lb1's link back, drop leftovers.
    kill -TERM "$pid2" 2>/dev/null || true
    kill -9 "$pid1" 2>/dev/null || true
    [ "$impl" = keepalived ] && kill -9 "$(cat "$WORK/ka-vrrp-lb1.pid" 2>/dev/null)" 2>/dev/null || true
    wait "$pid2" 2>/dev/null || true
    wait "$pid1" 2>/dev/null || true
    ip -n "$P-lb1" link set eth0 up
    for h in lb1 lb2; do ip -n "$P-$h" addr del "$VIP/24" dev eth0 2>/dev/null || true; done
    sleep 0.5
}

ONLY=${ONLY:-} # e.g. ONLY=tandem-v3-0.1-term to repeat one scenario
for i in $(seq "$RUNS"); do
    for spec in "keepalived-crash keepalived crash 2 1" "tandem-crash tandem crash 2 1" \
                "keepalived-term keepalived term 2 1" "tandem-term tandem term 2 1" \
                "tandem-v3-0.1-crash tandem crash 3 0.1" "tandem-v3-0.1-term tandem term 3 0.1"; do
        set -- $spec
        [ -z "$ONLY" ] || [ "$ONLY" = "$1" ] || continue
        one_run "$@"
    done
done

echo
echo "Failover after the event, seconds: min / mean / max over $RUNS runs"
printf '%-22s %-22s %-22s %-22s %-22s\n' scenario "VIP on lb2" "first GARP" "first client reply" \
    "lb1 priority-0 advert"
for label in keepalived-crash tandem-crash keepalived-term tandem-term tandem-v3-0.1-crash tandem-v3-0.1-term; do
    awk -v l="$label" '
        function stat(col,   i, n, s, mn, mx, v) {
            n = 0; s = 0
            for (i = 1; i <= rows; i++) { v = val[i, col]; if (v == "nan") continue; n++; s += v
                if (n == 1 || v < mn) mn = v; if (n == 1 || v > mx) mx = v }
            return n ? sprintf("%.3f/%.3f/%.3f", mn, s / n, mx) : "n/a"
        }
        $1 == l { rows++; for (c = 2; c <= 5; c++) val[rows, c] = $c }
        END { if (rows) printf "%-22s %-22s %-22s %-22s %-22s\n", l, stat(2), stat(3), stat(4), stat(5) }' "$RESULTS"
done
