#!/usr/bin/env bash
# `make run NODE=kubelet`: qnative installed in-cluster on a real node, as users install it — the cluster with
# containerd and a kubelet (hack/node/up.sh), the qnative image and the sample images built and imported
# (hack/node/build-image.sh), `kubectl apply -f kubernetes/` (the Deployment, the Services, the webhooks behind
# their Service), then Knative's hello-world sample, whose pod is a real container. Stays in the foreground
# following qnative's pod log; Ctrl-C stops everything (QNATIVE_KEEP_CLUSTER=1 leaves the cluster running).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export QNATIVE_SERVICE_CIDR="${QNATIVE_SERVICE_CIDR:-10.96.0.0/16}"
# shellcheck source=../cluster/lib.sh
source "$HERE/../cluster/lib.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
log() { echo "run: $*" >&2; }
die() { echo "run: ERROR: $*" >&2; exit 1; }
START_TS=$(date +%s)
SYSTEM_NAMESPACE=knative-serving

# The state of a stopped earlier cluster (its qnative Deployment "available", its pods "Ready" on a node that has
# none of them) would make every wait below pass at once: start from a fresh dir unless the cluster runs.
if [[ -z "$(component_pid kube-apiserver)" ]]; then "$HERE/down.sh" --purge >/dev/null 2>&1 || true; fi
if [[ "${QNATIVE_KEEP_CLUSTER:-0}" != 1 ]]; then
  trap 'trap - EXIT INT TERM; kill $(jobs -p) 2>/dev/null; log "stopping the cluster"; "$HERE/down.sh" --purge >&2 || true' EXIT INT TERM
fi

# --- 1. the image (fast-jar first, Maven does nothing when it is current) -----------------------------
[[ "${QNATIVE_SKIP_BUILD:-0}" == 1 ]] || ./mvnw -B -q package -DskipTests
# --- 2. the cluster with its node, then the images into its containerd -------------------------------
"$HERE/up.sh" >/dev/null
"$HERE/build-image.sh" qnative samples
k() { "$CBIN/kubectl" --kubeconfig "$CLUSTER_DIR/kubeconfig" "$@"; }

# --- 3. install exactly as users do ------------------------------------------------------------------
log "kubectl apply -f kubernetes/"
# The first apply can race its own CRDs (a ConfigMap is fine, a custom resource would not be): apply twice.
k apply -f kubernetes/ >/dev/null || { sleep 2; k apply -f kubernetes/ >/dev/null; }
log "waiting for deployment/qnative to be Available"
k -n "$SYSTEM_NAMESPACE" rollout status deployment/qnative --timeout=300s >&2 \
  || { k -n "$SYSTEM_NAMESPACE" get pods -o wide >&2; die "qnative did not become Available; kubectl -n $SYSTEM_NAMESPACE describe pods"; }
# The node reaches no public registry; like `make run` with the node agent, the samples' registries are not
# resolved to digests (local configuration only; kubernetes/200-config-deployment.yaml keeps Knative's default).
# Written once qnative answers: config-map writes in knative-serving go through its config webhook.
for i in $(seq 1 60); do
  k -n "$SYSTEM_NAMESPACE" patch configmap config-deployment --type merge \
    -p '{"data":{"registries-skipping-tag-resolving":"kind.local,ko.local,dev.local,gcr.io,ghcr.io,index.docker.io,registry.example"}}' \
    >/dev/null 2>&1 && break
  [[ $i -lt 60 ]] || die "could not patch config-map config-deployment"
  sleep 1
done
POD="$(k -n "$SYSTEM_NAMESPACE" get pods -l app=qnative -o jsonpath='{.items[0].metadata.name}')"
POD_IP="$(k -n "$SYSTEM_NAMESPACE" get pod "$POD" -o jsonpath='{.status.podIP}')"
log "qnative pod $POD ($POD_IP) Ready after $(( $(date +%s) - START_TS ))s"

# --- 4. the sample: a real container -------------------------------------------------------------------
# The image is imported, not pulled: IfNotPresent (a :latest image is pulled Always by default, and with the tag
# resolution skipped above the kubelet would try).
k create --dry-run=client -o json -f kubernetes/samples/helloworld.yaml \
  | jq '.spec.template.spec.containers[].imagePullPolicy = "IfNotPresent"' | k apply -f - >/dev/null
k -n default wait ksvc/hello --for condition=Ready --timeout=180s >/dev/null \
  || die "ksvc hello not Ready: $(k -n default get ksvc hello -o jsonpath='{.status.conditions}')"
ANSWER="$(curl -fsS --max-time 10 -H 'Host: hello.default.svc.cluster.local' "http://$POD_IP:8081/" || true)"
log "sample Ready and answering '${ANSWER%$'\n'}' after $(( $(date +%s) - START_TS ))s"

cat >&2 <<EOF

==================================================================================================
 qnative runs in-cluster on a real node (kubelet + containerd); Ctrl-C stops it all
   export KUBECONFIG=$CLUSTER_DIR/kubeconfig PATH=$CLUSTER_DIR/bin:\$PATH    # admin kubectl 1.20.2
   qnative:   kubectl -n $SYSTEM_NAMESPACE get pods -o wide   (pod $POD, $POD_IP; kubectl logs works)
   health:    curl http://$POD_IP:9000/q/health
   sample:    kubectl get ksvc hello -n default
              curl -H 'Host: hello.default.svc.cluster.local' http://$POD_IP:8081/
   node logs: $LOGS/kubelet.log  $LOGS/containerd.log   (images: ctr --address $CTRD_SOCK -n k8s.io images ls)
==================================================================================================

EOF
k -n "$SYSTEM_NAMESPACE" logs -f "$POD" &
wait
