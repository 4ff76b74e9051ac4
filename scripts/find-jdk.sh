# Sourced by ./anzen and .ci/run: sets ANZEN_JAVA_HOME to a JDK 21 or newer (and ANZEN_JAVA_MAJOR to its feature
# version), or returns 1.
# Looks at JAVA_HOME, then `java` on PATH, then the usual JDK folders.

anzen_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//' | head -n1
}

anzen_find_jdk() {
  local candidates=() c home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(command -v java)
    c=$(readlink -f "$c" 2>/dev/null || echo "$c")
    candidates+=("$(dirname "$(dirname "$c")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(anzen_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      ANZEN_JAVA_HOME="$home"
      ANZEN_JAVA_MAJOR="$major"
      return 0
    fi
  done
  return 1
}
