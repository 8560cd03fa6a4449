package org.scjava.models.geneformer;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.AtlasInput;
import org.scjava.models.ModelOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.NumericColumn;

/**
 * What the Geneformer tokenizer reads from an Atlas: raw counts, each var column's token (via an Ensembl ID column
 * when the data has one, otherwise gene symbols mapped through {@code gene_name_id_dict}) and each cell's total
 * counts ({@code obs["n_counts"]} as the official tokenizer reads it, or the row sum when that column is absent).
 */
record GeneformerInput(AtlasInput.Counts counts, int[] columnTokens, double[] nCounts, GeneMatch match) {

    private static final Logger LOG = LoggerFactory.getLogger(GeneformerInput.class);

    static GeneformerInput prepare(AtlasData atlas, ModelOptions options, GeneformerDictionaries dicts) {
        AtlasInput.Counts counts = AtlasInput.counts(atlas, options.countsLayer());
        String column = options.geneColumn();
        AtlasInput.GeneKey key = AtlasInput.geneKey(atlas, column, id -> dicts.tokenOfEnsembl(id) >= 0);
        int[] tokens = new int[key.ids().length];
        int direct = 0;
        for (int j = 0; j < tokens.length; j++) {
            tokens[j] = dicts.tokenOfEnsembl(key.ids()[j]);
            direct += tokens[j] >= 0 ? 1 : 0;
        }
        String source = key.source();
        if (column != null || direct < GeneMatch.REFUSE_BELOW * tokens.length) {
            AtlasInput.GeneKey sym = column != null ? key : AtlasInput.geneKey(atlas, null, id -> dicts.tokenOfSymbol(id) >= 0);
            int viaSymbols = 0;
            int[] symTokens = new int[tokens.length];
            for (int j = 0; j < tokens.length; j++) {
                symTokens[j] = tokens[j] >= 0 ? tokens[j] : dicts.tokenOfSymbol(sym.ids()[j]);
                viaSymbols += symTokens[j] >= 0 ? 1 : 0;
            }
            if (viaSymbols > direct) {
                tokens = symTokens;
                source = sym.source() + " (symbols mapped to Ensembl IDs with " + dicts.symbolSource() + ")";
            }
        }
        int matched = 0;
        for (int t : tokens) {
            matched += t >= 0 ? 1 : 0;
        }
        double[] totals = totals(atlas, counts);
        String totalsSource = atlas.obs().containsColumn("n_counts") ? "obs['n_counts']" : "row sums";
        warnIfNotCounts(counts);
        GeneMatch match = new GeneMatch(matched, tokens.length, source + ", counts from " + counts.source()
                + ", totals from " + totalsSource, "Ensembl gene IDs (ENSG...) or human symbols it can map");
        return new GeneformerInput(counts, tokens, totals, match);
    }

    private static double[] totals(AtlasData atlas, AtlasInput.Counts counts) {
        double[] out = new double[atlas.nObs()];
        if (atlas.obs().containsColumn("n_counts") && atlas.obs().column("n_counts") instanceof NumericColumn<?> c) {
            for (int i = 0; i < out.length; i++) {
                out[i] = c.getDouble(i);
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = AtlasInput.rowSum(counts.matrix(), i);
        }
        return out;
    }

    /** Geneformer's ranks assume raw counts; non-integer values usually mean X was normalised. */
    private static void warnIfNotCounts(AtlasInput.Counts counts) {
        int rows = Math.min(counts.matrix().nRows(), 50);
        boolean[] fractional = new boolean[1];
        for (int r = 0; r < rows && !fractional[0]; r++) {
            AtlasInput.forEachNonZero(counts.matrix(), r, (c, v) -> fractional[0] |= v != Math.rint(v));
        }
        if (fractional[0]) {
            LOG.warn("geneformer: {} holds non-integer values; Geneformer's rank-value encoding expects raw counts"
                    + " (keep them in layers['counts'] before normalising)", counts.source());
        }
    }
}
