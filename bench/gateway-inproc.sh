#!/usr/bin/env bash
# Gateway throughput and added latency without a cluster (issue 10), one run:
#   backend  nginx answering 200 "hello" itself (one worker), the same for every path
#   direct   load -> backend
#   nginx    load -> nginx as a reverse proxy (upstream keepalive, one worker per core the proxy may use) -> backend
#   qnative  load -> io.qnative.gateway.GatewayLoad (the gateway's real listeners, routing, throttler and proxy in one
#            JVM, test sources, the JVM's defaults) -> backend
# After a warm-up (qnative WARMUP, 30 s, closed loop; the others 5 s), ROUNDS (3) rounds of each, interleaved (direct,
# nginx, qnative, direct, ...) so a burst of load from other processes hits every path alike, each line with the
# 1-minute load average:
#   max      closed loop, wrk -c64 for RUN (10 s): requests/s, and the proxy's own CPU (its processes' user + system
#            time from /proc) per request and as a share of the cores it may use: near 100% the proxy was the
#            bottleneck, well below it the load generator or the backend was;
#   at half  open loop at HALF of nginx's median max rate for RUN: h2load (bench/lib.sh h2load_open: keep-alive
#            HTTP/1.1 connections at a fixed rate each), achieved rate, p50/p99/p99.9 from its per-request log,
#            failures, the proxy's CPU per request; a run below 95% of the rate is flagged SATURATED (its latency is
#            then queueing, not the fixed-rate figure).
# The table gives the medians; the two goal lines at the end are issue 10's figures (bench/README.md says how to
# read them). qnative's young-GC pauses during its fixed-rate runs and its bytes allocated per request follow.
# PIN=1 places the processes (bench/lib.sh): the proxy under test (nginx or GatewayLoad) on the last core, the load
# generators and the backend on the other(s); nginx then runs one worker and the JVM sees one core. Unpinned, nginx
# runs one worker per core.
#   bench/gateway-inproc.sh               # ROUNDS=3 RUN=10s WARMUP=30s CONNECTIONS=64
#   PIN=1 bench/gateway-inproc.sh
#   HALF=20000 bench/gateway-inproc.sh    # a given rate instead of half of nginx's max
#   BASE=/tmp/base-target bench/gateway-inproc.sh   # and a fourth path, `base`: GatewayLoad from another build's
#                                         # target/ (its classes/ and test-classes/), in the same rounds, on the same
#                                         # cores as qnative (each JVM idle while the other is measured)
# Builds the test classes when missing; installs wrk, nginx and h2load (Debian packages) when missing. Loopback only;
# stops everything it started, on Ctrl-C too. About 4 minutes with the defaults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=bench/gateway-lib.sh
source bench/gateway-lib.sh
rounds="${ROUNDS:-3}"
run="${RUN:-10s}"
secs="${run%s}"
connections="${CONNECTIONS:-64}"
host=hello.ns.example.com

need_tools wrk nginx h2load:nghttp2-client
ensure_test_classes io/qnative/gateway/GatewayLoad.class
base="${BASE:-}"
if [ -n "$base" ]; then
  [ -d "$base/classes" ] && [ -d "$base/test-classes" ] || { echo "bench: $base has no classes/ and test-classes/" >&2; exit 1; }
  paths="direct nginx qnative base"
fi

work=$(mktemp -d)
be_port=$(free_port); ngx_port=$(free_port)
backend_pid=""; nginx_pid=""; gw_pid=""; base_pid=""
cleanup() {
  trap '' INT TERM
  kill_tree "$load_pid" "$gw_pid" "$base_pid" "$nginx_pid" "$backend_pid"
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

backend_nginx_conf "$work/backend" "$be_port"
mkdir -p "$work/proxy/logs"
cat > "$work/proxy/nginx.conf" <<CONF
worker_processes $(proxy_cpu_count);
daemon off;
pid $work/proxy/nginx.pid;
error_log $work/proxy/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;  # as qnative: a client's keep-alive connection is not closed after 1,000 requests
  keepalive_timeout 300s;
  upstream backend { server 127.0.0.1:$be_port; keepalive 128; keepalive_requests 100000000; }
  server {
    listen 127.0.0.1:$ngx_port;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
CONF
# ( on_… CMD ) & : the subshell execs CMD, so $! is the command's own pid
( on_load_cpus nginx -p "$work/backend" -c "$work/backend/nginx.conf" ) & backend_pid=$!
( on_proxy_cpus nginx -p "$work/proxy" -c "$work/proxy/nginx.conf" ) & nginx_pid=$!
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
( on_proxy_cpus java ${JAVA_OPTS:-} -Xlog:gc:file="$work/gc.log" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.qnative.gateway.GatewayLoad "$be_port" > "$work/gw.out" 2>&1 ) & gw_pid=$!
base_port=""
if [ -n "$base" ]; then
  # shellcheck disable=SC2086
  ( on_proxy_cpus java ${JAVA_OPTS:-} -cp "$base/test-classes:$base/classes:$(cat target/test-classpath.txt)" \
    io.qnative.gateway.GatewayLoad "$be_port" > "$work/base.out" 2>&1 ) & base_pid=$!
fi
for _ in $(seq 1 600); do grep -q '^port ' "$work/gw.out" 2> /dev/null && break; sleep 0.1; done
gw_port=$(awk '/^port / {print $2}' "$work/gw.out")
[ -n "$gw_port" ] || { cat "$work/gw.out" >&2; echo "bench: GatewayLoad did not start" >&2; exit 1; }
if [ -n "$base" ]; then
  for _ in $(seq 1 600); do grep -q '^port ' "$work/base.out" 2> /dev/null && break; sleep 0.1; done
  base_port=$(awk '/^port / {print $2}' "$work/base.out")
  [ -n "$base_port" ] || { cat "$work/base.out" >&2; echo "bench: GatewayLoad (base) did not start" >&2; exit 1; }
fi
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ngx_port/" && break; sleep 0.1; done

url() { case $1 in direct) echo "http://127.0.0.1:$be_port/" ;; nginx) echo "http://127.0.0.1:$ngx_port/" ;;
  qnative) echo "http://127.0.0.1:$gw_port/" ;; base) echo "http://127.0.0.1:$base_port/" ;; esac; }
hosthdr() { case $1 in qnative | base) echo "$host" ;; esac; }
nginx_pids() { echo "$nginx_pid $(ps -o pid= --ppid "$nginx_pid" | tr '\n' ' ')"; }
proxy_pids() { case $1 in direct) ;; nginx) nginx_pids ;; qnative) echo "$gw_pid" ;; base) echo "$base_pid" ;; esac; }
# qnative's GC log lines and requests during its fixed-rate runs
: > "$work/gc-rate.log"
qreqs=0
gc_mark=0
after_half_run() {
  if [ "$1" = qnative ]; then
    tail -n +"$(( gc_mark + 1 ))" "$work/gc.log" >> "$work/gc-rate.log"
    qreqs=$(( qreqs + $2 ))
  fi
  gc_mark=$(wc -l < "$work/gc.log")
}

echo "bench: $(nproc) cores, $(placement); backend :$be_port, nginx :$ngx_port, qnative (GatewayLoad pid $gw_pid) :$gw_port${base:+, base ($base, pid $base_pid) :$base_port}; warming up" >&2
gw_warmup
gw_max_rounds
half="${HALF:-$(awk -v r="$(col max nginx 2)" 'BEGIN {printf "%.0f", r / 2}')}"
gc_mark=$(wc -l < "$work/gc.log")
gw_half_rounds "$half"

echo
echo "gateway (bench/gateway-inproc.sh): $(nproc) cores, $(placement); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
gw_table "$half"
python3 - "$work/gc-rate.log" "$qreqs" <<'PY'
import re, sys
pauses, freed = [], 0
for line in open(sys.argv[1]):
    m = re.search(r"Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms", line)
    if m:
        freed += int(m.group(1)) - int(m.group(2))
        pauses.append(float(m.group(3)))
reqs = int(sys.argv[2])
pauses.sort()
summary = "none" if not pauses else "%d, median %.1f ms, max %.1f ms" % (len(pauses), pauses[len(pauses) // 2], pauses[-1])
print("qnative during its fixed-rate runs: %d requests, young GC pauses %s, ~%.1f KB allocated per request"
      % (reqs, summary, freed * 1024.0 / reqs if reqs else 0))
PY
