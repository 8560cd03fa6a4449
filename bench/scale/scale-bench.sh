#!/usr/bin/env bash
# Million-cell scale benchmark (issue 10). Writes synthetic atlases with ./scjava synth (20k genes, seed 7), then:
#  1. read throughput of X in row blocks: scjava backed (Atlas.open + rowBlocks) vs Python anndata backed='r'
#     (MB/s of uncompressed CSR data + indices; wall and CPU seconds; peak RSS);
#  2. embedding with the tiny scGPT fixture model (models/src/test/resources/fixtures/scgpt/whole_human_style):
#     in-memory (Atlas.load + embed) vs backed streaming (Atlas.open(f).embed(m), obsm written into the file) on the
#     SMALL file, both with -Xmx4g: cells/s and peak RSS;
#  3. the backed embed of the LARGE file with -Xmx1g (bounded memory): cells/s from its progress log and the peak
#     RSS sampled from /proc/PID/status; EMBED_LIMIT_S=N stops it after N seconds (the file is then left unchanged).
# Usage: [EMBED_LIMIT_S=N] bench/scale/scale-bench.sh [LARGE_CELLS (default 1000000)] [SMALL_CELLS (default 100000)]
# Needs ~3.3 GB of disk per million cells under bench/build/. Results: stdout and bench/build/scale-results.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
LARGE="${1:-1000000}"
SMALL="${2:-100000}"
OUT="$ROOT/bench/build"; mkdir -p "$OUT"
MODEL="$ROOT/models/src/test/resources/fixtures/scgpt/whole_human_style"
BLOCK=8192
scjava_build if-needed
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(/usr/bin/python3 -c 'import anndata; print("anndata", anndata.__version__)')"
for n in "$SMALL" "$LARGE"; do
  f="$OUT/synth_${n}.h5ad"
  [[ -f "$f" ]] || /usr/bin/time -f "synth $n cells: %e s wall, %U s user, %M KB peak RSS" \
    "$ROOT/scjava" synth --cells "$n" --genes 20000 --seed 7 --out "$f"
  echo "$f: $(du -h "$f" | cut -f1)"
done
RES="$OUT/scale-results.tsv"
echo -e "tool\tmode\tcells\tMB\ts\tMB/s\tpeak_rss_MB\tcpu_s" > "$RES"
for n in "$SMALL" "$LARGE"; do
  f="$OUT/synth_${n}.h5ad"
  echo -e "scjava\t$(BENCH_JAVA_OPTS=-Xmx4g scjava_bench_java org.scjava.bench.scale.ScaleBench read "$f" "$BLOCK")" | tee -a "$RES"
  echo -e "anndata\t$(/usr/bin/python3 "$ROOT/bench/scale/anndata_backed_read.py" "$f" "$BLOCK")" | tee -a "$RES"
done
echo -e "tool\tmode\tcells\ts\tcells/s\tpeak_rss_MB" | tee -a "$RES"
fs="$OUT/synth_${SMALL}.h5ad"; fl="$OUT/synth_${LARGE}.h5ad"
echo -e "scjava\t$(BENCH_JAVA_OPTS=-Xmx4g scjava_bench_java org.scjava.bench.scale.ScaleBench embed-memory "$fs" "$MODEL")" | tee -a "$RES"
echo -e "scjava\t$(BENCH_JAVA_OPTS=-Xmx4g scjava_bench_java org.scjava.bench.scale.ScaleBench embed-backed "$fs" "$MODEL" "$BLOCK")" | tee -a "$RES"
LOG="$OUT/embed_${LARGE}_xmx1g.log"
BENCH_JAVA_OPTS="-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=info" \
  scjava_bench_java org.scjava.bench.scale.ScaleBench embed-backed "$fl" "$MODEL" "$BLOCK" > "$LOG" 2>&1 &
PID=$!
START=$(date +%s); HWM=0
while kill -0 "$PID" 2>/dev/null; do
  J=$(pgrep -P "$PID" java || echo "$PID")
  H=$(awk '/VmHWM/ {print $2}' "/proc/$J/status" 2>/dev/null || echo 0); [[ -n "$H" && "$H" -gt "$HWM" ]] && HWM=$H
  if [[ -n "${EMBED_LIMIT_S:-}" && $(( $(date +%s) - START )) -ge "$EMBED_LIMIT_S" ]]; then kill "$J" "$PID"; break; fi
  sleep 5
done
wait "$PID" 2>/dev/null || true
LAST="$(grep -o '[0-9]*/[0-9]* cells ([0-9.]* cells/s)' "$LOG" | tail -1)"
echo -e "scjava\tembed-backed -Xmx1g\t$LARGE\t$(( $(date +%s) - START )) s\t${LAST:-see $LOG}\t$(( HWM / 1024 ))" | tee -a "$RES"
