#!/usr/bin/env bash
# Million-cell scale benchmark (issue 10). Writes synthetic atlases with ./scjava synth (20k genes, seed 7), then:
#  1. read throughput of X in row blocks: scjava backed (Atlas.open + rowBlocks) vs Python anndata backed='r';
#  2. embedding with the tiny scGPT fixture model (models/src/test/resources/fixtures/scgpt/whole_human_style):
#     backed streaming embed (Atlas.open(f).embed(m), obsm written into the file) vs in-memory (Atlas.load + embed)
#     on the same SMALL file, and the backed embed on the LARGE file under -Xmx4g (cells/s, peak RSS from /proc).
# Usage: bench/scale/scale-bench.sh [LARGE_CELLS (default 1000000)] [SMALL_CELLS (default 100000)]
# Needs ~3.5 GB of disk per million cells under bench/build/. Output: bench/build/scale-results.tsv and stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
LARGE="${1:-1000000}"
SMALL="${2:-100000}"
OUT="$ROOT/bench/build"; mkdir -p "$OUT"
MODEL="$ROOT/models/src/test/resources/fixtures/scgpt/whole_human_style"
BLOCK=8192
scjava_build if-needed
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(/usr/bin/python3 -c 'import anndata; print("anndata", anndata.__version__)')"
for n in "$SMALL" "$LARGE"; do
  f="$OUT/synth_${n}.h5ad"
  if [[ ! -f "$f" ]]; then
    /usr/bin/time -f "synth $n cells: %e s wall, %M KB peak RSS" "$ROOT/scjava" synth --cells "$n" --genes 20000 --seed 7 --out "$f"
  fi
  echo "$f: $(du -h "$f" | cut -f1)"
done
RES="$OUT/scale-results.tsv"
printf "tool\twhat\tcells\tMB|s\ts|cells_per_s\tMB_per_s|peak_rss_MB\tpeak_rss_MB|-\tcpu_s\n" > "$RES"
for n in "$SMALL" "$LARGE"; do
  f="$OUT/synth_${n}.h5ad"
  J="$(BENCH_JAVA_OPTS=-Xmx4g scjava_bench_java org.scjava.bench.scale.ScaleBench read "$f" "$BLOCK")"
  P="$(/usr/bin/python3 "$ROOT/bench/scale/anndata_backed_read.py" "$f" "$BLOCK")"
  printf "scjava %s\t%s\nanndata %s\t%s\n" "$J" "$n" "$P" "$n" | tee -a "$RES"
done
fs="$OUT/synth_${SMALL}.h5ad"; fl="$OUT/synth_${LARGE}.h5ad"
for run in "embed-memory $fs $MODEL" "embed-backed $fs $MODEL $BLOCK" "embed-backed $fl $MODEL $BLOCK"; do
  # shellcheck disable=SC2086
  BENCH_JAVA_OPTS=-Xmx4g scjava_bench_java org.scjava.bench.scale.ScaleBench $run | tee -a "$RES"
done
echo "bounded memory: backed embed of $LARGE cells with -Xmx1g"
BENCH_JAVA_OPTS=-Xmx1g scjava_bench_java org.scjava.bench.scale.ScaleBench embed-backed "$fl" "$MODEL" "$BLOCK" | tee -a "$RES"
