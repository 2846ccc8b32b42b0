#!/usr/bin/env bash
# Installs the real peers the tests drive (Debian packages) when they are missing and we are root.
# Without root nothing is installed; the tests that need a missing peer then fail loudly.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have curl      || need+=(curl)
have ip        || need+=(iproute2)
have haproxy   || need+=(haproxy)
have keepalived || need+=(keepalived)
have nginx     || need+=(nginx-light)
have wrk       || need+=(wrk)
have h2load    || need+=(nghttp2-client)
have openssl   || need+=(openssl)
have tcpdump   || need+=(tcpdump)
have ping      || need+=(iputils-ping)   # bench/failover
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-test-peers: not root, cannot install: ${need[*]} (tests that need them will fail)" >&2
  exit 0
fi
echo "install-test-peers: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The packaged services must not run on their own: tests start their own instances.
for s in haproxy keepalived nginx; do
  if have systemctl; then systemctl disable --now "$s" >/dev/null 2>&1 || true; fi
  pkill -x "$s" >/dev/null 2>&1 || true
done
