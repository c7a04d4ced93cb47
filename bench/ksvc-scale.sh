#!/usr/bin/env bash
# Scale benchmark (issue 4): on the local cluster with the node agent, qnative's packaged binary gets N ksvcs
# (default 1000) at once; reports the time until all are Ready, the p50/p95 time-to-Ready of single ksvcs created
# while they exist, and qnative's RSS and CPU, against a baseline measured first in the same run (single ksvcs on
# an empty cluster, idle RSS). Runs on a cluster of its own, started from an empty state and purged afterwards
# ($QNATIVE_CLUSTER_DIR, default /tmp/qnative-bench-cluster; it takes the usual ports, so stop any other local
# cluster first). qnative runs with the Deployment's JVM settings (bench/lib.sh: JAVA_OPTS_APPEND, MALLOC_ARENA_MAX
# and the heap limit its memory limit gives), unless QNATIVE_E2E_JAVA_OPTS says otherwise. qnative's live heap by
# class goes to target/e2e/bench-histogram.txt. BENCH_JAR=path runs another build's quarkus-run.jar (in its
# quarkus-app directory, e.g. a copy of target/quarkus-app from before a change) with this tree's bench: the same-run
# baseline of a change is a run with BENCH_JAR then one without.
#   bench/ksvc-scale.sh [N] [SAMPLES]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=target/quarkus-app/quarkus-run.jar
cp_file=target/test-classpath.txt
if [[ ! -f "$jar" || ! -d target/test-classes ]] || [[ -n "$(find src pom.xml -newer "$jar" -type f -print -quit)" ]]; then
  ./mvnw -B -q package -DskipTests
fi
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" ]]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi
# shellcheck source=bench/lib.sh
source bench/lib.sh
QNATIVE_E2E_JAVA_OPTS="${QNATIVE_E2E_JAVA_OPTS:-$(shipped_java_opts) $(shipped_heap_limit)}"
export QNATIVE_E2E_JAVA_OPTS
# shellcheck disable=SC2046  # NAME=value words
[[ -z "$(shipped_env)" ]] || export $(shipped_env)
echo "bench: qnative's JVM options: $QNATIVE_E2E_JAVA_OPTS${MALLOC_ARENA_MAX:+ (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)}"
echo "bench: qnative's jar: ${BENCH_JAR:-$jar}; load average $(loadavg)"
export QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-bench-cluster}"
hack/cluster/down.sh --purge >/dev/null 2>&1 || true
trap 'hack/cluster/down.sh --purge >/dev/null 2>&1 || true' EXIT
java -XX:+UseSerialGC -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.qnative.testing.bench.KsvcScaleBench "$@"
