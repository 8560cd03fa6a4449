#!/usr/bin/Rscript
# Reference for highlyVariableGenes(n, "seurat_v3"): Seurat 4.3 FindVariableFeatures(selection.method = "vst")
# (Debian r-cran-seurat 4.3.0). Input: MatrixMarket genes x cells counts with genes named g0..g{n-1}.
# Prints the selected genes, one per line: index (0-based) TAB variance.standardized. Usage: seurat_vst_hvg.R matrix.mtx N_GENES N_TOP
suppressPackageStartupMessages({ library(Seurat); library(Matrix) })
args <- commandArgs(trailingOnly = TRUE)
m <- as(readMM(args[1]), "CsparseMatrix")
rownames(m) <- paste0("g", seq_len(as.integer(args[2])) - 1)
colnames(m) <- paste0("c", seq_len(ncol(m)))
obj <- FindVariableFeatures(CreateSeuratObject(m, min.cells = 0, min.features = 0), selection.method = "vst",
                            nfeatures = as.integer(args[3]), verbose = FALSE)
vf <- VariableFeatures(obj)
cat(sprintf("%s\t%.17g", sub("^g", "", vf), HVFInfo(obj)[vf, "variance.standardized"]), sep = "\n")
