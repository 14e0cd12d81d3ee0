# Sourced by ./kd and .ci/run: exports JAVA_HOME of a JDK >= 21 (the machine's default java is 17).
# Order: $JAVA_HOME if new enough, then the newest JDK under /usr/lib/jvm.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }

pick_jdk() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ -x "$candidate/bin/jlink" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ]; then best=$candidate; best_major=$major; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "kolla-doctor: no JDK >= 21 found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "Install one (e.g. Temurin 21 or 25) under /usr/lib/jvm, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 23+ warns about Maven's own use of sun.misc.Unsafe; the flag does not exist before 23.
  if [ "$best_major" -ge 23 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}
