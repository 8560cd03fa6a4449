#!/usr/bin/env bash
# Model throughput benchmark: scjava vs a Python/PyTorch reference on the same 64 PBMC cells, real model sizes,
# same thread count. Outside `mvn test`. Usage: bench/models/run.sh [THREADS] [WORK_DIR]
# Prints, per model, cells/s for both, the ratio, the machine's GEMM GFLOP/s and the model's achieved GFLOP/s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
THREADS="${1:-$(nproc)}"
WORK="${2:-${TMPDIR:-/tmp}/scjava-bench}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
mvn -q -B -o -pl models -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK.cp" >/dev/null
CP="models/target/classes:dsl/target/classes:$(cat "$WORK.cp")"
[ -f "$WORK/scgpt/best_model.pt" ] || /usr/bin/python3 bench/models/make_models.py "$WORK"
REF="$WORK/reference.json"
rm -f "$REF"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for MODEL in scgpt geneformer; do
  OMP_NUM_THREADS="$THREADS" /usr/bin/python3 bench/models/reference.py "$WORK" "$THREADS" "$REF" "$MODEL" 2>/dev/null
  "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true -Dscjava.repo.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" bench/models/ModelBench.java "$WORK" "$THREADS" "$REF" "$MODEL" | tee "$WORK/scjava_$MODEL.json" | tail -1
done
