"""Python anndata backed-mode read throughput, the same protocol as ScaleBench's 'read' mode: open backed='r',
read X in row blocks (as scipy CSR), count uncompressed data + indices bytes; prints cells, MB, seconds, MB/s, peak
RSS MB (ru_maxrss), process CPU seconds.

Usage: anndata_backed_read.py FILE BLOCK   (Debian python3-anndata)
"""
import resource
import sys
import time

import anndata as ad

f, block = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
cpu = time.process_time()
a = ad.read_h5ad(f, backed="r")
n = a.n_obs
nbytes = 0
for start in range(0, n, block):
    x = a.X[start:min(n, start + block)]
    nbytes += x.data.nbytes + x.indices.nbytes
s = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"read\t{n}\t{nbytes / 1e6:.1f}\t{s:.2f}\t{nbytes / 1e6 / s:.1f}\t{rss}\t{time.process_time() - cpu:.2f}")
