#!/usr/bin/env bash
# End-to-end check of the local control plane without a node agent: does by hand what the node agent
# will do (register a Ready Node, bind pods, report them Running/Ready with loopback pod IPs) and
# checks that the controllers react: Deployment -> ReplicaSet -> Pods, Service -> Endpoints and
# EndpointSlice listing the loopback IPs, Deployment deletion -> garbage collection; a custom
# resource keeps "", 0, false, {} and [] (see README: kube-openapi trap).
# Expects a running cluster (hack/cluster/up.sh). Leaves nothing behind but its namespace's deletion.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export KUBECONFIG="$CLUSTER_DIR/kubeconfig"
export PATH="$CBIN:$PATH"
[[ -f "$KUBECONFIG" ]] || cl_die "no $KUBECONFIG: run hack/cluster/up.sh first"

NS="smoke-$$"
NODE="smoke-node-$$"
CRD_GROUP="smoke$$.qnative.io"
API="https://127.0.0.1:$QNATIVE_APISERVER_PORT"
CURL=(curl -fsS --max-time 10 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
ok() { echo "smoke: ok: $*"; }
# until_true SECONDS DESCRIPTION COMMAND...
until_true() {
  local secs="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@"; do (( $(date +%s) < deadline )) || fail "timed out after ${secs}s: $what"; sleep 0.5; done
}
cleanup() {
  kubectl delete namespace "$NS" --wait=false >/dev/null 2>&1 || true
  kubectl delete node "$NODE" --wait=false >/dev/null 2>&1 || true
  kubectl delete crd "emptyvalues.$CRD_GROUP" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

[[ "$(command -v kubectl)" == "$CBIN/kubectl" ]] || fail "kubectl on PATH is not $CBIN/kubectl"
kubectl version --short 2>/dev/null | grep -q 'Server Version: v1.20.2' || fail "server is not v1.20.2"
[[ "$(kubectl get --raw /readyz)" == ok ]] || fail "/readyz is not ok"
ok "/readyz, kubectl and server v1.20.2"

kubectl create namespace "$NS" >/dev/null
until_true 30 "default ServiceAccount in $NS" bash -c "kubectl -n $NS get sa default -o jsonpath='{.secrets[0].name}' 2>/dev/null | grep -q ."
ok "namespace $NS with its default ServiceAccount and token"

kubectl -n "$NS" apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello}
spec:
  replicas: 2
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
      - name: user-container
        image: gcr.io/knative-samples/helloworld-go
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: hello}
spec:
  selector: {app: hello}
  ports: [{name: http, port: 80, targetPort: 8080}]
EOF
pod_count() { [[ "$(kubectl -n "$NS" get pods -l app=hello --no-headers 2>/dev/null | wc -l)" -eq 2 ]]; }
until_true 60 "2 pods created by the Deployment" pod_count
RS="$(kubectl -n "$NS" get rs -l app=hello -o jsonpath='{.items[0].metadata.name}')"
[[ -n "$RS" ]] || fail "no ReplicaSet"
ok "Deployment -> ReplicaSet $RS -> 2 Pods"

# Node, as the node agent will register it.
kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata: {name: $NODE, labels: {kubernetes.io/hostname: $NODE}}
EOF
NOW="$(date -u +%FT%TZ)"
"${CURL[@]}" -X PATCH -H 'Content-Type: application/merge-patch+json' "$API/api/v1/nodes/$NODE/status" -d "{
  \"status\": {
    \"capacity\": {\"cpu\": \"2\", \"memory\": \"24Gi\", \"pods\": \"500\"},
    \"allocatable\": {\"cpu\": \"2\", \"memory\": \"24Gi\", \"pods\": \"500\"},
    \"addresses\": [{\"type\": \"InternalIP\", \"address\": \"127.0.0.1\"}, {\"type\": \"Hostname\", \"address\": \"$NODE\"}],
    \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\", \"reason\": \"KubeletReady\", \"message\": \"smoke test\",
                      \"lastHeartbeatTime\": \"$NOW\", \"lastTransitionTime\": \"$NOW\"}]}}" >/dev/null
[[ "$(kubectl get node "$NODE" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]] || fail "node not Ready"
ok "Node $NODE Ready"

i=0
for pod in $(kubectl -n "$NS" get pods -l app=hello -o jsonpath='{.items[*].metadata.name}'); do
  i=$((i + 1))
  ip="127.0.1.$i"
  "${CURL[@]}" -X POST -H 'Content-Type: application/json' "$API/api/v1/namespaces/$NS/pods/$pod/binding" \
    -d "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"$pod\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"$NODE\"}}" >/dev/null \
    || fail "binding $pod"
  NOW="$(date -u +%FT%TZ)"
  "${CURL[@]}" -X PATCH -H 'Content-Type: application/merge-patch+json' "$API/api/v1/namespaces/$NS/pods/$pod/status" -d "{
    \"status\": {\"phase\": \"Running\", \"hostIP\": \"127.0.0.1\", \"podIP\": \"$ip\", \"podIPs\": [{\"ip\": \"$ip\"}],
      \"startTime\": \"$NOW\",
      \"conditions\": [
        {\"type\": \"Initialized\", \"status\": \"True\", \"lastTransitionTime\": \"$NOW\"},
        {\"type\": \"ContainersReady\", \"status\": \"True\", \"lastTransitionTime\": \"$NOW\"},
        {\"type\": \"Ready\", \"status\": \"True\", \"lastTransitionTime\": \"$NOW\"},
        {\"type\": \"PodScheduled\", \"status\": \"True\", \"lastTransitionTime\": \"$NOW\"}],
      \"containerStatuses\": [{\"name\": \"user-container\", \"ready\": true, \"started\": true, \"restartCount\": 0,
        \"image\": \"gcr.io/knative-samples/helloworld-go\", \"imageID\": \"qnative-local://gcr.io/knative-samples/helloworld-go\",
        \"containerID\": \"qnative://$pod/user-container\", \"state\": {\"running\": {\"startedAt\": \"$NOW\"}}}]}}" >/dev/null \
    || fail "status of $pod"
done
[[ "$(kubectl -n "$NS" get pods -l app=hello -o jsonpath='{.items[*].spec.nodeName}')" == "$NODE $NODE" ]] || fail "pods not bound"
ok "2 pods bound to $NODE and reported Running/Ready at 127.0.1.1, 127.0.1.2"

ep_ips() { kubectl -n "$NS" get endpoints hello -o jsonpath='{.subsets[*].addresses[*].ip}' 2>/dev/null | tr ' ' '\n' | sort | xargs; }
until_true 30 "Endpoints hello lists 127.0.1.1 127.0.1.2 (got: '$(ep_ips)')" bash -c "[[ \"\$(kubectl -n $NS get endpoints hello -o jsonpath='{.subsets[*].addresses[*].ip}' | tr ' ' '\n' | sort | xargs)\" == '127.0.1.1 127.0.1.2' ]]"
ok "Endpoints hello: $(ep_ips) port $(kubectl -n "$NS" get endpoints hello -o jsonpath='{.subsets[0].ports[0].port}')"
slice_ips() { kubectl -n "$NS" get endpointslices -l kubernetes.io/service-name=hello -o jsonpath='{.items[*].endpoints[*].addresses[*]}' 2>/dev/null | tr ' ' '\n' | sort | xargs; }
until_true 30 "EndpointSlice for hello lists 127.0.1.1 127.0.1.2" bash -c "[[ \"\$(kubectl -n $NS get endpointslices -l kubernetes.io/service-name=hello -o jsonpath='{.items[*].endpoints[*].addresses[*]}' | tr ' ' '\n' | sort | xargs)\" == '127.0.1.1 127.0.1.2' ]]"
ok "EndpointSlice: $(slice_ips)"
ok "Service ClusterIP $(kubectl -n "$NS" get svc hello -o jsonpath='{.spec.clusterIP}') (from $QNATIVE_SERVICE_CIDR)"

# Custom resource with empty/zero values: CRD schema validation must keep "" a string (Debian's
# Go 1.19 with the vendored kube-openapi rejected it as "null", see README: kube-openapi trap), and
# 0, 0.0, false, {}, [] and a schema `default: ""` must come back as sent.
out="$(kubectl apply -f - 2>&1 <<EOF
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: emptyvalues.$CRD_GROUP}
spec:
  group: $CRD_GROUP
  scope: Namespaced
  names: {plural: emptyvalues, singular: emptyvalue, kind: EmptyValue}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              str: {type: string}
              int: {type: integer}
              num: {type: number}
              bool: {type: boolean}
              map: {type: object, additionalProperties: {type: string}}
              list: {type: array, items: {type: string}}
              env: {type: array, items: {type: object, properties: {name: {type: string}, value: {type: string}}}}
              dflt: {type: string, default: ""}
EOF
)" || fail "CRD with default \"\" rejected: $out"
crd_established() {
  [[ "$(kubectl get crd "emptyvalues.$CRD_GROUP" -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null)" == True ]]
}
until_true 30 "CRD emptyvalues.$CRD_GROUP established" crd_established
# (field names are words: a YAML key `n` would be the boolean false)
EV_SPEC='{"str":"","int":0,"num":0.0,"bool":false,"map":{},"list":[],"env":[{"name":"A","value":""}]}'
EV_WANT='{"bool":false,"dflt":"","env":[{"name":"A","value":""}],"int":0,"list":[],"map":{},"num":0,"str":""}'
EV_OBJ="{\"apiVersion\":\"$CRD_GROUP/v1\",\"kind\":\"EmptyValue\",\"metadata\":{\"name\":\"ev\"},\"spec\":$EV_SPEC}"
# stdout only: kubectl may print warnings on stderr.
out="$(kubectl -n "$NS" create --dry-run=server -o json -f - <<<"$EV_OBJ")" \
  || fail "custom resource with empty values rejected (server dry run, message above)"
[[ "$(jq -cS .spec <<<"$out")" == "$EV_WANT" ]] || fail "server dry run returned spec $(jq -cS .spec <<<"$out" 2>&1), want $EV_WANT"
out="$(kubectl -n "$NS" create -f - <<<"$EV_OBJ" 2>&1)" || fail "custom resource with empty values rejected: $out"
got="$(kubectl -n "$NS" get "emptyvalues.$CRD_GROUP" ev -o json | jq -cS .spec)"
[[ "$got" == "$EV_WANT" ]] || fail "stored spec is $got, want $EV_WANT"
ok "custom resource keeps \"\", 0, 0.0, false, {}, [] and default \"\": $got"
kubectl delete crd "emptyvalues.$CRD_GROUP" --wait=false >/dev/null

kubectl -n "$NS" delete deployment hello --wait=false >/dev/null
gone() { [[ -z "$(kubectl -n "$NS" get rs,pods -l app=hello --no-headers 2>/dev/null)" ]]; }
# No kubelet: pods being deleted with a grace period stay Terminating until someone finalizes them
# (the node agent will). Do it here as the kubelet would: delete with grace period 0 once marked.
finalize() {
  local p
  for p in $(kubectl -n "$NS" get pods -l app=hello -o jsonpath='{range .items[?(@.metadata.deletionTimestamp)]}{.metadata.name}{" "}{end}' 2>/dev/null); do
    kubectl -n "$NS" delete pod "$p" --grace-period=0 --force >/dev/null 2>&1 || true
  done
  gone
}
until_true 60 "garbage collection of ReplicaSet and Pods" finalize
ok "Deployment deleted -> ReplicaSet and Pods garbage-collected"
echo "smoke: PASS"
