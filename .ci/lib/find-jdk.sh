# Sourced by .ci/run and the launcher: finds a JDK >= 21 and exports JAVA_HOME, or explains.
# Order: $JAVA_HOME if new enough, then `java` on PATH, then the JVMs under /usr/lib/jvm and
# /Library/Java/JavaVirtualMachines (newest first).
dbsync_java_major() {
  # prints the major version of the java binary $1 (e.g. 17, 21, 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

dbsync_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    candidates+=("${c%/}")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(dbsync_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "databricks-sync needs a JDK 21 or newer (javac included); none was found in JAVA_HOME, on PATH or under /usr/lib/jvm. Install one (e.g. Temurin 21) and set JAVA_HOME." >&2
  return 1
}
