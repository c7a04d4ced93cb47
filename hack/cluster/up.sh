#!/usr/bin/env bash
# Starts a local Kubernetes 1.20.2 control plane: etcd, kube-apiserver, kube-controller-manager
# (and kube-scheduler with QNATIVE_SCHEDULER=1) as plain processes on 127.0.0.1, with state, logs,
# pid files, certificates, bin/ and kubeconfig in $QNATIVE_CLUSTER_DIR (default /tmp/qnative-cluster).
# Idempotent: components already running from this dir are left alone, missing ones are started.
# On success prints the two export lines to use the cluster. See hack/cluster/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

WAIT_SECONDS="${QNATIVE_CLUSTER_WAIT:-180}"
START_TS=$(date +%s)

# --- binaries ---------------------------------------------------------------------------------
"$HERE/build-k8s.sh" >/dev/null
K8S_BIN="${QNATIVE_K8S_CACHE:-${HOME:-/root}/.cache/qnative/k8s-1.20.2}/bin"
ETCD_BIN="$(command -v etcd || true)"
[[ -n "$ETCD_BIN" ]] || cl_die "etcd not found (Debian package etcd-server)"
command -v openssl >/dev/null || cl_die "openssl not found"
command -v curl >/dev/null || cl_die "curl not found"

mkdir -p "$CLUSTER_DIR" "$PKI" "$LOGS" "$RUN" "$CBIN" "$CLUSTER_DIR/etcd"
chmod 700 "$PKI" "$CLUSTER_DIR/etcd"
for b in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  ln -sfn "$K8S_BIN/$b" "$CBIN/$b"
done
ln -sfn "$ETCD_BIN" "$CBIN/etcd"
[[ -x "$(dirname "$ETCD_BIN")/etcdctl" ]] && ln -sfn "$(dirname "$ETCD_BIN")/etcdctl" "$CBIN/etcdctl"

# --- certificates (generated once per dir) ------------------------------------------------------
ip2int() { local IFS=.; read -r a b c d <<<"$1"; echo $(( (a<<24) + (b<<16) + (c<<8) + d )); }
int2ip() { local n=$1; echo "$(( (n>>24)&255 )).$(( (n>>16)&255 )).$(( (n>>8)&255 )).$(( n&255 ))"; }
svc_net="${QNATIVE_SERVICE_CIDR%/*}"
FIRST_SERVICE_IP="$(int2ip $(( $(ip2int "$svc_net") + 1 )))"

# new_ca NAME CN
new_ca() {
  [[ -f "$PKI/$1.crt" && -f "$PKI/$1.key" ]] && return 0
  openssl genrsa -out "$PKI/$1.key" 2048 2>/dev/null
  openssl req -x509 -new -nodes -key "$PKI/$1.key" -sha256 -days 3650 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$PKI/$1.crt" 2>/dev/null
}
# new_cert NAME CA SUBJECT serverAuth|clientAuth [SAN list]
new_cert() {
  local name="$1" ca="$2" subj="$3" usage="$4" san="${5:-}"
  [[ -f "$PKI/$name.crt" && -f "$PKI/$name.key" ]] && return 0
  local ext="$PKI/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } >"$ext"
  openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$ext"
}

if [[ ! -f "$PKI/.done" ]]; then
  cl_log "generating certificates in $PKI"
  rm -f "$PKI"/*.crt "$PKI"/*.key "$PKI"/*.pub
  new_ca ca "qnative-local-ca"
  new_cert apiserver ca "/CN=kube-apiserver" serverAuth \
    "IP:127.0.0.1,IP:$FIRST_SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  new_cert admin ca "/O=system:masters/CN=qnative-admin" clientAuth
  new_cert controller-manager ca "/CN=system:kube-controller-manager" clientAuth
  new_cert scheduler ca "/CN=system:kube-scheduler" clientAuth
  # Front proxy (aggregation layer): its own CA, as kubeadm does.
  new_ca front-proxy-ca "qnative-front-proxy-ca"
  new_cert front-proxy-client front-proxy-ca "/CN=front-proxy-client" clientAuth
  # Service-account token signing key pair.
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  chmod 600 "$PKI"/*.key
  touch "$PKI/.done"
fi

# kubeconfig FILE CERTNAME: certificates embedded, so the file works from anywhere.
write_kubeconfig() {
  local file="$1" cert="$2" tmp
  tmp="$(mktemp "$file.XXXXXX")"
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: qnative-local
  cluster:
    server: https://127.0.0.1:$QNATIVE_APISERVER_PORT
    certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
- name: $cert
  user:
    client-certificate-data: $(base64 -w0 <"$PKI/$cert.crt")
    client-key-data: $(base64 -w0 <"$PKI/$cert.key")
contexts:
- name: qnative-local
  context:
    cluster: qnative-local
    user: $cert
current-context: qnative-local
EOF
  chmod 600 "$tmp"
  mv "$tmp" "$file"
}
# The apiserver's client certificate towards kubelets (logs, exec, port-forward on the real node,
# hack/node/); generated outside the block above so older cluster dirs get it too.
new_cert apiserver-kubelet-client ca "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
chmod 600 "$PKI/apiserver-kubelet-client.key"

write_kubeconfig "$CLUSTER_DIR/kubeconfig" admin
write_kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" controller-manager
write_kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" scheduler

# Settings other scripts (E2E harness, make run) can source.
cat >"$CLUSTER_DIR/cluster.env" <<EOF
QNATIVE_CLUSTER_DIR=$CLUSTER_DIR
KUBECONFIG=$CLUSTER_DIR/kubeconfig
QNATIVE_APISERVER_URL=https://127.0.0.1:$QNATIVE_APISERVER_PORT
QNATIVE_ETCD_URL=http://127.0.0.1:$QNATIVE_ETCD_PORT
QNATIVE_SERVICE_CIDR=$QNATIVE_SERVICE_CIDR
EOF

# --- process helpers ----------------------------------------------------------------------------
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# check_ports NAME PORT...: unless NAME already runs from this dir, its ports must be free.
check_ports() {
  local name="$1" p; shift
  [[ -z "$(component_pid "$name")" ]] || return 0
  for p in "$@"; do
    if port_in_use "$p"; then
      cl_die "port $p for $name is already in use by another process (ss -ltnp 'sport = :$p'); set the QNATIVE_*_PORT variables (hack/cluster/lib.sh)"
    fi
  done
}

# start NAME PORT... -- ARGS: runs $CBIN/NAME ARGS detached (own session, survives the caller),
# stdout+stderr to logs/NAME.log, pid in run/NAME.pid. Refuses when a port is taken by a stranger.
start() {
  local name="$1"; shift
  local ports=()
  while [[ "$1" != "--" ]]; do ports+=("$1"); shift; done
  shift
  if [[ -n "$(component_pid "$name")" ]]; then
    cl_log "$name already running (pid $(component_pid "$name"))"
    return 0
  fi
  check_ports "$name" "${ports[@]}"
  cl_log "starting $name (log: $LOGS/$name.log)"
  echo "=== $(date -u +%FT%TZ) start" >>"$LOGS/$name.log"
  rm -f "$RUN/$name.pid"
  # The inner shell writes its own pid then execs the binary, so the pid file is exact.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$RUN/$name.pid" "$CBIN/$name" "$@" \
    </dev/null >>"$LOGS/$name.log" 2>&1 &
  for _ in $(seq 1 50); do [[ -s "$RUN/$name.pid" ]] && break; sleep 0.1; done
}

# alive NAME: fails with the log tail when the component died.
check_alive() {
  if [[ -z "$(component_pid "$1")" ]]; then
    echo "---- last lines of $LOGS/$1.log" >&2
    tail -n 30 "$LOGS/$1.log" >&2 || true
    cl_die "$1 exited; see $LOGS/$1.log"
  fi
}

wait_for() { # wait_for DESCRIPTION COMPONENT COMMAND...
  local what="$1" comp="$2"; shift 2
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until "$@" >/dev/null 2>&1; do
    check_alive "$comp"
    (( $(date +%s) < deadline )) || cl_die "timed out after ${WAIT_SECONDS}s waiting for $what; see $LOGS/$comp.log"
    sleep 0.5
  done
}

CURL=(curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")
API="https://127.0.0.1:$QNATIVE_APISERVER_PORT"

# Check every port before starting anything, so a collision leaves nothing half-started.
check_ports etcd "$QNATIVE_ETCD_PORT" "$QNATIVE_ETCD_PEER_PORT"
check_ports kube-apiserver "$QNATIVE_APISERVER_PORT"
check_ports kube-controller-manager "$QNATIVE_KCM_PORT"
[[ "$QNATIVE_SCHEDULER" != 1 ]] || check_ports kube-scheduler "$QNATIVE_SCHEDULER_PORT"

# --- etcd ------------------------------------------------------------------------------------------
start etcd "$QNATIVE_ETCD_PORT" "$QNATIVE_ETCD_PEER_PORT" -- \
  --name=qnative \
  --data-dir="$CLUSTER_DIR/etcd" \
  --listen-client-urls="http://127.0.0.1:$QNATIVE_ETCD_PORT" \
  --advertise-client-urls="http://127.0.0.1:$QNATIVE_ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$QNATIVE_ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$QNATIVE_ETCD_PEER_PORT" \
  --initial-cluster="qnative=http://127.0.0.1:$QNATIVE_ETCD_PEER_PORT" \
  --auto-compaction-mode=periodic --auto-compaction-retention=1h \
  --quota-backend-bytes=$((4 * 1024 * 1024 * 1024)) \
  --logger=zap --log-outputs=stderr
wait_for "etcd health" etcd curl -fsS --max-time 2 "http://127.0.0.1:$QNATIVE_ETCD_PORT/health"

# --- kube-apiserver -----------------------------------------------------------------------------
start kube-apiserver "$QNATIVE_APISERVER_PORT" -- \
  --etcd-servers="http://127.0.0.1:$QNATIVE_ETCD_PORT" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --secure-port="$QNATIVE_APISERVER_PORT" \
  --tls-cert-file="$PKI/apiserver.crt" \
  --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --service-cluster-ip-range="$QNATIVE_SERVICE_CIDR" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" \
  --service-account-signing-key-file="$PKI/sa.key" \
  --authorization-mode=Node,RBAC \
  --enable-admission-plugins=NodeRestriction \
  --allow-privileged=true \
  --enable-aggregator-routing=true \
  --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
  --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User \
  --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$PKI/front-proxy-client.crt" \
  --proxy-client-key-file="$PKI/front-proxy-client.key" \
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types=InternalIP \
  --v=1
wait_for "kube-apiserver /readyz" kube-apiserver "${CURL[@]}" "$API/readyz"

# --- kube-controller-manager --------------------------------------------------------------------
start kube-controller-manager "$QNATIVE_KCM_PORT" -- \
  --kubeconfig="$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authentication-kubeconfig="$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authorization-kubeconfig="$CLUSTER_DIR/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 \
  --secure-port="$QNATIVE_KCM_PORT" \
  --port=0 \
  --controllers='*' \
  --use-service-account-credentials=true \
  --service-account-private-key-file="$PKI/sa.key" \
  --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" \
  --cluster-signing-key-file="$PKI/ca.key" \
  --service-cluster-ip-range="$QNATIVE_SERVICE_CIDR" \
  --leader-elect=false \
  --flex-volume-plugin-dir="$CLUSTER_DIR/flexvolume" \
  --v=1

# --- kube-scheduler (optional) ----------------------------------------------------------------
if [[ "$QNATIVE_SCHEDULER" == 1 ]]; then
  start kube-scheduler "$QNATIVE_SCHEDULER_PORT" -- \
    --kubeconfig="$CLUSTER_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$CLUSTER_DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig="$CLUSTER_DIR/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$QNATIVE_SCHEDULER_PORT" \
    --port=0 \
    --leader-elect=false \
    --v=1
fi

# --- ready: API and the default ServiceAccount with its token -----------------------------------
sa_token_ready() {
  "${CURL[@]}" "$API/api/v1/namespaces/default/serviceaccounts/default" | grep -q '"secrets"'
}
wait_for "the default ServiceAccount (and its token) in namespace default" kube-controller-manager sa_token_ready
check_alive kube-apiserver
check_alive etcd

cl_log "cluster ready in $(( $(date +%s) - START_TS ))s (dir: $CLUSTER_DIR)"
echo "export KUBECONFIG=$CLUSTER_DIR/kubeconfig"
echo "export PATH=$CBIN:\$PATH"
