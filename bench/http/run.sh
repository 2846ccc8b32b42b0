#!/usr/bin/env bash
# Side-by-side benchmark, not a test: Debian's haproxy 2.6 and Tandem with the SAME haproxy.cfg
# (only the bind ports differ) in front of one nginx on loopback, driven by wrk, A-B-A-B.
# Cells: keep-alive and connection-close with 1 KiB and 64 KiB bodies, and mode tcp (1 KiB);
# then balance leastconn over 3 origins (3 nginx server blocks on 3 ports, checked every 100ms),
# and the same with one origin (its own nginx process) killed with SIGKILL halfway through each
# run, then restarted: requests/s, non-2xx answers and socket errors as wrk counts them.
# Prints req/s, p50/p99 latency, CPU microseconds per request of the proxy process
# (utime+stime deltas from /proc/<pid>/stat) and the Tandem/haproxy ratios.
# Bounded: DURATION seconds per run (default 10), 4 runs per cell, plus one warm-up per proxy.
# Usage: bench/http/run.sh [threads]   (nbthread for both proxies, default 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${1:-1}
DURATION=${DURATION:-10}
CONNS=${CONNS:-50}
. bench/lib.sh
for bin in haproxy nginx wrk; do
  command -v "$bin" >/dev/null || { echo "installing haproxy nginx-light wrk"; apt-get install -y haproxy nginx-light wrk >/dev/null; break; }
done
bench_work http

NGINX_PORT=$(free_port); HA_HTTP=$(free_port); HA_TCP=$(free_port); TD_HTTP=$(free_port); TD_TCP=$(free_port)
LC1=$(free_port); LC2=$(free_port); LC3=$(free_port); HA_LC=$(free_port); TD_LC=$(free_port)

# --- nginx origin: static 1 KiB and 64 KiB bodies, keep-alive without limit; LC1 and LC2 for leastconn
start_origin "$NGINX_PORT" "$LC1" "$LC2"

# --- the third leastconn origin runs alone (one process, no master) so it can be killed and restarted
mkdir -p "$WORK/victim"
cat > "$WORK/victim/nginx.conf" <<NGX
worker_processes 1;
master_process off;
daemon off;
pid $WORK/victim/nginx.pid;
error_log $WORK/victim/error.log crit;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$LC3;
    root $WORK/www;
    default_type application/octet-stream;
  }
}
NGX
VICTIM_PID=
start_victim() { nginx -c "$WORK/victim/nginx.conf" -p "$WORK/victim" >>"$WORK/victim/out.log" 2>&1 & VICTIM_PID=$!; PIDS+=($VICTIM_PID); }
start_victim

# --- one haproxy.cfg per proxy, identical but for the bind ports
write_cfg() { # $1 file $2 http port $3 tcp port
  cat > "$1" <<CFG
global
    nbthread $THREADS
    maxconn 4000
defaults
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_http
    mode http
    bind 127.0.0.1:$2
    default_backend be_http
backend be_http
    mode http
    server nginx 127.0.0.1:$NGINX_PORT
frontend fe_tcp
    mode tcp
    bind 127.0.0.1:$3
    default_backend be_tcp
backend be_tcp
    mode tcp
    server nginx 127.0.0.1:$NGINX_PORT
frontend fe_lc
    mode http
    bind 127.0.0.1:$4
    default_backend be_lc
backend be_lc
    mode http
    balance leastconn
    retries 3
    option redispatch
    retry-on conn-failure empty-response
    # a check must otherwise answer within inter (100ms): on 2 shared cores under wrk it may not
    timeout check 2s
    default-server check inter 100ms fall 2 rise 2
    server lc1 127.0.0.1:$LC1
    server lc2 127.0.0.1:$LC2
    server lc3 127.0.0.1:$LC3
CFG
}
write_cfg "$WORK/haproxy.cfg" "$HA_HTTP" "$HA_TCP" "$HA_LC"
write_cfg "$WORK/tandem.cfg" "$TD_HTTP" "$TD_TCP" "$TD_LC"

"$HAPROXY" -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 & HA_PID=$!; PIDS+=($HA_PID)

start_tandem "$WORK/tandem.cfg"

# every path must really answer 200 with its body before anything is measured
for url in "$NGINX_PORT/1k 1024" "$NGINX_PORT/64k 65536" "$HA_HTTP/64k 65536" "$TD_HTTP/64k 65536" "$LC1/1k 1024" \
    "$LC2/1k 1024" "$LC3/1k 1024" "$HA_LC/1k 1024" "$TD_LC/1k 1024"; do
  set -- $url
  expect_body "http://127.0.0.1:$1" "$2"
done


# run_wrk <pid> <url> <extra header or ''> <seconds> -> "rps p50_ms p99_ms cpu_us_per_req"
run_wrk() {
  local pid=$1 url=$2 hdr=$3 secs=$4 before after out reqs
  before=$(cpu_ticks "$pid")
  if [ -n "$hdr" ]; then
    out=$(wrk -t1 -c"$CONNS" -d"${secs}s" --latency -H "$hdr" "$url" 2>&1)
  else
    out=$(wrk -t1 -c"$CONNS" -d"${secs}s" --latency "$url" 2>&1)
  fi
  after=$(cpu_ticks "$pid")
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$out" | awk -v reqs="$reqs" -v ticks=$((after - before)) -v tick_us="$TICK_US" '
    function ms(v) { if (v ~ /us$/) return substr(v,1,length(v)-2)/1000; if (v ~ /ms$/) return substr(v,1,length(v)-2)+0; if (v ~ /s$/) return substr(v,1,length(v)-1)*1000; return v }
    /Requests\/sec/ {rps=$2} / 50%/ {p50=ms($2)} / 99%/ {p99=ms($2)}
    END { cpu = reqs > 0 ? ticks*tick_us/reqs : 0; printf "%.0f %.3f %.3f %.1f\n", rps, p50, p99, cpu }'
}

echo "warming up both proxies on every path (the JIT needs it; haproxy gets the same)..."
for spec in "$HA_PID $HA_HTTP $HA_TCP" "$TD_PID $TD_HTTP $TD_TCP"; do
  set -- $spec
  run_wrk "$1" "http://127.0.0.1:$2/1k" "" 5 >/dev/null
  run_wrk "$1" "http://127.0.0.1:$2/1k" "Connection: close" 5 >/dev/null
  run_wrk "$1" "http://127.0.0.1:$2/64k" "" 3 >/dev/null
  run_wrk "$1" "http://127.0.0.1:$3/1k" "" 3 >/dev/null
done

printf '\nTandem: %s\nhaproxy: %s\nnbthread %s both, wrk -t1 -c%s, %ss per run, A-B-A-B, mean of 2 runs each\n\n' \
  "$TANDEM_HOW" "$($HAPROXY -v | head -1)" "$THREADS" "$CONNS" "$DURATION"
printf '%-16s | %-32s | %-32s | %s\n' "cell" "haproxy rps p50ms p99ms cpu_us/req" "tandem rps p50ms p99ms cpu_us/req" "tandem/haproxy rps cpu"
cell() { # name path header ha_port td_port
  local name=$1 path=$2 hdr=$3 hp=$4 tp=$5 a1 b1 a2 b2
  a1=$(run_wrk "$HA_PID" "http://127.0.0.1:$hp$path" "$hdr" "$DURATION")
  b1=$(run_wrk "$TD_PID" "http://127.0.0.1:$tp$path" "$hdr" "$DURATION")
  a2=$(run_wrk "$HA_PID" "http://127.0.0.1:$hp$path" "$hdr" "$DURATION")
  b2=$(run_wrk "$TD_PID" "http://127.0.0.1:$tp$path" "$hdr" "$DURATION")
  awk -v name="$name" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN {
    split(a1,x," "); split(a2,y," "); split(b1,u," "); split(b2,v," ");
    for (i=1;i<=4;i++) { ha[i]=(x[i]+y[i])/2; td[i]=(u[i]+v[i])/2 }
    printf "%-16s | %8.0f %7.3f %7.3f %7.1f | %8.0f %7.3f %7.3f %7.1f | %5.2f %5.2f\n", name,
      ha[1],ha[2],ha[3],ha[4], td[1],td[2],td[3],td[4], (ha[1]>0?td[1]/ha[1]:0), (ha[4]>0?td[4]/ha[4]:0) }'
}
cell "http ka 1k"     /1k  ""                  "$HA_HTTP" "$TD_HTTP"
cell "http close 1k"  /1k  "Connection: close" "$HA_HTTP" "$TD_HTTP"
cell "http ka 64k"    /64k ""                  "$HA_HTTP" "$TD_HTTP"
cell "http close 64k" /64k "Connection: close" "$HA_HTTP" "$TD_HTTP"
cell "tcp ka 1k"      /1k  ""                  "$HA_TCP"  "$TD_TCP"

# --- leastconn over three origins, then the same with the third killed halfway through each run
# run_wrk_errors <url> <seconds> <kill_after or 0>: writes "rps non2xx socket_errors" to $WORK/result
# (not called in $(...): it restarts the victim, whose pid this shell must keep)
run_wrk_errors() {
  local url=$1 secs=$2 kill_after=$3 out wrk_pid
  wrk -t1 -c"$CONNS" -d"${secs}s" "$url" >"$WORK/wrk.out" 2>&1 & wrk_pid=$!
  if [ "$kill_after" != 0 ]; then
    sleep "$kill_after"
    kill -KILL "$VICTIM_PID" 2>/dev/null || true
  fi
  wait "$wrk_pid" || true
  out=$(cat "$WORK/wrk.out")
  if [ "$kill_after" != 0 ]; then
    start_victim; expect_body "http://127.0.0.1:$LC3/1k" 1024
    sleep 1   # rise 2 x inter 100ms for both proxies' checks, with margin
  fi
  echo "$out" | awk '/Requests\/sec/ {rps=$2} /Non-2xx/ {n=$NF} /Socket errors/ {gsub(",","");
    e=$4+$6+$8+$10} END {printf "%.0f %d %d\n", rps, n, e}' >"$WORK/result"
}
printf '\n%-16s | %-28s | %-28s | %s\n' "cell" "haproxy rps non2xx sockerr" "tandem rps non2xx sockerr" "tandem/haproxy rps"
lc_cell() { # name kill_after
  local name=$1 k=$2 a1 b1 a2 b2
  run_wrk_errors "http://127.0.0.1:$HA_LC/1k" "$DURATION" "$k"; a1=$(cat "$WORK/result")
  run_wrk_errors "http://127.0.0.1:$TD_LC/1k" "$DURATION" "$k"; b1=$(cat "$WORK/result")
  run_wrk_errors "http://127.0.0.1:$HA_LC/1k" "$DURATION" "$k"; a2=$(cat "$WORK/result")
  run_wrk_errors "http://127.0.0.1:$TD_LC/1k" "$DURATION" "$k"; b2=$(cat "$WORK/result")
  awk -v name="$name" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN {
    split(a1,x," "); split(a2,y," "); split(b1,u," "); split(b2,v," ");
    printf "%-16s | %8.0f %6d %6d (run 1) | %8.0f %6d %6d (run 1) |\n", name, x[1],x[2],x[3], u[1],u[2],u[3];
    printf "%-16s | %8.0f %6d %6d (run 2) | %8.0f %6d %6d (run 2) | %5.2f\n", "", y[1],y[2],y[3], v[1],v[2],v[3],
      ((x[1]+y[1])>0 ? (u[1]+v[1])/(x[1]+y[1]) : 0) }'
}
run_wrk_errors "http://127.0.0.1:$HA_LC/1k" 3 0
run_wrk_errors "http://127.0.0.1:$TD_LC/1k" 3 0
lc_cell "lc3 ka 1k" 0
lc_cell "lc3 kill 1k" $((DURATION / 2))
