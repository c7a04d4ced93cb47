#!/usr/bin/env bash
# Regenerates kubernetes/100-crd-*.yaml from the io.qnative.api types (fabric8 crd-generator + post-processing
# in src/test/java/io/qnative/testing/crd). CrdManifestsTest fails whenever the committed files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test -Dtest=CrdManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dqnative.crds.update=true "$@"
ls -l kubernetes/100-crd-*.yaml
