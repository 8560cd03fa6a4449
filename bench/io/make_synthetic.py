"""Writes the benchmark's synthetic atlas with Python anndata: N cells x G genes of negative-binomial counts
(~5 % non-zero, CSR int32, gzip like anndata's write_h5ad(compression="gzip")), fixed seed.

Usage: make_synthetic.py OUT.h5ad N_CELLS N_GENES SEED
"""
import sys

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

out, n, g, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(seed)
indptr = [0]
indices, data = [], []
mean_expr = rng.gamma(0.6, 1.0, g)
p_expressed = np.clip(mean_expr / mean_expr.sum() * g * 0.05, 0, 1)
block = 1000
for start in range(0, n, block):
    m = min(block, n - start)
    mask = rng.random((m, g)) < p_expressed
    counts = rng.negative_binomial(2, 2 / (2 + 1 + mean_expr), (m, g)) + 1
    x = sp.csr_matrix(np.where(mask, counts, 0).astype(np.int32))
    indices.append(x.indices)
    data.append(x.data)
    indptr.extend((x.indptr[1:] + indptr[-1]).tolist())
X = sp.csr_matrix((np.concatenate(data), np.concatenate(indices), np.array(indptr, dtype=np.int64)), shape=(n, g))
obs = pd.DataFrame(index=[f"cell{i}" for i in range(n)])
obs["batch"] = pd.Categorical(rng.choice(["a", "b", "c"], n))
var = pd.DataFrame(index=[f"GENE{i}" for i in range(g)])
ad.AnnData(X=X, obs=obs, var=var).write_h5ad(out, compression="gzip")
print(f"wrote {out}: {n} x {g}, nnz={X.nnz}")
