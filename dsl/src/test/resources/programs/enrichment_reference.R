#!/usr/bin/env Rscript
# Reference values for EnrichmentTest: hypergeometric over-representation with per-module Benjamini-Hochberg,
# clusterProfiler's enricher convention (only sets sharing >= 1 gene with the module are tested).
# Computed using R 4.2.2, base stats::phyper and stats::p.adjust(method = "BH"). Tolerance in the test: 1e-12 relative.
# Run from this folder: Rscript enrichment_reference.R   (writes sets.gmt, modules.tsv, enrichment_expected.tsv)
set.seed(7)
universe <- sprintf("G%03d", 1:300)
sets <- list()
for (i in 1:40) {
  sz <- sample(10:60, 1)
  sets[[sprintf("SET%02d", i)]] <- sort(sample(universe, sz))
}
# planted signal: modules overlapping a few sets strongly
modules <- list(
  m0 = sort(unique(c(sample(sets$SET03, 12), sample(universe, 18)))),
  m1 = sort(unique(c(sample(sets$SET17, 20), sample(sets$SET21, 6), sample(universe, 10)))),
  m2 = sort(sample(universe, 25))
)
con <- file("sets.gmt", "w")
for (n in names(sets)) writeLines(paste(c(n, paste("description of", n), sets[[n]]), collapse = "\t"), con)
close(con)
write.table(data.frame(module = rep(names(modules), lengths(modules)), gene = unlist(modules)),
            "modules.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
N <- length(universe)
out <- NULL
for (m in names(modules)) {
  g <- modules[[m]]
  k <- sapply(sets, function(s) length(intersect(s, g)))
  tested <- names(sets)[k > 0]
  K <- sapply(sets[tested], length)
  p <- phyper(k[tested] - 1, K, N - K, length(g), lower.tail = FALSE)
  out <- rbind(out, data.frame(module = m, set_id = tested, overlap = k[tested], p_value = sprintf("%.17g", p),
                               p_adj = sprintf("%.17g", p.adjust(p, method = "BH"))))
}
write.table(out, "enrichment_expected.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
