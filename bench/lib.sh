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
