# Shared by the side-by-side benchmark scripts (sourced, not run): a work directory nginx can
# read, free ports, the nginx origin, Tandem from its jar, CPU accounting and the 200 check.
# The caller has cd'ed to the repository root and set -euo pipefail.

ROOT=$(pwd)
. scripts/find-jdk.sh
HAPROXY=/usr/sbin/haproxy
# bench_work <name>: WORK, a directory nginx's workers (user nobody) can read: with mktemp's 0700
# every answer was a 403 page, which is what the first bench/http and bench/tls tables measured.
bench_work() {
  WORK=$(mktemp -d "/tmp/tandem-bench-$1.XXXXXX")
  chmod 755 "$WORK"
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.3; rm -rf "$WORK"' EXIT
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

# start_origin <port>...: one nginx serving /1k and /64k on every port, keep-alive without limit
start_origin() {
  local listens="" p
  for p in "$@"; do listens+="    listen 127.0.0.1:$p;"$'\n'; done
  mkdir -p "$WORK/www" "$WORK/nginx"
  head -c 1024 /dev/zero | tr '\0' 'a' > "$WORK/www/1k"
  head -c 65536 /dev/zero | tr '\0' 'b' > "$WORK/www/64k"
  cat > "$WORK/nginx/nginx.conf" <<NGX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log crit;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  server {
$listens    root $WORK/www;
    default_type application/octet-stream;
  }
}
NGX
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" & PIDS+=($!)
}

# start_tandem <cfg>: Tandem as an operator runs it, through the ./tandem launcher (it rebuilds the
# jar when a source is newer and execs the JVM with its flags, so TD_PID is the JVM); sets TD_PID
start_tandem() {
  ./tandem version >/dev/null 2>&1 || ./tandem --help >/dev/null 2>&1 || true   # build outside the timed part
  TANDEM_JAVA_OPTS="-Xms512m -Xmx1g ${TANDEM_JAVA_OPTS:-}" ./tandem haproxy -f "$1" -db >"$WORK/tandem.log" 2>&1 &
  TD_PID=$!; PIDS+=($TD_PID)
  TANDEM_HOW="./tandem haproxy -db ($(git -C "$ROOT" log -1 --format=%h)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' || echo ', with local changes'))"
}

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

# expect_body <url> <bytes> [curl options]: refuse to measure an answer that is not a 200 of that size
expect_body() {
  local url=$1 size=$2 got
  shift 2
  for _ in $(seq 1 100); do
    got=$(curl -s "$@" -o /dev/null -w '%{http_code} %{size_download}' "$url" || true)
    [ "$got" = "200 $size" ] && return 0
    sleep 0.1
  done
  echo "$url answered '$got', expected '200 $size'"; cat "$WORK"/*.log 2>/dev/null | tail -20; exit 1
}
