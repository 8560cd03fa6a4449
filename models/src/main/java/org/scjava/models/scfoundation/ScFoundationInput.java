package org.scjava.models.scfoundation;

import org.scjava.dsl.core.Matrix;
import org.scjava.models.AtlasInput;
import org.scjava.models.api.CellTokens;

import java.util.List;

/**
 * One cell's encoder input as biomap-research/scFoundation {@code model/get_embedding.py} ({@code main},
 * {@code input_type singlecell}) and {@code model/load.py} ({@code main_gene_selection}, {@code gatherData}) build it:
 * the counts aligned to the gene list (missing genes 0, other genes dropped; float64 from the alignment on),
 * {@code log1p(x / total * 1e4)} unless pre-normalised, the T and S tokens appended ({@link Resolution},
 * S = log10(total)), converted to float32, and the positive entries gathered in position order with their position
 * (= gene index) as token id. See src/test/resources/scfoundation/README.md.
 */
final class ScFoundationInput {

    private final List<String> genes;
    private final boolean preNormalized;
    private final Resolution resolution;

    ScFoundationInput(List<String> genes, boolean preNormalized, Resolution resolution) {
        this.genes = List.copyOf(genes);
        this.preNormalized = preNormalized;
        this.resolution = resolution;
    }

    int length() {
        return genes.size() + 2;
    }

    /** All 19,264 + 2 input values of row {@code row} (float32, as {@code torch.tensor} makes them). */
    float[] values(Matrix counts, int row, int[] listColumns) {
        double[] dataRow = new double[counts.nCols()];
        AtlasInput.forEachNonZero(counts, row, (c, v) -> dataRow[c] = v);
        double[] x = new double[genes.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = listColumns[i] >= 0 ? dataRow[listColumns[i]] : 0.0;
        }
        double total = pairwiseSum(x, 0, x.length);
        float[] out = new float[x.length + 2];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (preNormalized ? x[i] : Math.log1p(x[i] / total * 1e4));
        }
        out[x.length] = (float) resolution.target(total);
        out[x.length + 1] = (float) Math.log10(total);
        return out;
    }

    /** {@code gatherData} for one cell: the positive values in position order, ids = positions. */
    static CellTokens gather(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v > 0f ? 1 : 0;
        }
        int[] ids = new int[n];
        float[] vals = new float[n];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0f) {
                ids[k] = i;
                vals[k++] = values[i];
            }
        }
        return new CellTokens(ids, vals);
    }

    /**
     * numpy's pairwise summation of float64 ({@code pairwise_sum_DOUBLE}: blocks of up to 128 summed with eight
     * accumulators, halves above that), as {@code Series.sum} computes the total: the same rounding as the official.
     */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
}
