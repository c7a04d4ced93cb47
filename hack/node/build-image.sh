#!/usr/bin/env bash
# Builds container images without a container engine or a registry (hack/node/README.md):
#   build-image.sh qnative   the qnative image from the fast-jar in target/quarkus-app: a jlinked Java runtime
#                            (java.base + what jdeps lists) with the libraries ldd names, the app in
#                            /deployments, a static launcher, user 65532, nothing written at run time but /tmp;
#   build-image.sh samples   Knative's sample images (helloworld-go, autoscale-go) as one static Go stand-in.
# Archives (docker-archive format) go to target/images/; with a real node running from $QNATIVE_CLUSTER_DIR
# (hack/node/up.sh) they are also imported into its containerd, where pods with imagePullPolicy IfNotPresent
# (or a tag other than latest) find them without a pull.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export QNATIVE_SERVICE_CIDR="${QNATIVE_SERVICE_CIDR:-10.96.0.0/16}"
# shellcheck source=../cluster/lib.sh
source "$HERE/../cluster/lib.sh"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=image.sh
source "$HERE/image.sh"

OUT="$ROOT/target/images"
mkdir -p "$OUT"
log() { echo "image: $*" >&2; }
die() { echo "image: ERROR: $*" >&2; exit 1; }

# import_if_node ARCHIVE: into the node's containerd when one runs from the cluster dir.
import_if_node() {
  if [[ -S "$CTRD_SOCK" ]] && ctr_ version >/dev/null 2>&1; then
    import_image "$1"
    log "imported $(basename "$1") into the node's containerd ($CTRD_SOCK)"
  fi
}

# copy_libs ROOTFS FILE...: the shared libraries ldd names for FILEs (and the loader), at the same paths.
copy_libs() {
  local rootfs="$1" lib; shift
  for lib in $(ldd "$@" 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\/.*ld-linux/ { print $1 }' | sort -u); do
    case "$lib" in "$rootfs"/*) continue ;; esac
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
}

build_qnative() {
  local app="$ROOT/target/quarkus-app" version ref rootfs mods t0
  [[ -f "$app/quarkus-run.jar" ]] || die "no fast-jar in $app; run 'make build' first"
  version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n1)"
  [[ -n "$version" ]] || die "no <version> in pom.xml"
  ref="qnative/qnative:$version"
  t0=$(date +%s)
  rootfs="$(mktemp -d "${TMPDIR:-/tmp}/qnative-rootfs.XXXXXX")"
  # Modules: what jdeps finds from the app's classes through every library it reaches (about a minute on 2
  # cores; remembered per set of libraries), plus providers it cannot see (EC crypto for TLS, DNS naming, the RandomGenerator algorithms).
  local cp key
  cp="$(find "$app/lib/boot" "$app/lib/main" -name '*.jar' | LC_ALL=C sort | tr '\n' ':')"
  key="$(echo "$cp" | sha256sum | cut -c1-16)"
  if [[ -s "$OUT/modules-$key.txt" ]]; then
    mods="$(cat "$OUT/modules-$key.txt")"
  else
    log "jdeps (about a minute)"
    mods="$(jdeps -q --multi-release 17 --ignore-missing-deps --print-module-deps -R --class-path "$cp" \
              "$app"/app/*.jar "$app"/quarkus/*.jar)" || die "jdeps failed on $app"
    echo "$mods" >"$OUT/modules-$key.txt"
  fi
  mods="$mods,jdk.crypto.ec,jdk.naming.dns,jdk.random,jdk.zipfs"
  log "jlink $mods"
  # --generate-cds-archive: the runtime's default CDS archive (lib/server/classes.jsa), the JDK's own classes
  # mapped instead of parsed at every start, and the base the application archive below is layered on. Its
  # classes_nocoops.jsa is for heaps without compressed oops (over 32 GB), which this image never runs.
  jlink --add-modules "$mods" --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
    --output "$rootfs/opt/java" || die "jlink failed"
  rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"
  # A server JVM is headless: drop the desktop's native libraries (X11, sound, fonts, images), which would pull
  # X11 and friends into the image.
  rm -f "$rootfs"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound,libfontmanager,liblcms,libjavajpeg}.so
  copy_libs "$rootfs" "$rootfs/opt/java/bin/java" "$rootfs"/opt/java/lib/*.so "$rootfs/opt/java/lib/server/libjvm.so"
  mkdir -p "$rootfs/deployments" "$rootfs/usr/bin" "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
  chmod 1777 "$rootfs/tmp"
  cp -r "$app/." "$rootfs/deployments/"
  rm -f "$rootfs/deployments/app-cds.jsa"  # the host java's (make build); the image's own is dumped below
  gcc -Os -Wall -Werror -static -o "$rootfs/usr/bin/qnative" "$HERE/image/launcher.c" || die "gcc -static launcher.c failed"
  strip "$rootfs/usr/bin/qnative"
  ln -s ../usr/bin/qnative "$rootfs/bin/sleep"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
  # The application CDS archive (-XX:SharedArchiveFile=app-cds.jsa in kubernetes/400-deployment.yaml), dumped by
  # the image's own java from /deployments' files as the layer will hold them: the JVM checks each jar's size and
  # mtime, and docker_archive writes every mtime as 0. Without it the image works, only starts slower.
  find "$rootfs" -exec touch -h -d @0 {} +
  if "$ROOT/hack/appcds.sh" "$rootfs/deployments" "$rootfs/opt/java/bin/java"; then
    touch -h -d @0 "$rootfs/deployments/app-cds.jsa"
  else
    log "WARNING: no application CDS archive in the image (hack/appcds.sh failed); qnative starts without it"
  fi
  docker_archive "$OUT/qnative.tar" "$ref" "$rootfs" \
    '{"Entrypoint":["/usr/bin/qnative"],"Env":["PATH=/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"65532:65532","WorkingDir":"/deployments","ExposedPorts":{"8080/tcp":{},"8081/tcp":{},"8443/tcp":{},"8444/tcp":{},"9000/tcp":{},"9443/tcp":{}}}'
  log "$ref: $OUT/qnative.tar ($(du -m "$OUT/qnative.tar" | cut -f1) MB, runtime $(du -sm "$rootfs/opt/java" | cut -f1) MB) in $(( $(date +%s) - t0 ))s"
  rm -rf "$rootfs"
  import_if_node "$OUT/qnative.tar"
}

build_samples() {
  local bin="$OUT/standin" rootfs app
  command -v go >/dev/null || export PATH="/usr/lib/go/bin:$PATH"
  command -v go >/dev/null || die "go not found (Debian package golang-go; hack/cluster/build-k8s.sh installs it)"
  (cd "$HERE/standin" && CGO_ENABLED=0 GO111MODULE=off GOFLAGS= go build -trimpath -ldflags "-s -w" -o "$bin" main.go) \
    || die "go build of hack/node/standin failed"
  for app in helloworld autoscale; do
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/qnative-rootfs.XXXXXX")"
    cp "$bin" "$rootfs/standin"
    docker_archive "$OUT/$app-go.tar" "gcr.io/knative-samples/$app-go:latest" "$rootfs" \
      '{"Entrypoint":["/standin"],"Env":["QNATIVE_STANDIN_APP='"$app"'"],"User":"65532:65532","ExposedPorts":{"8080/tcp":{}}}'
    rm -rf "$rootfs"
    log "gcr.io/knative-samples/$app-go:latest: $OUT/$app-go.tar"
    import_if_node "$OUT/$app-go.tar"
  done
}

[[ $# -gt 0 ]] || set -- qnative samples
for what in "$@"; do
  case "$what" in
    qnative) build_qnative ;;
    samples) build_samples ;;
    *) die "unknown image '$what' (qnative, samples)" ;;
  esac
done
