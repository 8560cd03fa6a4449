#!/usr/bin/python3
"""A larger PBMC-like counts set: N cells drawn with replacement from the PBMC 4k counts, each count redrawn as
Poisson(count * U(0.7, 1.3)) so no two cells are identical. Usage: make_noisy_subsample.py IN.h5ad OUT.h5ad N SEED"""
import sys

import anndata
import numpy as np
import scipy.sparse as sp

src, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(seed)
a = anndata.read_h5ad(src)
x = sp.csr_matrix(a.X)
rows = rng.integers(0, x.shape[0], n)
y = x[rows].astype(np.float64)
y.data = rng.poisson(y.data * rng.uniform(0.7, 1.3, y.data.shape[0])).astype(np.float32)
y.eliminate_zeros()
obs = a.obs.iloc[rows].copy()
obs.index = [f"cell{i}" for i in range(n)]
anndata.AnnData(X=sp.csr_matrix(y, dtype=np.float32), obs=obs, var=a.var[[]].copy()).write_h5ad(out)
