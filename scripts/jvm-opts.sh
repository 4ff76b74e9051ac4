# Sourced by ./anzen and benchmarks/load.sh: sets the array ANZEN_JVM_OPTS for running harness/target/anzen.jar.
# Needs ANZEN_JAVA_HOME and ANZEN_JAVA_MAJOR (scripts/find-jdk.sh) and ANZEN_HOME.
#
# Serial GC and the C1 compiler only: on small machines (CI runners, 2-core boxes) the concurrent collector and C2
# compiler threads compete with the run itself; measured on 2 cores, a 10,000-case run took 9.6 s instead of 18.7 s,
# with 263 MB peak RSS instead of 495 MB (benchmarks/README.md). ANZEN_JAVA_OPTS replaces these, e.g. "-Xmx8g".
#
# On JDK 25 and newer, an ahead-of-time cache (JEP 483/515: classes already loaded and linked, method profiles) cuts
# about half a second from every start (medians of 5 on 2 cores: embedded default 3.21 -> 2.79 s, a 20-case run
# against a local OpenAI-compatible server 2.69 -> 2.09 s). It is made once per build and JDK by a training run of the embedded default
# (bundled suites, built-in reference targets, output to a temporary folder; no network) and kept next to the jar.
# ANZEN_AOT=0 turns it off.
#
# -Danzen.fastExit=true: once a command has closed its files, the process ends with the C library's _exit (JDK 22+)
# instead of System.exit, which waits 0.3 s for the JDK's own I/O poller thread after any run against a model server
# (harness/src/main/java/dev/anzen/cli/FastExit.java). -XX:-UsePerfData goes with it: the JVM would otherwise leave
# its hsperfdata file in /tmp; jps and jcmd then do not list the process.
anzen_jvm_opts() {
  local java="$ANZEN_JAVA_HOME/bin/java" jar="$ANZEN_HOME/harness/target/anzen.jar" jdk aot work
  read -r -a ANZEN_JVM_OPTS <<< \
    "${ANZEN_JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Danzen.fastExit=true}"
  [ "${ANZEN_AOT:-1}" = 0 ] && return 0
  [ "${ANZEN_JAVA_MAJOR:-0}" -ge 25 ] 2>/dev/null || return 0
  # one cache per JDK build and options: a cache made by another JVM or with other flags would be refused
  # (the JDK's release file names its build without starting a JVM)
  jdk=$( (cat "$ANZEN_JAVA_HOME/release" 2>/dev/null || "$java" -version 2>&1) | cksum | cut -d' ' -f1)
  aot="$ANZEN_HOME/harness/target/aot/anzen-$jdk-$(echo "${ANZEN_JVM_OPTS[*]}" | cksum | cut -d' ' -f1).aot"
  if [ ! -s "$aot" ] || [ "$jar" -nt "$aot" ]; then
    mkdir -p "$(dirname "$aot")"
    rm -f "$(dirname "$aot")"/*.aot
    echo "anzen: preparing the start-up cache for this build and JDK (once, about 10 s; ANZEN_AOT=0 skips it)..." >&2
    work=$(mktemp -d)
    # the cache is written as the JVM exits, so this run ends the ordinary way (anzen.fastExit=prepare: it only
    # looks _exit up, so that what the lookup loads is in the cache too)
    "$java" "${ANZEN_JVM_OPTS[@]}" -Danzen.fastExit=prepare -XX:AOTCacheOutput="$work/anzen.aot" -Xlog:aot=off \
      -Xlog:cds=off \
      -jar "$jar" run -q --no-cache --no-history --out "$work/run" > /dev/null 2>&1 || true
    # the training run's exit code does not matter; only a cache that was written is kept
    [ -s "$work/anzen.aot" ] && mv "$work/anzen.aot" "$aot"
    rm -rf "$work"
  fi
  # -Xlog:aot/cds off: a cache the JVM cannot use (it checks the jar and the JDK) is skipped without a warning
  [ -s "$aot" ] && ANZEN_JVM_OPTS+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
  return 0
}
