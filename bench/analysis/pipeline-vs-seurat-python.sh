#!/usr/bin/env bash
# Analysis pipeline time: scjava vs R Seurat 4.3 vs the Python stack (sklearn + pynndescent + umap-learn +
# leidenalg), same machine, same run, per step (normalize, hvg, scale, pca, neighbors, umap, cluster).
# Datasets: PBMC 4k (2,170 cells), Kang (2,000 cells), and N cells (default 50,000) drawn with noise from PBMC 4k.
# Each tool loads once and runs the pipeline RUNS times (default 2) in one process; the table shows the last
# (warm) run, and the first-run totals. Loading is not timed (see bench/io for IO).
# Usage: bench/analysis/pipeline-vs-seurat-python.sh [N_CELLS] [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
N="${1:-50000}"
RUNS="${2:-2}"
HERE="$ROOT/bench/analysis"
OUT="$ROOT/bench/build/analysis"; mkdir -p "$OUT"
scjava_build if-needed
NOISY="$OUT/pbmc_noisy_${N}_cells.h5ad"
[[ -f "$NOISY" ]] || /usr/bin/python3 "$HERE/make_noisy_subsample.py" "$ROOT/data/pbmc4k_soupx_2170cells_counts.h5ad" "$NOISY" "$N" 7
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "python: $(/usr/bin/python3 -c 'import sklearn, umap, pynndescent, leidenalg; print("sklearn", sklearn.__version__, "umap-learn", umap.__version__ if hasattr(umap, "__version__") else "0.5", "pynndescent", pynndescent.__version__)'); R: $(Rscript -e 'cat(R.version.string, "Seurat", as.character(packageVersion("Seurat")))' 2>/dev/null)"
for f in "$ROOT/data/pbmc4k_soupx_2170cells_counts.h5ad" "$ROOT/data/kang_ifnb_pbmc_harmony_2000cells_counts.h5ad" "$NOISY"; do
  name="$(basename "$f" .h5ad)"
  mtx="$OUT/mtx_$name"; [[ -f "$mtx/matrix.mtx" ]] || /usr/bin/python3 "$HERE/to_mtx.py" "$f" "$mtx"
  scjava_bench_java org.scjava.bench.analysis.PipelineBench "$f" "$RUNS" > "$OUT/$name.scjava.tsv"
  /usr/bin/python3 "$HERE/python_pipeline.py" "$f" "$RUNS" > "$OUT/$name.python.tsv"
  Rscript "$HERE/seurat_pipeline.R" "$mtx" "$RUNS" > "$OUT/$name.seurat.tsv"
  echo
  echo "== $name (seconds; last of $RUNS runs) =="
  /usr/bin/python3 "$HERE/table.py" "$OUT/$name.scjava.tsv" "$OUT/$name.seurat.tsv" "$OUT/$name.python.tsv"
done
