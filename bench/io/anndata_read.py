"""Times anndata.read_h5ad with the same protocol as org.scjava.bench.io.ReadBench (warm-up, then median/min wall
time and the mean process CPU time per load).

Usage: anndata_read.py WARMUP REPEATS FILE...   (Debian python3-anndata 0.8)
"""
import os
import sys
import time

import anndata as ad

warmup, repeats = int(sys.argv[1]), int(sys.argv[2])
for f in sys.argv[3:]:
    for _ in range(warmup):
        ad.read_h5ad(f)
    ms = []
    cpu0 = time.process_time()
    for _ in range(repeats):
        t = time.perf_counter()
        a = ad.read_h5ad(f)
        ms.append((time.perf_counter() - t) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000 / repeats
    ms.sort()
    print(f"{os.path.basename(f)}\t{ms[repeats // 2]:.1f}\t{ms[0]:.1f}\t{cpu_ms:.1f}\t{a.X.nnz}")
