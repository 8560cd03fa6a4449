#!/usr/bin/env bash
# Perturbation and gene-program evaluation (issue 8), outside `mvn test`:
#   1. Kang IFN-β: held-out cell type stim-response prediction, baselines (no change, mean shift, linear on PCA gene
#      embeddings) beside the linear model on Geneformer contextual gene embeddings;
#   2. in-silico perturbation (Geneformer semantics) throughput and a matched-null screen;
#   3. gene programs on PBMC 4k: Geneformer gene embeddings vs expression correlation (modules, GO-enriched modules,
#      coherence).
# The Geneformer is random-initialised with the real V1 dictionaries (no pretrained weights offline): its rows are
# plumbing checks. Usage: bench/perturbation/run.sh [WORK_DIR]    Output: tables on stdout, CSV/PNG in bench/build/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
WORK="${1:-$ROOT/bench/build/perturbation}"
mkdir -p "$WORK"
scjava_build if-needed
[[ -f "$WORK/geneformer/pytorch_model.bin" ]] || /usr/bin/python3 "$ROOT/bench/perturbation/make_geneformer.py" "$WORK"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
scjava_bench_java org.scjava.bench.perturbation.PerturbationEval "$ROOT/data" "$WORK/geneformer" "$WORK"
