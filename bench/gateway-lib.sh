# Sourced by gateway.sh and gateway-inproc.sh after bench/lib.sh: the rounds both run and the table both print.
# The caller defines `url TARGET`, `hosthdr TARGET` (the Host the proxy routes by, empty for none) and `proxy_pids
# TARGET` (the proxy's processes, none for direct) for TARGET in direct, nginx, qnative, and may define
# `after_half_run TARGET REQUESTS` (called after each fixed-rate run); it sets `work` (a scratch directory),
# `rounds`, `secs` (seconds per run) and `connections` (wrk's), and stops `$load_pid` in its EXIT trap. It may set
# `paths` to add a fourth TARGET after qnative (gateway-inproc.sh's `base`: another build of the same gateway), measured
# in the same rounds and printed in the table, outside the goal lines.
ticks=$(getconf CLK_TCK)
load_pid=""
paths="${paths:-direct nginx qnative}"

# wrk_run SECONDS TARGET: closed loop, in the background so that Ctrl-C stops it at once, on the load cores
wrk_run() {
  local h
  h=$(hosthdr "$2")
  ( on_load_cpus wrk -t"$(load_cpu_count)" -c"$connections" -d"$1s" ${h:+-H "Host: $h"} "$(url "$2")" \
    > "$work/wrk.out" 2>&1 ) & load_pid=$!
  wait "$load_pid"; load_pid=""
  cat "$work/wrk.out"
}
# us_per TICKS REQUESTS -> CPU microseconds per request; share TICKS SECONDS CORES -> percent of those cores
us_per() { awk -v t="$1" -v n="$2" -v hz="$ticks" 'BEGIN {if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-"}'; }
share() { awk -v t="$1" -v s="$2" -v c="$3" -v hz="$ticks" 'BEGIN {printf "%.0f", t * 100 / hz / s / c}'; }
# col FILE TARGET COLUMN -> the median of that column over the rounds (max.txt, rate.txt in $work)
col() { awk -v t="$2" -v c="$3" '$1==t {print $c}' "$work/$1.txt" | median; }
placement() {
  echo "PIN=${PIN:-0}$(pinned && echo " (proxy on core $(proxy_cpus), load generator and backend on $(load_cpus))"), nginx $(proxy_cpu_count) worker(s)"
}

# Warm-up, discarded: qnative (and base) for WARMUP (a JVM just started runs interpreted), the others 5 s.
gw_warmup() {
  local w=${WARMUP:-30s} t
  for t in $paths; do if [ "$t" = base ]; then wrk_run "${w%s}" base > /dev/null; fi; done
  wrk_run "${w%s}" qnative > /dev/null
  wrk_run 5 nginx > /dev/null
  wrk_run 5 direct > /dev/null
}

# ROUNDS interleaved closed-loop runs of each path -> $work/max.txt "target req/s proxy-us/req proxy-core-%"
gw_max_rounds() {
  local r t la c0 c1 out rps n us pct
  : > "$work/max.txt"
  for r in $(seq 1 "$rounds"); do
    for t in $paths; do
      la=$(loadavg)
      # shellcheck disable=SC2046  # the pids are words
      c0=$(cpu_ticks $(proxy_pids $t))
      out=$(wrk_run "$secs" "$t")
      # shellcheck disable=SC2046
      c1=$(cpu_ticks $(proxy_pids $t))
      rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
      n=$(awk '/requests in/ {print $1}' <<< "$out")
      if [ "$t" = direct ]; then us=-; pct=-; else
        us=$(us_per $(( c1 - c0 )) "$n"); pct=$(share $(( c1 - c0 )) "$secs" "$(proxy_cpu_count)"); fi
      echo "$t $rps $us $pct" >> "$work/max.txt"
      printf 'max    round %d %-8s load %5s  %7s req/s  proxy CPU %5s us/req, %3s%% of its %d core(s)\n' "$r" "$t" \
        "$la" "$rps" "$us" "$pct" "$(proxy_cpu_count)"
    done
  done
}

# gw_half_rounds RATE: ROUNDS interleaved open-loop runs of each path at RATE -> $work/rate.txt
# "target p50 p99 p99.9 saturated(0/1) proxy-us/req"
gw_half_rounds() {
  local rate=$1 r t la c0 c1 rps p50 p99 p999 bad n us sat
  : > "$work/rate.txt"
  for r in $(seq 1 "$rounds"); do
    for t in $paths; do
      la=$(loadavg)
      # shellcheck disable=SC2046
      c0=$(cpu_ticks $(proxy_pids $t))
      h2load_open "$work/h2.log" "$rate" "$secs" "$(url $t)" "$(hosthdr $t)" > "$work/h2.out" & load_pid=$!
      wait "$load_pid"; load_pid=""
      read -r rps p50 p99 p999 bad < "$work/h2.out"
      # shellcheck disable=SC2046
      c1=$(cpu_ticks $(proxy_pids $t))
      n=$(wc -l < "$work/h2.log")
      if [ "$t" = direct ]; then us=-; else us=$(us_per $(( c1 - c0 )) "$n"); fi
      sat=$(awk -v a="$rps" -v h="$rate" -v b="$bad" 'BEGIN {print (a < 0.95 * h || b > 0) ? 1 : 0}')
      echo "$t $p50 $p99 $p999 $sat $us" >> "$work/rate.txt"
      if declare -F after_half_run > /dev/null; then after_half_run "$t" "$n"; fi
      printf 'half   round %d %-8s load %5s  %7s req/s  p50 %6s  p99 %6s  p99.9 %6s ms  proxy CPU %5s us/req  failed %s%s\n' \
        "$r" "$t" "$la" "$rps" "$p50" "$p99" "$p999" "$us" "$bad" \
        "$([ "$sat" = 1 ] && echo "  SATURATED (below 95% of $rate req/s, or failures)")"
    done
  done
}

# gw_table RATE: the medians of both phases, one line per path, then the two goal lines of issue 10
gw_table() {
  local rate=$1 t d99 ratio qsat added
  echo "max: wrk -t$(load_cpu_count) -c$connections; at half: h2load at $rate req/s; $rounds interleaved rounds of ${secs} s, medians"
  printf '%-8s | %9s %7s %8s %6s | %8s %8s %8s %10s %8s %6s\n' path "max req/s" "x nginx" "proxy us" "core%" \
    "p50@half" "p99@half" "p99.9" "+p99@half" "proxy us" "satur."
  d99=$(col rate direct 3)
  for t in $paths; do
    printf '%-8s | %9s %7s %8s %6s | %8s %8s %8s %10s %8s %3s/%-2s\n' "$t" "$(col max $t 2)" \
      "$(awk -v a="$(col max $t 2)" -v b="$(col max nginx 2)" 'BEGIN {printf "%.2f", a / b}')" "$(col max $t 3)" \
      "$(col max $t 4)" "$(col rate $t 2)" "$(col rate $t 3)" "$(col rate $t 4)" \
      "$(awk -v a="$(col rate $t 3)" -v b="$d99" 'BEGIN {printf "%+.2f ms", a - b}')" "$(col rate $t 6)" \
      "$(awk -v t=$t '$1==t {s+=$5} END {print s+0}' "$work/rate.txt")" "$rounds"
  done
  ratio=$(awk -v a="$(col max qnative 2)" -v b="$(col max nginx 2)" 'BEGIN {printf "%.2f", a / b}')
  qsat=$(awk '$1=="qnative" || $1=="direct" {s+=$5} END {print s+0}' "$work/rate.txt")
  added=$(awk -v a="$(col rate qnative 3)" -v b="$d99" 'BEGIN {printf "%+.2f", a - b}')
  echo "goal max req/s (qnative >= 0.9x nginx): ${ratio}x -> $(awk -v r="$ratio" 'BEGIN {print (r >= 0.9) ? "met" : "missed"}')" \
    "(core use at max: nginx $(col max nginx 4)%, qnative $(col max qnative 4)% of $(proxy_cpu_count) core(s);" \
    "CPU per request qnative/nginx $(awk -v a="$(col max qnative 3)" -v b="$(col max nginx 3)" 'BEGIN {printf "%.2f", a / b}')x)"
  echo "goal +p99 at half of nginx's max (<= 2 ms): qnative ${added} ms over direct -> $(if [ "$qsat" -gt 0 ]; then
    echo "NOT MEASURED (direct or qnative saturated or failing in $qsat run(s))"
    else awk -v a="$added" 'BEGIN {print (a <= 2) ? "met" : "missed"}'; fi)"
}
