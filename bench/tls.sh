#!/usr/bin/env bash
# TLS through the gateway vs nginx with the same certificate, and memory per certificate held (issue 12), one run:
#   backend  nginx answering 200 "hello" itself over plain HTTP (one worker), the same for both paths
#   nginx    `listen ssl` (workers: one per core) as a reverse proxy (upstream keepalive) -> backend
#   qnative  io.qnative.gateway.TlsLoad (test sources): the gateway's external HTTPS listener with SNI, its
#            certificate issued by qnative's built-in CA code as the built-in issuer's Secret and fed to the
#            gateway's SNI table through the KIngress/Secret informer handlers' conversions -> backend
# Both serve the same ECDSA P-256 leaf (+ CA) for $HOST: TlsLoad writes the Secret's tls.crt / tls.key and nginx
# loads those files.
# Full handshakes: every request on a new connection (`Connection: close`), so requests/s = handshakes/s, with
# h2load (HTTP/1.1), TLS 1.3 and TLS 1.2. wrk and h2load both resume the previous session on a client's next
# connection (they keep one SSL object per client); a preloaded shim built here drops that session before every
# handshake (and caps h2load at TLS 1.2 when asked), and a probe against a logging nginx server
# ($ssl_session_reused, $ssl_protocol) shows wrk and plain h2load resuming and the shimmed client not (the run stops
# if it resumes). Then keep-alive requests/s over TLS 1.3. Each measurement runs ROUNDS times, interleaved (nginx,
# qnative, nginx, ...) so a burst of load from other processes hits both; medians and each run's load average are
# printed.
# Then memory: io.qnative.gateway.tls.SniMemory with N = 0 and N = $CERTS certificates under the Deployment's JVM
# settings (bench/lib.sh): used heap after full GCs and RSS, per certificate.
#   bench/tls.sh         # ROUNDS=3 HANDSHAKES=3000 REQUESTS=200000 CONNECTIONS=32 CERTS=1000
# Builds the test classes when missing; installs wrk, nginx, h2load and gcc (Debian packages nginx,
# wrk, nghttp2-client, gcc) when missing. Loopback only, free ports; stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
rounds="${ROUNDS:-3}"
handshakes="${HANDSHAKES:-3000}"
requests="${REQUESTS:-200000}"
connections="${CONNECTIONS:-32}"
certs="${CERTS:-1000}"
host=hello.ns.example.com

need_tools wrk nginx h2load:nghttp2-client gcc
ensure_test_classes io/qnative/gateway/TlsLoad.class
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

work=$(mktemp -d)
be_port=$(free_port); ngx_port=$(free_port); probe_port=$(free_port)
backend_pid=""; nginx_pid=""; gw_pid=""
cleanup() {
  for p in "$gw_pid" "$nginx_pid" "$backend_pid"; do [ -n "$p" ] && kill "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/backend/logs" "$work/proxy/logs"
backend_nginx_conf "$work/backend" "$be_port"
nginx -p "$work/backend" -c "$work/backend/nginx.conf" & backend_pid=$!

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
java ${JAVA_OPTS:-} -cp "$cp" io.qnative.gateway.TlsLoad "$be_port" "$work" "$host" > "$work/gw.out" 2>&1 & gw_pid=$!
for _ in $(seq 1 900); do grep -q '^https ' "$work/gw.out" 2> /dev/null && break; sleep 0.1; done
gw_port=$(awk '/^https / {print $2}' "$work/gw.out")
[ -n "$gw_port" ] || { cat "$work/gw.out" >&2; echo "bench: TlsLoad did not start" >&2; exit 1; }

cat > "$work/proxy/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/proxy/nginx.pid;
error_log $work/proxy/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  log_format tls '\$ssl_protocol \$ssl_session_reused';
  upstream backend { server 127.0.0.1:$be_port; keepalive 128; }
  ssl_certificate $work/tls.crt;
  ssl_certificate_key $work/tls.key;
  ssl_protocols TLSv1.2 TLSv1.3;
  server {
    listen 127.0.0.1:$ngx_port ssl;
    server_name $host;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
  server {
    listen 127.0.0.1:$probe_port ssl;
    access_log $work/proxy/logs/probe.log tls;
    location / { return 200 "probe\n"; }
  }
}
CONF
nginx -p "$work/proxy" -c "$work/proxy/nginx.conf" & nginx_pid=$!
for _ in $(seq 1 50); do curl -sk -o /dev/null "https://127.0.0.1:$ngx_port/" && break; sleep 0.1; done

# the same certificate on both: compare the leaf each serves to $host
leaf() { openssl s_client -connect "127.0.0.1:$1" -servername "$host" < /dev/null 2> /dev/null | openssl x509 -noout -fingerprint -sha256; }
[ "$(leaf "$ngx_port")" = "$(leaf "$gw_port")" ] || { echo "bench: nginx and qnative serve different certificates" >&2; exit 1; }
echo "bench: backend :$be_port, nginx :$ngx_port, qnative (TlsLoad pid $gw_pid) :$gw_port, leaf $(leaf "$gw_port" | cut -d= -f2 | cut -c1-23)…" >&2
for p in "$ngx_port" "$gw_port"; do
  out=$(curl -s --cacert "$work/ca.crt" --resolve "$host:$p:127.0.0.1" "https://$host:$p/")
  [ "$out" = hello ] || { echo "bench: https://$host:$p/ answered '$out'" >&2; exit 1; }
done

# h2load keeps one SSL object per client and resumes the previous session on its next connection (as wrk does);
# this preloaded shim drops that session before every handshake, and caps the protocol when asked
# (NO_RESUME_MAX_VERSION=0x0303: TLS 1.2, h2load has no option for it). The probe below checks both.
cat > "$work/no-resume.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
typedef struct ssl_st SSL;
typedef struct ssl_session_st SSL_SESSION;
void SSL_set_connect_state(SSL *s) {
    static void (*real)(SSL *);
    static int (*set_session)(SSL *, SSL_SESSION *);
    static long (*ctrl)(SSL *, int, long, void *);
    if (!real) {
        real = (void (*)(SSL *)) dlsym(RTLD_NEXT, "SSL_set_connect_state");
        set_session = (int (*)(SSL *, SSL_SESSION *)) dlsym(RTLD_NEXT, "SSL_set_session");
        ctrl = (long (*)(SSL *, int, long, void *)) dlsym(RTLD_NEXT, "SSL_ctrl");
    }
    set_session(s, NULL);
    const char *max = getenv("NO_RESUME_MAX_VERSION");
    if (max && *max) ctrl(s, 124 /* SSL_CTRL_SET_MAX_PROTO_VERSION */, strtol(max, NULL, 0), NULL);
    real(s);
}
C
gcc -shared -fPIC -O2 -o "$work/no-resume.so" "$work/no-resume.c" -ldl

url() { case $1 in nginx) echo "https://$host:$ngx_port/" ;; qnative) echo "https://$host:$gw_port/" ;; probe) echo "https://$host:$probe_port/" ;; esac; }
port() { case $1 in nginx) echo "$ngx_port" ;; qnative) echo "$gw_port" ;; probe) echo "$probe_port" ;; esac; }
# h2 MODE TARGET REQUESTS: prints "<req/s> <succeeded> <not succeeded>". Full handshakes: one request per connection
# (h2load's timing mode does not end with Connection: close, so a request count).
h2() {
  local mode=$1 t=$2 n=$3 max="" pre="" args=()
  case $mode in
    full13) args=(-H 'Connection: close'); pre="$work/no-resume.so" ;;
    full12) args=(-H 'Connection: close'); pre="$work/no-resume.so"; max=0x0303 ;;
    resuming) args=(-H 'Connection: close') ;;
    keepalive) ;;
  esac
  NO_RESUME_MAX_VERSION="$max" LD_PRELOAD="$pre" h2load --h1 -t2 -c"$connections" -n "$n" "${args[@]}" \
    --connect-to="127.0.0.1:$(port "$t")" "$(url "$t")" 2> /dev/null |
    awk '/^finished in/ {gsub(",", "", $4); r=$4} /^requests:/ {s=$8; t=$2} END {printf "%.0f %d %d\n", r, s, t-s}'
}

# Session resumption probe: new connections from each client against the logging server.
probe() { # prints "<connections> <resumed> <protocol:count>..." of the probe server's log, then empties it
  awk '{n++; if ($2 == "r") r++; p[$1]++} END {printf "%d %d", n, r; for (k in p) printf " %s:%d", k, p[k]; print ""}' \
    "$work/proxy/logs/probe.log"
  : > "$work/proxy/logs/probe.log"; kill -USR1 "$(cat "$work/proxy/nginx.pid")"; sleep 0.5
}
wrk -t1 -c4 -d2s -H 'Connection: close' "https://localhost:$probe_port/" > /dev/null
read -r wrk_n wrk_r wrk_p <<< "$(probe)"
h2 resuming probe 400 > /dev/null
read -r res_n res_r res_p <<< "$(probe)"
h2 full13 probe 400 > /dev/null
read -r h13_n h13_r h13_p <<< "$(probe)"
h2 full12 probe 400 > /dev/null
read -r h12_n h12_r h12_p <<< "$(probe)"
echo "resumption probe (one request per connection, nginx \$ssl_session_reused):"
echo "  wrk -H 'Connection: close'        $wrk_n connections, $wrk_r resumed ($wrk_p)"
echo "  h2load -H 'Connection: close'     $res_n connections, $res_r resumed ($res_p)"
echo "  h2load + no-resume shim           $h13_n connections, $h13_r resumed ($h13_p)"
echo "  h2load + shim capped at TLS 1.2   $h12_n connections, $h12_r resumed ($h12_p)"
if [ "$h13_r" != 0 ] || [ "$h12_r" != 0 ] || [ "$h13_n" = 0 ] || [ "$h12_n" = 0 ] \
    || ! grep -q TLSv1.3 <<< "$h13_p" || ! grep -q TLSv1.2 <<< "$h12_p"; then
  echo "bench: the full-handshake client resumed sessions or used another protocol; figures would be wrong" >&2
  exit 1
fi

echo "bench: warming up" >&2
for t in nginx qnative; do
  h2 full13 "$t" "$handshakes" > /dev/null
  h2 keepalive "$t" "$requests" > /dev/null
done

: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  for mode in full13 full12 keepalive; do
    for t in nginx qnative; do
      la=$(loadavg)
      n=$handshakes; [ "$mode" = keepalive ] && n=$requests
      read -r rps ok bad <<< "$(h2 "$mode" "$t" "$n")"
      echo "$mode $t $rps" >> "$work/rounds.txt"
      printf 'round %d %-9s %-8s load %5s  %7s req/s  succeeded %7s  failed %s\n' "$r" "$mode" "$t" "$la" "$rps" \
        "$ok" "$bad"
    done
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.0f", (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "TLS through the gateway vs nginx (bench/tls.sh): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "same ECDSA P-256 leaf, h2load --h1 -t2 -c$connections, $rounds interleaved rounds ($handshakes handshakes / $requests keep-alive requests each), medians"
printf '%-38s | %9s | %9s | %9s\n' measurement nginx qnative "q × nginx"
for mode in full13 full12 keepalive; do
  case $mode in
    full13) label="full handshakes/s, TLS 1.3" ;;
    full12) label="full handshakes/s, TLS 1.2" ;;
    keepalive) label="keep-alive req/s, TLS 1.3" ;;
  esac
  n=$(awk -v m=$mode '$1==m && $2=="nginx" {print $3}' "$work/rounds.txt" | median)
  q=$(awk -v m=$mode '$1==m && $2=="qnative" {print $3}' "$work/rounds.txt" | median)
  printf '%-38s | %9s | %9s | %9s\n' "$label" "$n" "$q" "$(awk -v a="$q" -v b="$n" 'BEGIN {printf "%.2f", b ? a/b : 0}')"
done

kill "$gw_pid" "$nginx_pid" 2> /dev/null || true
wait "$gw_pid" "$nginx_pid" 2> /dev/null || true
gw_pid=""; nginx_pid=""

# Memory per certificate: the Deployment's JVM settings and heap limit (bench/lib.sh) unless MEM_JAVA_OPTS is set.
# (without the Deployment's -XX:SharedArchiveFile: the application CDS archive fits the jar, not this classpath)
mem_opts="${MEM_JAVA_OPTS:-$(shipped_java_opts | sed 's/ *-XX:SharedArchiveFile=[^ ]*//') $(shipped_heap_limit)}"
echo
echo "memory per certificate (io.qnative.gateway.tls.SniMemory), JVM: $mem_opts $(shipped_env), load $(loadavg)"
for n in 0 "$certs"; do
  # shellcheck disable=SC2086,SC2046  # option lists
  env $(shipped_env) java $mem_opts -XX:SoftRefLRUPolicyMSPerMB=0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.qnative.gateway.tls.SniMemory "$n" > "$work/mem-$n.txt"
done
python3 - "$work/mem-0.txt" "$work/mem-$certs.txt" "$certs" <<'PY'
import sys
def read(path):
    steps, extra = {}, []
    for line in open(path):
        f = line.split()
        if f[0] == "step":
            steps[f[1]] = (int(f[3]), int(f[5]))
        else:
            extra.append(line.strip())
    return steps, extra
zero, _ = read(sys.argv[1])
full, extra = read(sys.argv[2])
n = int(sys.argv[3])
kib = lambda b: b / 1024.0
base = full["baseline"]
print("%-58s | %12s | %12s" % ("what is held (N = %d)" % n, "heap KiB/cert", "RSS KiB/cert"))
rows = [
    ("Secrets + KIngresses as an informer caches them", "secrets", "baseline"),
    ("gateway SNI table (decoded PEM, parsed key pairs)", "sni", "secrets"),
    ("SNI table with a key manager per host (first handshakes)", "sni+managers", "secrets"),
    ("SNI table alone (Secrets dropped)", "sni-only", "baseline"),
]
for label, a, b in rows:
    print("%-58s | %12.2f | %12.2f" % (label, kib(full[a][0] - full[b][0]) / n, kib(full[a][1] - full[b][1]) / n))
print("whole process, N = %d vs N = 0 (separate JVMs, final step): heap %+.0f KiB, RSS %+.0f KiB"
      % (n, kib(full["sni-only"][0] - zero["sni-only"][0]), kib(full["sni-only"][1] - zero["sni-only"][1])))
print("  N = 0: heap %.1f MiB, RSS %.1f MiB; N = %d: heap %.1f MiB, RSS %.1f MiB"
      % (zero["sni-only"][0] / 2**20, zero["sni-only"][1] / 2**20, n, full["sni-only"][0] / 2**20,
         full["sni-only"][1] / 2**20))
for line in extra:
    print("  " + line)
PY
