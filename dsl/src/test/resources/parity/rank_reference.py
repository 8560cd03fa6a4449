#!/usr/bin/python3
"""scipy.stats reference p-values for rankGenesGroups (issue 6 parity). /usr/bin/python3, python3-scipy 1.10.

Usage: rank_reference.py SCJAVA_RESULT.h5ad GROUP_COLUMN PAIRS.tsv
PAIRS.tsv: lines "group<TAB>gene" to test. Prints TSV: group, gene, welch_p, mwu_p (two-sided;
ttest_ind(equal_var=False); mannwhitneyu(use_continuity=False, method='asymptotic')), in float64.
"""
import sys

import anndata
import numpy as np
import scipy.sparse as sp
import scipy.stats as st

res = anndata.read_h5ad(sys.argv[1])
groups = res.obs[sys.argv[2]].astype(str).values
x = sp.csc_matrix(res.X, dtype=np.float64)
index = {g: i for i, g in enumerate(res.var_names)}
for line in open(sys.argv[3]):
    grp, gene = line.rstrip("\n").split("\t")
    col = x[:, index[gene]].toarray().ravel()
    a, b = col[groups == grp], col[groups != grp]
    pw = st.ttest_ind(a, b, equal_var=False).pvalue
    pm = st.mannwhitneyu(a, b, use_continuity=False, alternative="two-sided", method="asymptotic").pvalue
    print(f"{grp}\t{gene}\t{pw!r}\t{pm!r}")
