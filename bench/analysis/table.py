#!/usr/bin/python3
"""Prints the per-step table and ratios from three "run<TAB>step<TAB>seconds" files: scjava, Seurat, Python."""
import sys

STEPS = ["normalize", "hvg", "scale", "pca", "neighbors", "umap", "cluster"]


def load(path):
    runs = {}
    for line in open(path):
        r, step, sec = line.strip().split("\t")
        runs.setdefault(int(r), {})[step] = float(sec)
    return runs


tools = [load(p) for p in sys.argv[1:4]]
last = [t[max(t)] for t in tools]
first = [t[min(t)] for t in tools]
print(f"{'step':<10} {'scjava':>9} {'Seurat':>9} {'Python':>9} {'Seurat/scjava':>14} {'Python/scjava':>14}")
for s in STEPS + ["total"]:
    v = [sum(d.values()) if s == "total" else d[s] for d in last]
    print(f"{s:<10} {v[0]:9.3f} {v[1]:9.3f} {v[2]:9.3f} {v[1] / v[0]:13.1f}x {v[2] / v[0]:13.1f}x")
v = [sum(d.values()) for d in first]
print(f"{'1st run':<10} {v[0]:9.3f} {v[1]:9.3f} {v[2]:9.3f} {v[1] / v[0]:13.1f}x {v[2] / v[0]:13.1f}x")
