#!/usr/bin/env bash
# Side-by-side TLS benchmark, not a test: Debian's haproxy 2.6 (OpenSSL 3.0) and Tandem (BoringSSL
# through netty-tcnative) with the SAME haproxy.cfg (only the bind port differs): one "bind ... ssl
# crt" (ECDSA P-256 certificate) in front of one clear-text nginx on loopback, A-B-A-B.
# Cells:
#   tls ka 1k      wrk, keep-alive HTTPS requests/s for a 1 KiB body (handshakes only at start)
#   tls resumed    wrk with "Connection: close": one TLS 1.3 handshake per request, resumed with the
#                  ticket of the previous connection (wrk reuses its session; haproxy logs
#                  ssl_fc_is_resumed=1 for those), so resumed handshakes/s (+ one request each)
#   tls full hs    openssl s_time -new: full TLS 1.3 handshakes/s (no request), $STIME clients in
#                  parallel; s_time's own CPU is on the same 2 cores, so this is a lower bound
# Prints handshakes or requests/s, CPU microseconds per request/handshake of the proxy process
# (utime+stime from /proc/<pid>/stat) and the Tandem/haproxy ratios.
# Bounded: DURATION seconds per run (default 10), 4 runs per cell, plus one warm-up per proxy.
# Usage: bench/tls/run.sh [threads]   (nbthread for both proxies, default 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${1:-1}
DURATION=${DURATION:-10}
CONNS=${CONNS:-50}
STIME=${STIME:-4}
. bench/lib.sh
for bin in haproxy nginx wrk openssl; do
  command -v "$bin" >/dev/null || { echo "missing $bin (apt-get install haproxy nginx-light wrk openssl)"; exit 1; }
done
bench_work tls

NGINX_PORT=$(free_port); HA_TLS=$(free_port); TD_TLS=$(free_port)

# --- the certificate both proxies serve: ECDSA P-256, self-signed, key appended (haproxy's PEM)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/site.key" \
    -out "$WORK/site.crt" -subj /CN=bench.example.test -addext subjectAltName=DNS:bench.example.test \
    -days 30 2>/dev/null
cat "$WORK/site.crt" "$WORK/site.key" > "$WORK/site.pem"

# --- nginx origin: static 1 KiB and 64 KiB bodies, keep-alive without limit
start_origin "$NGINX_PORT"

# --- one haproxy.cfg per proxy, identical but for the bind port
write_cfg() { # $1 file $2 tls port
  cat > "$1" <<CFG
global
    nbthread $THREADS
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_tls
    bind 127.0.0.1:$2 ssl crt $WORK/site.pem
    default_backend be_http
backend be_http
    server nginx 127.0.0.1:$NGINX_PORT
CFG
}
write_cfg "$WORK/haproxy.cfg" "$HA_TLS"
write_cfg "$WORK/tandem.cfg" "$TD_TLS"

"$HAPROXY" -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 & HA_PID=$!; PIDS+=($HA_PID)

start_tandem "$WORK/tandem.cfg"

# every path must really answer 200 with its body before anything is measured
expect_body "http://127.0.0.1:$NGINX_PORT/1k" 1024
expect_body "https://127.0.0.1:$HA_TLS/1k" 1024 -k
expect_body "https://127.0.0.1:$TD_TLS/1k" 1024 -k


# run_wrk <pid> <port> <extra header or ''> <seconds> -> "per_second cpu_us_per_request"
run_wrk() {
  local pid=$1 port=$2 hdr=$3 secs=$4 before after out reqs
  before=$(cpu_ticks "$pid")
  if [ -n "$hdr" ]; then
    out=$(wrk -t1 -c"$CONNS" -d"${secs}s" -H "$hdr" "https://127.0.0.1:$port/1k" 2>&1)
  else
    out=$(wrk -t1 -c"$CONNS" -d"${secs}s" "https://127.0.0.1:$port/1k" 2>&1)
  fi
  after=$(cpu_ticks "$pid")
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$out" | awk -v reqs="$reqs" -v ticks=$((after - before)) -v tick_us="$TICK_US" '
    /Requests\/sec/ {rps=$2}
    END { cpu = reqs > 0 ? ticks*tick_us/reqs : 0; printf "%.0f %.1f\n", rps, cpu }'
}

# run_stime <pid> <port> <seconds> -> "handshakes_per_second cpu_us_per_handshake"
run_stime() {
  local pid=$1 port=$2 secs=$3 before after i total=0 n clients=()
  before=$(cpu_ticks "$pid")
  for i in $(seq 1 "$STIME"); do
    openssl s_time -connect "127.0.0.1:$port" -new -time "$secs" >"$WORK/stime.$i" 2>&1 &
    clients+=($!)
  done
  wait "${clients[@]}" || true
  after=$(cpu_ticks "$pid")
  for i in $(seq 1 "$STIME"); do
    n=$(awk '/connections in .* real seconds/ {print $1; exit}' "$WORK/stime.$i")
    [ -n "$n" ] || { echo "s_time against port $port failed:" >&2; tail -c 600 "$WORK/stime.$i" >&2; }
    total=$((total + ${n:-0}))
  done
  awk -v n="$total" -v secs="$secs" -v ticks=$((after - before)) -v tick_us="$TICK_US" \
    'BEGIN { printf "%.0f %.1f\n", n / secs, (n > 0 ? ticks*tick_us/n : 0) }'
}

echo "warming up both proxies on every path (the JIT needs it; haproxy gets the same)..."
for spec in "$HA_PID $HA_TLS" "$TD_PID $TD_TLS"; do
  set -- $spec
  run_wrk "$1" "$2" "" 10 >/dev/null
  run_wrk "$1" "$2" "Connection: close" 5 >/dev/null
  run_stime "$1" "$2" 3 >/dev/null
done

printf '\nTandem: %s\nhaproxy: %s\nnbthread %s both, wrk -t1 -c%s, s_time x%s, %ss per run, A-B-A-B, mean of 2 runs each\n\n' \
  "$TANDEM_HOW" "$($HAPROXY -v | head -1)" "$THREADS" "$CONNS" "$STIME" "$DURATION"
printf '%-16s | %-22s | %-22s | %s\n' "cell" "haproxy /s cpu_us" "tandem /s cpu_us" "tandem/haproxy rate cpu"
cell() { # name kind(wrk|stime) header
  local name=$1 kind=$2 hdr=$3 a1 b1 a2 b2
  if [ "$kind" = wrk ]; then
    a1=$(run_wrk "$HA_PID" "$HA_TLS" "$hdr" "$DURATION"); b1=$(run_wrk "$TD_PID" "$TD_TLS" "$hdr" "$DURATION")
    a2=$(run_wrk "$HA_PID" "$HA_TLS" "$hdr" "$DURATION"); b2=$(run_wrk "$TD_PID" "$TD_TLS" "$hdr" "$DURATION")
  else
    a1=$(run_stime "$HA_PID" "$HA_TLS" "$DURATION"); b1=$(run_stime "$TD_PID" "$TD_TLS" "$DURATION")
    a2=$(run_stime "$HA_PID" "$HA_TLS" "$DURATION"); b2=$(run_stime "$TD_PID" "$TD_TLS" "$DURATION")
  fi
  awk -v name="$name" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN {
    split(a1,x," "); split(a2,y," "); split(b1,u," "); split(b2,v," ");
    for (i=1;i<=2;i++) { ha[i]=(x[i]+y[i])/2; td[i]=(u[i]+v[i])/2 }
    printf "%-16s | %8.0f %13.1f | %8.0f %13.1f | %5.2f %5.2f\n", name,
      ha[1],ha[2], td[1],td[2], (ha[1]>0?td[1]/ha[1]:0), (ha[2]>0?td[2]/ha[2]:0) }'
}
cell "tls ka 1k"   wrk   ""
cell "tls resumed" wrk   "Connection: close"
cell "tls full hs" stime ""
