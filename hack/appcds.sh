#!/usr/bin/env bash
# Dumps an application CDS archive (app-cds.jsa) next to a fast-jar's quarkus-run.jar with a training start of
# qnative: `-XX:ArchiveClassesAtExit`, the JVM flags the Deployment ships (kubernetes/400-deployment.yaml), free
# ports; stopped with SIGTERM once /q/health/ready answers 200 or, without a cluster, a few seconds after
# /q/health/live does (qnative keeps retrying an unreachable API server); the JVM writes the archive as it exits.
# As it exits, qnative links every class the start read from a jar (io.qnative.ArchiveTraining, from the start's
# class log): Java 17 archives only linked classes and does not link those of Quarkus' class loader itself.
#   hack/appcds.sh [APP_DIR [JAVA]]   defaults: target/quarkus-app, java on the PATH
# The archive only fits the JVM that dumped it (and the same jars, sizes and mtimes): `make build` dumps one for
# the host's java, hack/node/build-image.sh one for the image's own jlinked runtime. The Deployment's
# -XX:SharedArchiveFile=app-cds.jsa is relative to the working directory, the app's directory.
# Environment: QNATIVE_APPCDS_KUBECONFIG, a cluster to train against (default none: an API server URL on a
# closed port); QNATIVE_APPCDS_TIMEOUT (s, default 120). Fails (exit 1, archive removed) when no archive results.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$(cd "${1:-$ROOT/target/quarkus-app}" && pwd)"
JAVA="${2:-java}"
TIMEOUT="${QNATIVE_APPCDS_TIMEOUT:-120}"
ARCHIVE="$APP/app-cds.jsa"
log() { echo "appcds: $*" >&2; }
die() { echo "appcds: ERROR: $*" >&2; exit 1; }

[[ -f "$APP/quarkus-run.jar" ]] || die "no quarkus-run.jar in $APP"
# shellcheck source=../bench/lib.sh
(cd "$ROOT" && source bench/lib.sh && shipped_java_opts) >/dev/null || die "cannot read the shipped JVM flags"
# the shipped flags without their own -XX:SharedArchiveFile (the archive being made)
read -r -a FLAGS <<<"$(cd "$ROOT" && source bench/lib.sh && shipped_java_opts | sed 's/-XX:SharedArchiveFile=[^ ]*//')"
read -r -a ENVS <<<"$(cd "$ROOT" && source bench/lib.sh && shipped_env)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MGMT="$(free_port)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qnative-appcds.XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

KUBECONFIG_FILE="${QNATIVE_APPCDS_KUBECONFIG:-}"
if [[ -z "$KUBECONFIG_FILE" ]]; then
  KUBECONFIG_FILE="$TMP/kubeconfig"
  cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:$(free_port)", insecure-skip-tls-verify: true}}]
users: [{name: none, user: {token: none}}]
contexts: [{name: none, context: {cluster: none, user: none, namespace: knative-serving}}]
current-context: none
EOF
fi

rm -f "$ARCHIVE"
log "training start of $APP/quarkus-run.jar with $JAVA (log: $TMP/train.log until it ends)"
t0=$SECONDS
(cd "$APP" && exec env ${ENVS[@]+"${ENVS[@]}"} KUBECONFIG="$KUBECONFIG_FILE" QNATIVE_POD_NAME=appcds-training \
  "$JAVA" "${FLAGS[@]}" -XX:ArchiveClassesAtExit=app-cds.jsa -Xlog:cds=error \
  -Xlog:class+load:file="$TMP/classes.log":none -Dappcds.class-log="$TMP/classes.log" \
  -Dquarkus.management.port="$MGMT" -Dquarkus.http.port=0 -Dqnative.webhook.port=0 \
  -Dqnative.gateway.external-http-port=0 -Dqnative.gateway.external-https-port=0 \
  -Dqnative.gateway.internal-http-port=0 -Dqnative.gateway.internal-https-port=0 \
  -Dqnative.gateway.drain-timeout=0s -Dquarkus.shutdown.timeout=5s \
  -jar quarkus-run.jar) >"$TMP/train.log" 2>&1 &
PID=$!

code() { curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$MGMT/q/health/$1" || true; }
live_since=""
state="timeout"
while ((SECONDS - t0 < TIMEOUT)); do
  kill -0 "$PID" 2>/dev/null || { tail -n 20 "$TMP/train.log" >&2; die "qnative exited during the training start"; }
  if [[ "$(code ready)" == 200 ]]; then state="ready"; break; fi
  if [[ -z "$live_since" && "$(code live)" == 200 ]]; then live_since=$SECONDS; fi
  if [[ -n "$live_since" ]] && ((SECONDS - live_since >= 5)); then state="live, not ready"; break; fi
  sleep 0.2
done
[[ "$state" != timeout ]] || { tail -n 20 "$TMP/train.log" >&2; die "not live after ${TIMEOUT}s"; }
log "$state after $((SECONDS - t0))s: SIGTERM, the JVM dumps as it exits"
kill -TERM "$PID"
for _ in $(seq 1 600); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PID" 2>/dev/null; then die "qnative did not exit within 60 s of SIGTERM"; fi
wait "$PID" 2>/dev/null || true
PID=""
if [[ ! -s "$ARCHIVE" ]]; then
  rm -f "$ARCHIVE"
  tail -n 20 "$TMP/train.log" >&2
  die "no archive written"
fi
log "$ARCHIVE ($(du -m "$ARCHIVE" | cut -f1) MB, trained until $state) in $((SECONDS - t0))s"
