"""Exports the benchmark's query and reference as MatrixMarket for the R SingleR run (bench/annotation/singler.R).

Query: PBMC 4k without the 20 "?" cells. Reference: the Kang 2018 (muscat) control cells with labels mapped to the
PBMC 4k vocabulary and plain gene symbols (same as bench/src/main/java/org/scjava/bench/annotation/LabelMaps.java).
Writes OUT/{query,ref}_counts.mtx (genes x cells), _genes.txt, _cells.txt, _labels.txt.
Usage: export_for_r.py DATA_DIR OUT_DIR
"""
import sys
import anndata
import scipy.io
import scipy.sparse as sp

data, out = sys.argv[1], sys.argv[2]
KANG_TO_PBMC = {"CD4 T cells": "T_CD4", "CD8 T cells": "T_CD8", "B cells": "B",
                "CD14+ Monocytes": "MNP", "FCGR3A+ Monocytes": "MNP"}
q = anndata.read_h5ad(f"{data}/pbmc4k_soupx_2170cells_counts.h5ad")
q = q[q.obs["cell_type"].astype(str) != "?"]
r = anndata.read_h5ad(f"{data}/kang_ifnb_pbmc_muscat_1556cells_counts.h5ad")
r = r[r.obs["stim"].astype(str) == "ctrl"].copy()
r.var_names = r.var_names.str.replace(r"_ENSG\d+$", "", regex=True)  # muscat's uniquifying suffix (see LabelMaps)
assert r.var_names.is_unique
for name, a, labels in [("query", q, q.obs["cell_type"].astype(str)),
                        ("ref", r, r.obs["cell_type"].astype(str).map(KANG_TO_PBMC))]:
    scipy.io.mmwrite(f"{out}/{name}_counts.mtx", sp.csr_matrix(a.X).T.tocoo())
    for suffix, values in [("genes", a.var_names), ("cells", a.obs_names), ("labels", labels)]:
        with open(f"{out}/{name}_{suffix}.txt", "w") as f:
            f.write("\n".join(map(str, values)) + "\n")
