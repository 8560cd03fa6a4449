#!/usr/bin/Rscript
# The Seurat 4.3 default pipeline (Debian r-cran-seurat), timed per step: NormalizeData, FindVariableFeatures
# (vst, 2000), ScaleData (variable features, scale.max 10), RunPCA (50), FindNeighbors (dims 1:50, k 15),
# FindClusters (resolution 1; Louvain, algorithm 1: Seurat's Leiden needs Python leidenalg via reticulate), RunUMAP
# (uwot, dims 1:50, n.neighbors 15, min.dist 0.5). Runs RUNS times; prints "run<TAB>step<TAB>seconds".
# Usage: seurat_pipeline.R MTX_DIR RUNS
suppressPackageStartupMessages({ library(Seurat); library(Matrix) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
runs <- as.integer(args[2])
m <- as(readMM(file.path(dir, "matrix.mtx")), "CsparseMatrix")
rownames(m) <- readLines(file.path(dir, "genes.txt"))
colnames(m) <- readLines(file.path(dir, "cells.txt"))
for (r in seq_len(runs)) {
  obj <- CreateSeuratObject(m)
  t <- proc.time()[["elapsed"]]
  lap <- function(step) {
    now <- proc.time()[["elapsed"]]
    cat(sprintf("%d\t%s\t%.4f\n", r, step, now - t))
    t <<- now
  }
  obj <- NormalizeData(obj, verbose = FALSE); lap("normalize")
  obj <- FindVariableFeatures(obj, nfeatures = 2000, verbose = FALSE); lap("hvg")
  obj <- ScaleData(obj, verbose = FALSE); lap("scale")
  obj <- RunPCA(obj, npcs = 50, verbose = FALSE, seed.use = 42); lap("pca")
  obj <- FindNeighbors(obj, dims = 1:50, k.param = 15, verbose = FALSE); lap("neighbors")
  obj <- RunUMAP(obj, dims = 1:50, n.neighbors = 15, min.dist = 0.5, verbose = FALSE, seed.use = 42); lap("umap")
  obj <- FindClusters(obj, resolution = 1, verbose = FALSE, random.seed = 0); lap("cluster")
}
