"""Scores the prediction files of bench/annotation/run.sh and prints one markdown table.

Each pred_<method>.tsv has columns cell, truth, predicted, mapped (the prediction in the truth's vocabulary),
confidence; timing_*.tsv has method, seconds, cells. Cells whose truth is "n/a" (no counterpart in the other
dataset's labels) are left out of accuracy and F1 ("scored" column). Accuracy counts every scored cell (unknown =
wrong); macro-F1 is scikit-learn's f1_score(average="macro") over the truth classes only (labels=...), so predictions
outside the truth vocabulary count as errors without adding classes. cells/s = cells annotated / seconds.
Usage: score.py OUT_DIR
"""
import sys
import glob
import os
import pandas as pd
from sklearn.metrics import f1_score

out = sys.argv[1]
timing = {}
for f in glob.glob(os.path.join(out, "timing_*.tsv")):
    for line in open(f):
        if line.strip():
            m, s, n = line.split("\t")
            timing[m] = (float(s), int(n))
rows = []
for f in sorted(glob.glob(os.path.join(out, "pred_*.tsv"))):
    method = os.path.basename(f)[5:-4]
    p = pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False)
    scored = p[p["truth"] != "n/a"]
    truth, mapped = scored["truth"], scored["mapped"]
    classes = sorted(set(truth))
    acc = (truth == mapped).mean()
    f1 = f1_score(truth, mapped, labels=classes, average="macro", zero_division=0)
    unknown = (p["predicted"] == "unknown").mean()
    s, n = timing.get(method, (float("nan"), len(p)))
    rows.append((method, len(p), len(scored), acc, f1, unknown, s, n / s if s == s else float("nan")))
print("| method | cells | scored | accuracy | macro-F1 | unknown | seconds | cells/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %s | %d | %d | %.3f | %.3f | %.3f | %.2f | %.0f |" % r)
mapping = os.path.join(out, "gene_mapping.tsv")
if os.path.exists(mapping):
    print()
    m = pd.read_csv(mapping, sep="\t")
    print("| species mapping | from | genes | mapped 1:1 | rate |")
    print("|---|---|---:|---:|---:|")
    for _, r in m.iterrows():
        print("| %s | %s | %d | %d | %.3f |" % (r["path"], r["source_species"], r["genes_total"], r["genes_mapped"],
                                                 r["mapping_rate"]))
