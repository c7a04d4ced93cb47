#!/usr/bin/env bash
# Node agent vs real node (issue 14), same run: both clusters up at once (the node agent's: hack/cluster with
# qnative as a local process; the real node's: hack/node with kubelet + containerd and qnative installed
# in-cluster), then SAMPLES (default 20) ksvcs each, alternated, created → Ready, and the real node's kubelet
# start → Node Ready. Needs root (the real node). Each cluster is started from an empty state and purged after:
#   agent:     $QNATIVE_CLUSTER_DIR (default /tmp/qnative-bench-compare) and the usual QNATIVE_*_PORT settings
#   real node: $QNATIVE_NODE_CLUSTER_DIR (default /tmp/qnative-bench-compare-node) and QNATIVE_NODE_*
#              (as RealNodeE2E: ports, QNATIVE_NODE_SERVICE_CIDR, _POD_CIDR, QNATIVE_NODE_BRIDGE, _KUBELET_PORT)
# Result in target/e2e/node-compare.txt.
#   bench/node-compare.sh [SAMPLES]
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
export QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-bench-compare}"
export QNATIVE_NODE_CLUSTER_DIR="${QNATIVE_NODE_CLUSTER_DIR:-/tmp/qnative-bench-compare-node}"
hack/cluster/down.sh --purge >/dev/null 2>&1 || true
trap 'hack/cluster/down.sh --purge >/dev/null 2>&1 || true' EXIT
java -XX:+UseSerialGC -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.qnative.testing.realnode.NodeCompareBench "$@"
