#!/usr/bin/env bash
# Installs what the digest-resolution tests run a real registry with, and prints the registry binary's path:
#   - Debian's docker-registry (distribution 2.8), unpacked from its package into $QNATIVE_REGISTRY_DIR
#     (default ~/.cache/qnative/registry) rather than installed, because the package's maintainer script starts a
#     system-wide registry on port 5000; the tests start their own, with their own config and storage;
#   - htpasswd (apache2-utils) for the bcrypt password file of the registry's basic auth.
# Idempotent; needs root (apt-get) only the first time.
set -euo pipefail

DIR="${QNATIVE_REGISTRY_DIR:-$HOME/.cache/qnative/registry}"
BIN="$DIR/usr/bin/docker-registry"
log() { echo "registry-install: $*" >&2; }

download() {
  local tmp
  tmp="$(mktemp -d)"
  chmod 0777 "$tmp"
  if ! (cd "$tmp" && apt-get download docker-registry >/dev/null 2>&1); then
    log "apt-get update"
    apt-get update -qq >/dev/null
    (cd "$tmp" && apt-get download docker-registry >/dev/null 2>&1)
  fi
  mkdir -p "$DIR"
  dpkg-deb -x "$tmp"/docker-registry_*.deb "$DIR"
  rm -rf "$tmp"
}

if [[ ! -x "$BIN" ]]; then
  log "unpacking Debian's docker-registry into $DIR"
  download
fi
if ! command -v htpasswd >/dev/null 2>&1; then
  log "installing apache2-utils (htpasswd)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends apache2-utils >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends apache2-utils >/dev/null
  }
fi
"$BIN" --version >&2
echo "$BIN"
