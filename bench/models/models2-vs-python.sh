#!/usr/bin/env bash
# Throughput of scBERT, scFoundation (cells/s) and ESM-2 (proteins/s) at their real sizes (random weights):
# scjava (DJL/libtorch 2.7.1) vs the Python/PyTorch reference (Debian torch 1.13, the parity fixtures' reference
# implementation, run the official way: one cell per forward for scBERT / scFoundation, extract.py batching for ESM-2),
# same inputs, same thread count. Prints items/s by wall clock and by process CPU time (items per CPU-second, all
# threads; the fair comparison when the machine is shared), both ratios, and max |scjava - Python| of the embeddings.
# Usage: bench/models/models2-vs-python.sh [N_CELLS=8] [N_PROTEINS=64] [THREADS=$(nproc)] [MODELS=scbert,scfoundation,esm2]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
N_CELLS="${1:-8}"; N_PROT="${2:-64}"; THREADS="${3:-$(nproc)}"; MODELS="${4:-scbert,scfoundation,esm2}"
WORK="$ROOT/bench/build/models2"
scjava_build if-needed
[[ -f "$WORK/esm2/proteins.fasta" && -f "$WORK/cells.h5ad" ]] || /usr/bin/python3 "$ROOT/bench/models/make_models2.py" "$WORK" "$N_CELLS" "$N_PROT"
echo "machine: $(nproc) cores, $(uname -m), threads=$THREADS; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); python torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
PY="$(/usr/bin/python3 "$ROOT/bench/models/reference2.py" "$WORK" "$THREADS" "$MODELS")"
JV="$(scjava_bench_java org.scjava.bench.models.Models2Bench "$WORK" "$THREADS" "$MODELS")"
printf "%-13s %6s %13s %13s %8s %15s %15s %8s %10s\n" model items "py item/s" "java item/s" speedup \
  "py item/cpu-s" "java item/cpu-s" "cpu x" "max|diff|"
paste <(echo "$PY") <(echo "$JV") | while IFS=$'\t' read -r m n ps prate pcpu m2 n2 js jrate jcpu; do
  diff="$(/usr/bin/python3 -c "import numpy as np,sys; p=np.load('$WORK/${m}_python.npy'); j=np.fromfile('$WORK/${m}_java.f32','<f4').reshape(p.shape); print('%.2e' % np.abs(p-j).max())")"
  awk -v m="$m" -v n="$n" -v p="$prate" -v j="$jrate" -v pc="$pcpu" -v jc="$jcpu" -v d="$diff" 'BEGIN {
    printf "%-13s %6d %13.3f %13.3f %7.2fx %15.3f %15.3f %7.2fx %10s\n", m, n, p, j, j / p, n / pc, n / jc, pc / jc, d }'
done
