#!/usr/bin/Rscript
# The Seurat 4.3 pipeline (Debian r-cran-seurat), timed per step, as close to the scjava/Python pipeline as
# Seurat's functions allow: NormalizeData; FindVariableFeatures (vst = scjava's seurat_v3, 2000); ScaleData
# (variable features, scale.max 10); RunPCA (50, irlba); FindNeighbors (dims 1:50, k 15; annoy kNN + shared-
# nearest-neighbour graph, Seurat's only graph); FindClusters (resolution 1, algorithm 4 = Leiden: R 'leiden' ->
# Python leidenalg through reticulate, RBConfiguration, Seurat's default n.iter 10; method "igraph" above 20,000 cells, where the default "matrix" method fails casting the graph
# to a dense matrix); RunUMAP (uwot, dims 1:50,
# n.neighbors 15, min.dist 0.5, metric euclidean instead of Seurat's default cosine; uwot finds its own kNN with
# annoy, which this step's time includes; single-threaded SGD, uwot's default).
# Runs RUNS times; prints "run<TAB>step<TAB>wall<TAB>cpu" (seconds; cpu = user + system of this R process, which
# includes the embedded Python). Usage: seurat_pipeline.R MTX_DIR RUNS
Sys.setenv(RETICULATE_PYTHON = "/usr/bin/python3")
suppressPackageStartupMessages({ library(Seurat); library(Matrix) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
runs <- as.integer(args[2])
m <- as(readMM(file.path(dir, "matrix.mtx")), "CsparseMatrix")
rownames(m) <- readLines(file.path(dir, "genes.txt"))
colnames(m) <- readLines(file.path(dir, "cells.txt"))
clock <- function() { p <- proc.time(); c(p[["elapsed"]], p[["user.self"]] + p[["sys.self"]]) }
for (r in seq_len(runs)) {
  obj <- CreateSeuratObject(m)
  t <- clock()
  lap <- function(step) {
    now <- clock()
    cat(sprintf("%d\t%s\t%.4f\t%.4f\n", r, step, now[1] - t[1], now[2] - t[2]))
    t <<- now
  }
  obj <- NormalizeData(obj, verbose = FALSE); lap("normalize")
  obj <- FindVariableFeatures(obj, selection.method = "vst", nfeatures = 2000, verbose = FALSE); lap("hvg")
  obj <- ScaleData(obj, verbose = FALSE); lap("scale")
  obj <- RunPCA(obj, npcs = 50, verbose = FALSE, seed.use = 42); lap("pca")
  obj <- FindNeighbors(obj, dims = 1:50, k.param = 15, verbose = FALSE); lap("neighbors")
  obj <- RunUMAP(obj, dims = 1:50, n.neighbors = 15, min.dist = 0.5, metric = "euclidean", verbose = FALSE,
                 seed.use = 42); lap("umap")
  obj <- suppressWarnings(FindClusters(obj, resolution = 1, algorithm = 4, verbose = FALSE, random.seed = 0,
                                         method = if (ncol(obj) > 20000) "igraph" else "matrix"))
  lap("cluster")
  if (r == runs) message("Seurat clusters: ", length(levels(Idents(obj))))
}
