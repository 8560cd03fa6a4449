package org.scjava.models.geneformer;

import org.scjava.dsl.core.Matrix;
import org.scjava.models.AtlasInput;
import org.scjava.models.api.CellTokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Geneformer's rank-value encoding, as {@code TranscriptomeTokenizer.tokenize_anndata} (ctheodoris/Geneformer
 * {@code geneformer/tokenizer.py}) computes it: per cell, in float64, {@code count / n_counts * 10000 / median[gene]}
 * over the genes in the dictionaries (column order kept; columns that map to the same Ensembl ID are summed, as the
 * V2 tokenizer's ID collapsing does), non-zero genes sorted by that value descending (ties by column position, since
 * numpy's order is unspecified), truncated to the model input size; V2 dictionaries add {@code <cls>} first and
 * {@code <eos>} last.
 */
public final class GeneformerTokenizer {

    private final GeneformerDictionaries dicts;
    private final int modelInputSize;

    public GeneformerTokenizer(GeneformerDictionaries dicts, int modelInputSize) {
        this.dicts = dicts;
        this.modelInputSize = modelInputSize;
    }

    public int modelInputSize() {
        return modelInputSize;
    }

    /** Tokens of every row; {@code columnTokens[j]} is column j's token (-1 = unused); {@code nCounts[r]} totals. */
    public List<CellTokens> tokenize(Matrix counts, int[] columnTokens, double[] nCounts) {
        int[] firstColumnOfToken = firstColumns(columnTokens);
        List<CellTokens> out = new ArrayList<>(counts.nRows());
        for (int r = 0; r < counts.nRows(); r++) {
            out.add(new CellTokens(encode(ranked(counts, r, columnTokens, firstColumnOfToken, nCounts[r])), null));
        }
        return out;
    }

    /** The full ranked token list of one cell (no truncation, no special tokens) and its normalised values. */
    public Ranked ranked(Matrix counts, int row, int[] columnTokens, int[] firstColumnOfToken, double nCounts) {
        java.util.Map<Integer, double[]> byToken = new java.util.LinkedHashMap<>();
        AtlasInput.forEachNonZero(counts, row, (c, v) -> {
            int t = columnTokens[c];
            if (t >= 0) {
                byToken.computeIfAbsent(t, k -> new double[1])[0] += v;
            }
        });
        int n = byToken.size();
        int[] tokens = new int[n];
        double[] norm = new double[n];
        int[] position = new int[n];
        int i = 0;
        for (var e : byToken.entrySet()) {
            tokens[i] = e.getKey();
            norm[i] = e.getValue()[0] / nCounts * 10000.0 / dicts.median(e.getKey());
            position[i] = firstColumnOfToken[e.getKey()];
            i++;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : Integer.compare(position[a], position[b]));
        int[] sortedTokens = new int[n];
        double[] sortedNorm = new double[n];
        for (int k = 0; k < n; k++) {
            sortedTokens[k] = tokens[order[k]];
            sortedNorm[k] = norm[order[k]];
        }
        return new Ranked(sortedTokens, sortedNorm);
    }

    /** A cell's genes by decreasing normalised expression. */
    public record Ranked(int[] tokens, double[] values) {
    }

    /** Truncation and special tokens: V2 {@code [<cls>] + ranked[:size-2] + [<eos>]}, V1 {@code ranked[:size]}. */
    int[] encode(Ranked r) {
        if (dicts.hasSpecialTokens()) {
            int keep = Math.min(r.tokens().length, modelInputSize - 2);
            int[] out = new int[keep + 2];
            out[0] = dicts.tokens().id(GeneformerDictionaries.CLS);
            System.arraycopy(r.tokens(), 0, out, 1, keep);
            out[keep + 1] = dicts.tokens().id(GeneformerDictionaries.EOS);
            return out;
        }
        return Arrays.copyOf(r.tokens(), Math.min(r.tokens().length, modelInputSize));
    }

    /** For each token, the first column that maps to it (tie-break order). */
    static int[] firstColumns(int[] columnTokens) {
        int max = -1;
        for (int t : columnTokens) {
            max = Math.max(max, t);
        }
        int[] first = new int[max + 1];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int c = 0; c < columnTokens.length; c++) {
            if (columnTokens[c] >= 0 && first[columnTokens[c]] == Integer.MAX_VALUE) {
                first[columnTokens[c]] = c;
            }
        }
        return first;
    }
}
