#!/usr/bin/env bash
# Starts the local control plane (hack/cluster/up.sh, with kube-scheduler) plus a real node: containerd
# (CRI) and a kubelet 1.20.2 whose pods are containers in their own network namespaces on a bridge of
# our own. Idempotent. Needs root (installs containerd, runc, containernetworking-plugins, socat; creates
# the bridge). Everything it writes lives in $QNATIVE_CLUSTER_DIR except what hack/node/README.md lists;
# hack/node/down.sh removes all of it. See hack/node/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# ClusterIPs of a real node's cluster: pods dial the `kubernetes` Service's ClusterIP, which must not be a
# loopback address (that would be the pod's own loopback). Only its first address is ever routed.
export QNATIVE_SERVICE_CIDR="${QNATIVE_SERVICE_CIDR:-10.96.0.0/16}"
export QNATIVE_SCHEDULER=1
# shellcheck source=../cluster/lib.sh
source "$HERE/../cluster/lib.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=image.sh
source "$HERE/image.sh"

WAIT_SECONDS="${QNATIVE_CLUSTER_WAIT:-180}"
START_TS=$(date +%s)
[[ $(id -u) -eq 0 ]] || cl_die "the real node needs root (containerd, kubelet, a bridge)"
[[ "$QNATIVE_SERVICE_CIDR" != 127.* ]] || cl_die "QNATIVE_SERVICE_CIDR=$QNATIVE_SERVICE_CIDR: pods cannot reach a loopback ClusterIP; use e.g. 10.96.0.0/16"

# containerd and the kubelet run with the proxies on a closed port, so no image pull or cloud-metadata call ever
# leaves the machine. Only those two: the apiserver must dial webhooks and kubelets directly.
node_env() {
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 \
    https_proxy=http://127.0.0.1:9 NO_PROXY="127.0.0.1,localhost,$QNATIVE_POD_CIDR" \
    no_proxy="127.0.0.1,localhost,$QNATIVE_POD_CIDR" \
    AWS_EC2_METADATA_DISABLED=true "$@"
}

# --- packages and binaries ------------------------------------------------------------------------
NODE_PACKAGES=(containerd runc containernetworking-plugins socat iproute2)
missing=()
for p in "${NODE_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  cl_log "installing: ${missing[*]}"
  apt-get update -qq || cl_die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || cl_die "apt-get install ${missing[*]} failed"
fi
# Debian's containerd package does not start a daemon here (no systemd); a packaged one would use
# /run/containerd/containerd.sock, ours is under the cluster dir.
"$HERE/../cluster/build-k8s.sh" >/dev/null
"$HERE/../cluster/build-k8s.sh" --kubelet >/dev/null
KUBELET_BIN="${QNATIVE_K8S_CACHE:-${HOME:-/root}/.cache/qnative/k8s-1.20.2}/kubelet/bin"

# --- control plane --------------------------------------------------------------------------------
"$HERE/../cluster/up.sh" >/dev/null
openssl x509 -in "$PKI/apiserver.crt" -noout -text | grep -q "IP Address:$KUBERNETES_SERVICE_IP" \
  || cl_die "the apiserver certificate in $PKI has no IP $KUBERNETES_SERVICE_IP (the dir was created for another QNATIVE_SERVICE_CIDR); use a fresh QNATIVE_CLUSTER_DIR or hack/cluster/down.sh --purge"
grep -q '^QNATIVE_SERVICE_CIDR='"$QNATIVE_SERVICE_CIDR"'$' "$CLUSTER_DIR/cluster.env" \
  || cl_die "$CLUSTER_DIR/cluster.env does not have QNATIVE_SERVICE_CIDR=$QNATIVE_SERVICE_CIDR"

mkdir -p "$NODE_DIR" "$CTRD_ROOT" "$CTRD_STATE" "$KUBELET_ROOT" "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam" \
  "$NODE_DIR/images" "$NODE_DIR/volume-plugins" "$NODE_DIR/kubelet-pki"
# The kubelet and containerd's shims write to these fixed paths; the ones missing now are ours to remove
# on down.sh (none of them exists on a machine without a container runtime).
for d in /var/log/pods /var/log/containers /var/lib/kubelet /run/containerd; do
  [[ -e "$d" ]] || grep -qxF "$d" "$NODE_DIR/created-dirs" 2>/dev/null || echo "$d" >>"$NODE_DIR/created-dirs"
done
ln -sfn "$KUBELET_BIN/kubelet" "$CBIN/kubelet"
ln -sfn "$(command -v containerd)" "$CBIN/containerd"
ln -sfn "$(command -v socat)" "$CBIN/apiserver-forward"
ln -sfn "$(command -v ctr)" "$CBIN/ctr"

# --- certificates of the node --------------------------------------------------------------------
# node_cert NAME SUBJECT USAGE [SAN]: signed by the cluster CA, once per dir.
node_cert() {
  local name="$1" subj="$2" usage="$3" san="${4:-}" ext
  [[ -f "$PKI/$name.crt" && -f "$PKI/$name.key" ]] && return 0
  ext="$PKI/$name.ext"
  { echo "basicConstraints=critical,CA:FALSE"; echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"; [[ -z "$san" ]] || echo "subjectAltName=$san"; } >"$ext"
  openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  chmod 600 "$PKI/$name.key"
  rm -f "$PKI/$name.csr" "$ext"
}
# The kubelet's client identity, as the Node authorizer and NodeRestriction expect it.
node_cert "kubelet-$QNATIVE_NODE_NAME" "/O=system:nodes/CN=system:node:$QNATIVE_NODE_NAME" clientAuth
node_cert "kubelet-serving-$QNATIVE_NODE_NAME" "/CN=$QNATIVE_NODE_NAME" serverAuth "IP:$NODE_IP,DNS:$QNATIVE_NODE_NAME"
cat >"$NODE_DIR/kubelet.kubeconfig" <<EOK
apiVersion: v1
kind: Config
clusters:
- name: qnative-local
  cluster:
    server: https://127.0.0.1:$QNATIVE_APISERVER_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: kubelet
  user:
    client-certificate: $PKI/kubelet-$QNATIVE_NODE_NAME.crt
    client-key: $PKI/kubelet-$QNATIVE_NODE_NAME.key
contexts:
- name: qnative-local
  context: {cluster: qnative-local, user: kubelet}
current-context: qnative-local
EOK
chmod 600 "$NODE_DIR/kubelet.kubeconfig"

# --- network: the bridge, the node address, the `kubernetes` ClusterIP ----------------------------
if ! ip link show "$QNATIVE_NODE_BRIDGE" >/dev/null 2>&1; then
  cl_log "creating bridge $QNATIVE_NODE_BRIDGE ($NODE_IP/$POD_PREFIX, $KUBERNETES_SERVICE_IP/32)"
  ip link add "$QNATIVE_NODE_BRIDGE" type bridge
fi
ip addr replace "$NODE_IP/$POD_PREFIX" dev "$QNATIVE_NODE_BRIDGE"
ip addr replace "$KUBERNETES_SERVICE_IP/32" dev "$QNATIVE_NODE_BRIDGE"
ip link set "$QNATIVE_NODE_BRIDGE" up
# Any other ClusterIP dialled from the host fails at once instead of following the default route.
ip route replace unreachable "$QNATIVE_SERVICE_CIDR"
echo "$QNATIVE_NODE_BRIDGE $QNATIVE_SERVICE_CIDR" >"$NODE_DIR/network"

cat >"$NODE_DIR/cni/net.d/10-qnative.conflist" <<EOC
{
  "cniVersion": "0.4.0",
  "name": "qnative",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$QNATIVE_NODE_BRIDGE",
      "isGateway": false,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$QNATIVE_POD_CIDR", "rangeStart": "$(int2ip $(( $(ip2int "$NODE_IP") + 1 )))"}]],
        "routes": [{"dst": "$KUBERNETES_SERVICE_IP/32", "gw": "$NODE_IP"}],
        "dataDir": "$NODE_DIR/cni/ipam"
      }
    }
  ]
}
EOC
# Pods resolve no names (there is no cluster DNS): an empty resolv.conf rather than the host's.
echo "options ndots:1" >"$NODE_DIR/resolv.conf"

# --- containerd ----------------------------------------------------------------------------------
PAUSE_IMAGE="qnative.local/pause:3.4.1"
cat >"$NODE_DIR/containerd/config.toml" <<EOC
# containerd for the qnative real node (hack/node/up.sh); everything under $NODE_DIR/containerd.
version = 2
root = "$CTRD_ROOT"
state = "$CTRD_STATE"
oom_score = 0
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = "$CTRD_SOCK"
[ttrpc]
  address = ""
[debug]
  address = ""
[metrics]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Without CAP_SYS_RESOURCE the sandbox's oom_score_adj -998 fails every runc create
  # ("can't get final child's PID from pipe: EOF"); this clamps it to what we may set.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  disable_apparmor = true
  max_concurrent_downloads = 1
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$CTRD_STATE/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_DIR/cni/net.d"
    max_conf_num = 1
EOC

# start NAME -- ARGS (as hack/cluster/up.sh): detached, own session, log in logs/NAME.log, pid in run/NAME.pid.
start() {
  local name="$1"; shift; shift
  if [[ -n "$(node_pids "$name")" ]]; then cl_log "$name already running"; return 0; fi
  cl_log "starting $name (log: $LOGS/$name.log)"
  echo "=== $(date -u +%FT%TZ) start" >>"$LOGS/$name.log"
  rm -f "$RUN/$name.pid"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$RUN/$name.pid" "$CBIN/$name" "$@" \
    </dev/null >>"$LOGS/$name.log" 2>&1 &
  for _ in $(seq 1 50); do [[ -s "$RUN/$name.pid" ]] && break; sleep 0.1; done
}
check_alive() {
  if [[ -z "$(node_pids "$1")" ]]; then
    echo "---- last lines of $LOGS/$1.log" >&2; tail -n 30 "$LOGS/$1.log" >&2 || true
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

# The pods' share of the CPU. A kubelet with cgroupsPerQOS gives its kubepods cgroup the node's capacity as
# cpu.shares (1024 per core), beside the system's daemons in groups of their own; this node's kubelet runs
# without it (cgroupsPerQOS: false), so containerd's parent cgroup k8s.io, which holds every pod, weighed as
# one process (1024) against each control-plane, test and build thread of the root cgroup, and a busy two-core
# machine starved the pods together (qnative's webhook answered the API server in seconds). Same weight as a
# kubelet's kubepods; down.sh removes the cgroup.
if [[ -d /sys/fs/cgroup/cpu ]]; then
  mkdir -p /sys/fs/cgroup/cpu/k8s.io
  echo $(( $(nproc) * 1024 )) >/sys/fs/cgroup/cpu/k8s.io/cpu.shares
fi
node_env start containerd -- --config "$NODE_DIR/containerd/config.toml"
wait_for "containerd on $CTRD_SOCK" containerd ctr_ version

# The sandbox image: the static pause, FROM scratch.
if ! ctr_ images ls -q | grep -qxF "$PAUSE_IMAGE"; then
  rootfs="$(mktemp -d)"; cp "$KUBELET_BIN/pause" "$rootfs/pause"
  docker_archive "$NODE_DIR/images/pause.tar" "$PAUSE_IMAGE" "$rootfs" '{"Entrypoint":["/pause"],"User":"65535"}'
  rm -rf "$rootfs"
  import_image "$NODE_DIR/images/pause.tar"
  cl_log "imported $PAUSE_IMAGE"
fi

# --- apiserver forward: pods reach https://$KUBERNETES_SERVICE_IP:443 ------------------------------
start apiserver-forward -- -d "TCP-LISTEN:443,bind=$KUBERNETES_SERVICE_IP,fork,reuseaddr" "TCP:127.0.0.1:$QNATIVE_APISERVER_PORT"

# --- kubelet -------------------------------------------------------------------------------------
cat >"$NODE_DIR/kubelet-config.yaml" <<EOC
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: $QNATIVE_KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $QNATIVE_KUBELET_HEALTHZ_PORT
tlsCertFile: $PKI/kubelet-serving-$QNATIVE_NODE_NAME.crt
tlsPrivateKeyFile: $PKI/kubelet-serving-$QNATIVE_NODE_NAME.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
cgroupsPerQOS: false
enforceNodeAllocatable: []
failSwapOn: false
makeIPTablesUtilChains: false
protectKernelDefaults: false
oomScoreAdj: 0
resolvConf: $NODE_DIR/resolv.conf
clusterDomain: cluster.local
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "1%"
  imagefs.available: "1%"
  nodefs.inodesFree: "1%"
volumePluginDir: $NODE_DIR/volume-plugins
rotateCertificates: false
serverTLSBootstrap: false
nodeStatusReportFrequency: 10s
syncFrequency: 10s
EOC

node_env start kubelet -- \
  --config="$NODE_DIR/kubelet-config.yaml" \
  --kubeconfig="$NODE_DIR/kubelet.kubeconfig" \
  --container-runtime=remote \
  --container-runtime-endpoint="unix://$CTRD_SOCK" \
  --runtime-request-timeout=2m \
  --root-dir="$KUBELET_ROOT" \
  --cert-dir="$NODE_DIR/kubelet-pki" \
  --hostname-override="$QNATIVE_NODE_NAME" \
  --node-ip="$NODE_IP" \
  --v=1

KUBECTL=("$CBIN/kubectl" --kubeconfig "$CLUSTER_DIR/kubeconfig")
node_ready() {
  [[ "$("${KUBECTL[@]}" get node "$QNATIVE_NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]
}
wait_for "node $QNATIVE_NODE_NAME Ready" kubelet node_ready

cat >>"$CLUSTER_DIR/cluster.env" <<EOF
QNATIVE_NODE=kubelet
QNATIVE_NODE_NAME=$QNATIVE_NODE_NAME
QNATIVE_NODE_IP=$NODE_IP
QNATIVE_POD_CIDR=$QNATIVE_POD_CIDR
QNATIVE_CONTAINERD_ADDRESS=$CTRD_SOCK
EOF

cl_log "node $QNATIVE_NODE_NAME Ready; cluster with a real node up in $(( $(date +%s) - START_TS ))s (dir: $CLUSTER_DIR)"
echo "export KUBECONFIG=$CLUSTER_DIR/kubeconfig"
echo "export PATH=$CBIN:\$PATH"
