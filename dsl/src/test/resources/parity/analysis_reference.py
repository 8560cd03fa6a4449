#!/usr/bin/python3
"""Reference computations for scjava's analysis parity tests (issue 6). Run by the *ParityIT tests with
/usr/bin/python3 (Debian: python3-anndata 0.8, python3-numpy, python3-scipy 1.10, python3-sklearn 1.2,
umap-learn 0.5.3, python3-leidenalg 0.9.1, python3-igraph 0.10). Prints one JSON object.

Usage: analysis_reference.py SOURCE_COUNTS.h5ad SCJAVA_RESULT.h5ad SCALED_HVG.h5ad
  SOURCE_COUNTS: the raw-count h5ad both sides start from
  SCJAVA_RESULT: scjava's Atlas after normalizeTotal(1e4).log1p().highlyVariableGenes(2000).scale(10).pca(50)
                 .neighbors(15).umap().leiden(1.0).rankGenesGroups("leiden", ...), written with Atlas.write
  SCALED_HVG:    scjava's Scale.materialize() of the HVG columns (dense), written with Atlas.write
Tolerances live in the Java test; this script only measures.
"""
import json
import sys
import warnings

import anndata
import numpy as np
import scipy.sparse as sp
import scipy.stats as st

warnings.filterwarnings("ignore")


def seurat_hvg(logx, n_top):
    """scanpy 1.9 highly_variable_genes(flavor='seurat') written out in numpy/pandas."""
    import pandas as pd
    x = logx.copy()
    x.data = np.expm1(x.data.astype(np.float64))
    mean = np.asarray(x.mean(axis=0)).ravel()
    mean_sq = np.asarray(x.multiply(x).mean(axis=0)).ravel()
    n = x.shape[0]
    var = (mean_sq - mean ** 2) * n / (n - 1)
    mean[mean == 0] = 1e-12
    disp = var / mean
    disp[disp == 0] = np.nan
    disp = np.log(disp)
    mean = np.log1p(mean)
    df = pd.DataFrame({"means": mean, "dispersions": disp})
    df["mean_bin"] = pd.cut(df["means"], bins=20)
    g = df.groupby("mean_bin")["dispersions"]
    bmean, bstd = g.mean(), g.std(ddof=1)
    one = bstd.isnull()
    bstd[one] = bmean[one]
    bmean[one] = 0
    norm = ((df["dispersions"].values - bmean[df["mean_bin"].values].values)
            / bstd[df["mean_bin"].values].values)
    d = norm[~np.isnan(norm)]
    d[::-1].sort()
    cut = d[n_top - 1]
    return np.nan_to_num(norm) >= cut


def main():
    src = anndata.read_h5ad(sys.argv[1])
    res = anndata.read_h5ad(sys.argv[2])
    scaled_java = anndata.read_h5ad(sys.argv[3])
    out = {}
    # normalize_total(1e4) + log1p in float64 numpy, compared with scjava's float32 X
    counts = sp.csr_matrix(src.X, dtype=np.float64)
    tot = np.asarray(counts.sum(axis=1)).ravel()
    norm = sp.diags(1e4 / np.where(tot > 0, tot, 1)) @ counts
    logx = norm.copy()
    logx.data = np.log1p(logx.data)
    jx = sp.csr_matrix(res.X, dtype=np.float64)
    diff = abs(logx - jx)
    out["log1p_max_rel"] = float((diff.multiply(1 / np.maximum(abs(logx).toarray(), 1e-30))).max()) \
        if logx.nnz < 5e6 else None
    # HVG (seurat flavor) gene sets
    hv_ref = seurat_hvg(sp.csr_matrix(res.X), 2000)
    hv_java = res.var["highly_variable"].values.astype(bool)
    out["hvg_jaccard"] = float((hv_ref & hv_java).sum() / (hv_ref | hv_java).sum())
    # scale(max_value=10) of the HVG columns in numpy (ddof=1, sd 0 -> 1, clip to +-10) vs scjava's materialized
    xh = jx[:, hv_java].toarray()
    mu = xh.mean(axis=0)
    sd = xh.std(axis=0, ddof=1)
    sd[sd == 0] = 1
    ref_scaled = np.clip((xh - mu) / sd, -10, 10)
    js = np.asarray(scaled_java.X, dtype=np.float64)
    out["scale_max_abs_diff"] = float(np.abs(ref_scaled - js).max())
    # PCA: scikit-learn full SVD on the numpy-scaled matrix
    from sklearn.decomposition import PCA
    pca = PCA(n_components=50, svd_solver="full").fit(ref_scaled)
    ev = np.asarray(res.uns["pca"]["variance"], dtype=np.float64)
    evr = np.asarray(res.uns["pca"]["variance_ratio"], dtype=np.float64)
    out["pca_variance_max_rel"] = float(np.max(np.abs(ev - pca.explained_variance_) / pca.explained_variance_))
    out["pca_ratio_max_rel"] = float(np.max(np.abs(evr - pca.explained_variance_ratio_)
                                            / pca.explained_variance_ratio_))
    comps_java = np.asarray(res.varm["PCs"])[hv_java, :].T
    cos = [abs(float(np.dot(comps_java[i], pca.components_[i]))) for i in range(10)]
    out["pca_first10_abs_cosine_min"] = min(cos)
    # UMAP trustworthiness (k=15) of scjava's X_umap vs umap-learn on the same X_pca
    from sklearn.manifold import trustworthiness
    import umap
    xp = np.asarray(res.obsm["X_pca"], dtype=np.float32)
    emb_ref = umap.UMAP(n_neighbors=15, min_dist=0.5, random_state=0).fit_transform(xp)
    out["trust_umap_learn"] = float(trustworthiness(xp, emb_ref, n_neighbors=15))
    out["trust_scjava"] = float(trustworthiness(xp, np.asarray(res.obsm["X_umap"]), n_neighbors=15))
    # Leiden: leidenalg on scjava's connectivities; modularity of both partitions by igraph
    import igraph as ig
    import leidenalg
    conn = sp.triu(sp.csr_matrix(res.obsp["connectivities"]), k=1).tocoo()
    g = ig.Graph(n=conn.shape[0], edges=list(zip(conn.row.tolist(), conn.col.tolist())), directed=False)
    w = conn.data.astype(np.float64).tolist()
    part = leidenalg.find_partition(g, leidenalg.RBConfigurationVertexPartition, weights=w,
                                    resolution_parameter=1.0, n_iterations=-1, seed=0)
    ours = res.obs["leiden"].astype(int).values
    out["modularity_leidenalg"] = float(g.modularity(part.membership, weights=w))
    out["modularity_scjava"] = float(g.modularity(ours.tolist(), weights=w))
    out["n_clusters_leidenalg"] = len(set(part.membership))
    out["n_clusters_scjava"] = int(len(set(ours)))
    from sklearn.metrics import adjusted_rand_score
    if "cell_type" in res.obs:
        keep = (res.obs["cell_type"].astype(str) != "?").values
        labels = res.obs["cell_type"].astype(str).values[keep]
        out["ari_scjava_vs_cell_type"] = float(adjusted_rand_score(labels, ours[keep]))
        out["ari_leidenalg_vs_cell_type"] = float(adjusted_rand_score(labels, np.asarray(part.membership)[keep]))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
