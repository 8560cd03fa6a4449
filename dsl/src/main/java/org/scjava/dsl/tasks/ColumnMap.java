package org.scjava.dsl.tasks;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.Arrays;

/**
 * Re-indexes the gene columns of a matrix: column j goes to {@code target[j]} (−1 drops it); columns sharing a
 * target are summed (many-to-one orthologs). Sparse input stays sparse and keeps its stored dtype (summed counts
 * are still counts).
 */
final class ColumnMap {

    private ColumnMap() {
    }

    static Matrix apply(Matrix m, int[] target, int nTargets) {
        if (m.nCols() != target.length) {
            throw new IllegalArgumentException("column map has " + target.length + " entries for " + m.nCols() + " columns");
        }
        return m instanceof CsrMatrix csr ? sparse(csr, target, nTargets) : dense((DenseMatrix) m, target, nTargets);
    }

    private static CsrMatrix sparse(CsrMatrix m, int[] target, int nTargets) {
        int n = m.nRows();
        long[] indptr = new long[n + 1];
        int[] ix = new int[m.nnz()];
        float[] dv = new float[m.nnz()];
        float[] acc = new float[nTargets];
        boolean[] seen = new boolean[nTargets];
        int[] touched = new int[nTargets];
        int k = 0;
        for (int r = 0; r < n; r++) {
            int nt = 0;
            for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
                int t = target[m.indices()[p]];
                if (t < 0) {
                    continue;
                }
                if (!seen[t]) {
                    seen[t] = true;
                    touched[nt++] = t;
                }
                acc[t] += m.data()[p];
            }
            Arrays.sort(touched, 0, nt);
            for (int q = 0; q < nt; q++) {
                int t = touched[q];
                ix[k] = t;
                dv[k++] = acc[t];
                acc[t] = 0;
                seen[t] = false;
            }
            indptr[r + 1] = k;
        }
        return new CsrMatrix(n, nTargets, indptr, Arrays.copyOf(ix, k), Arrays.copyOf(dv, k), m.storedDtype());
    }

    private static DenseMatrix dense(DenseMatrix m, int[] target, int nTargets) {
        int n = m.nRows();
        int d = m.nCols();
        float[] out = new float[Math.multiplyExact(n, nTargets)];
        float[] in = m.data();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                if (target[j] >= 0) {
                    out[r * nTargets + target[j]] += in[r * d + j];
                }
            }
        }
        return new DenseMatrix(n, nTargets, out, m.storedDtype());
    }
}
