#!/usr/bin/env bash
# JMH benchmarks of the autoscaler tick (bench/README.md). Compiles qnative (target/classes) and this module, then
# runs JMH with the given arguments (default: every benchmark with the GC profiler), then the window footprint.
#   bench/jmh/run.sh                       # all, with -prof gc
#   bench/jmh/run.sh -f 1 -wi 1 -i 2 tick  # JMH options and a benchmark filter
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -B -q compile
mkdir -p "$here/target"
jar cf "$here/target/qnative-classes.jar" -C "$root/target/classes" .
./mvnw -B -q -f "$here/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(-prof gc)
fi
java -cp "$cp" org.openjdk.jmh.Main "${args[@]}"
java -Xmx1g -cp "$cp" io.qnative.bench.WindowFootprint "${FOOTPRINT_REVISIONS:-10000}"
