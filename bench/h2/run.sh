#!/usr/bin/env bash
# Side-by-side benchmark, not a test: HTTP/2 clients (h2load, clear-text prior knowledge) through
# Debian's haproxy 2.6 and through Tandem, with the SAME haproxy.cfg (only the bind port differs;
# the bind says "proto h2", which both accept), in front of one HTTP/1.1 nginx on loopback, A-B-A-B.
# Cells: 1 KiB and 64 KiB bodies, h2load -c CONNS -m STREAMS (concurrent streams per connection).
# Prints req/s, mean request time, CPU microseconds per request of the proxy process
# (utime+stime deltas from /proc/<pid>/stat) and the Tandem/haproxy ratios.
# Bounded: DURATION seconds per run (default 10), 4 runs per cell, plus one warm-up per proxy.
# Usage: bench/h2/run.sh [threads]   (nbthread for both proxies, default 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${1:-1}
DURATION=${DURATION:-10}
CONNS=${CONNS:-4}
STREAMS=${STREAMS:-20}
. bench/lib.sh
for bin in haproxy nginx h2load; do
  command -v "$bin" >/dev/null || { echo "installing haproxy nginx-light nghttp2-client"; apt-get install -y haproxy nginx-light nghttp2-client >/dev/null; break; }
done
bench_work h2

NGINX_PORT=$(free_port); HA_PORT=$(free_port); TD_PORT=$(free_port)

# --- nginx origin (HTTP/1.1): static 1 KiB and 64 KiB bodies, keep-alive without limit
start_origin "$NGINX_PORT"

# --- one haproxy.cfg per proxy, identical but for the bind port
write_cfg() { # $1 file $2 port
  cat > "$1" <<CFG
global
    nbthread $THREADS
    maxconn 4000
defaults
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_h2
    mode http
    bind 127.0.0.1:$2 proto h2
    default_backend be_http
backend be_http
    mode http
    server nginx 127.0.0.1:$NGINX_PORT
CFG
}
write_cfg "$WORK/haproxy.cfg" "$HA_PORT"
write_cfg "$WORK/tandem.cfg" "$TD_PORT"

"$HAPROXY" -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 & HA_PID=$!; PIDS+=($HA_PID)

start_tandem "$WORK/tandem.cfg"

# every path must really answer 200 with its body before anything is measured
expect_body "http://127.0.0.1:$NGINX_PORT/64k" 65536
expect_body "http://127.0.0.1:$HA_PORT/64k" 65536 --http2-prior-knowledge
expect_body "http://127.0.0.1:$TD_PORT/64k" 65536 --http2-prior-knowledge


# run_h2load <pid> <url> <seconds> -> "rps mean_ms cpu_us_per_req failed" (failed: not 2xx/3xx, errored, timed out)
run_h2load() {
  local pid=$1 url=$2 secs=$3 before after out
  before=$(cpu_ticks "$pid")
  out=$(h2load -c"$CONNS" -m"$STREAMS" -D"$secs" "$url" 2>&1)
  [ -n "${H2LOAD_LOG:-}" ] && echo "$out" >> "$H2LOAD_LOG"
  after=$(cpu_ticks "$pid")
  echo "$out" | awk -v ticks=$((after - before)) -v tick_us="$TICK_US" '
    function ms(v) { if (v ~ /us$/) return substr(v,1,length(v)-2)/1000; if (v ~ /ms$/) return substr(v,1,length(v)-2)+0; if (v ~ /s$/) return substr(v,1,length(v)-1)*1000; return v }
    /^finished in/ { rps=$4 }
    /^requests:/ { done=$6; failed=$10 + $12 + $14 }
    /^time for request:/ { mean=ms($6) }
    END { cpu = done > 0 ? ticks*tick_us/done : 0; printf "%.0f %.3f %.1f %d\n", rps, mean, cpu, failed }'
}

echo "warming up both proxies (the JIT needs it; haproxy gets the same)..."
for spec in "$HA_PID $HA_PORT" "$TD_PID $TD_PORT"; do
  set -- $spec
  run_h2load "$1" "http://127.0.0.1:$2/1k" 5 >/dev/null
  run_h2load "$1" "http://127.0.0.1:$2/64k" 3 >/dev/null
done

printf '\nTandem: node/target/tandem.jar haproxy -db\nhaproxy: %s\nnbthread %s both, h2load -c%s -m%s (h2 prior knowledge, bind ... proto h2), %ss per run, A-B-A-B, mean of 2 runs each\n\n' \
  "$($HAPROXY -v | head -1)" "$THREADS" "$CONNS" "$STREAMS" "$DURATION"
printf '%-10s | %-36s | %-36s | %s\n' "cell" "haproxy rps mean_ms cpu_us/req failed" "tandem rps mean_ms cpu_us/req failed" "tandem/haproxy rps cpu"
cell() { # name path
  local name=$1 path=$2 a1 b1 a2 b2
  a1=$(run_h2load "$HA_PID" "http://127.0.0.1:$HA_PORT$path" "$DURATION")
  b1=$(run_h2load "$TD_PID" "http://127.0.0.1:$TD_PORT$path" "$DURATION")
  a2=$(run_h2load "$HA_PID" "http://127.0.0.1:$HA_PORT$path" "$DURATION")
  b2=$(run_h2load "$TD_PID" "http://127.0.0.1:$TD_PORT$path" "$DURATION")
  awk -v name="$name" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN {
    split(a1,x," "); split(a2,y," "); split(b1,u," "); split(b2,v," ");
    for (i=1;i<=3;i++) { ha[i]=(x[i]+y[i])/2; td[i]=(u[i]+v[i])/2 }
    printf "%-10s | %9.0f %8.3f %8.1f %7d | %9.0f %8.3f %8.1f %7d | %5.2f %5.2f\n", name,
      ha[1],ha[2],ha[3],x[4]+y[4], td[1],td[2],td[3],u[4]+v[4], (ha[1]>0?td[1]/ha[1]:0), (ha[3]>0?td[3]/ha[3]:0) }'
}
cell "h2 1k"  /1k
cell "h2 64k" /64k
