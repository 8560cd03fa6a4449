#!/usr/bin/env bash
# Issue 7 evidence in one run: zero-shot annotation of the labelled PBMC 4k cells by (a) marker genes, (b) reference
# mapping from the Kang 2018 control cells in the HVG+PCA baseline space, (c) reference mapping in a foundation-model
# space (scGPT layout, RANDOM weights: a plumbing check only), (d) R SingleR with the same reference; cross-species
# paths with their gene-mapping rates; Harmony on Kang stim/ctrl with metrics before/after, scjava vs harmonypy.
# Label maps between the datasets: bench/annotation/README.md. Output: bench/build/annotation/results.md.
# Usage: bench/annotation/run.sh            (skip the FM step: SKIP_FM=1 bench/annotation/run.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
OUT="$ROOT/bench/build/annotation"; rm -rf "$OUT"; mkdir -p "$OUT"
scjava_build if-needed
scjava_find_jdk
{
  echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "R $(Rscript -e 'cat(as.character(getRversion()), "SingleR", as.character(packageVersion("SingleR")))'); python $(/usr/bin/python3 -c 'import harmonypy, sklearn; print("harmonypy", harmonypy.__version__ if hasattr(harmonypy, "__version__") else "0.0.9", "scikit-learn", sklearn.__version__)')"
} > "$OUT/machine.txt"
FM=()
if [[ -z "${SKIP_FM:-}" ]]; then
  /usr/bin/python3 "$ROOT/bench/annotation/make_random_scgpt.py" "$OUT/random_scgpt"
  FM=("$OUT/random_scgpt")
fi
scjava_bench_java org.scjava.bench.annotation.AnnotationBench "$ROOT/data" "$OUT" "${FM[@]}" 2> "$OUT/java_annotation.log"
/usr/bin/python3 "$ROOT/bench/annotation/export_for_r.py" "$ROOT/data" "$OUT"
Rscript "$ROOT/bench/annotation/singler.R" "$OUT" 2> "$OUT/r.log"
scjava_bench_java org.scjava.bench.annotation.CrossSpeciesBench "$ROOT/data" "$OUT" 2> "$OUT/java_crossspecies.log"
scjava_bench_java org.scjava.bench.annotation.HarmonyBench "$ROOT/data" "$OUT" 2> "$OUT/java_harmony.log"
{
  cat "$OUT/machine.txt"; echo
  echo "## Annotation (PBMC 4k, 2,150 labelled cells; reference: Kang 2018 control cells) and cross-species"; echo
  /usr/bin/python3 "$ROOT/bench/annotation/score.py" "$OUT"; echo
  echo "## Harmony on Kang stim/ctrl (batch = stim): scjava metrics (Java)"; echo
  echo '```'; cat "$OUT/harmony_metrics_java.tsv"; echo '```'; echo
  echo "## Same embeddings, metrics recomputed in Python; harmonypy on the same PCA"; echo
  /usr/bin/python3 "$ROOT/bench/annotation/harmony_compare.py" "$OUT" 2> "$OUT/harmonypy.log"
} | tee "$OUT/results.md"
