#!/usr/bin/env bash
# Throughput of scBERT, scFoundation (cells/s) and ESM-2 (proteins/s) at their real sizes (random weights):
# scjava (DJL/libtorch 2.7.1) vs the Python/PyTorch reference (Debian torch 1.13, the parity fixtures' reference
# implementation, run the official way: one cell per forward for scBERT / scFoundation, extract.py batching for ESM-2),
# same inputs, same thread count. Also prints max |scjava - Python| of the embeddings.
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
printf "%-14s %7s %14s %14s %9s %14s\n" model items "python item/s" "scjava item/s" speedup "max|diff|"
paste <(echo "$PY") <(echo "$JV") | while IFS=$'\t' read -r m n ps prate m2 n2 js jrate; do
  diff="$(/usr/bin/python3 -c "import numpy as np,sys; p=np.load('$WORK/${m}_python.npy'); j=np.fromfile('$WORK/${m}_java.f32','<f4').reshape(p.shape); print('%.2e' % np.abs(p-j).max())")"
  awk -v m="$m" -v n="$n" -v p="$prate" -v j="$jrate" -v d="$diff" 'BEGIN { printf "%-14s %7d %14.3f %14.3f %8.2fx %14s\n", m, n, p, j, j / p, d }'
done
