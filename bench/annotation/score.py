"""Scores the prediction files of bench/annotation/run.sh and prints one markdown table.

Each pred_<method>.tsv has columns cell, truth, predicted, mapped (the prediction in the truth's vocabulary),
confidence; timing_*.tsv has method, seconds, cells. Accuracy counts every cell (unknown = wrong); macro-F1 is
scikit-learn's f1_score(average="macro") over the truth classes only (labels=...), so predictions outside the truth
vocabulary count as errors without adding classes.
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
    truth, mapped = p["truth"], p["mapped"]
    classes = sorted(set(truth))
    acc = (truth == mapped).mean()
    f1 = f1_score(truth, mapped, labels=classes, average="macro", zero_division=0)
    unknown = (p["predicted"] == "unknown").mean()
    s, n = timing.get(method, (float("nan"), len(p)))
    rows.append((method, len(p), acc, f1, unknown, s, n / s if s == s else float("nan")))
print("| method | cells | accuracy | macro-F1 | unknown | seconds | cells/s |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %s | %d | %.3f | %.3f | %.3f | %.2f | %.0f |" % r)
