#!/usr/bin/python3
"""Exports an h5ad's counts for R: DIR/matrix.mtx (genes x cells), DIR/genes.txt, DIR/cells.txt. Usage: to_mtx.py IN.h5ad DIR"""
import os
import sys

import anndata
import scipy.io
import scipy.sparse as sp

a = anndata.read_h5ad(sys.argv[1])
os.makedirs(sys.argv[2], exist_ok=True)
scipy.io.mmwrite(os.path.join(sys.argv[2], "matrix.mtx"), sp.csr_matrix(a.X).T.tocoo())
# Seurat rewrites '_' in feature names; index names keep them unique and untouched
open(os.path.join(sys.argv[2], "genes.txt"), "w").write("\n".join(f"g{i}" for i in range(a.n_vars)) + "\n")
open(os.path.join(sys.argv[2], "cells.txt"), "w").write("\n".join(a.obs_names) + "\n")
