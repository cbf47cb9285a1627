# Sourced by the scripts: sets JAVA to a java binary of version 21 or newer (the default java may be older).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
JAVA=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  major=$(java_major "$candidate")
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then JAVA=$candidate; break; fi
done
if [ -z "$JAVA" ]; then
  echo "No Java 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install a JDK 21+." >&2
  exit 1
fi
