package org.scjava.dsl.pp;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.stream.IntStream;

/**
 * The gene × gene operator {@code v ↦ Aᵀ A v} of the column-centred (and optionally scaled) data
 * {@code A = W − 1 μᵀ}, applied without forming A: {@code Aᵀ A v = Wᵀ (W v) − n μ (μ·v)} (implicit centring, as
 * scanpy's arpack path). W is a sparse working copy whose stored values are the scaled values shifted so that
 * zeros stay zero ({@code scaled(x) − scaled(0)}): the shift is constant per gene, so centring removes it and PCA
 * of W equals PCA of the dense scaled matrix, clipping included. Products run on all cores over row blocks.
 */
final class CovarianceOperator implements SymmetricOperator {

    private final CsrMatrix w;
    private CsrMatrix wt; // built on the first block product (the randomized solver); apply() needs only w
    private final double[] mu;
    private final int n;

    /** Working copy of {@code x}'s columns {@code cols} under {@code t} (null = no scaling). */
    CovarianceOperator(Matrix x, int[] cols, Scale.Transform t) {
        CsrMatrix sub = x instanceof CsrMatrix csr ? csr.selectCols(cols) : ((org.scjava.dsl.core.DenseMatrix) x)
                .selectCols(cols).toCsr();
        if (t != null) {
            Scale.Transform ts = t.select(cols);
            double[] zero = new double[cols.length];
            for (int j = 0; j < zero.length; j++) {
                zero[j] = ts.apply(j, 0);
            }
            float[] vals = sub.data().clone();
            int[] idx = sub.indices();
            for (int k = 0; k < vals.length; k++) {
                vals[k] = (float) (ts.apply(idx[k], vals[k]) - zero[idx[k]]);
            }
            sub = sub.withData(vals);
        }
        this.w = sub;
        this.n = sub.nRows();
        this.mu = new double[cols.length];
        for (int k = 0; k < sub.nnz(); k++) {
            mu[sub.indices()[k]] += sub.data()[k];
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= n;
        }
    }

    @Override
    public int dim() {
        return mu.length;
    }

    int nRows() {
        return n;
    }

    /** Sum of the column variances (ddof = 1) of A: the total variance for explained-variance ratios. */
    double totalVariance() {
        double ss = 0;
        for (float v : w.data()) {
            ss += (double) v * v;
        }
        for (double m : mu) {
            ss -= n * m * m;
        }
        return ss / (n - 1);
    }

    /**
     * {@code out = Wᵀ (W in)} in one pass over W: each row's dot product with {@code in} is scattered back along the
     * same row while it is in cache (the product is bound by reading W, so one pass instead of two, W then Wᵀ, is
     * ~2× faster). Row blocks run in parallel into their own sums, added in block order: deterministic, and the
     * block count depends on the size only, not on the cores.
     */
    @Override
    public void apply(double[] in, double[] out) {
        int[] idx = w.indices();
        float[] val = w.data();
        int nb = blockCount(n);
        double[][] partial = new double[nb][];
        IntStream.range(0, nb).parallel().forEach(b -> {
            double[] acc = new double[out.length];
            int to = (int) ((long) n * (b + 1) / nb);
            for (int r = (int) ((long) n * b / nb); r < to; r++) {
                int end = w.rowEnd(r);
                double s = 0;
                for (int k = w.rowStart(r); k < end; k++) {
                    s += val[k] * in[idx[k]];
                }
                for (int k = w.rowStart(r); k < end; k++) {
                    acc[idx[k]] += s * val[k];
                }
            }
            partial[b] = acc;
        });
        System.arraycopy(partial[0], 0, out, 0, out.length);
        for (int b = 1; b < nb; b++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += partial[b][j];
            }
        }
        double c = n * Lanczos.dot(mu, in);
        for (int j = 0; j < out.length; j++) {
            out[j] -= c * mu[j];
        }
    }

    @Override
    public void applyBlock(double[][] in, double[][] out) {
        double[][] u = new double[in.length][n];
        multiplyBlock(w, in, u);
        if (wt == null) {
            wt = w.transpose();
        }
        multiplyBlock(wt, u, out);
        for (int c = 0; c < in.length; c++) {
            double s = n * Lanczos.dot(mu, in[c]);
            for (int j = 0; j < out[c].length; j++) {
                out[c][j] -= s * mu[j];
            }
        }
    }

    /** Scores {@code A V} (n × k, row-major) for components {@code v[c]}. */
    float[] project(double[][] v) {
        int k = v.length;
        double[][] u = new double[k][n];
        multiplyBlock(w, v, u);
        float[] out = new float[n * k];
        for (int c = 0; c < k; c++) {
            double shift = Lanczos.dot(mu, v[c]);
            for (int i = 0; i < n; i++) {
                out[i * k + c] = (float) (u[c][i] - shift);
            }
        }
        return out;
    }

    /** Block product: one pass over the sparse matrix for all vectors. */
    static void multiplyBlock(CsrMatrix m, double[][] in, double[][] out) {
        int l = in.length;
        int[] idx = m.indices();
        float[] val = m.data();
        int dim = in[0].length;
        double[] flat = new double[dim * l]; // vector entries of one coordinate side by side, for locality
        for (int c = 0; c < l; c++) {
            for (int j = 0; j < dim; j++) {
                flat[j * l + c] = in[c][j];
            }
        }
        blocks(m.nRows()).forEach(b -> {
            double[] acc = new double[l];
            for (int r = b[0]; r < b[1]; r++) {
                java.util.Arrays.fill(acc, 0);
                for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                    double v = val[k];
                    int base = idx[k] * l;
                    for (int c = 0; c < l; c++) {
                        acc[c] += v * flat[base + c];
                    }
                }
                for (int c = 0; c < l; c++) {
                    out[c][r] = acc[c];
                }
            }
        });
    }

    private static int blockCount(int rows) {
        return Math.max(1, Math.min(64, rows / 256));
    }

    private static java.util.stream.Stream<int[]> blocks(int rows) {
        int nb = blockCount(rows);
        return IntStream.range(0, nb).parallel().mapToObj(b -> new int[] {
            (int) ((long) rows * b / nb), (int) ((long) rows * (b + 1) / nb)});
    }
}
