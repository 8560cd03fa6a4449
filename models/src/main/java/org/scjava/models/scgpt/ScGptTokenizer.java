package org.scjava.models.scgpt;

import org.scjava.dsl.core.Matrix;
import org.scjava.models.AtlasInput;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneVocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * scGPT's input for each cell, as {@code scgpt.tasks.embed_data} builds it (bowang-lab/scGPT
 * {@code scgpt/tasks/cell_emb.py} dataset + {@code scgpt/data_collator.py}): the cell's non-zero raw counts over the
 * in-vocabulary genes, in column order (not sorted); {@code <cls>} first with value {@code pad_value}; counts binned
 * per cell ({@link ValueBinning}); cells longer than {@code maxLength} keep {@code <cls>} and a random sample of
 * {@code maxLength - 1} genes (the collator's {@code torch.randperm}, here from a per-cell seeded generator so the
 * result does not depend on batching). Padding is the runtime's job.
 */
public final class ScGptTokenizer {

    private final GeneVocabulary vocab;
    private final float padValue;
    private final int maxLength;
    private final ValueBinning.Ties ties;
    private final long seed;

    public ScGptTokenizer(GeneVocabulary vocab, float padValue, int maxLength, ValueBinning.Ties ties, long seed) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2 (<cls> + one gene), got " + maxLength);
        }
        this.vocab = vocab;
        this.padValue = padValue;
        this.maxLength = maxLength;
        this.ties = ties;
        this.seed = seed;
    }

    /** Token id per var column (-1 when the gene is not in the vocabulary). */
    public int[] columnIds(String[] genes) {
        int[] out = new int[genes.length];
        for (int j = 0; j < genes.length; j++) {
            out[j] = genes[j] == null ? -1 : vocab.id(genes[j]);
        }
        return out;
    }

    /** Tokens of every row of {@code counts}. */
    public List<CellTokens> tokenize(Matrix counts, int[] columnIds) {
        int cls = vocab.id(ScGptVocab.CLS);
        List<CellTokens> out = new ArrayList<>(counts.nRows());
        for (int r = 0; r < counts.nRows(); r++) {
            out.add(cell(counts, r, columnIds, cls));
        }
        return out;
    }

    private CellTokens cell(Matrix counts, int row, int[] columnIds, int cls) {
        AtlasInput.Row nz = AtlasInput.nonZeros(counts, row);
        int n = 0;
        int[] g = new int[nz.size()];
        float[] values = new float[nz.size()];
        for (int k = 0; k < nz.size(); k++) {
            int id = columnIds[nz.columns()[k]];
            if (id >= 0) {
                g[n] = id;
                values[n++] = nz.values()[k];
            }
        }
        g = java.util.Arrays.copyOf(g, n);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + row);
        float[] bins = ValueBinning.bin(java.util.Arrays.copyOf(values, n), ties, rnd);
        int[] order = n + 1 > maxLength ? sample(n, maxLength - 1, rnd) : identity(n);
        int[] tokIds = new int[order.length + 1];
        float[] tokVals = new float[order.length + 1];
        tokIds[0] = cls;
        tokVals[0] = padValue;
        for (int i = 0; i < order.length; i++) {
            tokIds[i + 1] = g[order[i]];
            tokVals[i + 1] = bins[order[i]];
        }
        return new CellTokens(tokIds, tokVals);
    }

    /** The first k entries of a random permutation of 0..n-1 (partial Fisher–Yates). */
    private static int[] sample(int n, int k, SplittableRandom rnd) {
        int[] p = identity(n);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, k);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
