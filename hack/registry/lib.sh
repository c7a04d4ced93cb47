# shellcheck shell=bash disable=SC2034
# Shared settings and helpers for hack/registry/{up,down}.sh. Sourced, not executed.

QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR:-/tmp/qnative-cluster}"
QNATIVE_CLUSTER_DIR="${QNATIVE_CLUSTER_DIR%/}"
[[ -n "$QNATIVE_CLUSTER_DIR" ]] || { echo "registry: ERROR: QNATIVE_CLUSTER_DIR must not be /" >&2; exit 1; }
[[ "$QNATIVE_CLUSTER_DIR" == /* ]] || QNATIVE_CLUSTER_DIR="$PWD/$QNATIVE_CLUSTER_DIR"
# the registry's config, storage, log and pid file; QNATIVE_REGISTRY_STATE_DIR gives a second registry its own
# (a test's registry it stops and starts)
REG_DIR="${QNATIVE_REGISTRY_STATE_DIR:-$QNATIVE_CLUSTER_DIR/registry}"
REG_DIR="${REG_DIR%/}"

reg_log() { echo "registry: $*" >&2; }
reg_die() { echo "registry: ERROR: $*" >&2; exit 1; }

# pid of the registry serving $REG_DIR/config.yml, or nothing. The pid file alone is not trusted (pids get reused):
# the process must be alive and run `docker-registry serve $REG_DIR/config.yml`.
registry_pid() {
  local pid cmdline
  [[ -f "$REG_DIR/registry.pid" ]] || return 0
  pid="$(cat "$REG_DIR/registry.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 0
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ "$cmdline" == *docker-registry\ serve\ "$REG_DIR/config.yml"* ]]; then echo "$pid"; fi
  return 0
}
