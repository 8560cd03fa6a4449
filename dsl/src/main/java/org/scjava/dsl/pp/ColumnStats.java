package org.scjava.dsl.pp;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.function.DoubleUnaryOperator;

/**
 * Per-gene (column) mean and variance of a cells × genes matrix, accumulated in double without densifying.
 * Variance uses ddof = 1 like scanpy's {@code _get_mean_var} and R's {@code var}. An optional value transform
 * (e.g. {@code expm1} for HVG on log data) is applied to stored values; zeros must map to zero.
 */
public record ColumnStats(double[] mean, double[] variance, int nRows) {

    /** Stats of the raw stored values. */
    public static ColumnStats of(Matrix m) {
        return of(m, null);
    }

    /** Stats of {@code f(value)} for each entry; {@code f(0)} must be 0 (sparse zeros are skipped). */
    public static ColumnStats of(Matrix m, DoubleUnaryOperator f) {
        int g = m.nCols();
        double[] sum = new double[g];
        double[] sumSq = new double[g];
        if (m instanceof CsrMatrix csr) {
            int[] idx = csr.indices();
            float[] v = csr.data();
            for (int k = 0; k < v.length; k++) {
                double x = f == null ? v[k] : f.applyAsDouble(v[k]);
                sum[idx[k]] += x;
                sumSq[idx[k]] += x * x;
            }
        } else {
            float[] v = ((DenseMatrix) m).data();
            for (int k = 0; k < v.length; k++) {
                double x = f == null ? v[k] : f.applyAsDouble(v[k]);
                sum[k % g] += x;
                sumSq[k % g] += x * x;
            }
        }
        return fromSums(sum, sumSq, m.nRows());
    }

    /**
     * Stats from per-column sums of values and of squares over {@code n} rows (so they can be accumulated over row
     * blocks of an atlas larger than memory).
     */
    public static ColumnStats fromSums(double[] sum, double[] sumSq, int n) {
        int g = sum.length;
        double[] mean = new double[g];
        double[] var = new double[g];
        for (int j = 0; j < g; j++) {
            mean[j] = sum[j] / n;
            // Two-moment form (as scanpy's sparse path); clamp rounding noise below zero.
            var[j] = n > 1 ? Math.max(0, (sumSq[j] - n * mean[j] * mean[j]) / (n - 1)) : 0;
        }
        return new ColumnStats(mean, var, n);
    }

    /** Row sums in double. */
    public static double[] rowSums(Matrix m) {
        double[] out = new double[m.nRows()];
        if (m instanceof CsrMatrix csr) {
            float[] v = csr.data();
            for (int r = 0; r < out.length; r++) {
                double s = 0;
                for (int k = csr.rowStart(r); k < csr.rowEnd(r); k++) {
                    s += v[k];
                }
                out[r] = s;
            }
        } else {
            float[] v = ((DenseMatrix) m).data();
            int g = m.nCols();
            for (int r = 0; r < out.length; r++) {
                double s = 0;
                for (int j = 0; j < g; j++) {
                    s += v[r * g + j];
                }
                out[r] = s;
            }
        }
        return out;
    }

    /** Standard deviations, with zeros replaced by 1 (scanpy's scale convention: constant genes stay 0). */
    public double[] stdOrOne() {
        double[] sd = new double[variance.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = variance[j] > 0 ? Math.sqrt(variance[j]) : 1.0;
        }
        return sd;
    }
}
