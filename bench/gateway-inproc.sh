#!/usr/bin/env bash
# Gateway latency at a fixed rate without a cluster (issue 10's "+p99 at half of nginx's max rate"), one run:
#   backend  nginx answering 200 "hello" itself (one worker), the same for every path
#   direct   load -> backend
#   nginx    load -> nginx as a reverse proxy (upstream keepalive) -> backend
#   qnative  load -> io.qnative.gateway.GatewayLoad (the gateway's real listeners, routing, throttler and proxy in one
#            JVM, test sources) -> backend
# First the max rate of each (wrk, closed loop), then the three at HALF of nginx's max rate, open-loop style: hey
# with rate-capped workers (-q per worker, 64 workers so a worker waiting on a slow answer does not lower the rate).
# The fixed-rate runs are interleaved over ROUNDS rounds (direct, nginx, qnative, direct, ...) so a burst of load
# from other processes on this machine hits every path alike; each round's load average and achieved rate are
# printed, and the table reports the median p50/p99 over the rounds. The qnative JVM logs its GC pauses; those
# inside its fixed-rate runs are reported, with the bytes it allocates per request (young-GC freed / requests).
#   bench/gateway-inproc.sh               # ROUNDS=3 RUN=10s WARMUP=30s CONNECTIONS=64
#   JAVA_OPTS="-XX:+UseSerialGC" bench/gateway-inproc.sh
# Builds the test classes when missing; installs wrk, nginx and hey (Debian packages) when missing. Loopback only;
# stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
rounds="${ROUNDS:-3}"
run="${RUN:-10s}"
connections="${CONNECTIONS:-64}"
workers=64
host=hello.ns.example.com

need_tools wrk nginx hey
ensure_test_classes io/qnative/gateway/GatewayLoad.class

work=$(mktemp -d)
be_port=$(free_port); ngx_port=$(free_port)
backend_pid=""; nginx_pid=""; gw_pid=""
cleanup() {
  for p in "$gw_pid" "$nginx_pid" "$backend_pid"; do [ -n "$p" ] && kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

nginx_conf() { # nginx_conf NAME PORT LOCATION_BODY
  mkdir -p "$work/$1/logs"
  cat > "$work/$1/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/$1/nginx.pid;
error_log $work/$1/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$be_port; keepalive 128; }
  server { listen 127.0.0.1:$2; location / { $3 } }
}
CONF
}
nginx_conf backend "$be_port" 'return 200 "hello\n";'
nginx_conf proxy "$ngx_port" 'proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host;'
nginx -p "$work/backend" -c "$work/backend/nginx.conf" & backend_pid=$!
nginx -p "$work/proxy" -c "$work/proxy/nginx.conf" & nginx_pid=$!
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
java ${JAVA_OPTS:-} -Xlog:gc:file="$work/gc.log" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.qnative.gateway.GatewayLoad "$be_port" > "$work/gw.out" 2>&1 & gw_pid=$!
for _ in $(seq 1 600); do grep -q '^port ' "$work/gw.out" 2> /dev/null && break; sleep 0.1; done
gw_port=$(awk '/^port / {print $2}' "$work/gw.out")
[ -n "$gw_port" ] || { cat "$work/gw.out" >&2; echo "bench: GatewayLoad did not start" >&2; exit 1; }
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ngx_port/" && break; sleep 0.1; done

url() { case $1 in direct) echo "http://127.0.0.1:$be_port/" ;; nginx) echo "http://127.0.0.1:$ngx_port/" ;;
  qnative) echo "http://127.0.0.1:$gw_port/" ;; esac; }
hosthdr() { [ "$1" = qnative ] && echo "$host" || true; }

echo "bench: backend :$be_port, nginx :$ngx_port, qnative (GatewayLoad pid $gw_pid) :$gw_port; warming up" >&2
for t in direct nginx qnative; do
  h=$(hosthdr $t)
  wrk -t2 -c"$connections" -d"${WARMUP:-30s}" ${h:+-H "Host: $h"} "$(url $t)" > /dev/null
done
for t in direct nginx qnative; do
  h=$(hosthdr $t)
  out=$(wrk -t2 -c"$connections" -d"$run" ${h:+-H "Host: $h"} "$(url $t)")
  declare "max_$t=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")"
  echo "bench: max $t $(awk '/Requests\/sec/ {print $2}' <<< "$out") req/s (load $(loadavg))" >&2
done
half=$(( max_nginx / 2 ))
per_worker=$(awk -v r="$half" -v w="$workers" 'BEGIN {printf "%.0f", r/w}')

gc_mark() { wc -l < "$work/gc.log"; }
gc_since() { tail -n +"$(( $1 + 1 ))" "$work/gc.log"; }
: > "$work/gc-rate.log"
qreqs=0
for r in $(seq 1 "$rounds"); do
  for t in direct nginx qnative; do
    h=$(hosthdr $t); mark=$(gc_mark); la=$(loadavg)
    out=$(hey -z "$run" -c "$workers" -q "$per_worker" ${h:+-host "$h"} "$(url $t)")
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
    p50=$(awk '$1=="50%" && $2=="in" {printf "%.2f", $3*1000}' <<< "$out")
    p99=$(awk '$1=="99%" && $2=="in" {printf "%.2f", $3*1000}' <<< "$out")
    non200=$(awk '/Status code distribution/ {on=1; next} on && /\[[0-9]+\]/ {gsub(/[\[\]]/,"",$1); if ($1 != 200) n+=$2} END {print n+0}' <<< "$out")
    echo "$t $p50 $p99" >> "$work/rounds.txt"
    if [ "$t" = qnative ]; then
      gc_since "$mark" >> "$work/gc-rate.log"
      qreqs=$(( qreqs + $(awk '/Requests\/sec/ {r=$2} /Total:/ {t=$2} END {printf "%.0f", r*t}' <<< "$out") ))
    fi
    # a path that cannot keep the rate is saturated: its latency is then queueing, not the fixed-rate figure
    short=$(awk -v a="$rps" -v h="$half" 'BEGIN {if (a < 0.95 * h) print "  BELOW THE RATE (saturated)"}')
    printf 'round %d %-8s load %5s  %6s req/s  p50 %7s ms  p99 %7s ms  non-200 %s%s\n' "$r" "$t" "$la" "$rps" "$p50" \
      "$p99" "$non200" "$short"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "gateway at a fixed rate (bench/gateway-inproc.sh): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "half of nginx's max rate: $half req/s (hey, $workers workers at $per_worker req/s each), $rounds rounds of $run, medians"
printf '%-8s | %10s | %9s %9s | %10s\n' path "max req/s" "p50@half" "p99@half" "+p99@half"
d99=$(awk '$1=="direct" {print $3}' "$work/rounds.txt" | median)
for t in direct nginx qnative; do
  m="max_$t"
  p50=$(awk -v t=$t '$1==t {print $2}' "$work/rounds.txt" | median)
  p99=$(awk -v t=$t '$1==t {print $3}' "$work/rounds.txt" | median)
  printf '%-8s | %10s | %9s %9s | %10s\n' "$t" "${!m}" "$p50" "$p99" "$(awk -v a="$p99" -v b="$d99" 'BEGIN {printf "%+.2f ms", a-b}')"
done
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
echo "goal (issue 10): +p99@half <= 2 ms over direct"
