# Finds a JDK 21 or newer for ./paperboy and ./mvnw (sourced by both, so both pick the same one).
# After `find_jdk NAME`, $java is the java binary and $java_home its JDK home; when there is none
# it prints "NAME: needs a JDK 21 or newer (found: ...)" and returns 1.
#
# Order: JAVA_HOME when its java is 21 or newer; then `java` on PATH; then the newest JDK >= 21
# under the directories in PAPERBOY_JDK_DIRS (colon-separated; subdirectories are JDK homes or
# macOS bundles with Contents/Home), default /usr/lib/jvm:/usr/java:/opt/java:/Library/Java/JavaVirtualMachines.

readonly jdk_min_major=21

# Absolute path of $1 with every symlink resolved (falls back to $1 where readlink -f is missing).
real_path() {
  readlink -f -- "$1" 2>/dev/null || printf '%s\n' "$1"
}

# Version of the java binary $1 ("17.0.15", "21", "25.0.1", "1.8.0_392"), or nothing if unknown.
# The JDK's release file is read when present, which is faster than starting a JVM.
java_version() {
  local java="$1" release version=""
  release="$(dirname "$(dirname "$(real_path "$java")")")/release"
  if [ -r "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$release" | head -n 1)"
  fi
  if [ -z "$version" ]; then
    version="$("$java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)" || true
  fi
  printf '%s\n' "$version"
}

# Feature release of a version string: 1.8.0_392 -> 8, 17.0.15 -> 17, 25-ea -> 25, junk -> 0.
java_major() {
  local version="${1#1.}"
  version="${version%%[!0-9]*}"
  printf '%s\n' "${version:-0}"
}

# Examines the java binary $1 (shown as $2 in messages): sets $version and succeeds when it is
# 21 or newer, otherwise notes it in $found (once per resolved binary).
examine() {
  local java="$1" shown="$2" resolved
  resolved="$(real_path "$java")"
  version="$(java_version "$java")"
  if [ "$(java_major "$version")" -ge "$jdk_min_major" ]; then
    return 0
  fi
  case "$seen" in
    *" $resolved "*) ;;
    *) seen="$seen$resolved "; found+=("${version:-unknown version} at $shown") ;;
  esac
  return 1
}

find_jdk() {
  local who="$1" path_java best="" dir home summary
  found=()   # "VERSION at PATH" for every unsuitable java seen, for the error message
  seen=" "   # resolved java binaries already examined, space separated
  version="" # set by examine
  java=""
  java_home=""
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ -x "$JAVA_HOME/bin/java" ]; then
      if examine "$JAVA_HOME/bin/java" "$JAVA_HOME"; then
        java="$JAVA_HOME/bin/java"
      fi
    else
      found+=("no bin/java in JAVA_HOME=$JAVA_HOME")
    fi
  fi
  if [ -z "$java" ] && path_java="$(command -v java 2>/dev/null)"; then
    if examine "$path_java" "$path_java"; then
      java="$path_java"
    fi
  fi
  if [ -z "$java" ]; then
    IFS=: read -r -a jdk_dirs <<<"${PAPERBOY_JDK_DIRS-/usr/lib/jvm:/usr/java:/opt/java:/Library/Java/JavaVirtualMachines}"
    for dir in ${jdk_dirs[@]+"${jdk_dirs[@]}"}; do
      [ -d "$dir" ] || continue
      for home in "$dir"/* "$dir"/*/Contents/Home; do
        [ -x "$home/bin/java" ] || continue
        examine "$home/bin/java" "$home" || continue
        if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best" "$version" | sort -V | tail -n 1)" != "$best" ]; then
          best="$version"
          java="$home/bin/java"
        fi
      done
    done
  fi
  if [ -z "$java" ]; then
    summary="none"
    if [ "${#found[@]}" -gt 0 ]; then
      summary="$(printf '%s, ' "${found[@]}")"
      summary="${summary%, }"
    fi
    echo "$who: needs a JDK $jdk_min_major or newer (found: $summary); install one, e.g." \
      "apt-get install openjdk-21-jdk or Temurin 21, or set JAVA_HOME" >&2
    return 1
  fi
  java_home="$(dirname "$(dirname "$(real_path "$java")")")"
  if [ ! -x "$java_home/bin/java" ]; then # an unusual layout: ask the JVM
    java_home="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')"
  fi
}
