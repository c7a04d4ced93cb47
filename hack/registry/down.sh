#!/usr/bin/env bash
# Stops the registry hack/registry/up.sh started from $QNATIVE_CLUSTER_DIR/registry (SIGTERM, SIGKILL after 10 s).
# Keeps its storage (the published images). Harmless when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

pid="$(registry_pid)"
if [[ -z "$pid" ]]; then
  reg_log "no registry running from $REG_DIR"
else
  reg_log "stopping the registry (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    reg_log "still running after 10 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
fi
rm -f "$REG_DIR/registry.pid" "$REG_DIR/address"
