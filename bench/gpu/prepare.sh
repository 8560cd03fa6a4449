#!/usr/bin/env bash
# Prepares what bench/gpu/run.sh needs on a GPU machine that has no Maven, no JDK and no registry (the device machine):
# run it HERE, where Maven Central is reachable. Writes the ignored folder .gpu/ at the repository root:
#   .gpu/jre      a jlink'd Java runtime (only the modules scjava uses; ~45 MB)
#   .gpu/lib      the runtime and test jars, without the CPU libtorch jar (the GPU machine's own libtorch is used)
#   .gpu/classes  dsl, models, models' test classes and fixtures, and the compiled GpuBench
# and prints the size of each part: carry .gpu/jre and .gpu/lib+.gpu/classes in two device calls if together they
# exceed the 64 MiB a call may carry (a warm machine keeps what the first call brought; see bench/gpu/README.md).
# Usage: bench/gpu/prepare.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
scjava_find_jdk
OUT="$ROOT/.gpu"
rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/classes"
grep -qx '/.gpu/' "$ROOT/.git/info/exclude" 2>/dev/null || echo '/.gpu/' >>"$ROOT/.git/info/exclude"

echo "prepare: building dsl and models (test classes included) ..." >&2
scjava_mvn -q -B -DskipTests -pl models -am test-compile dependency:copy-dependencies -DincludeScope=test \
  -DoutputDirectory="$OUT/lib" -DexcludeArtifactIds=pytorch-native-cpu,archunit-junit5,archunit,archunit-junit5-api,archunit-junit5-engine
scjava_mvn -q -B dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 \
  -DoutputDirectory="$OUT/lib"
rm -f "$OUT"/lib/scjava-*.jar
cp -r "$ROOT/dsl/target/classes" "$OUT/classes/dsl"
cp -r "$ROOT/models/target/classes" "$OUT/classes/models"
cp -r "$ROOT/models/target/test-classes" "$OUT/classes/models-test"
mkdir -p "$OUT/classes/bench"
"$JAVA_HOME/bin/javac" -d "$OUT/classes/bench" \
  -cp "$OUT/classes/dsl:$OUT/classes/models:$OUT/lib/*" "$ROOT/bench/gpu/GpuBench.java"

echo "prepare: jlink'ing a Java runtime ..." >&2
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.desktop,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml,java.scripting,jdk.unsupported,jdk.zipfs,java.net.http,jdk.crypto.ec \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$OUT/jre"

for part in jre lib classes; do
  printf 'prepare: .gpu/%-8s %s\n' "$part" "$(du -sh "$OUT/$part" | cut -f1)"
done
echo "prepare: total $(du -sh "$OUT" | cut -f1) (a device call carries at most 64 MiB)"
