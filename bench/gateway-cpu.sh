#!/usr/bin/env bash
# CPU and allocation per proxied request of two builds of the in-process gateway, side by side in one run (issue 10):
#   BASE=/path/to/other/target bench/gateway-cpu.sh
# BASE is a copy of another build's target/ (its classes/ and test-classes/, e.g. `cp -r target /tmp/gw-base` on the
# commit before a change, after `./mvnw -B -q test-compile`); the other build is this worktree's target/ (or THIS).
# Both run io.qnative.gateway.GatewayLoad (the gateway's real listeners, routing, throttler and proxy in one JVM; this
# build's GatewayLoad class for both, so both answer its `stats` line) in front of one nginx backend answering 200.
# After a closed-loop warm-up of each (WARMUP, 60s), ROUNDS (5) rounds alternate the builds (base, this, base, ...):
# each round sends RATE (8,000) req/s for RUN (10s) with hey (64 rate-capped workers) and takes, from the process
# itself, its CPU time (user + system, every thread: event loops, GC, JIT), its event loops' CPU time alone (the JIT's
# compiler threads can still be busy minutes after the warm-up on a loaded machine) and the bytes its threads
# allocated, divided by the requests answered 200. A fixed rate makes both builds do the same work per second; a
# burst of load from other processes hits both alike because the rounds alternate. Then MAX_ROUNDS (3) alternating
# closed-loop runs (wrk -t2 -c64) give each build's max req/s and its CPU and allocation per request when saturated.
# JAVA_OPTS applies to both JVMs (default: the JVM's own settings, as gateway-inproc.sh; the Deployment's:
# JAVA_OPTS="$(. bench/lib.sh; shipped_java_opts)"); BASE_JAVA_OPTS and THIS_JAVA_OPTS are added to one JVM only
# (to compare settings on one build: BASE and THIS the same directory).
# Installs wrk, nginx and hey (Debian packages) when missing. Loopback only; stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
base="${BASE:?set BASE to the target directory of the build to compare with}"
rounds="${ROUNDS:-5}"
max_rounds="${MAX_ROUNDS:-3}"
run="${RUN:-10s}"
rate="${RATE:-8000}"
workers=64
host=hello.ns.example.com
[ -d "$base/classes" ] && [ -d "$base/test-classes" ] || { echo "bench: $base has no classes/ and test-classes/" >&2; exit 1; }

need_tools wrk nginx hey
ensure_test_classes io/qnative/gateway/GatewayLoad.class

work=$(mktemp -d)
be_port=$(free_port)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/backend/logs" "$work/load/io/qnative/gateway"
backend_nginx_conf "$work/backend" "$be_port"
nginx -p "$work/backend" -c "$work/backend/nginx.conf" & pids+=($!)
cp target/test-classes/io/qnative/gateway/GatewayLoad*.class "$work/load/io/qnative/gateway/"

declare -A port fd
start() { # start NAME TARGET_DIR
  mkfifo "$work/$1.in"
  local opts="${1^^}_JAVA_OPTS"
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  java ${JAVA_OPTS:-} ${!opts:-} -cp "$work/load:$2/test-classes:$2/classes:$(cat target/test-classpath.txt)" \
    io.qnative.gateway.GatewayLoad "$be_port" < "$work/$1.in" > "$work/$1.out" 2>&1 & pids+=($!)
  exec {f}> "$work/$1.in"
  fd[$1]=$f
  for _ in $(seq 1 600); do grep -q '^port ' "$work/$1.out" 2> /dev/null && break; sleep 0.1; done
  port[$1]=$(awk '/^port / {print $2}' "$work/$1.out")
  [ -n "${port[$1]}" ] || { cat "$work/$1.out" >&2; echo "bench: GatewayLoad ($1) did not start" >&2; exit 1; }
}
# per REQUESTS AMOUNT UNIT: AMOUNT / REQUESTS / UNIT with two decimals
per() { awk -v n="$1" -v a="$2" -v u="$3" 'BEGIN {printf "%.2f", n ? a / n / u : 0}'; }
# stats NAME: "cpu-ns allocated-bytes event-loop-cpu-ns" of that JVM now
stats() {
  local n
  n=$(grep -c '^stats ' "$work/$1.out" || true)
  echo stats >&"${fd[$1]}"
  for _ in $(seq 1 200); do [ "$(grep -c '^stats ' "$work/$1.out" || true)" -gt "$n" ] && break; sleep 0.05; done
  grep '^stats ' "$work/$1.out" | tail -1 | cut -d' ' -f2-
}
start base "$base"
start this "${THIS:-target}"
echo "bench: backend :$be_port, base :${port[base]}, this :${port[this]}; JAVA_OPTS='${JAVA_OPTS:-}'; warming up" >&2
for b in base this; do
  wrk -t2 -c64 -d"${WARMUP:-60s}" -H "Host: $host" "http://127.0.0.1:${port[$b]}/" > /dev/null
done

per_worker=$(awk -v r="$rate" -v w="$workers" 'BEGIN {printf "%.0f", r/w}')
: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  for b in base this; do
    la=$(loadavg)
    read -r cpu0 alloc0 loop0 <<< "$(stats $b)"
    out=$(hey -z "$run" -c "$workers" -q "$per_worker" -host "$host" "http://127.0.0.1:${port[$b]}/")
    read -r cpu1 alloc1 loop1 <<< "$(stats $b)"
    ok=$(awk '/Status code distribution/ {on=1; next} on && /\[200\]/ {print $2; exit}' <<< "$out")
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
    other=$(awk '/Status code distribution/ {on=1; next} on && /\[[0-9]+\]/ && !/\[200\]/ {n+=$2} END {print n+0}' <<< "$out")
    us=$(per "${ok:-0}" $(( cpu1 - cpu0 )) 1000)
    lus=$(per "${ok:-0}" $(( loop1 - loop0 )) 1000)
    kb=$(per "${ok:-0}" $(( alloc1 - alloc0 )) 1024)
    echo "$b $us $kb $rps $lus" >> "$work/rounds.txt"
    short=$(awk -v a="$rps" -v h="$rate" 'BEGIN {if (a < 0.95 * h) print "  BELOW THE RATE"}')
    printf 'round %d %-4s load %5s  %6s req/s  CPU/req %7s µs (event loops %7s µs)  %6s KB/req  non-200 %s%s\n' \
      "$r" "$b" "$la" "$rps" "$us" "$lus" "$kb" "$other" "$short"
  done
done
: > "$work/max.txt"
for r in $(seq 1 "$max_rounds"); do
  for b in base this; do
    la=$(loadavg)
    read -r cpu0 alloc0 loop0 <<< "$(stats $b)"
    out=$(wrk -t2 -c64 -d"$run" -H "Host: $host" "http://127.0.0.1:${port[$b]}/")
    read -r cpu1 alloc1 loop1 <<< "$(stats $b)"
    m=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
    n=$(awk '/requests in/ {print $1}' <<< "$out")
    us=$(per "${n:-0}" $(( cpu1 - cpu0 )) 1000)
    lus=$(per "${n:-0}" $(( loop1 - loop0 )) 1000)
    kb=$(per "${n:-0}" $(( alloc1 - alloc0 )) 1024)
    echo "$b $m $us $kb $lus" >> "$work/max.txt"
    printf 'max   %d %-4s load %5s  %6s req/s (wrk -t2 -c64)  CPU/req %7s µs (event loops %7s µs)  %6s KB/req\n' \
      "$r" "$b" "$la" "$m" "$us" "$lus" "$kb"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "gateway CPU per request (bench/gateway-cpu.sh): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$rate req/s for $run, $rounds rounds alternating, medians; JAVA_OPTS='${JAVA_OPTS:-}'"
echo "build | CPU/req at the rate (event loops) | KB/req | max req/s | CPU/req at max (event loops)"
for b in base this; do
  col() { awk -v b=$b -v c="$2" '$1==b {print $c}' "$work/$1.txt" | median; }
  echo "$b | $(col rounds 2) µs ($(col rounds 5) µs) | $(col rounds 3) | $(col max 2) | $(col max 3) µs ($(col max 5) µs)"
done
