#!/usr/bin/env bash
# Gateway benchmark (issue 10): one backend, three paths to it, on this machine in one run.
#   direct   wrk -> the pod (the sample ksvc's stand-in on its loopback pod IP:8080)
#   nginx    wrk -> nginx as a reverse proxy (upstream keepalive) -> the same pod
#   qnative  wrk -> qnative's cluster-local listener, Host: hello.default.svc.cluster.local -> the same pod
# qnative is the packaged binary started by hack/run.sh (its own cluster, node agent and the sample ksvc `hello`),
# on free ports. Reports, as one table with ratios to direct and to nginx:
#   - max requests/s with p50/p99 (wrk, CONNECTIONS connections for DURATION);
#   - p50/p99 at half of nginx's max rate (hey -q, rate-capped workers; wrk in Debian has no -R) and the p99
#     each proxy adds over direct: ROUNDS (3) rounds of direct, nginx, qnative in turn, each run's load average
#     printed, medians in the table, so a burst of load from other processes hits every path alike;
#   - scale-from-zero latency when an autoscaler scales the revision to zero (else "n/a");
#   - qnative's RSS before, while OPEN (2000) connections are open, and after.
# Installs wrk, nginx and hey (Debian packages) when missing. Loopback only; stops everything it started.
#   bench/gateway.sh                # DURATION=15s CONNECTIONS=64 OPEN=2000 WARMUP=20s (per path, discarded) ROUNDS=3
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-64}"
open="${OPEN:-2000}"
export QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-bench-gateway}"
kubectl="$QNATIVE_CLUSTER_DIR/bin/kubectl --kubeconfig $QNATIVE_CLUSTER_DIR/kubeconfig"
host=hello.default.svc.cluster.local

need_tools wrk nginx hey

gw=$(free_port); gw_ext=$(free_port); mgmt=$(free_port); ngx=$(free_port)
work=$(mktemp -d)
run_pid=""; nginx_pid=""; trickle_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2> /dev/null || true
  [ -n "$trickle_pid" ] && kill "$trickle_pid" 2> /dev/null || true
  # hack/run.sh stops qnative, the node agent and the cluster it started on SIGTERM
  if [ -n "$run_pid" ]; then kill -TERM "$run_pid" 2> /dev/null || true; wait "$run_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: starting qnative with hack/run.sh (cluster in $QNATIVE_CLUSTER_DIR, log $work/run.log)" >&2
QNATIVE_WEBHOOK_PORT=$(free_port) QNATIVE_JAVA_OPTS="-Dquarkus.management.port=$mgmt \
-Dqnative.gateway.internal-http-port=$gw -Dqnative.gateway.external-http-port=$gw_ext \
-Dqnative.gateway.internal-https-port=$(free_port) -Dqnative.gateway.external-https-port=$(free_port)" \
  hack/run.sh > "$work/run.log" 2>&1 &
run_pid=$!
for _ in $(seq 1 1800); do
  kill -0 "$run_pid" 2> /dev/null || { tail -30 "$work/run.log" >&2; echo "bench: hack/run.sh exited" >&2; exit 1; }
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
# the Ready pod that is not going away (a cluster kept from an earlier run may still list its old pod)
pod_ip=$($kubectl -n default get pods -l serving.knative.dev/revision=hello-00001 -o json | jq -r '[.items[]
  | select(.metadata.deletionTimestamp == null and .status.podIP != null)
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))][0].status.podIP')
backend="http://$pod_ip:8080/"
echo "bench: backend $backend, qnative pid $qpid on 127.0.0.1:$gw, nginx on 127.0.0.1:$ngx" >&2

# The autoscaler only sees requests that cross the gateway: while direct and nginx are measured, a trickle through
# qnative (2 req/s) keeps the revision from being scaled to zero under the backend being measured.
( while :; do curl -s -o /dev/null -H "Host: $host" "http://127.0.0.1:$gw/" || true; sleep 0.5; done ) &
trickle_pid=$!

mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  upstream backend { server $pod_ip:8080; keepalive 128; }
  server {
    listen 127.0.0.1:$ngx;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ngx/" && break; sleep 0.1; done

rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
to_ms() { # wrk/hey latency ("1.23ms", "812.00us", "1.02s", or hey's seconds) -> ms
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v+0 }
    else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v*1000 }'; }
max_rate() { # max_rate URL [HOST] -> "rps p50ms p99ms"
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency ${2:+-H "Host: $2"} "$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<< "$out") $(to_ms "$(awk '$1=="50%" {print $2}' <<< "$out")") \
$(to_ms "$(awk '$1=="99%" {print $2}' <<< "$out")")"
}
at_rate() { # at_rate RPS URL [HOST] -> "p50ms p99ms achieved-rps" from hey at RPS (64 workers, each capped at RPS/64)
  local workers=64 out
  out=$(hey -z "$duration" -c "$workers" -q "$(awk -v r="$1" -v w="$workers" 'BEGIN {printf "%.0f", r/w}')" \
    ${3:+-host "$3"} "$2")
  echo "$(to_ms "$(awk '$1=="50%" && $2=="in" {print $3}' <<< "$out")") $(to_ms "$(awk '$1=="99%" && $2=="in" {print $3}' <<< "$out")") \
$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }

rss_before=$(rss "$qpid")
# warm-up, discarded: a JVM just started runs interpreted (measured cold, qnative's first 15 s ran at a tenth of its
# warm rate)
wrk -t2 -c"$connections" -d"${WARMUP:-20s}" "$backend" > /dev/null
wrk -t2 -c"$connections" -d"${WARMUP:-20s}" "http://127.0.0.1:$ngx/" > /dev/null
wrk -t2 -c"$connections" -d"${WARMUP:-20s}" -H "Host: $host" "http://127.0.0.1:$gw/" > /dev/null
for target in direct nginx qnative; do
  case $target in
    direct) read -r rps p50 p99 <<< "$(max_rate "$backend")" ;;
    nginx) read -r rps p50 p99 <<< "$(max_rate "http://127.0.0.1:$ngx/")" ;;
    qnative) read -r rps p50 p99 <<< "$(max_rate "http://127.0.0.1:$gw/" "$host")" ;;
  esac
  declare "rps_$target=$rps" "p50_$target=$p50" "p99_$target=$p99"
done
half=$(awk -v r="$rps_nginx" 'BEGIN {printf "%.0f", r/2}')
rounds="${ROUNDS:-3}"
: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  for target in direct nginx qnative; do
    la=$(cut -d' ' -f1 /proc/loadavg)
    case $target in
      direct) read -r a50 a99 arps <<< "$(at_rate "$half" "$backend")" ;;
      nginx) read -r a50 a99 arps <<< "$(at_rate "$half" "http://127.0.0.1:$ngx/")" ;;
      qnative) read -r a50 a99 arps <<< "$(at_rate "$half" "http://127.0.0.1:$gw/" "$host")" ;;
    esac
    echo "$target $a50 $a99" >> "$work/rounds.txt"
    printf 'bench: at %s req/s round %d %-8s load %5s achieved %6s req/s p50 %s ms p99 %s ms%s\n' "$half" "$r" "$target" \
      "$la" "$arps" "$a50" "$a99" \
      "$(awk -v a="$arps" -v h="$half" 'BEGIN {if (a < 0.95 * h) print " BELOW THE RATE (saturated)"}')" >&2
  done
done
for target in direct nginx qnative; do
  declare "h50_$target=$(awk -v t=$target '$1==t {print $2}' "$work/rounds.txt" | median)" \
    "h99_$target=$(awk -v t=$target '$1==t {print $3}' "$work/rounds.txt" | median)"
done

# RSS with OPEN connections held open (wrk keeps each connection busy; sampled every 0.5 s, the max is reported)
rss_open=0
wrk -t2 -c"$open" -d20s "http://127.0.0.1:$gw/" -H "Host: $host" > "$work/open.txt" 2>&1 &
wrk_pid=$!
while kill -0 "$wrk_pid" 2> /dev/null; do
  r=$(rss "$qpid"); [ "$r" -gt "$rss_open" ] && rss_open=$r
  sleep 0.5
done
wait "$wrk_pid" || true
conns=$(awk '/requests in/ {print $0}' "$work/open.txt")
sleep 10
rss_after=$(rss "$qpid")

kill "$trickle_pid" 2> /dev/null || true
trickle_pid=""

# Scale from zero needs an autoscaler that scales an idle revision to zero (the KPA); without one this is n/a.
cold="n/a (the revision was not scaled to zero within 120 s: no KPA in this build)"
if [ "$($kubectl -n default get deploy hello-00001-deployment -o jsonpath='{.spec.replicas}')" != 0 ]; then
  for _ in $(seq 1 120); do
    [ "$($kubectl -n default get deploy hello-00001-deployment -o jsonpath='{.spec.replicas}')" = 0 ] && break
    sleep 1
  done
fi
if [ "$($kubectl -n default get deploy hello-00001-deployment -o jsonpath='{.spec.replicas}')" = 0 ]; then
  $kubectl -n default wait --for=delete pod -l serving.knative.dev/revision=hello-00001 --timeout=120s > /dev/null || true
  total=$(curl -s -o /dev/null -w '%{time_total}' -H "Host: $host" "http://127.0.0.1:$gw/")
  ready=$($kubectl -n default get pods -l serving.knative.dev/revision=hello-00001 -o json | jq -r '.items[0] |
    ((.status.conditions[] | select(.type=="Ready") | .lastTransitionTime | fromdate)
     - (.metadata.creationTimestamp | fromdate))')
  cold="request $(awk -v t="$total" 'BEGIN {printf "%.0f", t*1000}') ms, of which the pod's create-to-Ready ${ready} s (1 s resolution)"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'; }
echo
echo "gateway benchmark: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -c$connections -d$duration; backend: stand-in helloworld pod"
printf '%-9s | %10s %8s %8s | %9s %9s | %9s %9s | %11s\n' path "max req/s" "p50 ms" "p99 ms" "x direct" "x nginx" \
  "p50@half" "p99@half" "+p99@half"
for t in direct nginx qnative; do
  rps="rps_$t"; p50="p50_$t"; p99="p99_$t"; h50="h50_$t"; h99="h99_$t"
  printf '%-9s | %10s %8s %8s | %9s %9s | %9s %9s | %11s\n' "$t" "${!rps}" "${!p50}" "${!p99}" \
    "$(ratio "${!rps}" "$rps_direct")" "$(ratio "${!rps}" "$rps_nginx")" "${!h50}" "${!h99}" \
    "$(awk -v a="${!h99}" -v b="$h99_direct" 'BEGIN {printf "%+.2f ms", a-b}')"
done
echo "half of nginx's max rate: $half req/s (hey, 64 rate-capped workers), medians of $rounds interleaved rounds (per-round lines above)"
echo "qnative RSS: before ${rss_before} MiB (idle, before the warm-up), with $open connections ${rss_open} MiB ($conns), 10 s after ${rss_after} MiB"
echo "scale from zero: $cold"
echo "goals (issue 10): qnative >= 0.9x nginx req/s; +p99@half <= 2 ms; scale-from-zero added p50 <= 50 ms"
