package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Highly variable genes, marked (not subset) in {@code var["highly_variable"]} as scanpy does; {@link Pca} then
 * uses only those genes.
 *
 * <ul>
 *   <li>{@code seurat}: binned normalised dispersion (Satija et al. 2015, doi:10.1038/nbt.3192), as scanpy 1.9
 *       {@code pp.highly_variable_genes(flavor="seurat")}: dispersion = var/mean of expm1(X), log; means
 *       log1p'd; 20 equal-width mean bins ({@code pd.cut}); z-score within the bin. Reads log-normalised X.
 *       Writes {@code var["means"]}, {@code var["dispersions"]}, {@code var["dispersions_norm"]}.</li>
 *   <li>{@code seurat_v3}: variance-stabilising transformation (Stuart et al. 2019, doi:10.1016/j.cell.2019.05.031),
 *       as Seurat 4.3 {@code FindVariableFeatures(selection.method="vst")} and scanpy's {@code seurat_v3}:
 *       loess (span 0.3, degree 2) of log10 variance on log10 mean of <b>counts</b>, values clipped at
 *       mean + sd·√n, standardised variance ranked. Reads {@code layers["counts"]} (written by
 *       {@code normalizeTotal()}), else X if it holds counts. Writes {@code var["means"]}, {@code var["variances"]},
 *       {@code var["variances_norm"]}, {@code var["highly_variable_rank"]}.</li>
 * </ul>
 * Both write {@code var["highly_variable"]} and {@code uns["hvg"] = {flavor}}. <b>Memory</b>: O(genes).
 */
public final class HighlyVariableGenes {

    /** Gene selection method. */
    public enum Flavor {
        SEURAT, SEURAT_V3;

        /** Parses scanpy's names ("seurat", "seurat_v3"). */
        public static Flavor parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "seurat" -> SEURAT;
                case "seurat_v3", "vst" -> SEURAT_V3;
                default -> throw new AtlasException("unknown highly-variable-gene flavor '" + name
                        + "'; use \"seurat\" or \"seurat_v3\"");
            };
        }

        public String scanpyName() {
            return this == SEURAT ? "seurat" : "seurat_v3";
        }
    }

    /**
     * Options. {@code nTopGenes} &le; 0 selects by the cut-offs (seurat flavor only, scanpy's defaults
     * minMean 0.0125, maxMean 3, minDisp 0.5); {@code nBins} and the cut-offs apply to seurat; {@code span}
     * to seurat_v3.
     */
    public record Options(int nTopGenes, Flavor flavor, int nBins, double minMean, double maxMean, double minDisp,
                          double span) {
        public static Options defaults() {
            return new Options(2000, Flavor.SEURAT, 20, 0.0125, 3, 0.5, 0.3);
        }

        public Options withNTopGenes(int v) {
            return new Options(v, flavor, nBins, minMean, maxMean, minDisp, span);
        }

        public Options withFlavor(Flavor v) {
            return new Options(nTopGenes, v, nBins, minMean, maxMean, minDisp, span);
        }

        public Options withNBins(int v) {
            return new Options(nTopGenes, flavor, v, minMean, maxMean, minDisp, span);
        }

        public Options withCutoffs(double minMeanV, double maxMeanV, double minDispV) {
            return new Options(nTopGenes, flavor, nBins, minMeanV, maxMeanV, minDispV, span);
        }

        public Options withSpan(double v) {
            return new Options(nTopGenes, flavor, nBins, minMean, maxMean, minDisp, v);
        }
    }

    private HighlyVariableGenes() {
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        if (o.nTopGenes() > atlas.nVars()) {
            throw new AtlasException("highlyVariableGenes: asked for " + o.nTopGenes() + " genes but the Atlas has "
                    + atlas.nVars());
        }
        boolean[] hv;
        if (o.flavor() == Flavor.SEURAT) {
            Matrix x = atlas.x();
            if (atlas.uns().get("log1p") == null && Values.looksLikeCounts(x)) {
                throw new AtlasException("highlyVariableGenes(flavor seurat) expects log-normalized X but X holds "
                        + "counts; run normalizeTotal(1e4) and log1p() first (or use flavor \"seurat_v3\" on counts)");
            }
            hv = markSeurat(atlas.var(), ColumnStats.of(x, Math::expm1), o);
        } else {
            if (o.nTopGenes() <= 0) {
                throw new AtlasException("highlyVariableGenes(flavor seurat_v3) needs nTopGenes > 0");
            }
            Matrix counts = countsFor(atlas);
            SeuratV3Vst.Result r = SeuratV3Vst.compute(counts, o.span());
            double[] rank = r.rank();
            hv = new boolean[rank.length];
            for (int j = 0; j < rank.length; j++) {
                hv[j] = rank[j] < o.nTopGenes();
            }
            Columns.putDoubles(atlas.var(), "means", r.means());
            Columns.putDoubles(atlas.var(), "variances", r.variances());
            Columns.putDoubles(atlas.var(), "variances_norm", r.variancesNorm());
            Columns.putDoubles(atlas.var(), "highly_variable_rank", rank);
        }
        Columns.putBooleans(atlas.var(), "highly_variable", hv);
        Map<String, Object> hvg = new LinkedHashMap<>();
        hvg.put("flavor", o.flavor().scanpyName());
        atlas.uns().put("hvg", hvg);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_top_genes", o.nTopGenes());
        p.put("flavor", o.flavor().scanpyName());
        int n = 0;
        for (boolean b : hv) {
            n += b ? 1 : 0;
        }
        return atlas.record("highlyVariableGenes", p, start, "marked " + n + " genes in var['highly_variable']");
    }

    /**
     * The seurat flavor from the column stats of the normalised (not log) values — computed in one pass over X, or
     * accumulated over row blocks of a backed atlas; writes {@code means}, {@code dispersions},
     * {@code dispersions_norm} into {@code var} and returns the highly-variable mask.
     */
    public static boolean[] markSeurat(tech.tablesaw.api.Table var, ColumnStats normalized, Options o) {
        SeuratDispersion.Result r = SeuratDispersion.fromStats(normalized, o.nBins());
        boolean[] hv = o.nTopGenes() > 0 ? r.topN(o.nTopGenes()) : r.byCutoffs(o.minMean(), o.maxMean(), o.minDisp());
        Columns.putDoubles(var, "means", r.means());
        Columns.putDoubles(var, "dispersions", r.dispersions());
        Columns.putDoubles(var, "dispersions_norm", r.dispersionsNorm());
        return hv;
    }

    private static Matrix countsFor(AtlasData atlas) {
        if (atlas.layers().containsKey("counts")) {
            return atlas.layer("counts");
        }
        if (!Values.looksLikeCounts(atlas.x())) {
            throw new AtlasException("highlyVariableGenes(flavor seurat_v3) needs raw counts: X is not integer counts "
                    + "and there is no layers['counts'] (normalizeTotal() keeps them there)");
        }
        return atlas.x();
    }
}
