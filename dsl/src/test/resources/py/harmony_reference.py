"""Harmony reference run for scjava's parity test (HarmonyIT).

Tool: Debian python3-harmonypy 0.0.9 (harmonypy.run_harmony with its defaults), numpy, scikit-learn 1.2 (PCA),
anndata. Input: the bundled Kang 2018 PBMC set (2,000 cells, obs['stim'] ctrl/stim).
Preprocessing (here, so both sides correct the very same PCA): counts -> per-cell total 1e4 -> log1p -> the 1,000
genes of highest variance -> z-score per gene -> PCA 20 (sklearn, full SVD).
Writes to the output folder: pca.tsv (cells x 20), batch.txt, harmony.tsv (harmonypy's Z_corr transposed to
cells x 20), centroids.tsv (the k-means centroids harmonypy started from, K x 20), info.txt (K, iterations),
metrics.txt (on the input PCA and on harmonypy's output: scikit-learn silhouette_score of stim, median of
harmonypy.compute_lisi over stim).
Tolerance used by the test: Pearson r >= 0.99 per dimension.
"""
import sys
import numpy as np
import pandas as pd
import anndata
from sklearn.decomposition import PCA
import sklearn.cluster
import harmonypy

h5ad, out = sys.argv[1], sys.argv[2]
a = anndata.read_h5ad(h5ad)
x = a.X.toarray().astype(np.float64)
x = x / x.sum(axis=1, keepdims=True) * 1e4
x = np.log1p(x)
var = x.var(axis=0)
top = np.argsort(-var, kind="stable")[:1000]
x = x[:, np.sort(top)]
x = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
pcs = PCA(n_components=20, svd_solver="full").fit_transform(x)
np.savetxt(f"{out}/pca.tsv", pcs, delimiter="\t", fmt="%.9g")
meta = pd.DataFrame({"stim": a.obs["stim"].astype(str).to_numpy()})
with open(f"{out}/batch.txt", "w") as f:
    f.write("\n".join(meta["stim"]) + "\n")

captured = {}
_KMeans = sklearn.cluster.KMeans


class CapturingKMeans(_KMeans):
    def fit(self, X, y=None, sample_weight=None):
        r = super().fit(X, y, sample_weight)
        captured["centers"] = self.cluster_centers_.copy()
        return r


harmonypy.harmony.KMeans = CapturingKMeans
ho = harmonypy.run_harmony(pcs, meta, ["stim"], verbose=False)
np.savetxt(f"{out}/harmony.tsv", ho.Z_corr.T, delimiter="\t", fmt="%.9g")
np.savetxt(f"{out}/centroids.tsv", captured["centers"], delimiter="\t", fmt="%.9g")
with open(f"{out}/info.txt", "w") as f:
    f.write(f"K\t{ho.K}\niterations\t{len(ho.objective_harmony) - 1}\n")
from sklearn.metrics import silhouette_score
from harmonypy import compute_lisi
with open(f"{out}/metrics.txt", "w") as f:
    for name, emb in [("pca", pcs), ("harmony", ho.Z_corr.T)]:
        f.write(f"{name}_silhouette\t{silhouette_score(emb, meta['stim']):.10g}\n")
        f.write(f"{name}_ilisi_median\t{np.median(compute_lisi(emb, meta, ['stim'])[:, 0]):.10g}\n")
