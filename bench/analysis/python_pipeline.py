#!/usr/bin/python3
"""The scanpy-default pipeline in the Debian Python stack, timed per step (scanpy itself is not packaged):
normalize_total(1e4)+log1p (scipy), HVG seurat flavor (numpy/pandas, scanpy's formula), scale(max 10, dense HVG
subset), PCA 50 (scikit-learn, arpack), neighbors k=15 (pynndescent + umap fuzzy_simplicial_set), UMAP (umap-learn
simplicial_set_embedding, min_dist 0.5, its default epochs, single-threaded SGD as with a random_state), Leiden
resolution 1 (leidenalg, until stable). HVG uses the seurat flavor: seurat_v3 needs a loess (scikit-misc) that
Debian does not package. Runs the pipeline RUNS times; prints "run<TAB>step<TAB>wall<TAB>cpu" (seconds; cpu =
time.process_time, all threads of the process). Usage: python_pipeline.py IN.h5ad RUNS"""
import sys
import time
import warnings

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

warnings.filterwarnings("ignore")


def hvg(logx, n_top):
    x = logx.copy()
    x.data = np.expm1(x.data)
    mean = np.asarray(x.mean(axis=0)).ravel()
    var = (np.asarray(x.multiply(x).mean(axis=0)).ravel() - mean ** 2) * x.shape[0] / (x.shape[0] - 1)
    mean[mean == 0] = 1e-12
    disp = var / mean
    disp[disp == 0] = np.nan
    disp = np.log(disp)
    mean = np.log1p(mean)
    df = pd.DataFrame({"m": mean, "d": disp})
    df["b"] = pd.cut(df["m"], bins=20)
    g = df.groupby("b")["d"]
    bm, bs = g.mean(), g.std(ddof=1)
    one = bs.isnull()
    bs[one] = bm[one]
    bm[one] = 0
    norm = (df["d"].values - bm[df["b"].values].values) / bs[df["b"].values].values
    d = np.sort(norm[~np.isnan(norm)])[::-1]
    return np.nan_to_num(norm) >= d[n_top - 1]


def pipeline(counts, run):
    from sklearn.decomposition import PCA
    from pynndescent import NNDescent
    from umap.umap_ import fuzzy_simplicial_set, simplicial_set_embedding, find_ab_params
    import igraph as ig
    import leidenalg
    t = time.perf_counter()
    c = time.process_time()

    def lap(step):
        nonlocal t, c
        now, cnow = time.perf_counter(), time.process_time()
        print(f"{run}\t{step}\t{now - t:.4f}\t{cnow - c:.4f}", flush=True)
        t, c = now, cnow

    x = counts.copy()
    tot = np.asarray(x.sum(axis=1)).ravel()
    x = sp.diags((1e4 / np.where(tot > 0, tot, 1)).astype(np.float32)) @ x
    x.data = np.log1p(x.data)
    lap("normalize")
    mask = hvg(x, 2000)
    lap("hvg")
    xs = x[:, mask].toarray()
    xs -= xs.mean(axis=0)
    sd = xs.std(axis=0, ddof=1)
    sd[sd == 0] = 1
    xs /= sd
    np.clip(xs, -10, 10, out=xs)
    lap("scale")
    pcs = PCA(n_components=50, svd_solver="arpack", random_state=0).fit_transform(xs)
    lap("pca")
    index = NNDescent(pcs, n_neighbors=15, metric="euclidean", random_state=0)
    knn_i, knn_d = index.neighbor_graph
    graph, _, _ = fuzzy_simplicial_set(pcs, 15, np.random.RandomState(0), "euclidean",
                                       knn_indices=knn_i, knn_dists=knn_d)
    lap("neighbors")
    a, b = find_ab_params(1.0, 0.5)
    simplicial_set_embedding(pcs, graph, 2, 1.0, a, b, 1.0, 5, None, "spectral", np.random.RandomState(0),
                             "euclidean", {}, False, {}, False)
    lap("umap")
    g = sp.triu(graph, k=1).tocoo()
    ig_graph = ig.Graph(n=g.shape[0], edges=list(zip(g.row.tolist(), g.col.tolist())), directed=False)
    leidenalg.find_partition(ig_graph, leidenalg.RBConfigurationVertexPartition, weights=g.data.tolist(),
                             resolution_parameter=1.0, n_iterations=-1, seed=0)
    lap("cluster")


counts = sp.csr_matrix(anndata.read_h5ad(sys.argv[1]).X, dtype=np.float32)
for r in range(1, int(sys.argv[2]) + 1):
    pipeline(counts, r)
