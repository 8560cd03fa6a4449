#!/usr/bin/env bash
# Prepares what bench/gpu/run.sh needs on a GPU machine that has no Maven, no JDK and no registry (the device machine):
# run it HERE, where Maven Central is reachable. Writes the ignored folder .gpu/ at the repository root:
#   .gpu/jre      a jlink'd Java runtime (only the modules scjava uses; ~45 MB)
#   .gpu/lib-N    the runtime and test jars, without the CPU libtorch jar (the GPU machine's own libtorch is used),
#                 packed into folders of at most 50 MiB
#   .gpu/classes  dsl, models, models' test classes and fixtures, and the compiled GpuBench
# and prints a carry plan: groups of those folders of at most 60 MiB each, one device call per group (a warm machine
# keeps what earlier calls brought; see bench/gpu/README.md).
# Usage: bench/gpu/prepare.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
scjava_find_jdk
OUT="$ROOT/.gpu"
rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/classes"
# .gpu/ is in .gitignore; also exclude it locally so that checkouts with an older .gitignore leave it untracked.
EXCLUDE="$(git -C "$ROOT" rev-parse --git-path info/exclude 2>/dev/null || true)"
if [[ -n "$EXCLUDE" ]]; then
  [[ "$EXCLUDE" == /* ]] || EXCLUDE="$ROOT/$EXCLUDE"
  mkdir -p "$(dirname "$EXCLUDE")"
  grep -qx '/.gpu/' "$EXCLUDE" 2>/dev/null || echo '/.gpu/' >>"$EXCLUDE"
fi

echo "prepare: building dsl and models (test classes included) ..." >&2
scjava_mvn -q -B -DskipTests -pl models -am test-compile dependency:copy-dependencies -DincludeScope=test \
  -DoutputDirectory="$OUT/lib" -DexcludeGroupIds=org.scjava \
  -DexcludeArtifactIds=pytorch-native-cpu,archunit-junit5,archunit,archunit-junit5-api,archunit-junit5-engine,byte-buddy
scjava_mvn -q -B dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 \
  -DoutputDirectory="$OUT/lib"
cp -r "$ROOT/dsl/target/classes" "$OUT/classes/dsl"
cp -r "$ROOT/models/target/classes" "$OUT/classes/models"
cp -r "$ROOT/models/target/test-classes" "$OUT/classes/models-test"
mkdir -p "$OUT/classes/bench"
"$JAVA_HOME/bin/javac" -d "$OUT/classes/bench" \
  -cp "$OUT/classes/dsl:$OUT/classes/models:$OUT/lib/*" "$ROOT/bench/gpu/GpuBench.java"

echo "prepare: jlink'ing a Java runtime ..." >&2
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.desktop,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml,java.scripting,jdk.unsupported,jdk.zipfs,java.net.http,jdk.crypto.ec \
  --strip-java-debug-attributes --strip-native-debug-symbols=exclude-debuginfo-files --no-man-pages --no-header-files \
  --compress=zip-9 --output "$OUT/jre"

# Jars into folders of at most 50 MiB (largest first), then folders into carry groups of at most 60 MiB.
n=1; used=0; mkdir -p "$OUT/lib-1"
while read -r kb jar; do
  if (( used + kb > 50 * 1024 && used > 0 )); then n=$((n + 1)); used=0; mkdir -p "$OUT/lib-$n"; fi
  mv "$OUT/lib/$jar" "$OUT/lib-$n/"; used=$((used + kb))
done < <(cd "$OUT/lib" && du -k -- *.jar | sort -rn)
rmdir "$OUT/lib"
# A device call carries the tracked working tree plus the named ignored paths, 64 MiB in all: pack everything into
# .gpu/carry-K folders that each fit beside the tracked files; run.sh unpacks them.
tracked_mib=$(( $(git -C "$ROOT" ls-files -z | xargs -0 du -cb 2>/dev/null | tail -n1 | cut -f1) / 1048576 + 1 ))
chunk_mib=$(( 62 - tracked_mib ))
(( chunk_mib >= 8 )) || scjava_die "the tracked files take ${tracked_mib} MiB of the 64 MiB a device call carries"
tar -C "$OUT" -czf - jre classes lib-* | split -b "${chunk_mib}m" - "$OUT/chunk-"
k=0
for c in "$OUT"/chunk-*; do
  k=$((k + 1)); mkdir -p "$OUT/carry-$k"; mv "$c" "$OUT/carry-$k/"
done
echo "prepare: tracked files ${tracked_mib} MiB; ${k} parts of at most ${chunk_mib} MiB. Device calls, back to back:"
for i in $(seq 1 "$k"); do
  if (( i < k )); then echo "  carry: .gpu/carry-$i   command: true"; else
    echo "  carry: .gpu/carry-$i   command: bench/gpu/run.sh"; fi
done
