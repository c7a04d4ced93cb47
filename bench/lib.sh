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
# itself (start it with `nginx -p DIR -c DIR/nginx.conf`).
backend_nginx_conf() { # backend_nginx_conf DIR PORT
  mkdir -p "$1/logs"
  cat > "$1/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
events { worker_connections 8192; }
http { access_log off; server { listen 127.0.0.1:$2; location / { return 200 "hello\n"; } } }
CONF
}
