#!/usr/bin/env bash
# Admission webhook latency (issue 5): 200 concurrent clients for 30 s POST an AdmissionReview of a typical ksvc
# CREATE to https://127.0.0.1:9443/resource-validation; wrk reports p50/p99 and errors. In the same run, the
# baseline: the same load with a DELETE review, which the webhook answers without decoding or validating, so the
# ratio is the cost of the rules. Goal: p99 <= 5 ms, zero errors.
# Needs the fast-jar (make build) and a cluster in $KUBECONFIG (make cluster-up): the webhook's certificate lives
# in a Secret. Installs wrk (Debian package) when missing.
#   KUBECONFIG=/tmp/qnative-cluster/kubeconfig bench/webhook.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "bench: $jar missing: make build first" >&2; exit 1; }
: "${KUBECONFIG:?bench: set KUBECONFIG to a running cluster (make cluster-up prints it)}"
connections="${CONNECTIONS:-200}"
duration="${DURATION:-30s}"
port="${QNATIVE_BENCH_WEBHOOK_PORT:-9443}"
mgmt="${QNATIVE_BENCH_MGMT_PORT:-9000}"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
kubectl="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-cluster}/bin/kubectl"
command -v "$kubectl" > /dev/null || kubectl=kubectl
"$kubectl" apply -f kubernetes/000-namespace.yaml > /dev/null

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
review() { # review OPERATION: an AdmissionReview of ksvc "hello" as the API server sends it after defaulting
  cat <<JSON
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"3f6d1c8e-0000-4000-8000-000000000001",
"kind":{"group":"serving.knative.dev","version":"v1","kind":"Service"},
"resource":{"group":"serving.knative.dev","version":"v1","resource":"services"},"namespace":"default","name":"hello",
"operation":"$1","userInfo":{"username":"alice"},"dryRun":false,
"object":{"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"hello","namespace":"default",
"annotations":{"serving.knative.dev/creator":"alice","serving.knative.dev/lastModifier":"alice"}},
"spec":{"template":{"metadata":{"annotations":{"autoscaling.knative.dev/min-scale":"1","autoscaling.knative.dev/max-scale":"10",
"autoscaling.knative.dev/target":"100"}},"spec":{"containerConcurrency":0,"timeoutSeconds":300,"enableServiceLinks":false,
"containers":[{"name":"user-container","image":"gcr.io/knative-samples/helloworld-go","env":[{"name":"TARGET","value":"World"}],
"ports":[{"containerPort":8080}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"512Mi"}},
"readinessProbe":{"tcpSocket":{"port":0},"successThreshold":1}}]}},
"traffic":[{"latestRevision":true,"percent":100}]}}}}
JSON
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
  -Dquarkus.management.port="$mgmt" -jar "$jar" > "$work/qnative.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt/q/health/ready")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/qnative.log" >&2; exit 1; }
  sleep 0.1
done
answer=$(curl -sk -X POST -H 'Content-Type: application/json' --data-binary @"$work/create.json" \
  "https://127.0.0.1:$port/resource-validation")
echo "$answer" | grep -q '"allowed":true' || { echo "bench: the ksvc review was not allowed: $answer" >&2; exit 1; }
# warm-up, then the measured runs
wrk -t2 -c"$connections" -d10s -s "$work/create.lua" "https://127.0.0.1:$port/resource-validation" > /dev/null
run() { wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/$1.lua" "https://127.0.0.1:$port/resource-validation" \
  | grep RESULT | sed "s/^RESULT/$1:/"; }
base=$(run delete)
ksvc=$(run create)
echo "baseline (DELETE review, no rules) $base"
echo "ksvc CREATE validation             $ksvc"
p99() { sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<< "$1"; }
awk -v a="$(p99 "$ksvc")" -v b="$(p99 "$base")" 'BEGIN { printf "p99 ratio ksvc/baseline: %.2f; goal p99 <= 5 ms: %s\n", a / b, (a <= 5 ? "met" : "missed") }'
