#!/usr/bin/env bash
# Startup benchmark: time from `java -jar` to /q/health/ready = 200, the CPU time the process used until then,
# and RSS and thread count 5 s after ready
# (after 3 scrapes of /q/metrics), for the fast-jar against the cluster in $KUBECONFIG (make cluster-up; the
# install's namespace, config maps and RBAC applied). Each JVM flag set is measured RUNS times (default 3), always
# together with the baseline (JVM defaults) and the flags the Deployment ships (JAVA_OPTS_APPEND in
# kubernetes/400-deployment.yaml, with its env) in the same run, so the figures compare. A flag set may start
# with environment assignments (NAME=value) for the JVM process, e.g. MALLOC_ARENA_MAX=2; BENCH_JAR=path runs
# another build's quarkus-run.jar with that flag set (e.g. a copy of target/quarkus-app made before a change),
# BENCH_JAVA=path another java (e.g. the image's jlinked runtime; BENCH_JAVA in the environment sets the default).
# java runs from the jar's directory, where the Deployment's -XX:SharedArchiveFile=app-cds.jsa finds the archive
# (make build dumps it; a jar without one runs without it, silently slower).
#   bench/startup.sh "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" "MALLOC_ARENA_MAX=2 -XX:+UseSerialGC"
#   bench/startup.sh "BENCH_JAR=/tmp/before/quarkus-run.jar $(. bench/lib.sh; shipped_env) $(. bench/lib.sh; shipped_java_opts)"
# qnative's ports: QNATIVE_BENCH_MGMT_PORT (9000), QNATIVE_WEBHOOK_PORT (9443), QNATIVE_GATEWAY_HTTP_PORT (8080),
# QNATIVE_GATEWAY_HTTPS_PORT (8443), QNATIVE_GATEWAY_LOCAL_PORT (8081), QNATIVE_GATEWAY_LOCAL_HTTPS_PORT (8444).
# The last run's log, with qnative's startup timeline (bench/README.md), is /tmp/qnative-bench-startup.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${RUNS:-3}"
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "bench: $jar missing: make build first" >&2; exit 1; }
: "${KUBECONFIG:?bench: set KUBECONFIG to a running cluster (make cluster-up prints it)}"
KUBECONFIG="$(realpath "$KUBECONFIG")"; export KUBECONFIG  # java runs from the jar's directory
port="${QNATIVE_BENCH_MGMT_PORT:-9000}"
ports=(-Dquarkus.management.port="$port" -Dqnative.webhook.port="${QNATIVE_WEBHOOK_PORT:-9443}"
  -Dqnative.gateway.external-http-port="${QNATIVE_GATEWAY_HTTP_PORT:-8080}"
  -Dqnative.gateway.external-https-port="${QNATIVE_GATEWAY_HTTPS_PORT:-8443}"
  -Dqnative.gateway.internal-http-port="${QNATIVE_GATEWAY_LOCAL_PORT:-8081}"
  -Dqnative.gateway.internal-https-port="${QNATIVE_GATEWAY_LOCAL_HTTPS_PORT:-8444}")

# shellcheck source=bench/lib.sh
source bench/lib.sh
shipped() { echo "$(shipped_env) $(shipped_java_opts)" | sed 's/^ //'; }

measure() {
  local flags="$1" start end pid rss threads ms cpu envs=() jvm=() run_jar="$jar" run_java="${BENCH_JAVA:-java}"
  for w in $flags; do
    if [[ ${#jvm[@]} -eq 0 && "$w" == BENCH_JAR=* ]]; then run_jar="${w#BENCH_JAR=}"
    elif [[ ${#jvm[@]} -eq 0 && "$w" == BENCH_JAVA=* ]]; then run_java="${w#BENCH_JAVA=}"
    elif [[ ${#jvm[@]} -eq 0 && "$w" =~ ^[A-Z_][A-Z0-9_]*= ]]; then envs+=("$w"); else jvm+=("$w"); fi
  done
  [ -f "$run_jar" ] || { echo "bench: $run_jar missing" >&2; exit 1; }
  if [[ " ${jvm[*]-} " == *" -XX:SharedArchiveFile=app-cds.jsa "* && ! -s "$(dirname "$run_jar")/app-cds.jsa" ]]; then
    echo "bench: WARNING: no app-cds.jsa next to $run_jar (make build or hack/appcds.sh dumps it): this JVM runs without it" >&2
  fi
  start=$(date +%s%N)
  (cd "$(dirname "$run_jar")" && exec env ${envs[@]+"${envs[@]}"} "$run_java" ${jvm[@]+"${jvm[@]}"} "${ports[@]}" \
    -jar "$(basename "$run_jar")") > /tmp/qnative-bench-startup.log 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: qnative exited; log: /tmp/qnative-bench-startup.log" >&2; return 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  # CPU the process used until ready (user + system, clock ticks): unlike the wall time, it barely depends on
  # what else the machine's cores run
  cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 5
  for _ in 1 2 3; do curl -s "http://127.0.0.1:$port/q/metrics" > /dev/null; done
  rss=$(ps -o rss= -p "$pid")
  threads=$(awk '/^Threads:/{print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  echo "$ms $((rss / 1024)) $threads $((cpu * 1000 / $(getconf CLK_TCK)))"
}

report() {
  local label="$1" flags="$2" times=() rsss=() thr=() cpus=() line out
  for _ in $(seq 1 "$runs"); do
    # a run whose qnative exited (e.g. a port of the ephemeral range taken by some client for a moment) is redone
    out=""
    for _ in 1 2 3; do out=$(measure "$flags") && break; done
    [ -n "$out" ] || { echo "bench: qnative failed three times with: $flags" >&2; exit 1; }
    read -r -a line <<< "$out"; times+=("${line[0]}"); rsss+=("${line[1]}"); thr+=("${line[2]}")
    cpus+=("${line[3]}")
  done
  med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  printf '%-60s ready median %5s ms (%s)  CPU to ready median %5s ms (%s)  RSS median %4s MiB (%s)  threads %s\n' \
    "$label" "$(med "${times[@]}")" "${times[*]}" "$(med "${cpus[@]}")" "${cpus[*]}" "$(med "${rsss[@]}")" \
    "${rsss[*]}" "$(med "${thr[@]}")"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
report "baseline: JVM defaults" ""
report "shipped: $(shipped)" "$(shipped)"
for flags in "$@"; do report "$flags" "$flags"; done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
