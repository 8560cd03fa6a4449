#!/usr/bin/env Rscript
# Exports GO biological-process gene sets (human gene symbols) for scjava's gene-program enrichment.
#
# Sources (Debian bookworm packages, Artistic-2.0):
#   r-bioc-org.hs.eg.db 3.16.0  (org.Hs.eg.db: Entrez -> GO with evidence, Entrez -> symbol)
#   r-bioc-go.db        3.16.0  (GO.db: term names and ontology of each GO id)
# Install: apt-get install -y r-bioc-org.hs.eg.db r-bioc-go.db
#
# Semantics: org.Hs.egGO2ALLEGS maps a GO id to the Entrez genes annotated to it *or to any of its descendants*
# (annotations propagated up the is_a/part_of DAG, as GSEA/MSigDB C5 and clusterProfiler's enrichGO use them).
# All evidence codes are kept. Only the BP ontology is exported. Sets are filtered to 15..500 distinct symbols
# (the GSEA defaults), a size range where a hypergeometric test on a few-thousand-gene universe is meaningful.
#
# Output: data/genesets/go_bp_human_symbols.tsv.gz, tab-separated, header
#   go_id  term  size  genes   (genes = symbols sorted, joined with ',')
# Rows sorted by go_id. Run from the repository root:  Rscript data/genesets/export_go_bp.R
suppressPackageStartupMessages({
  library(org.Hs.eg.db)
  library(GO.db)
  library(AnnotationDbi)
})

min_size <- 15L
max_size <- 500L
out <- "data/genesets/go_bp_human_symbols.tsv.gz"

go2eg <- as.list(org.Hs.egGO2ALLEGS)
ont <- AnnotationDbi::select(GO.db, keys = names(go2eg), columns = c("ONTOLOGY", "TERM"), keytype = "GOID")
ont <- ont[!duplicated(ont$GOID), ]
bp_ids <- sort(ont$GOID[!is.na(ont$ONTOLOGY) & ont$ONTOLOGY == "BP"])
terms <- setNames(ont$TERM, ont$GOID)

eg2sym <- unlist(as.list(org.Hs.egSYMBOL))

rows <- lapply(bp_ids, function(id) {
  syms <- sort(unique(unname(eg2sym[unique(go2eg[[id]])])))
  syms <- syms[!is.na(syms)]
  n <- length(syms)
  if (n < min_size || n > max_size) return(NULL)
  data.frame(go_id = id, term = gsub("[\t\n]", " ", terms[[id]]), size = n,
             genes = paste(syms, collapse = ","), stringsAsFactors = FALSE)
})
tab <- do.call(rbind, rows)

con <- gzfile(out, "w")
writeLines(sprintf("# GO biological process gene sets, sizes %d..%d symbols; org.Hs.eg.db %s (%s), GO.db %s (%s); Artistic-2.0",
                   min_size, max_size, packageVersion("org.Hs.eg.db"),
                   AnnotationDbi::metadata(org.Hs.eg.db)$value[AnnotationDbi::metadata(org.Hs.eg.db)$name == "GOSOURCEDATE"],
                   packageVersion("GO.db"),
                   AnnotationDbi::metadata(GO.db)$value[AnnotationDbi::metadata(GO.db)$name == "GOSOURCEDATE"]), con)
write.table(tab, con, sep = "\t", quote = FALSE, row.names = FALSE)
close(con)
message(sprintf("wrote %s: %d BP sets (of %d BP terms), %d distinct genes", out, nrow(tab), length(bp_ids),
                length(unique(unlist(strsplit(tab$genes, ","))))))
