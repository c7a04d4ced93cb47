#!/usr/bin/env bash
# Admission webhook latency and CPU (issues 5 and 13), one run, each load with a ksvc CREATE review and, as the
# same-run baseline, a DELETE review, which the webhook answers without decoding or validating (the difference is
# the cost of the rules):
#   closed loop  200 concurrent clients for 30 s (wrk), p50/p99 and errors (issue 5's figure, kept for comparison:
#                at 200 in flight on 2 cores, Little's law puts p99 far above 5 ms whatever the webhook does)
#   open loop    a fixed rate of 1,000 reviews/s for 30 s (h2load from nghttp2-client, HTTP/1.1 over TLS,
#                CLIENTS (10) keep-alive connections, as the API server keeps its connections to a webhook, each
#                sending RATE/CLIENTS requests/s with --rps); p50/p99/p99.9 from h2load's per-request log, errors
#                and the achieved rate, flagged when below 95% of RATE (saturated: the latency is then queueing).
#                (hey with 100 rate-capped workers was used first: its own client-side TLS on the same 2 cores
#                put p50 at 16 ms while a single connection saw 0.6 ms; h2load's C client does not.)
# For every run, the CPU qnative's process used (utime+stime from /proc/PID/stat) divided by the reviews answered:
# the CPU per review, background work (informers, KPA ticks, GC) included, so compare CREATE with DELETE; and the
# CPU qnative uses per second with no review (IDLE, 10 s, after the warm-up), the background's share.
# Goals: p99 <= 5 ms at 1,000 reviews/s, zero errors; CPU per review of the CREATE review half of issue 13's ~90 us.
# Needs the fast-jar (make build) and a cluster in $KUBECONFIG (make cluster-up): the webhook's certificate lives
# in a Secret. Installs wrk and h2load (Debian packages wrk, nghttp2-client) when missing. qnative's ports: QNATIVE_BENCH_WEBHOOK_PORT
# (9443), QNATIVE_BENCH_MGMT_PORT (9000), QNATIVE_GATEWAY_*_PORT (8080, 8443, 8081, 8444).
#   KUBECONFIG=/tmp/qnative-cluster/kubeconfig bench/webhook.sh
#   RATE=1000 CLIENTS=10 DURATION=30s WARMUP=20s CONNECTIONS=200 QNATIVE_BENCH_JAVA_OPTS="..." bench/webhook.sh
# BENCH_JAR=path runs another build's quarkus-run.jar (e.g. a copy of target/quarkus-app from before a change), to
# compare builds run after run on the same cluster.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
jar="${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "bench: $jar missing: make build first" >&2; exit 1; }
: "${KUBECONFIG:?bench: set KUBECONFIG to a running cluster (make cluster-up prints it)}"
connections="${CONNECTIONS:-200}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-20s}"
rate="${RATE:-1000}"
clients="${CLIENTS:-10}"
port="${QNATIVE_BENCH_WEBHOOK_PORT:-9443}"
mgmt="${QNATIVE_BENCH_MGMT_PORT:-9000}"
need_tools wrk h2load:nghttp2-client
kubectl="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-cluster}/bin/kubectl"
command -v "$kubectl" > /dev/null || kubectl=kubectl
# the namespace, CRDs and config maps, so qnative's informers sync (and do not retry lists during the runs)
"$kubectl" apply -f kubernetes/000-namespace.yaml > /dev/null
for f in kubernetes/100-crd-*.yaml kubernetes/200-config-*.yaml; do "$kubectl" apply -f "$f" > /dev/null; done

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
review() { # review OPERATION: bench/ksvc-review.json, an AdmissionReview of ksvc "hello" as the API server sends it
  # after defaulting (io.qnative.webhook.AdmissionCost reads the same file), with its operation set
  sed "s/\"OPERATION\"/\"$1\"/" bench/ksvc-review.json
}
review CREATE | tr -d '\n' > "$work/create.json"
review DELETE | tr -d '\n' > "$work/delete.json"
for op in create delete; do
  cat > "$work/$op.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/$op.json", "r"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
done

# shellcheck disable=SC2086
java ${QNATIVE_BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -Dquarkus.profile=local -Dqnative.webhook.port="$port" \
  -Dquarkus.management.port="$mgmt" -Dqnative.gateway.external-http-port="${QNATIVE_GATEWAY_HTTP_PORT:-8080}" \
  -Dqnative.gateway.external-https-port="${QNATIVE_GATEWAY_HTTPS_PORT:-8443}" \
  -Dqnative.gateway.internal-http-port="${QNATIVE_GATEWAY_LOCAL_PORT:-8081}" \
  -Dqnative.gateway.internal-https-port="${QNATIVE_GATEWAY_LOCAL_HTTPS_PORT:-8444}" -jar "$jar" > "$work/qnative.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt/q/health/ready")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/qnative.log" >&2; exit 1; }
  sleep 0.1
done
answer=$(curl -sk -X POST -H 'Content-Type: application/json' --data-binary @"$work/create.json" \
  "https://127.0.0.1:$port/resource-validation")
echo "$answer" | grep -q '"allowed":true' || { echo "bench: the ksvc review was not allowed: $answer" >&2; exit 1; }
url="https://127.0.0.1:$port/resource-validation"
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime + stime of qnative, in clock ticks
us_per() { awk -v t="$1" -v n="$2" -v hz="$ticks" 'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}'; }
# closed_loop REVIEW: wrk, CONNECTIONS clients
closed_loop() {
  local before out n
  before=$(cpu)
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/$1.lua" "$url" | grep RESULT)
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$out")
  echo "${out/RESULT /} cpu_us_per_review=$(us_per $(( $(cpu) - before )) "$n")"
}
# h2load_review REVIEW LOGFILE ARGS...: the webhook named localhost (TLS SNI; it does not check the name)
h2load_review() {
  local r=$1 log=$2; shift 2
  h2load --h1 "$@" --log-file="$log" -H 'Content-Type: application/json' -d "$work/$r.json" \
    "https://localhost:$port/resource-validation"
}
# open_loop REVIEW: h2load, RATE reviews/s over CLIENTS connections; latencies from its per-request log (microseconds
# in the third column)
open_loop() {
  local before out bad n rps p50 p99 p999 non2xx
  before=$(cpu)
  out=$(h2load_review "$1" "$work/$1.h2.log" -c "$clients" --rps="$per_client" -D "${duration%s}")
  # requests h2load gave up on (failed, errored, timed out) are errors
  bad=$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3/p' <<< "$out" \
    | awk '{print $1 + $2 + $3}')
  read -r n rps p50 p99 p999 non2xx <<< "$(h2load_latencies "$work/$1.h2.log" "${duration%s}")"
  echo "requests=$n rate=$rps/s non2xx=$non2xx errors=${bad:-0} p50_ms=$p50 p99_ms=$p99 p999_ms=$p999" \
    "cpu_us_per_review=$(us_per $(( $(cpu) - before )) "$n")$(awk -v r="$rps" -v t="$rate" \
    'BEGIN {if (r < 0.95 * t) printf " BELOW THE RATE (saturated)"}')"
}
per_client=$(awk -v r="$rate" -v c="$clients" 'BEGIN {printf "%.0f", r / c}')

# warm-up (both reviews, both loads), then the measured runs
echo "bench: qnative pid $pid, warming up ($warmup)" >&2
wrk -t2 -c"$connections" -d"$warmup" -s "$work/create.lua" "$url" > /dev/null
wrk -t2 -c"$connections" -d5s -s "$work/delete.lua" "$url" > /dev/null
h2load_review create "$work/warmup.h2.log" -c "$clients" --rps="$per_client" -D "${warmup%s}" > /dev/null
# qnative's own background (informers, KPA ticks, leases) with no review: per review at RATE it is this / RATE
idle_before=$(cpu)
sleep "${IDLE:-10}"
idle_ms=$(awk -v t="$(( $(cpu) - idle_before ))" -v hz="$ticks" -v s="${IDLE:-10}" 'BEGIN {printf "%.1f", t * 1000 / hz / s}')
la_closed=$(loadavg)
closed_base=$(closed_loop delete)
closed_ksvc=$(closed_loop create)
la_open=$(loadavg)
open_base=$(open_loop delete)
open_ksvc=$(open_loop create)
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<< "$1"; }
echo "webhook (bench/webhook.sh, $jar): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
echo "idle (no review, ${IDLE:-10}s): qnative used $idle_ms ms of CPU per second; RSS at the end $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status")"
echo "closed loop, $connections clients, $duration (load $la_closed):"
echo "  baseline (DELETE review, no rules) $closed_base"
echo "  ksvc CREATE validation             $closed_ksvc"
echo "open loop, $rate reviews/s ($clients connections x $per_client/s, h2load), $duration (load $la_open):"
echo "  baseline (DELETE review, no rules) $open_base"
echo "  ksvc CREATE validation             $open_ksvc"
awk -v a="$(field "$open_ksvc" p99_ms)" -v c="$(field "$open_ksvc" cpu_us_per_review)" \
  -v b="$(field "$open_base" cpu_us_per_review)" -v e="$(field "$open_ksvc" errors)" -v x="$(field "$open_ksvc" non2xx)" \
  'BEGIN { printf "at %s reviews/s: ksvc p99 %.3f ms (goal <= 5 ms: %s), errors %d; CPU per review %.1f us, baseline %.1f us, the rules %.1f us\n",
    "'"$rate"'", a, (a <= 5 && e + x == 0 ? "met" : "missed"), e + x, c, b, c - b }'
