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
# Builds the test classes when missing; installs wrk, nginx and h2load (Debian packages) when missing. Loopback only;
# stops everything it started, on Ctrl-C too. About 4 minutes with the defaults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
rounds="${ROUNDS:-3}"
run="${RUN:-10s}"
secs="${run%s}"
connections="${CONNECTIONS:-64}"
host=hello.ns.example.com
ticks=$(getconf CLK_TCK)

need_tools wrk nginx h2load:nghttp2-client
ensure_test_classes io/qnative/gateway/GatewayLoad.class

work=$(mktemp -d)
be_port=$(free_port); ngx_port=$(free_port)
backend_pid=""; nginx_pid=""; gw_pid=""; load_pid=""
cleanup() {
  trap '' INT TERM
  kill_tree "$load_pid" "$gw_pid" "$nginx_pid" "$backend_pid"
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
  upstream backend { server 127.0.0.1:$be_port; keepalive 128; }
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
for _ in $(seq 1 600); do grep -q '^port ' "$work/gw.out" 2> /dev/null && break; sleep 0.1; done
gw_port=$(awk '/^port / {print $2}' "$work/gw.out")
[ -n "$gw_port" ] || { cat "$work/gw.out" >&2; echo "bench: GatewayLoad did not start" >&2; exit 1; }
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ngx_port/" && break; sleep 0.1; done
nginx_pids() { echo "$nginx_pid $(ps -o pid= --ppid "$nginx_pid" | tr '\n' ' ')"; }
proxy_pids() { case $1 in direct) ;; nginx) nginx_pids ;; qnative) echo "$gw_pid" ;; esac; }

url() { case $1 in direct) echo "http://127.0.0.1:$be_port/" ;; nginx) echo "http://127.0.0.1:$ngx_port/" ;;
  qnative) echo "http://127.0.0.1:$gw_port/" ;; esac; }
hosthdr() { [ "$1" = qnative ] && echo "$host" || true; }
# wrk_run SECONDS TARGET [wrk args...]: in the background (so Ctrl-C stops it at once), on the load cores
wrk_run() {
  local d=$1 t=$2 h; shift 2
  h=$(hosthdr "$t")
  ( on_load_cpus wrk -t"$(load_cpu_count)" -c"$connections" -d"${d}s" "$@" ${h:+-H "Host: $h"} "$(url "$t")" \
    > "$work/wrk.out" 2>&1 ) & load_pid=$!
  wait "$load_pid"; load_pid=""
  cat "$work/wrk.out"
}
# us_per TICKS REQUESTS -> CPU microseconds per request; share TICKS SECONDS CORES -> percent of those cores
us_per() { awk -v t="$1" -v n="$2" -v hz="$ticks" 'BEGIN {if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-"}'; }
share() { awk -v t="$1" -v s="$2" -v c="$3" -v hz="$ticks" 'BEGIN {printf "%.0f", t * 100 / hz / s / c}'; }

echo "bench: $(nproc) cores, PIN=${PIN:-0}$(pinned && echo " (proxy on core $(proxy_cpus), load and backend on $(load_cpus))"); backend :$be_port, nginx :$ngx_port ($(proxy_cpu_count) worker(s)), qnative (GatewayLoad pid $gw_pid) :$gw_port; warming up" >&2
wrk_run "$(w=${WARMUP:-30s}; echo "${w%s}")" qnative > /dev/null
wrk_run 5 nginx > /dev/null
wrk_run 5 direct > /dev/null

: > "$work/max.txt"
for r in $(seq 1 "$rounds"); do
  for t in direct nginx qnative; do
    la=$(loadavg)
    # shellcheck disable=SC2046  # the pids are words
    c0=$(cpu_ticks $(proxy_pids $t))
    out=$(wrk_run "$secs" "$t")
    # shellcheck disable=SC2046
    c1=$(cpu_ticks $(proxy_pids $t))
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
    n=$(awk '/requests in/ {print $1}' <<< "$out")
    if [ "$t" = direct ]; then us=-; pct=-; else us=$(us_per $(( c1 - c0 )) "$n"); pct=$(share $(( c1 - c0 )) "$secs" "$(proxy_cpu_count)"); fi
    echo "$t $rps $us $pct" >> "$work/max.txt"
    printf 'max    round %d %-8s load %5s  %7s req/s  proxy CPU %5s us/req, %3s%% of its %d core(s)\n' "$r" "$t" "$la" \
      "$rps" "$us" "$pct" "$(proxy_cpu_count)"
  done
done
col() { awk -v t="$2" -v c="$3" '$1==t {print $c}' "$work/$1.txt" | median; }
half="${HALF:-$(awk -v r="$(col max nginx 2)" 'BEGIN {printf "%.0f", r / 2}')}"

gc_mark() { wc -l < "$work/gc.log"; }
: > "$work/gc-rate.log"; : > "$work/rate.txt"
qreqs=0
for r in $(seq 1 "$rounds"); do
  for t in direct nginx qnative; do
    mark=$(gc_mark); la=$(loadavg)
    # shellcheck disable=SC2046
    c0=$(cpu_ticks $(proxy_pids $t))
    h2load_open "$work/h2.log" "$half" "$secs" "$(url $t)" "$(hosthdr $t)" > "$work/h2.out" & load_pid=$!
    wait "$load_pid"; load_pid=""
    read -r rps p50 p99 p999 bad < "$work/h2.out"
    # shellcheck disable=SC2046
    c1=$(cpu_ticks $(proxy_pids $t))
    n=$(wc -l < "$work/h2.log")
    if [ "$t" = direct ]; then us=-; else us=$(us_per $(( c1 - c0 )) "$n"); fi
    sat=$(awk -v a="$rps" -v h="$half" 'BEGIN {print (a < 0.95 * h) ? 1 : 0}')
    echo "$t $p50 $p99 $p999 $sat $us" >> "$work/rate.txt"
    if [ "$t" = qnative ]; then
      tail -n +"$(( mark + 1 ))" "$work/gc.log" >> "$work/gc-rate.log"
      qreqs=$(( qreqs + n ))
    fi
    printf 'half   round %d %-8s load %5s  %7s req/s  p50 %6s  p99 %6s  p99.9 %6s ms  proxy CPU %5s us/req  failed %s%s\n' \
      "$r" "$t" "$la" "$rps" "$p50" "$p99" "$p999" "$us" "$bad" "$([ "$sat" = 1 ] && echo "  SATURATED (below 95% of $half req/s)")"
  done
done

echo
echo "gateway (bench/gateway-inproc.sh): $(nproc) cores, PIN=${PIN:-0}$(pinned && echo " (proxy on core $(proxy_cpus), load generator and backend on $(load_cpus))"), nginx $(proxy_cpu_count) worker(s); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "max: wrk -t$(load_cpu_count) -c$connections; half: h2load at $half req/s; $rounds interleaved rounds of $run, medians"
printf '%-8s | %9s %7s %10s | %8s %8s %8s %10s %10s | %6s\n' path "max req/s" "x nginx" "proxy us/req" "p50@half" "p99@half" "p99.9" "+p99@half" "proxy us/req" "satur."
d99=$(col rate direct 3)
for t in direct nginx qnative; do
  printf '%-8s | %9s %7s %10s | %8s %8s %8s %10s %10s | %3s/%-2s\n' "$t" "$(col max $t 2)" \
    "$(awk -v a="$(col max $t 2)" -v b="$(col max nginx 2)" 'BEGIN {printf "%.2f", a / b}')" "$(col max $t 3)" \
    "$(col rate $t 2)" "$(col rate $t 3)" "$(col rate $t 4)" \
    "$(awk -v a="$(col rate $t 3)" -v b="$d99" 'BEGIN {printf "%+.2f ms", a - b}')" "$(col rate $t 6)" \
    "$(awk -v t=$t '$1==t {s+=$5} END {print s+0}' "$work/rate.txt")" "$rounds"
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
ratio=$(awk -v a="$(col max qnative 2)" -v b="$(col max nginx 2)" 'BEGIN {printf "%.2f", a / b}')
qsat=$(awk '$1=="qnative" || $1=="direct" {s+=$5} END {print s+0}' "$work/rate.txt")
added=$(awk -v a="$(col rate qnative 3)" -v b="$d99" 'BEGIN {printf "%.2f", a - b}')
echo "goal max req/s (qnative >= 0.9x nginx): ${ratio}x -> $(awk -v r="$ratio" 'BEGIN {print (r >= 0.9) ? "met" : "missed"}')" \
  "(proxy core use at max: nginx $(col max nginx 4)%, qnative $(col max qnative 4)%)"
echo "goal +p99 at half of nginx's max (<= 2 ms): qnative ${added} ms -> $(if [ "$qsat" -gt 0 ]; then
  echo "NOT MEASURED (direct or qnative saturated in $qsat run(s))"; else awk -v a="$added" 'BEGIN {print (a <= 2) ? "met" : "missed"}'; fi)"
