#!/usr/bin/env bash
# Starts the local cluster's image registry (idempotent) and publishes the node agent's stand-in sample images in it,
# for `make run` (hack/run.sh) and the *E2E harness (io.qnative.testing.e2e.ClusterSession):
#   - Debian's docker-registry (distribution 2.8, hack/registry/install.sh) on 127.0.0.1:$QNATIVE_REGISTRY_PORT
#     (default 5000), plain HTTP, no auth, with its own config, storage, log and pid file under
#     $QNATIVE_CLUSTER_DIR/registry (default /tmp/qnative-cluster/registry; QNATIVE_REGISTRY_STATE_DIR overrides);
#   - pushes, over the registry's v2 API (blob uploads, then a manifest PUT), knative-samples/helloworld-go:latest
#     and knative-samples/autoscale-go:latest: FROM-scratch style images of one small, reproducible layer (the same
#     bytes, hence the same digests, on every run), so a ksvc can name 127.0.0.1:<port>/knative-samples/helloworld-go
#     and qnative resolves it to a real digest (Knative's pkg/reconciler/revision/resolve.go).
# With QNATIVE_REGISTRY_USER and QNATIVE_REGISTRY_PASSWORD set, every request needs that user's basic auth (an htpasswd
# file, bcrypt, in the state dir): a registry for pull-secret tests.
# Prints the registry's address (127.0.0.1:<port>) on stdout. A registry already running from this cluster dir is
# kept, whatever QNATIVE_REGISTRY_PORT says (its address is printed). hack/registry/down.sh stops it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

PORT="${QNATIVE_REGISTRY_PORT:-5000}"
[[ "$PORT" =~ ^[0-9]+$ && "$PORT" -ge 1 && "$PORT" -le 65535 ]] \
  || reg_die "QNATIVE_REGISTRY_PORT must be a port number (1-65535), got '$PORT'"

AUTH_USER="${QNATIVE_REGISTRY_USER:-}"
AUTH_PASSWORD="${QNATIVE_REGISTRY_PASSWORD:-}"
CURL_AUTH=()
if [[ -n "$AUTH_USER" ]]; then
  [[ -n "$AUTH_PASSWORD" ]] || reg_die "QNATIVE_REGISTRY_USER is set: QNATIVE_REGISTRY_PASSWORD must be too"
  CURL_AUTH=(-u "$AUTH_USER:$AUTH_PASSWORD")
fi

mkdir -p "$REG_DIR/data"
pid="$(registry_pid)"
if [[ -n "$pid" && -s "$REG_DIR/address" ]]; then
  ADDRESS="$(cat "$REG_DIR/address")"
  reg_log "already running on $ADDRESS (pid $pid)"
else
  [[ -z "$pid" ]] || { reg_log "stopping a registry of $REG_DIR without an address file (pid $pid)"; kill "$pid" || true; sleep 1; }
  ADDRESS="127.0.0.1:$PORT"
  if ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; then
    reg_die "port $PORT is taken (ss -ltnp 'sport = :$PORT'); QNATIVE_REGISTRY_PORT picks another"
  fi
  BIN="$(bash "$HERE/install.sh" 2>/dev/null | tail -n1)"
  [[ -x "$BIN" ]] || reg_die "hack/registry/install.sh did not install docker-registry (run it to see why)"
  AUTH_CONFIG=""
  if [[ -n "$AUTH_USER" ]]; then
    command -v htpasswd >/dev/null 2>&1 || reg_die "htpasswd not found (hack/registry/install.sh installs apache2-utils)"
    htpasswd -Bbn "$AUTH_USER" "$AUTH_PASSWORD" >"$REG_DIR/htpasswd"
    AUTH_CONFIG="auth:
  htpasswd:
    realm: qnative-local
    path: $REG_DIR/htpasswd"
  fi
  cat >"$REG_DIR/config.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REG_DIR/data
  delete:
    enabled: true
http:
  addr: $ADDRESS
$AUTH_CONFIG
EOF
  # its own session: a Ctrl-C of make run reaches run.sh's trap, which stops it through down.sh
  setsid "$BIN" serve "$REG_DIR/config.yml" >>"$REG_DIR/registry.log" 2>&1 </dev/null &
  echo $! >"$REG_DIR/registry.pid"
  echo "$ADDRESS" >"$REG_DIR/address"
  answers() { curl -fsS --max-time 1 "${CURL_AUTH[@]}" "http://$ADDRESS/v2/" >/dev/null 2>&1; }
  for _ in $(seq 1 100); do
    if answers; then break; fi
    kill -0 "$(cat "$REG_DIR/registry.pid")" 2>/dev/null || reg_die "docker-registry exited; see $REG_DIR/registry.log"
    sleep 0.1
  done
  answers || reg_die "docker-registry does not answer on http://$ADDRESS/v2/ after 10 s; see $REG_DIR/registry.log"
  reg_log "started on $ADDRESS (pid $(cat "$REG_DIR/registry.pid"), log $REG_DIR/registry.log)"
fi

# --- publish the stand-in samples ------------------------------------------------------------------------------
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

upload_blob() { # upload_blob REPO FILE: prints the blob's digest
  local repo="$1" file="$2" digest location sep code
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  if curl -fsS --max-time 10 "${CURL_AUTH[@]}" -o /dev/null -I "http://$ADDRESS/v2/$repo/blobs/$digest" 2>/dev/null; then
    echo "$digest"; return 0
  fi
  location="$(curl -fsS --max-time 10 "${CURL_AUTH[@]}" -X POST -o /dev/null -D - "http://$ADDRESS/v2/$repo/blobs/uploads/" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')"
  [[ -n "$location" ]] || reg_die "blob upload to $repo: no Location from POST /v2/$repo/blobs/uploads/"
  [[ "$location" == http* ]] || location="http://$ADDRESS$location"
  if [[ "$location" == *\?* ]]; then sep='&'; else sep='?'; fi
  code="$(curl -sS --max-time 30 "${CURL_AUTH[@]}" -o "$WORK/put.out" -w '%{http_code}' -X PUT \
    -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location${sep}digest=$digest")"
  [[ "$code" == 201 ]] || reg_die "blob upload to $repo: PUT answered $code: $(cat "$WORK/put.out")"
  echo "$digest"
}

publish() { # publish REPO TAG APP: a one-layer image whose layer holds /standin (the app's name)
  local repo="$1" tag="$2" app="$3" root="$WORK/$3" layer diff_id layer_digest config config_digest manifest code
  mkdir -p "$root/rootfs"
  printf '%s\n' "$app" >"$root/rootfs/standin"
  chmod 0755 "$root/rootfs/standin"
  # reproducible: fixed mtime, owner and order, gzip without a name or timestamp
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root/rootfs" -cf "$root/layer.tar" standin
  gzip -n -9 -c "$root/layer.tar" >"$root/layer.tar.gz"
  diff_id="sha256:$(sha256sum "$root/layer.tar" | cut -d' ' -f1)"
  layer="$root/layer.tar.gz"
  layer_digest="$(upload_blob "$repo" "$layer")"
  config="$root/config.json"
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/standin"],"Env":["PORT=8080"],"Labels":{"dev.qnative.standin":"%s"}},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$app" "$diff_id" >"$config"
  config_digest="$(upload_blob "$repo" "$config")"
  manifest="$root/manifest.json"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%d,"digest":"%s"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%d,"digest":"%s"}]}' \
    "$(stat -c %s "$config")" "$config_digest" "$(stat -c %s "$layer")" "$layer_digest" >"$manifest"
  code="$(curl -sS --max-time 30 "${CURL_AUTH[@]}" -o "$WORK/put.out" -w '%{http_code}' -X PUT \
    -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' --data-binary "@$manifest" \
    "http://$ADDRESS/v2/$repo/manifests/$tag")"
  [[ "$code" == 201 ]] || reg_die "manifest PUT $repo:$tag answered $code: $(cat "$WORK/put.out")"
  reg_log "published $ADDRESS/$repo:$tag (sha256:$(sha256sum "$manifest" | cut -d' ' -f1))"
}

publish knative-samples/helloworld-go latest helloworld-go
publish knative-samples/autoscale-go latest autoscale-go

echo "$ADDRESS"
