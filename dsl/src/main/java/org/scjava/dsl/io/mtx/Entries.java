package org.scjava.dsl.io.mtx;

import org.scjava.dsl.core.CsrMatrix;

/** Coordinate (COO) entries of a MatrixMarket file, 0-based, turned into CSR by counting sort. */
record Entries(int nRows, int nCols, int[] rows, int[] cols, float[] values, String dtype) {

    /** CSR of this matrix, or of its transpose when {@code transpose} (10x files are genes × cells). */
    CsrMatrix toCsr(boolean transpose) {
        int outRows = transpose ? nCols : nRows;
        int outCols = transpose ? nRows : nCols;
        int[] major = transpose ? cols : rows;
        int[] minor = transpose ? rows : cols;
        long[] indptr = new long[outRows + 1];
        for (int r : major) {
            indptr[r + 1]++;
        }
        for (int i = 0; i < outRows; i++) {
            indptr[i + 1] += indptr[i];
        }
        long[] next = indptr.clone();
        int[] indices = new int[values.length];
        float[] data = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            int pos = (int) next[major[k]]++;
            indices[pos] = minor[k];
            data[pos] = values[k];
        }
        return new CsrMatrix(outRows, outCols, indptr, indices, data, dtype).validate();
    }
}
