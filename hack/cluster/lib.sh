# shellcheck shell=bash disable=SC2034
# Shared settings and helpers for hack/cluster/{up,down,smoke-test}.sh. Sourced, not executed.
# Every setting can be overridden from the environment; see hack/cluster/README.md.

QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-cluster}"
# Ports: all on 127.0.0.1 and away from qnative's 8080/8081/8443/8444/9000/9443.
QNATIVE_APISERVER_PORT="${QNATIVE_APISERVER_PORT:-6443}"
QNATIVE_ETCD_PORT="${QNATIVE_ETCD_PORT:-12379}"
QNATIVE_ETCD_PEER_PORT="${QNATIVE_ETCD_PEER_PORT:-12380}"
QNATIVE_KCM_PORT="${QNATIVE_KCM_PORT:-10257}"
QNATIVE_SCHEDULER_PORT="${QNATIVE_SCHEDULER_PORT:-10259}"
# Service ClusterIPs come from a loopback block (see README: nothing that dials a ClusterIP by
# mistake leaves the machine). Pods get 127.0.1.1 upward from the node agent, far below this.
QNATIVE_SERVICE_CIDR="${QNATIVE_SERVICE_CIDR:-127.96.0.0/16}"
# kube-scheduler is off by default: the node agent binds pods. QNATIVE_SCHEDULER=1 starts it.
QNATIVE_SCHEDULER="${QNATIVE_SCHEDULER:-0}"

# Normalise the dir (absolute, no trailing slash) so process matching on it is exact.
QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR%/}"
[[ -n "$QNATIVE_CLUSTER_DIR" ]] || { echo "cluster: ERROR: QNATIVE_CLUSTER_DIR must not be /" >&2; exit 1; }
[[ "$QNATIVE_CLUSTER_DIR" == /* ]] || QNATIVE_CLUSTER_DIR="$PWD/$QNATIVE_CLUSTER_DIR"
CLUSTER_DIR="$QNATIVE_CLUSTER_DIR"
PKI="$CLUSTER_DIR/pki"
LOGS="$CLUSTER_DIR/logs"
RUN="$CLUSTER_DIR/run"
CBIN="$CLUSTER_DIR/bin"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler)

cl_log() { echo "cluster: $*" >&2; }
cl_die() { echo "cluster: ERROR: $*" >&2; exit 1; }

# pid of a running component started from this dir, or nothing. A pid file alone is not trusted:
# the process must be alive and be the component's binary under $CBIN (pids get reused). Without a
# valid pid file (lost, or a crashed up.sh), the process is looked up by its argv[0] and the pid
# file is rewritten, so up.sh adopts it and down.sh stops it in order.
component_pid() {
  local name="$1" pidfile="$RUN/$1.pid" pid argv0
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]]; then
      argv0="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n1 || true)"
      if [[ "$argv0" == "$CBIN/$name" ]]; then echo "$pid"; return 0; fi
    fi
  fi
  pid="$(cluster_pids "$name" | head -n1)"
  if [[ -n "$pid" ]]; then
    [[ -d "$RUN" ]] && echo "$pid" >"$pidfile"
    echo "$pid"
  fi
  return 0
}

# Every live process of this cluster dir, found without pid files: any process whose executable
# path (argv[0]) is one of the components under $CBIN. kubectl is not included. pgrep finds the
# candidates (regex on the command line), the exact argv[0] comparison decides.
# cluster_pids [NAME...]: only those components (default: all).
cluster_pids() {
  local re pid argv0 name names=("$@")
  [[ ${#names[@]} -gt 0 ]] || names=("${COMPONENTS[@]}")
  re="^$(printf '%s' "$CBIN" | sed -e 's/[][\\.^$*+?(){}|/]/\\&/g')/($(IFS='|'; echo "${names[*]}"))( |$)"
  for pid in $(pgrep -f -- "$re" || true); do
    argv0="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n1 || true)"
    for name in "${names[@]}"; do
      if [[ "$argv0" == "$CBIN/$name" ]]; then echo "$pid"; break; fi
    done
  done
}
