#!/usr/bin/env bash
# End-to-end load benchmark of the whole `anzen run` process against a local OpenAI-compatible mock server.
# Usage: benchmarks/load.sh [CASES=10000] [LATENCY_MS=0] [CONCURRENCY=64] [XMX=]
# SCORER=rules scores with the rules alone (anzen's --scorer); the default scorer otherwise.
# Prints cases/s, the process's peak RSS and CPU time (sampled from /proc); RSS_LOG=FILE keeps the
# RSS series (seconds since start, MB) to show whether memory is flat.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASES=${1:-10000}; LATENCY=${2:-0}; CONC=${3:-64}; XMX=${4:-}
. scripts/find-jdk.sh
anzen_find_jdk || { echo "load.sh: no JDK 21+ found" >&2; exit 1; }
JAVA="$ANZEN_JAVA_HOME/bin/java"
[ -f benchmarks/target/benchmarks.jar ] && [ -f harness/target/anzen.jar ] \
  || JAVA_HOME="$ANZEN_JAVA_HOME" ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$JAVA" -cp benchmarks/target/benchmarks.jar dev.anzen.bench.GenerateSuite "$CASES" "$work/load.jsonl"
port=$((20000 + RANDOM % 20000))
"$JAVA" -cp benchmarks/target/benchmarks.jar dev.anzen.bench.MockOpenAiServer "$port" "$LATENCY" > "$work/server.log" &
server=$!
sleep 1
# warm the mock server's JIT with a throwaway run, so the measurement is of anzen, not of a cold server
"$JAVA" -cp benchmarks/target/benchmarks.jar dev.anzen.bench.GenerateSuite 3000 "$work/warm.jsonl"
"$JAVA" -jar harness/target/anzen.jar run -q --no-cache --target openai:bench --base-url "http://127.0.0.1:$port/v1" \
  --suite "$work/warm.jsonl" --concurrency "$CONC" --out "$work/warm" > /dev/null 2>&1 || true
# the launcher's JVM options (./anzen: scripts/jvm-opts.sh, with its start-up cache on JDK 25+), unless
# ANZEN_JAVA_OPTS / ANZEN_AOT=0 say otherwise
ANZEN_HOME=$PWD
. scripts/jvm-opts.sh
anzen_jvm_opts
opts=("${ANZEN_JVM_OPTS[@]}")
[ -n "$XMX" ] && opts+=(-Xmx"$XMX")
served_before=$(wc -l < "$work/server.log")
start=$(date +%s.%N)
"$JAVA" "${opts[@]}" -jar harness/target/anzen.jar run -q --no-cache --target openai:bench ${SCORER:+--scorer "$SCORER"} \
  --base-url "http://127.0.0.1:$port/v1" --suite "$work/load.jsonl" --concurrency "$CONC" --out "$work/run" \
  > "$work/out.txt" 2> "$work/err.txt" &
pid=$!; rss_kb=0; cpu_ticks=0; i=0
# five times a second: peak RSS and CPU time so far; once a second: resident set (RSS_LOG=FILE keeps the series: seconds, RSS in MB), peak RSS and CPU time so far
while kill -0 $pid 2>/dev/null; do
  r=$(awk '/VmHWM/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$rss_kb" ] && rss_kb=$r
  c=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0); [ "${c:-0}" -gt "$cpu_ticks" ] && cpu_ticks=$c
  if [ -n "${RSS_LOG:-}" ] && [ $((i % 5)) -eq 0 ]; then
    now=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    echo "$((i / 5)) ${now:-0}" | awk '{printf "%d %.0f\n", $1, $2 / 1024}' >> "$RSS_LOG"
  fi
  sleep 0.2; i=$((i + 1))
done
wait $pid || { cat "$work/err.txt" >&2; exit 1; }
end=$(date +%s.%N)
lines=$(wc -l < "$work/run/responses.jsonl")
hz=$(getconf CLK_TCK)
awk -v n="$lines" -v s="$start" -v e="$end" -v rss="$rss_kb" -v c="$CONC" -v l="$LATENCY" -v cpu="$cpu_ticks" -v hz="$hz" 'BEGIN {
  t = e - s; rate = n / t
  printf "cases %d in %.2f s (whole process, JVM start included): %.0f cases/s; peak RSS %.0f MB\n", n, t, rate, rss / 1024
  # CPU seconds (to the last sample) are less sensitive than wall time to other work on the machine
  if (cpu > 0) printf "anzen CPU time %.1f s: %.0f cases per CPU-second\n", cpu / hz, n / (cpu / hz)
  if (l > 0) printf "ideal at concurrency %d and %d ms latency: %.0f cases/s; achieved %.0f%%\n", c, l, c * 1000 / l, 100 * rate / (c * 1000 / l)
}'
# steady state: the mock's per-second counts during this run, without the JVM start and the last, partial second
tail -n +"$((served_before + 1))" "$work/server.log" | awk -v c="$CONC" -v l="$LATENCY" '
  /req\/s/ { gsub(/[()]/, "", $3); r = $3 + 0; if (r > 0) v[n++] = r }
  END {
    if (n < 3) { print "steady state: run too short for per-second figures"; exit }
    m = 0; for (i = 1; i < n - 1; i++) s[m++] = v[i]
    for (i = 0; i < m; i++) for (j = i + 1; j < m; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
    med = s[int(m / 2)]
    printf "steady state (mock server, median of %d full seconds): %d cases/s", m, med
    if (l > 0) printf "; %.0f%% of the ideal", 100 * med / (c * 1000 / l)
    printf "\n"
  }'
