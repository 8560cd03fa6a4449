"""Prints a JSON digest of an h5ad file as Python anndata reads it (the reference side of scjava's interop tests).

Usage: anndata_digest.py FILE.h5ad   (tool: Debian python3-anndata 0.8 / h5py 3.7 / numpy 1.24)
Small matrices are listed in full; large ones as checksums (nnz, sum, sum of squares, index-weighted sum).
"""
import json
import sys
from collections.abc import Mapping

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp


def matrix(m):
    out = {"shape": list(m.shape), "dtype": str(m.dtype), "sparse": bool(sp.issparse(m))}
    if sp.issparse(m):
        out["format"] = m.format
        c = m.tocoo()
        r, k, v = c.row.astype(np.float64), c.col.astype(np.float64), c.data.astype(np.float64)
        out["nnz"] = int(c.nnz)
    else:
        a = np.asarray(m, dtype=np.float64)
        r, k = np.indices(a.shape).reshape(2, -1).astype(np.float64) if a.ndim == 2 else (np.arange(a.size), np.zeros(a.size))
        v = a.ravel()
        out["nnz"] = int(np.count_nonzero(a))
    out["sum"] = float(v.sum())
    out["sumsq"] = float((v * v).sum())
    out["weighted"] = float((v * (r + 1) * ((k % 97) + 1)).sum())
    if np.prod(m.shape) <= 400:
        out["values"] = np.asarray(m.todense() if sp.issparse(m) else m, dtype=np.float64).tolist()
    return out


def scalar(v):
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    return v


def column(s):
    if isinstance(s.dtype, pd.CategoricalDtype):
        return {"dtype": "category", "categories": [str(c) for c in s.cat.categories], "ordered": bool(s.cat.ordered),
                "values": [None if pd.isna(v) else str(v) for v in s]}
    return {"dtype": str(s.dtype), "values": [None if pd.isna(v) else scalar(v) for v in s.tolist()]}


def frame(df):
    return {"index_name": df.index.name, "index": [str(i) for i in df.index],
            "columns": {c: column(df[c]) for c in df.columns}}


def uns_value(v):
    if isinstance(v, Mapping):
        return {"dict": {k: uns_value(x) for k, x in v.items()}}
    if isinstance(v, pd.DataFrame):
        return {"dataframe": frame(v)}
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "OUS":
            return {"strings": [str(x) for x in v.tolist()]}
        return {"array": v.astype(np.float64).tolist() if v.dtype.kind != "b" else v.tolist(), "dtype": str(v.dtype)}
    if isinstance(v, str):
        return {"string": v}
    return {"scalar": scalar(v), "type": type(v).__name__}


a = ad.read_h5ad(sys.argv[1])
d = {
    "shape": list(a.shape),
    "X": matrix(a.X),
    "obs": frame(a.obs),
    "var": frame(a.var),
    "obsm": {k: matrix(np.asarray(v)) for k, v in a.obsm.items()},
    "varm": {k: matrix(np.asarray(v)) for k, v in a.varm.items()},
    "layers": {k: matrix(v) for k, v in a.layers.items()},
    "obsp": {k: matrix(v) for k, v in a.obsp.items()},
    "uns": {k: uns_value(v) for k, v in a.uns.items()},
    "raw": None if a.raw is None else {"X": matrix(a.raw.X), "var": frame(a.raw.var)},
}
print(json.dumps(d))
