#!/usr/bin/env bash
# Stops the local control plane started by hack/cluster/up.sh from $QNATIVE_CLUSTER_DIR:
# by pid files first (SIGTERM, then SIGKILL after a grace period), then by scanning /proc for any
# component still running from this dir's bin/; and the cluster's registry (hack/registry/down.sh). Harmless when
# nothing runs.
# `down.sh --purge` also deletes $QNATIVE_CLUSTER_DIR (state, logs, certificates, kubeconfig).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

# A real node (hack/node/up.sh) in this dir is stopped first, and everything it left cleaned up.
if [[ -d "$CLUSTER_DIR/node" && -z "${QNATIVE_NODE_DOWN:-}" ]]; then
  exec "$HERE/../node/down.sh" "$@"
fi

PURGE=0
for a in "$@"; do
  case "$a" in
    --purge) PURGE=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) cl_die "unknown argument: $a (usage: down.sh [--purge])" ;;
  esac
done

# Stop in reverse start order so clients go before the apiserver and the apiserver before etcd.
ORDER=(kube-scheduler kube-controller-manager kube-apiserver etcd)

stop_pids() { # stop_pids PID...: TERM, wait up to 15s, then KILL
  local pids=("$@") pid alive
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

stopped=0
if [[ -d "$CLUSTER_DIR" ]]; then
  for name in "${ORDER[@]}"; do
    pid="$(component_pid "$name")"
    if [[ -n "$pid" ]]; then
      cl_log "stopping $name (pid $pid)"
      stop_pids "$pid"
      stopped=$((stopped + 1))
    fi
    rm -f "$RUN/$name.pid"
  done
  # Anything left that runs from this dir's bin/ (a lost pid file, a crashed up.sh).
  mapfile -t left < <(cluster_pids)
  if [[ ${#left[@]} -gt 0 ]]; then
    cl_log "stopping leftover processes of $CLUSTER_DIR: ${left[*]}"
    stop_pids "${left[@]}"
    stopped=$((stopped + ${#left[@]}))
  fi
  mapfile -t left < <(cluster_pids)
  [[ ${#left[@]} -eq 0 ]] || cl_die "processes of $CLUSTER_DIR still running: ${left[*]}"
fi

# The cluster's image registry (hack/registry/up.sh), if one runs from this dir.
if [[ -f "$CLUSTER_DIR/registry/registry.pid" ]]; then
  "$HERE/../registry/down.sh" || true
fi

if [[ $stopped -eq 0 ]]; then cl_log "nothing was running from $CLUSTER_DIR"; else cl_log "stopped $stopped process(es)"; fi

if [[ $PURGE -eq 1 && -d "$CLUSTER_DIR" ]]; then
  case "$CLUSTER_DIR" in
    /|/tmp|/root|/home|/work|"$HOME") cl_die "refusing to delete $CLUSTER_DIR" ;;
  esac
  rm -rf -- "$CLUSTER_DIR"
  cl_log "deleted $CLUSTER_DIR"
fi
