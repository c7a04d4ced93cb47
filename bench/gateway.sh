#!/usr/bin/env bash
# Gateway benchmark (issue 10): one backend, three paths to it, on this machine in one run.
#   direct   load -> the pod (the sample ksvc's stand-in on its loopback pod IP:8080, served by the node agent)
#   nginx    load -> nginx as a reverse proxy (upstream keepalive, one worker per core the proxy may use) -> the pod
#   qnative  load -> qnative's cluster-local listener, Host: hello.default.svc.cluster.local -> the same pod
# qnative is the packaged binary started by hack/run.sh (its own cluster, node agent and the sample ksvc `hello`),
# on free ports. The rounds are gateway-inproc.sh's (bench/gateway-lib.sh): after a warm-up (qnative WARMUP, 30 s),
# ROUNDS (3) interleaved rounds of max requests/s (wrk -c64, RUN 10 s, with the proxy's CPU per request and its
# core use) and ROUNDS at HALF of nginx's median max (h2load open loop, p50/p99/p99.9, saturation flagged), each line
# with the load average; the table of medians and the goal lines. Then:
#   - qnative's RSS before the warm-up, while OPEN (2000) connections are busy (wrk, 20 s) and 10 s after;
#   - scale from zero (bench/gateway-cold.py): a second ksvc `cold` (the same stand-in, stable window 6 s, created at
#     the start; config-autoscaler's scale-to-zero-grace-period set to 6 s for the run and put back after) goes to
#     zero pods; COLD (5) times, one request through the gateway once it has: the total, and the added latency, the
#     total minus the pod's own readiness (pod created, from the API server's watch, -> its port accepting), p50.
# PIN=1 (bench/lib.sh): qnative's JVM (told -XX:ActiveProcessorCount=1) and the proxy nginx on the last core, the
# load generators and the node agent (whose JVM serves the stand-in pods) on the other(s).
#   bench/gateway.sh                 # ROUNDS=3 RUN=10s WARMUP=30s CONNECTIONS=64 OPEN=2000 COLD=5
#   PIN=1 bench/gateway.sh
#   ONLY=cold bench/gateway.sh       # the scale-from-zero samples alone (no nginx, no rounds, no RSS): ~3 minutes
#   BENCH_JAR=/path/quarkus-app/quarkus-run.jar bench/gateway.sh   # another build (hack/run.sh's QNATIVE_JAR), e.g.
#                                    # a same-run baseline; QNATIVE_KEEP_CLUSTER=1 keeps the cluster between runs
# The cluster: $QNATIVE_CLUSTER_DIR (default /tmp/qnative-bench-gateway) with the cluster's QNATIVE_*_PORT settings
# (hack/cluster/README.md); qnative's own ports and the registry's are free ones unless QNATIVE_MANAGEMENT_PORT,
# QNATIVE_WEBHOOK_PORT, QNATIVE_GATEWAY_*_PORT, QNATIVE_REGISTRY_PORT are set. Installs wrk, nginx and h2load (Debian
# packages) when missing. Loopback only; stops everything it started (hack/run.sh stops the cluster it started), on
# Ctrl-C too. About 8 minutes with the defaults once Kubernetes is built.
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
open="${OPEN:-2000}"
export QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-bench-gateway}"
kubectl="$QNATIVE_CLUSTER_DIR/bin/kubectl --kubeconfig $QNATIVE_CLUSTER_DIR/kubeconfig"
host=hello.default.svc.cluster.local

only="${ONLY:-}"
[ "$only" = cold ] || need_tools wrk nginx h2load:nghttp2-client

for v in QNATIVE_MANAGEMENT_PORT QNATIVE_WEBHOOK_PORT QNATIVE_GATEWAY_HTTP_PORT QNATIVE_GATEWAY_HTTPS_PORT \
    QNATIVE_GATEWAY_LOCAL_PORT QNATIVE_GATEWAY_LOCAL_HTTPS_PORT QNATIVE_REGISTRY_PORT; do
  [ -n "${!v:-}" ] || export "$v=$(free_port)"
done
gw=$QNATIVE_GATEWAY_LOCAL_PORT
ngx=$(free_port)
work=$(mktemp -d)
run_pid=""; nginx_pid=""; trickle_pid=""; load_pid=""; grace=""
cleanup() {
  trap '' INT TERM
  kill_tree "$load_pid" "$nginx_pid" "$trickle_pid"
  if [ -n "$grace" ]; then  # config-autoscaler as it was
    $kubectl -n knative-serving patch configmap config-autoscaler --type merge \
      -p "{\"data\":{\"scale-to-zero-grace-period\":$grace}}" > /dev/null 2>&1 || true
  fi
  # hack/run.sh stops qnative, the node agent and the cluster it started on SIGTERM
  if [ -n "$run_pid" ]; then kill -TERM "$run_pid" 2> /dev/null || true; wait "$run_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_qnative() {
  echo "bench: starting qnative with hack/run.sh (cluster in $QNATIVE_CLUSTER_DIR, log $work/run.log)" >&2
  # shellcheck disable=SC2030,SC2031
  ( pinned && export QNATIVE_JAVA_OPTS="${QNATIVE_JAVA_OPTS:-} -XX:ActiveProcessorCount=1"
    [ -z "${BENCH_JAR:-}" ] || export QNATIVE_JAR="$BENCH_JAR"
    exec hack/run.sh ) > "$work/run.log" 2>&1 &
  run_pid=$!
}
start_qnative
starts=1
for _ in $(seq 1 1800); do
  if ! kill -0 "$run_pid" 2> /dev/null; then
    tail -30 "$work/run.log" >&2
    # the node agent can exit at start when it takes over the nodes of an earlier run (a conflict writing the Node):
    # once more
    [ "$starts" -lt 2 ] || { echo "bench: hack/run.sh exited" >&2; exit 1; }
    echo "bench: hack/run.sh exited; starting it again" >&2
    starts=2; start_qnative
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$gw/" || true)
  [ "$code" = 200 ] && break
  # hack/run.sh skips the sample when its CRD check fails (an API server slow to answer): apply it then
  if [ "$code" = 404 ] && ! $kubectl -n default get ksvc hello > /dev/null 2>&1; then
    $kubectl apply -f kubernetes/samples/helloworld.yaml > /dev/null 2>&1 || true
  fi
  sleep 1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$gw/")" = 200 ] \
  || { echo "bench: $host not served through the gateway after 30 min; log $work/run.log" >&2; exit 1; }
qpid=$(ss -ltnpH "sport = :$gw" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)

# the ksvc the scale-from-zero samples use: the same stand-in, a 6 s stable window, and a 6 s grace period (Knative's
# minimum window; the grace period is config-autoscaler's), so it is at zero again ~15 s after each request
grace=$($kubectl -n knative-serving get configmap config-autoscaler -o json | jq -c '.data["scale-to-zero-grace-period"]')
$kubectl -n knative-serving patch configmap config-autoscaler --type merge \
  -p '{"data":{"scale-to-zero-grace-period":"6s"}}' > /dev/null
sed -e 's/name: hello$/name: cold/' -e 's/^  template:$/  template:\n    metadata:\n      annotations:\n        autoscaling.knative.dev\/window: "6s"/' \
  kubernetes/samples/helloworld.yaml | $kubectl apply -f - > /dev/null

if [ "$only" != cold ]; then
# the Ready pod that is not going away (a cluster kept from an earlier run may still list its old pod)
pod_ip=$($kubectl -n default get pods -l serving.knative.dev/revision=hello-00001 -o json | jq -r '[.items[]
  | select(.metadata.deletionTimestamp == null and .status.podIP != null)
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))][0].status.podIP')
backend="http://$pod_ip:8080/"
# the node agent: the JVM that listens on the pod's address
agent_pid=$(ss -ltnpH "sport = :8080" | grep -F "$pod_ip" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
if pinned; then
  taskset -a -p -c "$(proxy_cpus)" "$qpid" > /dev/null
  taskset -a -p -c "$(load_cpus)" "$agent_pid" > /dev/null
fi
echo "bench: backend $backend (node agent pid $agent_pid), qnative pid $qpid on 127.0.0.1:$gw, nginx on 127.0.0.1:$ngx; $(placement)" >&2

# The autoscaler only sees requests that cross the gateway: while direct and nginx are measured, a trickle through
# qnative (2 req/s) keeps the revision from being scaled to zero under the backend being measured.
( while :; do curl -s -o /dev/null -H "Host: $host" "http://127.0.0.1:$gw/" || true; sleep 0.5; done ) &
trickle_pid=$!

mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes $(proxy_cpu_count);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;  # as qnative: a client's keep-alive connection is not closed after 1,000 requests
  keepalive_timeout 300s;
  upstream backend { server $pod_ip:8080; keepalive 128; keepalive_requests 100000000; }
  server {
    listen 127.0.0.1:$ngx;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
CONF
( on_proxy_cpus nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" ) & nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ngx/" && break; sleep 0.1; done

url() { case $1 in direct) echo "$backend" ;; nginx) echo "http://127.0.0.1:$ngx/" ;; qnative) echo "http://127.0.0.1:$gw/" ;; esac; }
hosthdr() { [ "$1" = qnative ] && echo "$host" || true; }
proxy_pids() { case $1 in direct) ;; nginx) echo "$nginx_pid $(ps -o pid= --ppid "$nginx_pid" | tr '\n' ' ')" ;; qnative) echo "$qpid" ;; esac; }
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

rss_before=$(rss "$qpid")
gw_warmup
gw_max_rounds
half="${HALF:-$(awk -v r="$(col max nginx 2)" 'BEGIN {printf "%.0f", r / 2}')}"
gw_half_rounds "$half"

# RSS with OPEN connections held open (wrk keeps each connection busy; sampled every 0.5 s, the max is reported)
rss_open=0
( on_load_cpus wrk -t"$(load_cpu_count)" -c"$open" -d20s -H "Host: $host" "http://127.0.0.1:$gw/" > "$work/open.txt" 2>&1 ) &
load_pid=$!
while kill -0 "$load_pid" 2> /dev/null; do
  r=$(rss "$qpid"); [ "$r" -gt "$rss_open" ] && rss_open=$r
  sleep 0.5
done
wait "$load_pid" || true; load_pid=""
conns=$(awk '/requests in/ {print $0}' "$work/open.txt")
sleep 10
rss_after=$(rss "$qpid")
kill_tree "$trickle_pid"; trickle_pid=""
fi

python3 bench/gateway-cold.py "$QNATIVE_CLUSTER_DIR/kubeconfig" "$gw" cold.default.svc.cluster.local default \
  cold-00001 "${COLD:-5}" 120 > "$work/cold.txt" 2>&1 & load_pid=$!
wait "$load_pid" || true; load_pid=""
sed 's/^/cold   /' "$work/cold.txt"

echo
echo "gateway (bench/gateway.sh${only:+, ONLY=$only}): qnative ${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$only" != cold ]; then
echo "gateway (bench/gateway.sh): $(nproc) cores, $(placement); load average at the end $(cut -d' ' -f1-3 /proc/loadavg); backend: the stand-in helloworld pod"
gw_table "$half"
echo "qnative RSS: before ${rss_before} MiB (idle, before the warm-up), with $open connections ${rss_open} MiB ($conns), 10 s after ${rss_after} MiB"
fi
cold=$(sed -n 's/^scale from zero, medians of [0-9]*: total \([0-9]*\) ms; added \([0-9]*\) ms.*/\1 \2/p' "$work/cold.txt")
if [ -n "$cold" ]; then
  read -r total added <<< "$cold"
  echo "goal scale-from-zero added p50 (<= 50 ms): ${added} ms (total ${total} ms) -> $(awk -v a="$added" 'BEGIN {print (a <= 50) ? "met" : "missed"}')"
else
  echo "goal scale-from-zero added p50 (<= 50 ms): NOT MEASURED ($(tail -1 "$work/cold.txt"))"
fi
