# R SingleR (Aran et al. 2019, doi:10.1038/s41590-018-0276-y; Debian r-bioc-singler) on the benchmark's query and
# reference exported by export_for_r.py: log-normalised counts (ln(1 + 1e4 * x / total), as the scjava side), two
# runs: SingleR's default marker selection (de.method = "classic", made for bulk references) and the one the SingleR
# book recommends for single-cell references (de.method = "wilcox", needs r-bioc-scran); fine-tuning on, 2 worker
# processes (the machine's cores, as the Java side uses). Timed: normalisation of both sets + SingleR().
# Writes OUT/pred_singler_classic.tsv, OUT/pred_singler_wilcox.tsv and OUT/timing_r.tsv.
# Usage: Rscript singler.R OUT_DIR
suppressPackageStartupMessages({ library(Matrix); library(SingleR); library(BiocParallel) })
out <- commandArgs(trailingOnly = TRUE)[1]
read_set <- function(name) {
  m <- as(readMM(file.path(out, paste0(name, "_counts.mtx"))), "CsparseMatrix")
  rownames(m) <- readLines(file.path(out, paste0(name, "_genes.txt")))
  colnames(m) <- readLines(file.path(out, paste0(name, "_cells.txt")))
  list(counts = m, labels = readLines(file.path(out, paste0(name, "_labels.txt"))))
}
lognorm <- function(m) {
  lib <- colSums(m)
  m@x <- log1p(m@x * rep(1e4 / lib, diff(m@p)))
  m
}
q <- read_set("query")
r <- read_set("ref")
invisible(SingleR(test = lognorm(q$counts[, 1:50]), ref = lognorm(r$counts), labels = r$labels))  # warm-up
timing <- character()
for (de in c("classic", "wilcox")) {
  t0 <- Sys.time()
  pred <- SingleR(test = lognorm(q$counts), ref = lognorm(r$counts), labels = r$labels, de.method = de,
                  BPPARAM = MulticoreParam(2))
  secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  conf <- apply(pred$scores, 1, max)  # the chosen label's correlation score before fine-tuning
  write.table(data.frame(cell = rownames(pred), truth = q$labels, predicted = pred$pruned.labels,
                         mapped = ifelse(is.na(pred$pruned.labels), "unknown", pred$pruned.labels),
                         confidence = conf),
              file.path(out, paste0("pred_singler_", de, ".tsv")), sep = "\t", quote = FALSE, row.names = FALSE,
              na = "unknown")
  timing <- c(timing, sprintf("singler_%s\t%.3f\t%d", de, secs, ncol(q$counts)))
}
writeLines(timing, file.path(out, "timing_r.tsv"))
