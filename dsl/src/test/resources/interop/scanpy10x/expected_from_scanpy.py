"""Expected results for Scanpy10xInteropTest, produced by running scanpy's own readers on the bundled files.

Usage: python3 expected_from_scanpy.py SCANPY_READWRITE_PY DATA_DIR OUT_JSON_GZ

scanpy is not installable here (no PyPI), so its reader functions are taken verbatim from scverse/scanpy's
src/scanpy/readwrite.py (commit in MANIFEST.tsv) by name -- read_10x_h5, _read_10x_h5, _collect_datasets,
_read_v3_10x_h5, _read_legacy_10x_h5, read_10x_mtx, _read_10x_mtx, _read_mtx -- and executed with Debian's anndata,
h5py, numpy, pandas and scipy. Shims (the only code not from scanpy), all for names those functions reference:
  * logg.info / logg.debug: no-ops (scanpy's logging);
  * _check_datafile_present_and_download: returns True (no download: the files are local);
  * read(filename, cache=..., cache_compression=..., sparse_format=...): scanpy's read() for a .mtx path ends in
    _read(), which does kwargs.setdefault("sparse_format", "csr"); kwargs.setdefault("dtype", "float32") and calls
    _read_mtx(filename, **kwargs) -- the shim does exactly that (no cache);
  * pkg_version(name): Version(importlib.metadata.version(name)), as scanpy._compat.pkg_version returns;
  * Default(...): a placeholder for read_10x_mtx's cache_compression default (settings lookup; unused without cache).
The derived duplicate-symbol cases (dup_symbols/...) are written by this script from the 3.0.0 files, then read with
the same scanpy functions.
"""
import ast
import gzip
import json
import os
import shutil
import sys
import warnings
from functools import partial
from importlib.metadata import version as _dist_version
from pathlib import Path

import anndata
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp
from anndata import AnnData
from packaging.version import Version

FUNCTIONS = ["read_10x_h5", "_read_10x_h5", "_collect_datasets", "_read_v3_10x_h5", "_read_legacy_10x_h5",
             "read_10x_mtx", "_read_10x_mtx", "_read_mtx"]


class _Logg:
    @staticmethod
    def info(*a, **k):
        return None

    debug = info


def load_scanpy_functions(readwrite_py):
    tree = ast.parse(Path(readwrite_py).read_text())
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in FUNCTIONS]
    for d in defs:
        d.decorator_list = []
    missing = set(FUNCTIONS) - {d.name for d in defs}
    assert not missing, missing
    module = ast.Module(body=defs, type_ignores=[])
    ns = dict(anndata=anndata, h5py=h5py, np=np, pd=pd, AnnData=AnnData, Path=Path, warnings=warnings,
              partial=partial, logg=_Logg, pkg_version=lambda name: Version(_dist_version(name)), Version=Version,
              _check_datafile_present_and_download=lambda path, backup_url=None: True,
              Default=lambda *a, **k: None)

    def read(filename, *, cache=False, cache_compression=None, **kwargs):
        kwargs.setdefault("sparse_format", "csr")
        kwargs.setdefault("dtype", "float32")
        return ns["_read_mtx"](Path(filename), **kwargs)

    ns["read"] = read
    # readwrite.py starts with `from __future__ import annotations`: compile the functions the same way
    exec(compile(module, readwrite_py, "exec", flags=__import__("__future__").annotations.compiler_flag), ns)
    return ns


def column(series):
    values = series.to_numpy()
    kind = values.dtype.kind
    if kind == "b":
        return {"dtype": "bool", "values": [bool(v) for v in values]}
    if kind in "iu":
        return {"dtype": "int64", "values": [int(v) for v in values]}
    return {"dtype": "str", "values": [str(v) for v in values]}


def describe(adata):
    x = sp.csr_matrix(adata.X)
    x.sum_duplicates()
    x.sort_indices()
    return {
        "shape": list(adata.shape), "x_dtype": str(adata.X.dtype),
        "obs_names": [str(v) for v in adata.obs_names], "var_names": [str(v) for v in adata.var_names],
        "obs": {c: column(adata.obs[c]) for c in adata.obs.columns},
        "var": {c: column(adata.var[c]) for c in adata.var.columns},
        "indptr": [int(v) for v in x.indptr], "indices": [int(v) for v in x.indices],
        "data": [float(v) for v in x.data],
    }


def make_duplicates(data_dir):
    """v3 mtx and h5 copies of the 3.0.0 files whose symbols repeat, including a name that collides with a suffix."""
    src = data_dir / "10x_data" / "3.0.0"
    out = data_dir / "dup_symbols"
    mtx = out / "filtered_feature_bc_matrix"
    if out.exists():
        shutil.rmtree(out)
    mtx.mkdir(parents=True)
    with gzip.open(src / "filtered_feature_bc_matrix" / "features.tsv.gz", "rt") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    for i, name in [(1, "MT-A"), (2, "MT-A"), (3, "MT-A-1"), (4, "MT-A"), (5, "AB"), (6, "AB")]:
        rows[i][1] = name
    with gzip.open(mtx / "features.tsv.gz", "wt") as f:
        f.writelines("\t".join(r) + "\n" for r in rows)
    for name in ["barcodes.tsv.gz", "matrix.mtx.gz"]:
        shutil.copy(src / "filtered_feature_bc_matrix" / name, mtx / name)
    shutil.copy(src / "filtered_feature_bc_matrix.h5", out / "filtered_feature_bc_matrix.h5")
    with h5py.File(out / "filtered_feature_bc_matrix.h5", "a") as f:
        names = f["matrix/features/name"][()]
        for i, r in enumerate(rows):
            names[i] = r[1].encode()
        del f["matrix/features/name"]
        f["matrix/features/name"] = names


def run(ns, fn, path, **kwargs):
    case = {"reader": fn, "path": path, "args": kwargs}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            case["result"] = describe(ns[fn](DATA / path, **kwargs))
    except Exception as e:  # noqa: BLE001 -- the expected error is part of the reference
        case["error"] = f"{type(e).__name__}: {e}"
    return case


if __name__ == "__main__":
    readwrite, DATA, out = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    ns = load_scanpy_functions(readwrite)
    make_duplicates(DATA)
    h5, mtx = "read_10x_h5", "read_10x_mtx"
    cases = [
        run(ns, h5, "10x_data/1.2.0/filtered_gene_bc_matrices_h5.h5"),
        run(ns, h5, "10x_data/1.2.0/filtered_gene_bc_matrices_h5.h5", genome="hg19_chr21"),
        run(ns, h5, "10x_data/1.2.0/multiple_genomes.h5"),
        run(ns, h5, "10x_data/1.2.0/multiple_genomes.h5", genome="hg19_chr21"),
        run(ns, h5, "10x_data/1.2.0/multiple_genomes.h5", genome="another_genome"),
        run(ns, h5, "10x_data/1.2.0/multiple_genomes.h5", genome="not a genome"),
        run(ns, h5, "10x_data/3.0.0/filtered_feature_bc_matrix.h5"),
        run(ns, h5, "10x_data/3.0.0/filtered_feature_bc_matrix.h5", genome="GRCh38_chr21"),
        run(ns, h5, "10x_data/3.0.0/filtered_feature_bc_matrix.h5", gex_only=False),
        run(ns, h5, "10x_data/3.0.0/filtered_feature_bc_matrix.h5", genome="not a genome"),
        run(ns, h5, "visium_data/1.0.0/filtered_feature_bc_matrix.h5"),
        run(ns, h5, "visium_data/2.1.0/raw_probe_bc_matrix.h5"),
        run(ns, h5, "visium_data/2.1.0/raw_probe_bc_matrix.h5", gex_only=False),
        run(ns, h5, "dup_symbols/filtered_feature_bc_matrix.h5"),
        run(ns, mtx, "10x_data/3.0.0/filtered_feature_bc_matrix"),
        run(ns, mtx, "10x_data/3.0.0/filtered_feature_bc_matrix", var_names="gene_ids"),
        run(ns, mtx, "10x_data/1.2.0/filtered_gene_bc_matrices/hg19_chr21"),
        run(ns, mtx, "10x_data/int-ids", compressed=False),
        run(ns, mtx, "10x_data/int-ids", compressed=False, var_names="gene_ids"),
        run(ns, mtx, "dup_symbols/filtered_feature_bc_matrix"),
        run(ns, mtx, "dup_symbols/filtered_feature_bc_matrix", make_unique=False),
    ]
    meta = {"scanpy_readwrite": readwrite, "anndata": anndata.__version__, "h5py": h5py.__version__,
            "numpy": np.__version__, "pandas": pd.__version__, "scipy": __import__("scipy").__version__}
    with gzip.open(out, "wt") as f:
        json.dump({"meta": meta, "cases": cases}, f)
    for c in cases:
        print(c["reader"], c["path"], c["args"], "error" if "error" in c else c["result"]["shape"])
