# Shared shell functions of ./scjava and .ci/run: JDK detection, Maven, apt packages, the runtime class path.
# Portable to macOS's bash 3.2 (no associative arrays, no ${x,,}, no mapfile, no readlink -f, no sort -V; empty
# arrays expanded as ${a[@]+"${a[@]}"} under set -u), checked by kernel's LauncherPortabilityTest.
# shellcheck shell=bash

scjava_die() { echo "scjava: $*" >&2; exit 1; }

# Prints the major version of the JDK at $1 (a JAVA_HOME), or nothing.
scjava_jdk_major() {
  local home="$1"
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

# Prints $1 with every symbolic link resolved (readlink -f, which macOS before 12.3 lacks).
scjava_realpath() {
  local f="$1" n=0
  while [[ -L "$f" && $n -lt 40 ]]; do
    local target
    target="$(readlink "$f")"
    case "$target" in /*) f="$target" ;; *) f="$(dirname "$f")/$target" ;; esac
    n=$((n + 1))
  done
  (cd "$(dirname "$f")" 2>/dev/null && echo "$(pwd -P)/$(basename "$f")") || echo "$f"
}

# Sets JAVA_HOME to a JDK >= 21: $SCJAVA_JAVA_HOME, $JAVA_HOME, macOS's java_home, /usr/lib/jvm/* and Homebrew's
# openjdk, then javac on the PATH. The first JDK >= 21 in that order wins.
scjava_find_jdk() {
  local c v candidates=()
  [[ -n "${SCJAVA_JAVA_HOME:-}" ]] && candidates+=("$SCJAVA_JAVA_HOME")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if [[ -x /usr/libexec/java_home ]]; then
    c="$(/usr/libexec/java_home -v 21+ 2>/dev/null || true)"
    [[ -n "$c" ]] && candidates+=("$c")
  fi
  for c in /usr/lib/jvm/*/ /opt/homebrew/opt/openjdk/libexec/openjdk.jdk/Contents/Home \
           /usr/local/opt/openjdk/libexec/openjdk.jdk/Contents/Home; do
    [[ -d "$c" ]] && candidates+=("${c%/}")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(scjava_realpath "$(command -v javac)")")")")
  fi
  for c in ${candidates[@]+"${candidates[@]}"}; do
    v="$(scjava_jdk_major "$c")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  scjava_die "no JDK >= 21 found (looked at \$SCJAVA_JAVA_HOME, \$JAVA_HOME, /usr/libexec/java_home, /usr/lib/jvm/*,
Homebrew's openjdk, javac on PATH). Install one (Debian/Ubuntu: apt-get install openjdk-21-jdk; macOS: brew install
openjdk@21, or Temurin 21+ from adoptium.net; conda: conda install -c conda-forge openjdk=21) or set SCJAVA_JAVA_HOME."
}

scjava_need_root() {
  if [[ "$(id -u)" == 0 ]]; then echo ""; elif command -v sudo >/dev/null 2>&1; then echo "sudo"; else echo "none"; fi
}

# Whether an installed package Provides $1: nodesource's nodejs provides (and conflicts with) Debian's npm, so asking
# apt for "npm" there would fail although npm is installed.
scjava_apt_provided() {
  dpkg-query -W -f='${Status}\t${Provides}\n' 2>/dev/null | awk -F'\t' -v p="$1" '$1 == "install ok installed" {
    n = split($2, a, /, */); for (i = 1; i <= n; i++) { sub(/ .*/, "", a[i]); if (a[i] == p) found = 1 } } END { exit !found }'
}

# Installs the Debian packages listed in the files $@ (one per line, '#' comments) that are not installed yet. Off
# Debian (macOS, Windows, Fedora, conda) it installs nothing and prints the files' '# elsewhere:' lines instead.
scjava_install_apt() {
  local missing=() p sudo
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "scjava: not a Debian system, so nothing is installed with apt. What these steps use, installed another way:" >&2
    sed -n 's/^# elsewhere: /  /p' "$@" | sort -u >&2
    return 0
  fi
  while IFS= read -r p; do
    p="${p%%#*}"; p="${p// /}"; [[ -z "$p" ]] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || scjava_apt_provided "$p" || missing+=("$p")
  done < <(cat "$@")
  [[ ${#missing[@]} -eq 0 ]] && return 0
  sudo="$(scjava_need_root)"
  [[ "$sudo" == none ]] && scjava_die "missing Debian packages: ${missing[*]} — install them as root (apt-get install ${missing[*]})"
  echo "scjava: installing Debian packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The class path separator of the JVM: ';' under Git Bash/MSYS/Cygwin on Windows, ':' elsewhere.
scjava_cp_sep() {
  case "$(uname -s 2>/dev/null)" in MINGW*|MSYS*|CYGWIN*) echo ";" ;; *) echo ":" ;; esac
}

# Joins class path entries with the platform's separator (Windows paths under Git Bash via cygpath).
scjava_classpath() {
  local sep out="" e
  sep="$(scjava_cp_sep)"
  for e in "$@"; do
    if [[ "$sep" == ";" ]] && command -v cygpath >/dev/null 2>&1; then e="$(cygpath -w "$e")"; fi
    out="${out:+$out$sep}$e"
  done
  echo "$out"
}

scjava_ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  local how="macOS: brew install maven; conda: conda install -c conda-forge maven; Windows: scoop install maven"
  command -v apt-get >/dev/null 2>&1 || scjava_die "Maven (mvn) is needed: install it ($how)"
  echo "scjava: Maven not found; installing Debian's maven" >&2
  local sudo; sudo="$(scjava_need_root)"
  [[ "$sudo" == none ]] && scjava_die "Maven (mvn) is needed: install it (apt-get install maven)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven >/dev/null
}

scjava_mvn() {
  scjava_find_jdk
  scjava_ensure_maven
  local opts="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED"
  # Maven's bundled Guava uses sun.misc.Unsafe; JDK 24+ warns about it on every build unless allowed.
  [[ "$(scjava_jdk_major "$JAVA_HOME")" -ge 24 ]] && opts="$opts --sun-misc-unsafe-memory-access=allow"
  (cd "$ROOT" && MAVEN_OPTS="$opts" mvn "$@")
}

# Builds when forced, when kernel/target/lib is missing, or when any pom/source is newer than the last build.
scjava_build() {
  local stamp="$ROOT/kernel/target/lib/.scjava-built"
  if [[ "${1:-}" != force && -f "$stamp" ]]; then
    if [[ -z "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -print -quit)" ]]; then
      return 0
    fi
  fi
  echo "scjava: building (mvn package -DskipTests) ..." >&2
  scjava_mvn -q -B -DskipTests package
  touch "$stamp"
}

# Runs a Java main class on the packaged runtime class path with the JVM flags DJL needs.
scjava_java() {
  scjava_find_jdk
  local main="$1"; shift
  local extra=""
  # Tablesaw's classgraph calls sun.misc.Unsafe; JDK 24+ prints a warning at every start unless allowed.
  [[ "$(scjava_jdk_major "$JAVA_HOME")" -ge 24 ]] && extra="--sun-misc-unsafe-memory-access=allow"
  # shellcheck disable=SC2086
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $extra -Dai.djl.offline=true -Djava.awt.headless=true \
    -Dscjava.home="$ROOT" ${JAVA_OPTS:-} -cp "$(scjava_classpath "$ROOT/kernel/target/*" "$ROOT/kernel/target/lib/*")" \
    "$main" "$@"
}

# Runs a benchmark main class (bench module) with the same JVM flags; extra JVM options via BENCH_JAVA_OPTS.
scjava_bench_java() {
  scjava_find_jdk
  local main="$1"; shift
  local extra=""
  [[ "$(scjava_jdk_major "$JAVA_HOME")" -ge 24 ]] && extra="--sun-misc-unsafe-memory-access=allow"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $extra -Dai.djl.offline=true -Djava.awt.headless=true \
    -Dscjava.home="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} \
    -cp "$(scjava_classpath "$ROOT/kernel/target/*" "$ROOT/bench/target/*" "$ROOT/bench/target/lib/*")" "$main" "$@"
}
