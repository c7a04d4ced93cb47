# shellcheck shell=bash
# Container images without a registry or a container engine: a docker-archive (manifest.json, config, one
# FROM-scratch layer) made with tar and sha256sum, imported into containerd with `ctr images import`.
# Sourced by hack/node/up.sh and hack/node/build-image.sh.

# docker_archive OUT.tar REF ROOTFS_DIR CONFIG_JSON: CONFIG_JSON is the image's "config" object
# (Entrypoint, Env, User, WorkingDir, ExposedPorts...). The layer is reproducible (sorted, mtime 0, uid 0).
docker_archive() {
  local out="$1" ref="$2" rootfs="$3" config="$4" tmp diff cfg_sha
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/qnative-image.XXXXXX")"
  tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf "$tmp/layer.tar" .
  diff="$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)"
  mkdir -p "$tmp/$diff"
  mv "$tmp/layer.tar" "$tmp/$diff/layer.tar"
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"hack/node/image.sh"}]}' \
    "$config" "$diff" >"$tmp/config.json"
  cfg_sha="$(sha256sum "$tmp/config.json" | cut -d' ' -f1)"
  mv "$tmp/config.json" "$tmp/$cfg_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$cfg_sha" "$ref" "$diff" >"$tmp/manifest.json"
  tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$tmp" -cf "$out" manifest.json "$cfg_sha.json" "$diff"
  rm -rf "$tmp"
}

# import_image ARCHIVE: into containerd's k8s.io namespace (the one the kubelet's CRI uses).
import_image() {
  ctr --address "$CTRD_SOCK" --namespace k8s.io images import "$1" >/dev/null
}
