#!/usr/bin/env bash
# h5ad read time: scjava (Atlas.load) vs Python anndata (read_h5ad), same files, same protocol, one run.
# Files: the 2k x 33k PBMC set, the 2k x 9k Kang set, and a 100k-cell synthetic h5ad written by anndata (seed 7).
# Usage: bench/io/read-vs-anndata.sh [N_SYNTHETIC_CELLS] [REPEATS]
# Output: per file the median wall ms and mean CPU ms (process time, all threads) of each tool and both speedups
# (anndata / scjava). On a shared machine the CPU ratio is the steadier number; the wall ratio is what a user sees.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
N="${1:-100000}"
REPEATS="${2:-5}"
OUT="$ROOT/bench/build"; mkdir -p "$OUT"
SYN="$OUT/synthetic_${N}_cells.h5ad"
scjava_build if-needed
[[ -f "$SYN" ]] || /usr/bin/python3 "$ROOT/bench/io/make_synthetic.py" "$SYN" "$N" 20000 7
FILES=("$ROOT/data/pbmc4k_soupx_2170cells_counts.h5ad" "$ROOT/data/kang_ifnb_pbmc_harmony_2000cells_counts.h5ad" "$SYN")
echo "machine: $(nproc) cores, $(uname -m); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(/usr/bin/python3 -c 'import anndata,h5py; print("anndata", anndata.__version__, "h5py", h5py.__version__)')"
PY="$(/usr/bin/python3 "$ROOT/bench/io/anndata_read.py" 1 "$REPEATS" "${FILES[@]}")"
JV="$(scjava_bench_java org.scjava.bench.io.ReadBench 3 "$REPEATS" "${FILES[@]}")"
printf "%-45s %11s %11s %9s %11s %11s %9s\n" file "anndata ms" "scjava ms" "wall x" "anndata cpu" "scjava cpu" "cpu x"
paste <(echo "$PY") <(echo "$JV") | while IFS=$'\t' read -r f pmed pmin pcpu pnnz f2 jmed jmin jcpu jnnz; do
  [[ "$pnnz" == "$jnnz" ]] || { echo "nnz differs for $f: $pnnz vs $jnnz" >&2; exit 1; }
  awk -v f="$f" -v p="$pmed" -v j="$jmed" -v pc="$pcpu" -v jc="$jcpu" \
    'BEGIN { printf "%-45s %11s %11s %8.2fx %11s %11s %8.2fx\n", f, p, j, p / j, pc, jc, pc / jc }'
done
