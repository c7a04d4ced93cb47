#!/usr/bin/env bash
# Startup benchmark: time from `java -jar` to /q/health/ready = 200, and RSS 5 s after ready (after 3 scrapes
# of /q/metrics), for the fast-jar against the cluster in $KUBECONFIG (make cluster-up; the install's
# namespace, config maps and RBAC applied). Each JVM flag set given as an argument is measured RUNS times
# (default 3), always together with the baseline (JVM defaults) in the same run, so the figures compare.
#   bench/startup.sh "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${RUNS:-3}"
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "bench: $jar missing: make build first" >&2; exit 1; }
: "${KUBECONFIG:?bench: set KUBECONFIG to a running cluster (make cluster-up prints it)}"
port="${QNATIVE_BENCH_MGMT_PORT:-9000}"

measure() {
  local flags="$1" start end pid rss ms
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $flags -Dquarkus.management.port="$port" -jar "$jar" > /tmp/qnative-bench-startup.log 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: qnative exited; log: /tmp/qnative-bench-startup.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  sleep 5
  for _ in 1 2 3; do curl -s "http://127.0.0.1:$port/q/metrics" > /dev/null; done
  rss=$(ps -o rss= -p "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  echo "$ms $((rss / 1024))"
}

report() {
  local label="$1" flags="$2" times=() rsss=() line
  for _ in $(seq 1 "$runs"); do
    line=$(measure "$flags"); times+=("${line% *}"); rsss+=("${line#* }")
  done
  med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  printf '%-60s ready median %5s ms (%s)  RSS median %4s MiB (%s)\n' "$label" "$(med "${times[@]}")" \
    "${times[*]}" "$(med "${rsss[@]}")" "${rsss[*]}"
}

report "baseline: JVM defaults" ""
for flags in "$@"; do report "$flags" "$flags"; done
