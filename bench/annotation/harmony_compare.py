"""Python side of the harmonization benchmark (bench/annotation/run.sh): Debian python3-harmonypy 0.0.9 on the very
PCA scjava computed (OUT/<set>_pca.tsv, batch = stim), timed; then batch/label silhouettes (scib definitions, with
scikit-learn's silhouette_samples) and median iLISI/cLISI (harmonypy.compute_lisi, perplexity 30) recomputed in
Python for scjava's PCA, scjava's X_harmony and harmonypy's output, as an independent check of scjava's metrics.
Prints a markdown table. Usage: harmony_compare.py OUT_DIR
"""
import sys
import time
import numpy as np
import pandas as pd
from sklearn.metrics import silhouette_samples, silhouette_score
import harmonypy

out = sys.argv[1]


def asw_batch(x, batch, label):
    groups = []
    for g in np.unique(label):
        idx = label == g
        nb = len(np.unique(batch[idx]))
        if nb <= 1 or nb == idx.sum():
            continue
        groups.append(np.mean(1 - np.abs(silhouette_samples(x[idx], batch[idx]))))
    return np.mean(groups)


java = pd.read_csv(f"{out}/harmony_metrics_java.tsv", sep="\t")
print("| set | embedding | ASW batch | ASW label | iLISI | cLISI | seconds |")
print("|---|---|---:|---:|---:|---:|---:|")
for name in java["dataset"].unique():
    meta = pd.read_csv(f"{out}/{name}_meta.tsv", sep="\t", dtype=str, keep_default_na=False)
    has_label = (meta["label"] != "").all()
    batch = meta["stim"].to_numpy()
    label = meta["label"].to_numpy() if has_label else np.repeat("all", len(meta))
    pca = np.loadtxt(f"{out}/{name}_pca.tsv")
    harmonypy.run_harmony(pca[:50], pd.DataFrame({"stim": batch[:50]}), ["stim"], verbose=False, nclust=2)  # warm-up
    t = time.perf_counter()
    ho = harmonypy.run_harmony(pca, pd.DataFrame({"stim": batch}), ["stim"], verbose=False)
    secs = time.perf_counter() - t
    for emb_name, emb, s in [("X_pca", pca, ""), ("X_harmony (scjava)", np.loadtxt(f"{out}/{name}_harmony.tsv"),
                                                   "%.2f" % java[(java.dataset == name) & (java.rep == "X_harmony")]
                                                   ["harmonize_seconds"].iloc[0]),
                             ("harmonypy", ho.Z_corr.T, "%.2f" % secs)]:
        cols = ["stim"] + (["label"] if has_label else [])
        lisi = harmonypy.compute_lisi(emb, meta.assign(label=label), cols)
        asw_l = (silhouette_score(emb, label) + 1) / 2 if has_label else float("nan")
        clisi = np.median(lisi[:, 1]) if has_label else float("nan")
        print("| %s | %s | %.3f | %.3f | %.2f | %.2f | %s |" % (name, emb_name, asw_batch(emb, batch, label), asw_l,
                                                               np.median(lisi[:, 0]), clisi, s))
