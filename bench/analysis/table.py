#!/usr/bin/python3
"""Prints the per-step table and ratios from three "run<TAB>step<TAB>wall<TAB>cpu" files: scjava, Seurat, Python.
Wall seconds per step of the last (warm) run; then the total CPU seconds (all threads of each process) of that run,
which contention from other processes on the machine inflates less than wall time; then the first-run totals."""
import sys

STEPS = ["normalize", "hvg", "scale", "pca", "neighbors", "umap", "cluster"]


def load(path):
    runs = {}
    for line in open(path):
        r, step, wall, cpu = line.strip().split("\t")
        runs.setdefault(int(r), {})[step] = (float(wall), float(cpu))
    return runs


def row(name, v):
    print(f"{name:<10} {v[0]:9.3f} {v[1]:9.3f} {v[2]:9.3f} {v[1] / v[0]:13.1f}x {v[2] / v[0]:13.1f}x")


tools = [load(p) for p in sys.argv[1:4]]
last = [t[max(t)] for t in tools]
first = [t[min(t)] for t in tools]
print(f"{'wall s':<10} {'scjava':>9} {'Seurat':>9} {'Python':>9} {'Seurat/scjava':>14} {'Python/scjava':>14}")
for s in STEPS:
    row(s, [d[s][0] for d in last])
row("total", [sum(d[s][0] for s in STEPS) for d in last])
row("cpu total", [sum(d[s][1] for s in STEPS) for d in last])
row("1st run", [sum(d[s][0] for s in STEPS) for d in first])
if "umap_parallel" in last[0]:
    print(f"scjava umap with .withParallel(true) (Hogwild!, not reproducible; not in the totals): "
          f"{last[0]['umap_parallel'][0]:.3f} s wall, {last[0]['umap_parallel'][1]:.3f} s cpu")
