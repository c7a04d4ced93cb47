#!/usr/bin/env bash
# shellcheck disable=SC2317  # stop_pid and cleanup run from traps
# `make run`: qnative against the local Kubernetes cluster, in the foreground.
#
#   1. builds what is missing (target/quarkus-app/quarkus-run.jar and its application CDS archive app-cds.jsa for
#      this machine's java, hack/appcds.sh; test classes, the test classpath);
#   2. starts the cluster (hack/cluster/up.sh; the first time on a machine it builds Kubernetes, ~8 min) and its
#      image registry on 127.0.0.1:$QNATIVE_REGISTRY_PORT (default 5000; hack/registry/up.sh: Debian's
#      docker-registry, config and storage under $QNATIVE_CLUSTER_DIR/registry) with the stand-in samples
#      published in it as knative-samples/helloworld-go and knative-samples/autoscale-go;
#   3. applies kubernetes/*.yaml in name order except 400-deployment.yaml (qnative runs here as a local
#      process); webhook configurations are rewritten to call https://127.0.0.1:$QNATIVE_WEBHOOK_PORT by URL;
#   4. starts the node agent (a JVM from the test classes) that "runs" pods on loopback addresses;
#   5. starts qnative with -Dquarkus.profile=local, authenticated as the `controller` ServiceAccount of
#      knative-serving (a token kubeconfig), so the install's RBAC is what gets exercised;
#   6. applies kubernetes/samples/helloworld.yaml (ksvc hello, gcr.io/knative-samples/helloworld-go, run as written:
#      the local config skips tag resolution for gcr.io) and a second sample, ksvc hello-registry, naming
#      127.0.0.1:$QNATIVE_REGISTRY_PORT/knative-samples/helloworld-go, which qnative resolves to the registry's digest;
#   7. tails qnative's and the node agent's logs until Ctrl-C / SIGTERM, then stops qnative, the node
#      agent, the registry and the cluster (the last two unless they were already running before, or
#      QNATIVE_KEEP_CLUSTER=1).
#
# Ports (environment): QNATIVE_REGISTRY_PORT (5000), QNATIVE_WEBHOOK_PORT (9443), QNATIVE_MANAGEMENT_PORT (9000),
# QNATIVE_GATEWAY_HTTP_PORT (8080), QNATIVE_GATEWAY_HTTPS_PORT (8443), QNATIVE_GATEWAY_LOCAL_PORT (8081, the
# cluster-local listener), QNATIVE_GATEWAY_LOCAL_HTTPS_PORT (8444); the cluster's own: hack/cluster/README.md.
#
# Logs: $QNATIVE_CLUSTER_DIR/logs/{qnative,node-agent}.log (default /tmp/qnative-cluster/logs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-cluster}"
CLUSTER_DIR="$(realpath -m "${QNATIVE_CLUSTER_DIR%/}")"  # absolute: qnative runs from the jar's directory
LOGS="$CLUSTER_DIR/logs"
KUBECTL="$CLUSTER_DIR/bin/kubectl"
ADMIN_KUBECONFIG="$CLUSTER_DIR/kubeconfig"
SA_KUBECONFIG="$CLUSTER_DIR/qnative-controller.kubeconfig"
SYSTEM_NAMESPACE=knative-serving
WEBHOOK_PORT="${QNATIVE_WEBHOOK_PORT:-9443}"
MANAGEMENT_PORT="${QNATIVE_MANAGEMENT_PORT:-9000}"
GATEWAY_HTTP_PORT="${QNATIVE_GATEWAY_HTTP_PORT:-8080}"
GATEWAY_HTTPS_PORT="${QNATIVE_GATEWAY_HTTPS_PORT:-8443}"
GATEWAY_LOCAL_PORT="${QNATIVE_GATEWAY_LOCAL_PORT:-8081}"
GATEWAY_LOCAL_HTTPS_PORT="${QNATIVE_GATEWAY_LOCAL_HTTPS_PORT:-8444}"
export QNATIVE_REGISTRY_PORT="${QNATIVE_REGISTRY_PORT:-5000}"
# QNATIVE_JAR: another build's quarkus-run.jar (e.g. bench/gateway.sh's BENCH_JAR, a same-run baseline): run as it is,
# with the archive beside it, never rebuilt
JAR="${QNATIVE_JAR:-target/quarkus-app/quarkus-run.jar}"
CLASSPATH_FILE=target/test-classpath.txt

log() { echo "run: $*" >&2; }
die() { echo "run: ERROR: $*" >&2; exit 1; }

QNATIVE_PID=""
AGENT_PID=""
TAIL_PID=""
STARTED_CLUSTER=0
STARTED_REGISTRY=0
REGISTRY=""
CLEANED=0

stop_pid() { # stop_pid PID NAME: SIGTERM, up to 20 s, then SIGKILL
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$name still running after 20 s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  [[ $CLEANED -eq 1 ]] && return
  CLEANED=1
  trap '' INT TERM
  stop_pid "$QNATIVE_PID" qnative
  stop_pid "$AGENT_PID" "node agent"
  if [[ -n "$TAIL_PID" ]]; then kill "$TAIL_PID" 2>/dev/null || true; fi
  # the webhooks point at this qnative by URL: with failurePolicy Fail they would block every later ksvc and
  # config-map write to this cluster (its state outlives the processes) until qnative runs again
  if [[ -n "$QNATIVE_PID" && -x "$KUBECTL" ]]; then
    "$KUBECTL" --kubeconfig "$ADMIN_KUBECONFIG" --request-timeout=5s delete --ignore-not-found \
      mutatingwebhookconfiguration/webhook.serving.knative.dev \
      validatingwebhookconfiguration/validation.webhook.serving.knative.dev \
      validatingwebhookconfiguration/config.webhook.serving.knative.dev >/dev/null 2>&1 \
      && log "removed the admission webhook configurations (qnative no longer answers them)" || true
  fi
  if [[ "${QNATIVE_KEEP_CLUSTER:-0}" == 1 ]]; then
    log "QNATIVE_KEEP_CLUSTER=1: the cluster and its registry keep running (hack/cluster/down.sh stops both)"
  else
    if [[ $STARTED_REGISTRY -eq 1 ]]; then
      hack/registry/down.sh || true
    elif [[ -n "$REGISTRY" ]]; then
      log "the registry on $REGISTRY was running before make run: left running (hack/registry/down.sh stops it)"
    fi
    if [[ $STARTED_CLUSTER -eq 1 ]]; then
      hack/cluster/down.sh || true
    else
      log "the cluster was running before make run: left running (hack/cluster/down.sh stops it)"
    fi
  fi
  log "logs: $LOGS/qnative.log, $LOGS/node-agent.log"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. build ----------------------------------------------------------------------------------
newer_sources() { [[ -n "$(find src pom.xml -newer "$1" -type f -print -quit 2>/dev/null)" ]]; }
if [[ -z "${QNATIVE_JAR:-}" ]] && { [[ ! -f "$JAR" || ! -d target/test-classes ]] || newer_sources "$JAR"; }; then
  log "building (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
# the application CDS archive for this machine's java (hack/appcds.sh, as `make build` dumps it); without it qnative
# starts all the same, only slower
APPCDS="$(dirname "$JAR")/app-cds.jsa"
if [[ -z "${QNATIVE_JAR:-}" ]] && [[ ! -s "$APPCDS" || "$JAR" -nt "$APPCDS" ]]; then
  log "dumping the application CDS archive (hack/appcds.sh)"
  hack/appcds.sh || log "WARNING: no $APPCDS (hack/appcds.sh failed): qnative starts without it"
fi
if [[ ! -s "$CLASSPATH_FILE" || pom.xml -nt "$CLASSPATH_FILE" ]]; then
  log "resolving the test classpath for the node agent"
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test
fi

# --- 2. cluster ----------------------------------------------------------------------------------
if [[ -x "$KUBECTL" && -f "$ADMIN_KUBECONFIG" ]] && "$KUBECTL" --kubeconfig "$ADMIN_KUBECONFIG" \
    --request-timeout=3s get --raw /readyz >/dev/null 2>&1; then
  log "the cluster in $CLUSTER_DIR is already running"
else
  STARTED_CLUSTER=1
  log "starting the cluster (hack/cluster/up.sh; the first time on a machine this builds Kubernetes, ~8 min)"
fi
hack/cluster/up.sh >/dev/null
k() { "$KUBECTL" --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }

# the cluster's registry; one already running from this cluster dir is kept (on its own port)
if [[ -z "$(source hack/registry/lib.sh && registry_pid)" ]]; then STARTED_REGISTRY=1; fi
REGISTRY="$(hack/registry/up.sh)" || die "the registry did not start (hack/registry/up.sh; log $CLUSTER_DIR/registry/registry.log)"

# --- 3. install (everything but the Deployment) -------------------------------------------------
# Webhook configurations call qnative by URL: there is no qnative pod behind the webhook Service.
WEBHOOK_BY_URL='def fix: if (.kind == "MutatingWebhookConfiguration" or .kind == "ValidatingWebhookConfiguration")
  then .webhooks |= map(.clientConfig |= ({url: ("https://127.0.0.1:'"$WEBHOOK_PORT"'" + (.service.path // "/"))}
       + (if .caBundle then {caBundle: .caBundle} else {} end))) else . end;
  if .kind == "List" then .items |= map(fix) else fix end'
# kubectl 1.20's `wait --for condition=...` fails at once ("accessor error: <nil>") on a CRD whose status has no
# conditions yet, which is how a just-created CRD looks: retry until established, 60 s in all.
wait_established() {
  local f="$1" out="" deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    if out="$(k wait --for condition=established --timeout=5s -f "$f" 2>&1)"; then return 0; fi
    sleep 0.5
  done
  die "the CRDs of $f are not established after 60 s: $out"
}
# The local cluster reaches no public registry: images of these registries (the stand-in samples'
# gcr.io/knative-samples/..., examples') run as written instead of being resolved to digests. Local config only;
# kubernetes/200-config-deployment.yaml keeps Knative's default. Patched right after that file is applied: once the
# webhook configurations are in, a config write needs a qnative answering them.
LOCAL_SKIPPING="kind.local,ko.local,dev.local,gcr.io,ghcr.io,index.docker.io,registry.example"
for f in $(find kubernetes -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort); do
  [[ "$(basename "$f")" == 400-deployment.yaml ]] && continue
  log "applying $f"
  if grep -qE '^kind: *(Mutating|Validating)WebhookConfiguration' "$f"; then
    k apply --dry-run=client -o json -f "$f" | jq "$WEBHOOK_BY_URL" | k apply -f - >/dev/null
  else
    k apply -f "$f" >/dev/null
  fi
  if grep -qE '^kind: *CustomResourceDefinition' "$f"; then
    wait_established "$f"
  fi
  if [[ "$(basename "$f")" == 200-config-deployment.yaml ]]; then
    k -n "$SYSTEM_NAMESPACE" patch configmap config-deployment --type merge \
      -p '{"data":{"registries-skipping-tag-resolving":"'"$LOCAL_SKIPPING"'"}}' >/dev/null
  fi
done


# --- 4. a kubeconfig for the controller ServiceAccount (1.20 mints its token Secret) -------------
log "waiting for the token of ServiceAccount $SYSTEM_NAMESPACE/controller"
SECRET=""
for _ in $(seq 1 120); do
  SECRET="$(k -n "$SYSTEM_NAMESPACE" get serviceaccount controller -o jsonpath='{.secrets[0].name}' 2>/dev/null || true)"
  [[ -n "$SECRET" ]] && break
  sleep 0.5
done
[[ -n "$SECRET" ]] || die "ServiceAccount $SYSTEM_NAMESPACE/controller has no token Secret (is kubernetes/300-serviceaccount.yaml there? $LOGS/kube-controller-manager.log)"
TOKEN="$(k -n "$SYSTEM_NAMESPACE" get secret "$SECRET" -o jsonpath='{.data.token}' | base64 -d)"
CA_DATA="$(k -n "$SYSTEM_NAMESPACE" get secret "$SECRET" -o jsonpath='{.data.ca\.crt}')"
SERVER="$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
umask 077
cat >"$SA_KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: qnative-local
  cluster:
    server: $SERVER
    certificate-authority-data: $CA_DATA
users:
- name: system:serviceaccount:$SYSTEM_NAMESPACE:controller
  user:
    token: $TOKEN
contexts:
- name: qnative-controller
  context:
    cluster: qnative-local
    namespace: $SYSTEM_NAMESPACE
    user: system:serviceaccount:$SYSTEM_NAMESPACE:controller
current-context: qnative-controller
EOF
umask 022

# --- 5. node agent and qnative -------------------------------------------------------------------
# qnative's fixed local ports: a taken one would only show as "qnative exited during start" after the JVM starts.
for port in "$MANAGEMENT_PORT" "$WEBHOOK_PORT" "$GATEWAY_HTTP_PORT" "$GATEWAY_HTTPS_PORT" "$GATEWAY_LOCAL_PORT" \
    "$GATEWAY_LOCAL_HTTPS_PORT"; do
  if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    die "port $port on this machine is taken (ss -ltnp 'sport = :$port'); is another make run up? (QNATIVE_WEBHOOK_PORT, QNATIVE_MANAGEMENT_PORT and QNATIVE_GATEWAY_*_PORT move qnative's ports)"
  fi
done
mkdir -p "$LOGS"
: >"$LOGS/node-agent.log"
: >"$LOGS/qnative.log"
log "starting the node agent (log: $LOGS/node-agent.log)"
java -XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(cat "$CLASSPATH_FILE")" io.qnative.testing.nodeagent.NodeAgentMain \
  --kubeconfig "$ADMIN_KUBECONFIG" >>"$LOGS/node-agent.log" 2>&1 &
AGENT_PID=$!

log "starting qnative as system:serviceaccount:$SYSTEM_NAMESPACE:controller (log: $LOGS/qnative.log)"
# from the jar's directory: the archive names the jars by the relative paths of its training start
CDS=()
if [[ -s "$APPCDS" ]]; then CDS=(-XX:SharedArchiveFile=app-cds.jsa); fi
cd "$(dirname "$JAR")"
# shellcheck disable=SC2086  # QNATIVE_JAVA_OPTS is a list of options
KUBECONFIG="$SA_KUBECONFIG" QNATIVE_SYSTEM_NAMESPACE="$SYSTEM_NAMESPACE" QNATIVE_POD_NAME="qnative-local" \
  java ${CDS[@]+"${CDS[@]}"} -Dquarkus.profile=local -Dquarkus.management.port="$MANAGEMENT_PORT" -Dqnative.webhook.port="$WEBHOOK_PORT" \
  -Dqnative.gateway.external-http-port="$GATEWAY_HTTP_PORT" -Dqnative.gateway.external-https-port="$GATEWAY_HTTPS_PORT" \
  -Dqnative.gateway.internal-http-port="$GATEWAY_LOCAL_PORT" \
  -Dqnative.gateway.internal-https-port="$GATEWAY_LOCAL_HTTPS_PORT" \
  ${QNATIVE_JAVA_OPTS:-} -jar quarkus-run.jar >>"$LOGS/qnative.log" 2>&1 &
QNATIVE_PID=$!
cd "$ROOT"

tail -n +1 -F "$LOGS/qnative.log" "$LOGS/node-agent.log" &
TAIL_PID=$!

READY=0
for _ in $(seq 1 120); do
  kill -0 "$QNATIVE_PID" 2>/dev/null || die "qnative exited during start; see $LOGS/qnative.log"
  if curl -fsS --max-time 2 http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready >/dev/null 2>&1; then READY=1; break; fi
  sleep 0.5
done
[[ $READY -eq 1 ]] || log "qnative is not ready after 60 s (http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready); see $LOGS/qnative.log"

# --- 6. sample -------------------------------------------------------------------------------------
SAMPLE=""
if k get crd services.serving.knative.dev >/dev/null 2>&1; then
  k apply -f kubernetes/samples/helloworld.yaml >/dev/null && SAMPLE=hello
  # the same sample from the cluster's registry: its image is resolved to the registry's digest
  sed -e "s|gcr.io/knative-samples/helloworld-go|$REGISTRY/knative-samples/helloworld-go|" \
      -e "s|name: hello$|name: hello-registry|" -e "s|value: qnative$|value: qnative from $REGISTRY|" \
      kubernetes/samples/helloworld.yaml | k apply -f - >/dev/null
else
  log "the Knative Service CRD is not installed yet (no CRD in kubernetes/): sample ksvc not applied"
fi
# the banner's curl answers once the samples are Ready (before that the gateway has no route for their hosts)
SAMPLE_STATE=""
if [[ -n "$SAMPLE" ]]; then
  if k -n default wait ksvc/hello ksvc/hello-registry --for=condition=Ready --timeout=60s >/dev/null 2>&1; then
    SAMPLE_STATE="Ready"
  else
    SAMPLE_STATE="not Ready after 60 s: kubectl describe ksvc -n default"
    log "the sample ksvcs are not Ready after 60 s; see $LOGS/qnative.log"
  fi
fi

cat >&2 <<EOF

==================================================================================================
 qnative is running against the local cluster (Ctrl-C stops qnative, the node agent, the registry and the cluster)
   export KUBECONFIG=$ADMIN_KUBECONFIG PATH=$CLUSTER_DIR/bin:\$PATH    # admin kubectl 1.20.2
   qnative's own credentials:   $SA_KUBECONFIG  (ServiceAccount $SYSTEM_NAMESPACE/controller)
   health / metrics:            http://127.0.0.1:$MANAGEMENT_PORT/q/health   http://127.0.0.1:$MANAGEMENT_PORT/q/metrics
   webhook:                     https://127.0.0.1:$WEBHOOK_PORT
   image registry:              http://$REGISTRY/v2/  (knative-samples/helloworld-go, knative-samples/autoscale-go;
                                a ksvc naming $REGISTRY/knative-samples/helloworld-go gets the registry's digest)
   logs:                        $LOGS/qnative.log  $LOGS/node-agent.log  $LOGS/kube-*.log
   RBAC too narrow? qnative logs the 403 (Forbidden) of the API call in $LOGS/qnative.log.
$(if [[ -n "$SAMPLE" ]]; then
  echo "   sample:  kubectl get ksvc hello -n default    ($SAMPLE_STATE)"
  echo "            curl -H 'Host: hello.default.svc.cluster.local' http://127.0.0.1:$GATEWAY_LOCAL_PORT/"
  echo "            (the gateway's cluster-local listener; routes under an external domain answer on $GATEWAY_HTTP_PORT too)"
  echo "   sample from the registry:  kubectl get revision -n default -l serving.knative.dev/service=hello-registry \\"
  echo "              -o jsonpath='{.items[*].status.containerStatuses[*].imageDigest}'"
  echo "            curl -H 'Host: hello-registry.default.svc.cluster.local' http://127.0.0.1:$GATEWAY_LOCAL_PORT/"
else
  echo "   sample:  none yet (needs the serving.knative.dev CRDs in kubernetes/)"
fi)
==================================================================================================

EOF

# --- 7. foreground until Ctrl-C or until qnative or the agent exits ---------------------------------
set +e
wait -n "$QNATIVE_PID" "$AGENT_PID"
rc=$?
if ! kill -0 "$QNATIVE_PID" 2>/dev/null; then log "qnative exited ($rc); see $LOGS/qnative.log"; fi
if ! kill -0 "$AGENT_PID" 2>/dev/null; then log "the node agent exited ($rc); see $LOGS/node-agent.log"; fi
exit "$rc"
