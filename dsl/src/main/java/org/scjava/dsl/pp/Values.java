package org.scjava.dsl.pp;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

/** Value-wise and row-wise transforms that keep a matrix's layout (sparse stays sparse). */
public final class Values {

    private Values() {
    }

    /** Per-entry transform of stored values; {@code f(0)} must be 0 for sparse input (structure is kept). */
    interface EntryFunction {
        double apply(int row, int col, double value);
    }

    static Matrix map(Matrix m, EntryFunction f) {
        if (m instanceof CsrMatrix csr) {
            float[] in = csr.data();
            int[] idx = csr.indices();
            float[] out = new float[in.length];
            for (int r = 0; r < csr.nRows(); r++) {
                for (int k = csr.rowStart(r); k < csr.rowEnd(r); k++) {
                    out[k] = (float) f.apply(r, idx[k], in[k]);
                }
            }
            return csr.withData(out);
        }
        DenseMatrix d = (DenseMatrix) m;
        float[] in = d.data();
        float[] out = new float[in.length];
        int g = d.nCols();
        for (int k = 0; k < in.length; k++) {
            out[k] = (float) f.apply(k / g, k % g, in[k]);
        }
        return new DenseMatrix(d.nRows(), g, out);
    }

    /** True when every stored value is a non-negative whole number (raw counts). */
    public static boolean looksLikeCounts(Matrix m) {
        float[] v = m instanceof CsrMatrix csr ? csr.data() : ((DenseMatrix) m).data();
        int step = Math.max(1, v.length / 100_000);
        for (int k = 0; k < v.length; k += step) {
            if (v[k] < 0 || v[k] != Math.rint(v[k])) {
                return false;
            }
        }
        return true;
    }
}
