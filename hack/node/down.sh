#!/usr/bin/env bash
# Stops the real node started by hack/node/up.sh and then the control plane (hack/cluster/down.sh), and
# leaves nothing behind: the kubelet, every container (their shims outlive containerd), containerd, the
# apiserver forward, every mount under the node dir, the bridge and its route, and what the kubelet writes
# outside the cluster dir. `down.sh --purge` also deletes $QNATIVE_CLUSTER_DIR. Harmless when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export QNATIVE_SERVICE_CIDR="${QNATIVE_SERVICE_CIDR:-10.96.0.0/16}"
# shellcheck source=../cluster/lib.sh
source "$HERE/../cluster/lib.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

stop_pids() { # TERM, up to 15 s, then KILL
  local pids=("$@") pid alive=()
  [[ ${#pids[@]} -gt 0 ]] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 150); do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [[ ${#alive[@]} -eq 0 ]] && return 0
    sleep 0.1
  done
  cl_log "still running after 15s, sending SIGKILL: ${alive[*]}"
  kill -KILL "${alive[@]}" 2>/dev/null || true
  sleep 0.5
}
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }

if [[ -d "$NODE_DIR" ]]; then
  # 1. the kubelet first, so it restarts nothing
  mapfile -t p < <(node_pids kubelet)
  [[ ${#p[@]} -eq 0 ]] || { cl_log "stopping kubelet (${p[*]})"; stop_pids "${p[@]}"; }
  # 2. every container: its processes, then its shim
  mapfile -t shims < <(shim_pids)
  if [[ ${#shims[@]} -gt 0 ]]; then
    procs=()
    for s in "${shims[@]}"; do mapfile -t -O "${#procs[@]}" procs < <(descendants "$s"); done
    cl_log "stopping ${#shims[@]} container shim(s) and ${#procs[@]} container process(es)"
    [[ ${#procs[@]} -eq 0 ]] || kill -KILL "${procs[@]}" 2>/dev/null || true
    sleep 0.3
    stop_pids "${shims[@]}"
  fi
  # 3. containerd and the forward
  for name in containerd apiserver-forward; do
    mapfile -t p < <(node_pids "$name")
    [[ ${#p[@]} -eq 0 ]] || { cl_log "stopping $name (${p[*]})"; stop_pids "${p[@]}"; }
    rm -f "$RUN/$name.pid"
  done
  rm -f "$RUN/kubelet.pid"
  mapfile -t left < <(node_pids; shim_pids)
  [[ ${#left[@]} -eq 0 ]] || cl_die "node processes of $CLUSTER_DIR still running: ${left[*]}"
  # 4. mounts (container rootfs, sandbox shm, network namespaces, kubelet volumes), deepest first
  mapfile -t mounts < <(node_mounts)
  if [[ ${#mounts[@]} -gt 0 ]]; then
    cl_log "unmounting ${#mounts[@]} mount(s) under $NODE_DIR"
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  fi
  mapfile -t mounts < <(node_mounts)
  [[ ${#mounts[@]} -eq 0 ]] || cl_die "still mounted under $NODE_DIR: ${mounts[*]}"
  # 5. the network
  if [[ -f "$NODE_DIR/network" ]]; then
    read -r bridge cidr <"$NODE_DIR/network"
    ip route del unreachable "$cidr" 2>/dev/null || true
    if ip link show "$bridge" >/dev/null 2>&1; then ip link del "$bridge"; cl_log "deleted bridge $bridge"; fi
    rm -f "$NODE_DIR/network"
  fi
  # 6. the containers' cgroups: runc removes each container's, the parent `k8s.io` (containerd's namespace,
  # under every cgroup v1 controller) stays; rmdir only removes empty ones, so another user's would stay.
  for d in /sys/fs/cgroup/*/k8s.io; do
    [[ -d "$d" ]] || continue
    find "$d" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
    rmdir "$d" 2>/dev/null || true
  done
  # 7. what the kubelet and the shims write outside the cluster dir (their paths are compiled in: pod
  # logs, the device-plugin dir, the shims' sockets): the dirs up.sh found missing are removed whole.
  if [[ -f "$NODE_DIR/created-dirs" ]]; then
    while read -r d; do
      case "$d" in /var/log/pods|/var/log/containers|/var/lib/kubelet|/run/containerd) rm -rf -- "$d" ;; esac
    done <"$NODE_DIR/created-dirs"
    rm -f "$NODE_DIR/created-dirs"
  fi
fi

QNATIVE_NODE_DOWN=1 "$HERE/../cluster/down.sh" "$@"
