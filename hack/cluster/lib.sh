# Shared settings and helpers for hack/cluster/{up,down}.sh. Sourced, not executed.
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

# Normalise the dir (no trailing slash) so process matching on it is exact.
QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR%/}"
CLUSTER_DIR="$QNATIVE_CLUSTER_DIR"
PKI="$CLUSTER_DIR/pki"
LOGS="$CLUSTER_DIR/logs"
RUN="$CLUSTER_DIR/run"
CBIN="$CLUSTER_DIR/bin"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler)

cl_log() { echo "cluster: $*" >&2; }
cl_die() { echo "cluster: ERROR: $*" >&2; exit 1; }

# pid of a running component started from this dir, or nothing. A pid file alone is not trusted:
# the process must be alive and be the component's binary under $CBIN (pids get reused).
component_pid() {
  local name="$1" pidfile="$RUN/$1.pid" pid argv0
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  [[ -r "/proc/$pid/cmdline" ]] || return 0
  argv0="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n1 || true)"
  [[ "$argv0" == "$CBIN/$name" ]] && echo "$pid"
  return 0
}

# Every live process of this cluster dir, found by scanning /proc (not by pid files): any process
# whose executable path (argv[0]) is one of the components under $CBIN. kubectl is not included.
cluster_pids() {
  local d argv0 name
  for d in /proc/[0-9]*; do
    [[ -r "$d/cmdline" ]] || continue
    argv0="$(tr '\0' '\n' <"$d/cmdline" 2>/dev/null | head -n1 || true)"
    for name in "${COMPONENTS[@]}"; do
      if [[ "$argv0" == "$CBIN/$name" ]]; then echo "${d#/proc/}"; break; fi
    done
  done
}
