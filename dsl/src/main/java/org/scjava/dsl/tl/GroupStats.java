package org.scjava.dsl.tl;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;

/** Per-group, per-gene sums and sums of squares of X in one pass (groups given as codes 0..g−1, −1 = skip). */
record GroupStats(double[][] sum, double[][] sumSq, double[][] nonzero, int[] size) {

    static GroupStats of(Matrix x, int[] codes, int nGroups) {
        int g = x.nCols();
        double[][] sum = new double[nGroups][g];
        double[][] sumSq = new double[nGroups][g];
        double[][] nz = new double[nGroups][g];
        int[] size = new int[nGroups];
        float[] row = x instanceof CsrMatrix ? null : new float[g];
        for (int i = 0; i < x.nRows(); i++) {
            int c = codes[i];
            if (c < 0) {
                continue;
            }
            size[c]++;
            if (x instanceof CsrMatrix csr) {
                for (int k = csr.rowStart(i); k < csr.rowEnd(i); k++) {
                    double v = csr.data()[k];
                    int j = csr.indices()[k];
                    sum[c][j] += v;
                    sumSq[c][j] += v * v;
                    nz[c][j] += v != 0 ? 1 : 0;
                }
            } else {
                x.rowInto(i, row);
                for (int j = 0; j < g; j++) {
                    double v = row[j];
                    sum[c][j] += v;
                    sumSq[c][j] += v * v;
                    nz[c][j] += v != 0 ? 1 : 0;
                }
            }
        }
        return new GroupStats(sum, sumSq, nz, size);
    }

    /** Mean and variance (ddof = 1) of gene j over the cells of group c (or, with rest, of all other cells). */
    double[] meanVar(int c, int j, boolean rest) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int o = 0; o < size.length; o++) {
            if ((o == c) != rest) {
                s += sum[o][j];
                ss += sumSq[o][j];
                n += size[o];
            }
        }
        double mean = n > 0 ? s / n : Double.NaN;
        double var = n > 1 ? Math.max(0, (ss - n * mean * mean) / (n - 1)) : Double.NaN;
        return new double[] {mean, var, n};
    }
}
