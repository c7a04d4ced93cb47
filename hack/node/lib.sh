# shellcheck shell=bash disable=SC2034
# Settings and helpers of the real node (hack/node/{up,down}.sh): containerd + kubelet next to the
# control plane of hack/cluster/. Sourced after hack/cluster/lib.sh. See hack/node/README.md.

# The pods' network: a bridge of our own with the first address of the pod CIDR. The kubelet refuses a
# loopback node IP, so the node's InternalIP is the bridge address; pods get no default route.
QNATIVE_NODE_BRIDGE="${QNATIVE_NODE_BRIDGE:-qnative0}"
QNATIVE_POD_CIDR="${QNATIVE_POD_CIDR:-10.244.0.0/24}"
QNATIVE_NODE_NAME="${QNATIVE_NODE_NAME:-qnative-node}"
# Off the kubelet's defaults (10250/10248), so a machine's own kubelet cannot collide.
QNATIVE_KUBELET_PORT="${QNATIVE_KUBELET_PORT:-11250}"
QNATIVE_KUBELET_HEALTHZ_PORT="${QNATIVE_KUBELET_HEALTHZ_PORT:-11248}"

NODE_DIR="$CLUSTER_DIR/node"
CTRD_ROOT="$NODE_DIR/containerd/root"
CTRD_STATE="$NODE_DIR/containerd/state"
CTRD_SOCK="$NODE_DIR/containerd/containerd.sock"
KUBELET_ROOT="$NODE_DIR/kubelet"
NODE_COMPONENTS=(kubelet containerd apiserver-forward)

ip2int() { local IFS=.; read -r a b c d <<<"$1"; echo $(( (a<<24) + (b<<16) + (c<<8) + d )); }
int2ip() { local n=$1; echo "$(( (n>>24)&255 )).$(( (n>>16)&255 )).$(( (n>>8)&255 )).$(( n&255 ))"; }
NODE_IP="$(int2ip $(( $(ip2int "${QNATIVE_POD_CIDR%/*}") + 1 )))"
POD_PREFIX="${QNATIVE_POD_CIDR#*/}"
# The `kubernetes` Service's ClusterIP: pods dial it (KUBERNETES_SERVICE_HOST); it lives on the bridge and a
# forward takes it to the apiserver on 127.0.0.1.
SERVICE_NET="${QNATIVE_SERVICE_CIDR%/*}"
KUBERNETES_SERVICE_IP="$(int2ip $(( $(ip2int "$SERVICE_NET") + 1 )))"

ctr_() { ctr --address "$CTRD_SOCK" --namespace k8s.io "$@"; }

# Processes whose argv[0] is "$CBIN/NAME" for the node's components (as cluster_pids does).
node_pids() { cluster_pids_of "$@"; }
cluster_pids_of() {
  local re pid argv0 name names=("$@")
  [[ ${#names[@]} -gt 0 ]] || names=("${NODE_COMPONENTS[@]}")
  re="^$(printf '%s' "$CBIN" | sed -e 's/[][\\.^$*+?(){}|/]/\\&/g')/($(IFS='|'; echo "${names[*]}"))( |$)"
  for pid in $(pgrep -f -- "$re" || true); do
    argv0="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n1 || true)"
    for name in "${names[@]}"; do
      if [[ "$argv0" == "$CBIN/$name" ]]; then echo "$pid"; break; fi
    done
  done
}

# containerd's shims for this node: they outlive containerd, so they are found by their -address.
shim_pids() {
  local pid
  for pid in $(pgrep -f -- "containerd-shim-runc-v2 .*-address $CTRD_SOCK( |$)" || true); do echo "$pid"; done
}

# Every mount point under the node dir (overlay rootfs, sandbox /dev/shm, netns, kubelet volumes), deepest first.
node_mounts() {
  awk -v d="$NODE_DIR/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | awk '{ print length, $0 }' \
    | sort -rn | cut -d' ' -f2-
}
