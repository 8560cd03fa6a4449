#!/usr/bin/env bash
# Analysis pipeline time: scjava vs R Seurat 4.3 vs the Python stack (sklearn + pynndescent + umap-learn +
# leidenalg), same machine, same run, per step (normalize, hvg, scale, pca, neighbors, umap, cluster).
# Datasets: PBMC 4k (2,170 cells), Kang (2,000 cells), and N cells (default 50,000) drawn with noise from PBMC 4k.
# Each tool loads once and runs the pipeline RUNS times (default 2) in one process; the table shows the last
# (warm) run per step, its CPU total (all threads) and the first-run totals. Loading is not timed (bench/io is).
# The 1-minute load average is printed around each tool: on a shared machine compare ratios within one run only.
# What differs between the tools (they allow no closer match): HVG = seurat_v3/vst in scjava and Seurat, the seurat
# flavor in Python (no loess in Debian's Python); the graph = UMAP fuzzy kNN graph in scjava/Python, shared-nearest-
# neighbour graph in Seurat; Seurat's RunUMAP searches its own kNN (inside its umap time), scjava and Python reuse
# the neighbors graph; Seurat's Leiden runs 10 iterations (its default), scjava/Python until stable.
# Usage: bench/analysis/pipeline-vs-seurat-python.sh [N_CELLS, 0 = skip the large set] [RUNS] [RUNS on the large set]
#        (defaults 50000 2 1); ONLY=large runs the large set alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
N="${1:-50000}"
RUNS="${2:-2}"
RUNS_LARGE="${3:-1}"
HERE="$ROOT/bench/analysis"
OUT="$ROOT/bench/build/analysis"; mkdir -p "$OUT"
scjava_build if-needed
SETS=("$ROOT/data/pbmc4k_soupx_2170cells_counts.h5ad" "$ROOT/data/kang_ifnb_pbmc_harmony_2000cells_counts.h5ad")
[[ "${ONLY:-}" == large ]] && SETS=()
if [[ "$N" -gt 0 ]]; then
  NOISY="$OUT/pbmc_noisy_${N}_cells.h5ad"
  [[ -f "$NOISY" ]] || /usr/bin/python3 "$HERE/make_noisy_subsample.py" "$ROOT/data/pbmc4k_soupx_2170cells_counts.h5ad" "$NOISY" "$N" 7
  SETS+=("$NOISY")
fi
load() { cut -d' ' -f1 /proc/loadavg; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "python: $(/usr/bin/python3 -c 'import sklearn, umap, pynndescent, leidenalg; print("sklearn", sklearn.__version__, "umap-learn", umap.__version__ if hasattr(umap, "__version__") else "0.5", "pynndescent", pynndescent.__version__)'); R: $(Rscript -e 'cat(R.version.string, "Seurat", as.character(packageVersion("Seurat")))' 2>/dev/null)"
for f in "${SETS[@]}"; do
  name="$(basename "$f" .h5ad)"
  runs="$RUNS"; [[ "$f" == "${NOISY:-}" ]] && runs="$RUNS_LARGE"
  mtx="$OUT/mtx_$name"; [[ -f "$mtx/matrix.mtx" ]] || /usr/bin/python3 "$HERE/to_mtx.py" "$f" "$mtx"
  l0="$(load)"
  scjava_bench_java org.scjava.bench.analysis.PipelineBench "$f" "$runs" > "$OUT/$name.scjava.tsv"
  l1="$(load)"
  /usr/bin/python3 "$HERE/python_pipeline.py" "$f" "$runs" > "$OUT/$name.python.tsv"
  l2="$(load)"
  Rscript "$HERE/seurat_pipeline.R" "$mtx" "$runs" > "$OUT/$name.seurat.tsv"
  l3="$(load)"
  echo
  echo "== $name (seconds; last of $runs runs) =="
  echo "load average (1 min) before/after: scjava $l0/$l1, Python $l1/$l2, Seurat $l2/$l3"
  /usr/bin/python3 "$HERE/table.py" "$OUT/$name.scjava.tsv" "$OUT/$name.seurat.tsv" "$OUT/$name.python.tsv"
done
