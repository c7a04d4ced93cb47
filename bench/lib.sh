# Sourced by the bench scripts: the JVM settings the install ships, read from kubernetes/400-deployment.yaml, so
# every script measures what the Deployment runs.

# JAVA_OPTS_APPEND of the qnative container.
shipped_java_opts() {
  awk '/name: JAVA_OPTS_APPEND/{f=1} f && /value:/{sub(/^[^"]*"/, ""); sub(/".*$/, ""); print; exit}' \
    kubernetes/400-deployment.yaml
}

# The container's other process settings as NAME=value words (MALLOC_ARENA_MAX), empty when it sets none.
shipped_env() {
  awk '/name: MALLOC_ARENA_MAX/{f=1} f && /value:/{gsub(/[^0-9]/, ""); print "MALLOC_ARENA_MAX=" $0; exit}' \
    kubernetes/400-deployment.yaml
}

# The heap limit MaxRAMPercentage gives under the container's memory limit (e.g. -Xmx358m for 70% of 512Mi), for
# a JVM run outside the container: on the host the percentage would apply to the machine's memory instead.
shipped_heap_limit() {
  local limit pct
  limit=$(awk '/limits:/{f=1} f && /memory:/{gsub(/[^0-9]/, ""); print; exit}' kubernetes/400-deployment.yaml)
  pct=$(shipped_java_opts | grep -o 'MaxRAMPercentage=[0-9]*' | cut -d= -f2)
  echo "-Xmx$(( limit * ${pct:-25} / 100 ))m"
}

# A free TCP port on the loopback (the kernel's choice at the time of asking).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The 1-minute load average, printed beside each figure.
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# Installs the Debian packages the load tools come in when a command is missing (arguments: `command` or
# `command:package`, e.g. `h2load:nghttp2-client`), then raises the open-files limit for thousands of connections.
need_tools() {
  local need=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" > /dev/null || need+=("${spec#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" > /dev/null; fi
  ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"
}

# Builds the test classes and target/test-classpath.txt when CLASS (a path under target/test-classes) or the
# class path file is missing.
ensure_test_classes() {
  if [ ! -f "target/test-classes/$1" ] || [ ! -s target/test-classpath.txt ]; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
      -Dmdep.includeScope=test > /dev/null
  fi
}

# Writes DIR/nginx.conf for the benchmarks' backend: one nginx worker on 127.0.0.1:PORT answering 200 "hello"
# itself (start it with `nginx -p DIR -c DIR/nginx.conf`). Keep-alive connections are never closed by it (nginx closes
# one after 1,000 requests by default, and h2load's open loop does not reconnect: the connection's share of the rate
# would be lost).
backend_nginx_conf() { # backend_nginx_conf DIR PORT
  mkdir -p "$1/logs"
  cat > "$1/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s;
  server { listen 127.0.0.1:$2; location / { return 200 "hello\n"; } } }
CONF
}

# The median of the numbers on standard input, one a line (empty when there are none).
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) exit; if (NR % 2) print a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2}'; }

# CPU placement for the gateway benchmarks (PIN=1): the proxy under test on the last core, the load generator and
# the backend on the others, so the proxy's figures do not depend on winning a CPU against them. Unset or 0: no
# placement. `proxy_cpus` / `load_cpus` are taskset lists; `on_proxy_cpus CMD…` / `on_load_cpus CMD…` run a command
# there (exec'd, so $! is the command's own pid); `proxy_cpu_count` is the number of cores the proxy may use.
pinned() { [ "${PIN:-0}" = 1 ]; }
proxy_cpus() { echo "$(( $(nproc) - 1 ))"; }
load_cpus() { [ "$(nproc)" -gt 2 ] && echo "0-$(( $(nproc) - 2 ))" || echo 0; }
proxy_cpu_count() { if pinned; then echo 1; else nproc; fi; }
load_cpu_count() { if pinned; then echo "$(( $(nproc) - 1 ))"; else nproc; fi; }
on_proxy_cpus() { if pinned; then exec taskset -c "$(proxy_cpus)" "$@"; else exec "$@"; fi; }
on_load_cpus() { if pinned; then exec taskset -c "$(load_cpus)" "$@"; else exec "$@"; fi; }

# CPU time (user + system, clock ticks) of the processes given, every thread of each.
cpu_ticks() { local p t=0; for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2> /dev/null || echo 0) )); done; echo "$t"; }

# Open-loop load with h2load (C, a few percent of a core at tens of thousands of requests/s, where hey's Go client
# needed more CPU than the proxy it measured): RATE requests/s over keep-alive HTTP/1.1 connections, each sending
# its share with --rps (h2load keeps up to ~300 requests/s per connection, so one connection per 200 requests/s,
# at least 16), for SECS seconds. Latency is h2load's, from each request's send to its response, read from its
# per-request log. A connection still waiting for an answer sends its due requests when it can, so a saturated
# path shows as an achieved rate below RATE (flagged below 95%), not only as a tail. HOST goes as h2load's
# `:authority` (a `Host:` header would be sent beside h2load's own).
#   h2load_open LOG RATE SECS URL [HOST] -> "achieved-rps p50-ms p99-ms p999-ms failed"  (failed: non-2xx answers,
#   connection errors and timeouts)
h2load_open() {
  local log=$1 rate=$2 secs=$3 url=$4 host=${5:-} clients per out
  clients=$(( (rate + 199) / 200 )); [ "$clients" -lt 16 ] && clients=16
  rm -f "$log"  # h2load appends to it
  per=$(awk -v r="$rate" -v c="$clients" 'BEGIN {printf "%.3f", r / c}')
  out=$(on_load_cpus_sub timeout --foreground "$(( secs + 30 ))" h2load --h1 -t1 -c"$clients" --rps="$per" -D "$secs" \
    --log-file="$log" ${host:+-H ":authority: $host"} "$url" 2>&1 || true)
  local errors
  errors=$(sed -n 's/^requests: .* \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2/p' <<< "$out" | awk '{print $1 + $2}')
  h2load_latencies "$log" "$secs" | awk -v e="${errors:-0}" '{print $2, $3, $4, $5, $6 + e}'
}

# The latencies in h2load's per-request log (one line a request: start, status, microseconds), over SECS seconds:
#   h2load_latencies LOG SECS -> "requests achieved-rps p50-ms p99-ms p999-ms non-2xx"
h2load_latencies() {
  python3 - "$1" "$2" <<'PY'
import sys
log, secs = sys.argv[1], float(sys.argv[2])
lat, bad = [], 0
for line in open(log):
    f = line.split()
    if len(f) >= 3:
        lat.append(int(f[2]))
        bad += not f[1].startswith("2")
lat.sort()
n = len(lat)
q = lambda p: lat[min(n - 1, int(n * p))] / 1000.0 if n else 0.0
print("%d %.0f %.3f %.3f %.3f %d" % (n, n / secs, q(0.5), q(0.99), q(0.999), bad))
PY
}
# on_load_cpus for a command whose output is wanted (in a subshell, so the exec does not replace the caller)
on_load_cpus_sub() { ( on_load_cpus "$@" ); }

# Stops a process and everything it started (SIGTERM; children listed before the parent goes, then each in turn).
kill_tree() { # kill_tree PID...
  local p kids
  for p in "$@"; do
    [ -n "$p" ] || continue
    kids=$(ps -o pid= --ppid "$p" 2> /dev/null || true)
    kill "$p" 2> /dev/null || true
    # shellcheck disable=SC2086  # the pids are words
    [ -z "$kids" ] || kill_tree $kids
  done
}
