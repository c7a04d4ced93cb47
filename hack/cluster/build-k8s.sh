#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler and kubectl 1.20.2 from Debian's
# source package `kubernetes` and caches them in ${QNATIVE_K8S_CACHE:-$HOME/.cache/qnative/k8s-1.20.2}/bin.
# `build-k8s.sh --kubelet` builds the kubelet (for the real node, hack/node/) from the same source with
# the same patches plus hack/node/patches/*, and a static `pause` from build/pause/linux/pause.c, into
# the separate cache $QNATIVE_K8S_CACHE/kubelet (own stamp: building it never invalidates the above).
#
# Idempotent: when the cache holds every binary and its stamp matches this recipe (the hash of
# hack/cluster/patches/* and of the recipe version below), it only prints where the binaries are.
# From nothing it installs the Debian packages it needs, adds a deb-src entry derived from the
# configured Debian sources, fetches the source with `apt-get source`, fixes the reflect2 trap,
# applies our patches and builds (about 8 minutes cold on 2 cores). See hack/cluster/README.md.
set -euo pipefail

K8S_VERSION=1.20.2
# Bump when the build recipe changes in a way that must invalidate existing caches.
RECIPE_VERSION=1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PATCH_DIR="$HERE/patches"
ROOT_CACHE="${QNATIVE_K8S_CACHE:-${HOME:-/root}/.cache/qnative/k8s-$K8S_VERSION}"
CACHE="$ROOT_CACHE"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
PACKAGES=(etcd-server golang-go rsync jq openssl dpkg-dev patch curl procps iproute2 ca-certificates
          golang-github-modern-go-reflect2-dev)
TARGET=control-plane
case "${1:-}" in
  "") ;;
  --kubelet)
    TARGET=kubelet
    CACHE="$ROOT_CACHE/kubelet"
    BINARIES=(kubelet)
    NODE_PATCH_DIR="$HERE/../node/patches"
    PACKAGES+=(gcc libc6-dev) ;;   # the static pause
  *) echo "usage: build-k8s.sh [--kubelet]" >&2; exit 2 ;;
esac
BIN="$CACHE/bin"
DEB_SRC_FILE=/etc/apt/sources.list.d/qnative-deb-src.sources

log() { echo "build-k8s: $*" >&2; }
die() { echo "build-k8s: ERROR: $*" >&2; exit 1; }

# The stamp identifies what the cached binaries were built from: recipe version + patches.
stamp_value() {
  {
    echo "k8s=$K8S_VERSION recipe=$RECIPE_VERSION bins=${BINARIES[*]}"
    if [[ -d "$PATCH_DIR" ]]; then
      find "$PATCH_DIR" -maxdepth 1 -type f -name '*.patch' | LC_ALL=C sort | while read -r f; do
        echo "$(basename "$f") $(sha256sum <"$f" | cut -d' ' -f1)"
      done
    fi
    if [[ "$TARGET" == kubelet ]]; then
      echo "node patches + pause"
      find "$NODE_PATCH_DIR" -maxdepth 1 -type f -name '*.patch' | LC_ALL=C sort | while read -r f; do
        echo "$(basename "$f") $(sha256sum <"$f" | cut -d' ' -f1)"
      done
    fi
  } | sha256sum | cut -d' ' -f1
}

cache_ok() {
  [[ -f "$CACHE/stamp" && "$(cat "$CACHE/stamp")" == "$(stamp_value)" ]] || return 1
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$BIN/$b" ]] || return 1; done
  [[ "$TARGET" != kubelet || -x "$BIN/pause" ]] || return 1
}

report() {
  echo "Kubernetes $K8S_VERSION binaries are in $BIN:"
  local b
  for b in "${BINARIES[@]}"; do echo "  $BIN/$b"; done
}

if cache_ok; then
  report
  exit 0
fi

[[ $(id -u) -eq 0 ]] || die "must run as root (installs Debian packages); no cached build in $CACHE"
mkdir -p "$CACHE"
# One build at a time per machine cache (E2E harness and `make run` may start together; the kubelet
# build takes the same lock as the control plane's, so two makes of Kubernetes never share the cores).
exec 9>"$ROOT_CACHE/.lock"
if ! flock -n 9; then
  log "another build is running in $CACHE; waiting for it"
  flock 9
fi
if cache_ok; then report; exit 0; fi

# --- 1. Debian packages -----------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# --- 2. deb-src entry derived from the configured sources (no host name written here) ---------
if [[ ! -f "$DEB_SRC_FILE" ]]; then
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    log "adding $DEB_SRC_FILE (deb-src twin of /etc/apt/sources.list.d/debian.sources)"
    sed -e 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$DEB_SRC_FILE"
  elif [[ -f /etc/apt/sources.list ]] && grep -q '^deb ' /etc/apt/sources.list; then
    log "adding ${DEB_SRC_FILE%.sources}.list (deb-src twin of /etc/apt/sources.list)"
    DEB_SRC_FILE="${DEB_SRC_FILE%.sources}.list"
    sed -n -e 's/^deb /deb-src /p' /etc/apt/sources.list >"$DEB_SRC_FILE"
  else
    die "no Debian apt sources found to derive a deb-src entry from"
  fi
  need_update=1
fi
if [[ ${#missing[@]} -gt 0 || -n "${need_update:-}" || -z "$(apt-cache showsrc kubernetes 2>/dev/null)" ]]; then
  log "apt-get update"
  apt-get update -qq || die "apt-get update failed"
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
command -v go >/dev/null || export PATH="/usr/lib/go/bin:$PATH"
command -v go >/dev/null || die "go not found after installing golang-go"

# --- 3. Source --------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/qnative-k8s-build.XXXXXX")"
cleanup() { [[ -n "${KEEP_BUILD_DIR:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"
log "apt-get source kubernetes in $WORK"
apt-get source -qq kubernetes >"$WORK/apt-source.log" 2>&1 || { cat "$WORK/apt-source.log" >&2; die "apt-get source kubernetes failed"; }
SRC="$(find "$WORK" -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -n1)"
[[ -n "$SRC" && -f "$SRC/go.mod" ]] || die "no unpacked kubernetes source in $WORK"
grep -q "v$K8S_VERSION" "$SRC/hack/lib/version.sh" \
  || die "source in $SRC is not Kubernetes $K8S_VERSION (hack/lib/version.sh has no v$K8S_VERSION)"
cd "$SRC"

# --- 4. reflect2 trap ---------------------------------------------------------------------------
# The vendored github.com/modern-go/reflect2 v1.0.1 reads Go runtime internals that changed in
# Go 1.18; built with Debian's Go 1.19 the apiserver dies with SIGSEGV in mapiterinit on the first
# object that has a map. Debian's golang-github-modern-go-reflect2-dev (1.0.2) is the fixed version.
R2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
R2_VENDOR=vendor/github.com/modern-go/reflect2
[[ -f "$R2_SRC/go_above_118.go" ]] || die "$R2_SRC is not reflect2 >= 1.0.2 (no go_above_118.go)"
log "replacing vendored reflect2 v1.0.1 with Debian's 1.0.2"
rm -rf "$R2_VENDOR"
mkdir -p "$R2_VENDOR"
find "$R2_SRC" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' -o -name LICENSE \) ! -name '*_test.go' \
  -exec cp -L {} "$R2_VENDOR/" \;
# The build runs in GOPATH mode (hack/lib/init.sh sets GO111MODULE=off), so only vendor/ matters;
# keep go.mod and vendor/modules.txt consistent anyway.
sed -i -e 's#^\(\s*github.com/modern-go/reflect2 => github.com/modern-go/reflect2\) v1.0.1$#\1 v1.0.2#' \
       -e 's#^\(\s*github.com/modern-go/reflect2\) v1.0.1$#\1 v1.0.2#' go.mod
sed -i -e 's#^\(\# github.com/modern-go/reflect2 .*=> github.com/modern-go/reflect2\) v1.0.1$#\1 v1.0.2#' \
       vendor/modules.txt
grep -q 'reflect2 v1.0.2' go.mod || die "could not update reflect2 in go.mod"
grep -q 'reflect2 v1.0.2' vendor/modules.txt || die "could not update reflect2 in vendor/modules.txt"

# --- 5. our patches -----------------------------------------------------------------------------
if [[ -d "$PATCH_DIR" ]]; then
  while read -r p; do
    [[ -n "$p" ]] || continue
    log "applying $(basename "$p")"
    patch -p1 --forward --batch <"$p" >/dev/null || die "patch $p does not apply"
  done < <(find "$PATCH_DIR" -maxdepth 1 -type f -name '*.patch' | LC_ALL=C sort)
fi
if [[ "$TARGET" == kubelet ]]; then
  while read -r p; do
    [[ -n "$p" ]] || continue
    log "applying node patch $(basename "$p")"
    patch -p1 --forward --batch <"$p" >/dev/null || die "patch $p does not apply"
  done < <(find "$NODE_PATCH_DIR" -maxdepth 1 -type f -name '*.patch' | LC_ALL=C sort)
fi

# --- 6. build, as Debian's debian/rules does ----------------------------------------------------
export GOPATH="$SRC/.go" CGO_ENABLED=0
export PATH="/usr/lib/go/bin:$PATH"
mkdir -p .go/src/k8s.io
[[ -L .go/src/k8s.io/kubernetes ]] || ln -s ../../.. .go/src/k8s.io/kubernetes
WHAT="${BINARIES[*]/#/cmd/}"
log "make WHAT=\"$WHAT\" (about 7 minutes cold on 2 cores; log: $CACHE/build.log)"
start=$(date +%s)
if ! make WHAT="$WHAT" >"$CACHE/build.log" 2>&1; then
  tail -n 40 "$CACHE/build.log" >&2
  die "make failed; full log in $CACHE/build.log (KEEP_BUILD_DIR=1 keeps the source tree)"
fi
log "built in $(( $(date +%s) - start ))s"

# --- 7. install into the cache ------------------------------------------------------------------
mkdir -p "$BIN.new"
for b in "${BINARIES[@]}"; do
  [[ -x "_output/bin/$b" ]] || die "_output/bin/$b missing after build"
  cp "_output/bin/$b" "$BIN.new/$b"
done
if [[ "$TARGET" == kubelet ]]; then
  # The pod sandbox image's only binary, as build/pause/Makefile builds it (no registry needed).
  gcc -Os -Wall -Werror -static -DVERSION="v3.4.1-qnative" -o "$BIN.new/pause" build/pause/linux/pause.c \
    || die "gcc -static build/pause/linux/pause.c failed"
  strip "$BIN.new/pause" || true
fi
rm -rf "$BIN"
mv "$BIN.new" "$BIN"
stamp_value >"$CACHE/stamp"
if [[ "$TARGET" == kubelet ]]; then "$BIN/kubelet" --version >&2 || true; else "$BIN/kubectl" version --client --short >&2 || true; fi
report
