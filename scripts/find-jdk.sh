# Sourced by ./tandem and ./test: sets JAVA_HOME to a JDK >= 25, or stops with one line.
# Order: JAVA_HOME when it is >= 25, then the Temurin (or any) JDK >= 25 under /usr/lib/jvm.
tandem_java_feature() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
tandem_find_jdk() {
  local v cand
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(tandem_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  local jvm=${TANDEM_JVM_DIR:-/usr/lib/jvm}
  for cand in "$jvm"/temurin-25-jdk-* "$jvm"/temurin-2[5-9]-jdk-* "$jvm"/*; do
    [ -d "$cand" ] || continue
    v=$(tandem_java_feature "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$cand"; return 0; fi
  done
  echo "tandem: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing >= 25 in $jvm); install Temurin 25 or set JAVA_HOME to a JDK >= 25" >&2
  return 1
}
tandem_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guava trips JDK 25's Unsafe warnings; harmless, silenced.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
