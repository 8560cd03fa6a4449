package org.scjava.dsl.io.mtx;

import org.scjava.dsl.core.CsrMatrix;

import java.util.Arrays;

/** Coordinate (COO) entries of a MatrixMarket file, 0-based, turned into CSR by counting sort. */
record Entries(int nRows, int nCols, int[] rows, int[] cols, float[] values, String dtype) {

    /**
     * CSR of this matrix, or of its transpose when {@code transpose} (10x files are genes × cells). Like scipy's
     * {@code coo_matrix.tocsr()}, which scanpy's {@code read_10x_mtx} goes through, entries given twice for the same
     * position are summed and each row's columns come out sorted.
     */
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
        int kept = sortAndSumDuplicates(indptr, indices, data);
        if (kept < indices.length) {
            indices = Arrays.copyOf(indices, kept);
            data = Arrays.copyOf(data, kept);
        }
        return new CsrMatrix(outRows, outCols, indptr, indices, data, dtype).validate();
    }

    /** Sorts each row's columns, sums repeated columns and compacts in place; returns the entries kept. */
    private static int sortAndSumDuplicates(long[] indptr, int[] indices, float[] data) {
        int write = 0;
        for (int r = 0; r + 1 < indptr.length; r++) {
            int from = (int) indptr[r];
            int to = (int) indptr[r + 1];
            if (!strictlyIncreasing(indices, from, to)) {
                sortRow(indices, data, from, to);
            }
            indptr[r] = write;
            for (int k = from; k < to; k++) {
                if (write > indptr[r] && indices[write - 1] == indices[k]) {
                    data[write - 1] += data[k];
                } else {
                    indices[write] = indices[k];
                    data[write++] = data[k];
                }
            }
        }
        indptr[indptr.length - 1] = write;
        return write;
    }

    private static boolean strictlyIncreasing(int[] indices, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (indices[k] <= indices[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts row [from, to) by column with a stable order (so summing keeps the file's order of values). */
    private static void sortRow(int[] indices, float[] data, int from, int to) {
        long[] keyed = new long[to - from];
        for (int k = from; k < to; k++) {
            keyed[k - from] = ((long) indices[k] << 32) | (k - from);
        }
        Arrays.sort(keyed);
        float[] copy = Arrays.copyOfRange(data, from, to);
        for (int i = 0; i < keyed.length; i++) {
            indices[from + i] = (int) (keyed[i] >>> 32);
            data[from + i] = copy[(int) keyed[i]];
        }
    }
}
