package org.scjava.models.scbert;

import org.scjava.dsl.core.Matrix;
import org.scjava.models.AtlasInput;

import java.util.List;

/**
 * scBERT's input for one cell, as TencentAILabHealthcare/scBERT prepares it: {@code preprocess.py} aligns the data to
 * the reference genes (first data column with the symbol; missing genes are 0), normalises to 10,000 counts and takes
 * {@code log2(1 + x)} (scanpy 1.7.2 {@code normalize_total} / {@code log1p(base=2)} arithmetic in float32, totals
 * over the reference genes only); {@code predict.py} clips values above {@code bin_num} to {@code bin_num}, truncates
 * to integers and appends the token 0. See src/test/resources/scbert/README.md.
 */
final class ScBertTokenizer {

    private static final float LN2 = (float) Math.log(2.0);

    private final List<String> genes;
    private final int binNum;
    private final boolean preNormalized;

    ScBertTokenizer(List<String> genes, int binNum, boolean preNormalized) {
        this.genes = List.copyOf(genes);
        this.binNum = binNum;
        this.preNormalized = preNormalized;
    }

    /** Values per reference gene (before clipping): log2-normalised, or as stored when pre-normalised. */
    float[] normalized(Matrix counts, int row, int[] referenceColumns) {
        float[] dataRow = new float[counts.nCols()];
        AtlasInput.forEachNonZero(counts, row, (c, v) -> dataRow[c] = v);
        float[] x = new float[genes.size()];
        float total = 0f;
        for (int i = 0; i < x.length; i++) {
            int c = referenceColumns[i];
            x[i] = c >= 0 ? dataRow[c] : 0f;
            total += x[i];
        }
        if (preNormalized) {
            return x;
        }
        if (total == 0f) {
            total = 1f;
        }
        float scale = 1f / (total / 1e4f);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f) {
                x[i] = (float) Math.log1p(x[i] * scale) / LN2;
            }
        }
        return x;
    }

    /** The model input: clipped, truncated classes of every reference gene, then the appended 0. */
    int[] tokens(float[] normalized) {
        int[] t = new int[normalized.length + 1];
        for (int i = 0; i < normalized.length; i++) {
            float v = normalized[i] > binNum ? binNum : normalized[i];
            t[i] = (int) v;
        }
        return t;
    }
}
