package org.scjava.dsl.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Dense row-major float32 matrix, as used for {@code obsm} embeddings (X_pca, X_umap, X_scgpt) and small dense X.
 * The backing array is shared by the constructor.
 */
public final class DenseMatrix implements Matrix {

    private final int nRows;
    private final int nCols;
    private final float[] data;
    private final String storedDtype;

    public DenseMatrix(int nRows, int nCols, float[] rowMajor) {
        this(nRows, nCols, rowMajor, "float32");
    }

    public DenseMatrix(int nRows, int nCols, float[] rowMajor, String storedDtype) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if ((long) nRows * nCols != rowMajor.length) {
            throw new IllegalArgumentException("array has " + rowMajor.length + " values, expected " + nRows + " x " + nCols);
        }
        this.nRows = nRows;
        this.nCols = nCols;
        this.data = rowMajor;
        this.storedDtype = storedDtype;
    }

    public static DenseMatrix zeros(int nRows, int nCols) {
        return new DenseMatrix(nRows, nCols, new float[Math.multiplyExact(nRows, nCols)]);
    }

    /** From {@code rows[i][j]}; all rows must have the same length. */
    public static DenseMatrix of(float[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return new DenseMatrix(n, d, out);
    }

    /** From double rows, narrowing to float32. */
    public static DenseMatrix of(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] out = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return new DenseMatrix(n, d, out);
    }

    @Override
    public int nRows() {
        return nRows;
    }

    @Override
    public int nCols() {
        return nCols;
    }

    /** The row-major backing array (shared). */
    public float[] data() {
        return data;
    }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, nRows);
        Objects.checkIndex(col, nCols);
        return data[row * nCols + col];
    }

    public void set(int row, int col, float value) {
        data[row * nCols + col] = value;
    }

    /** A copy of one row. */
    public float[] row(int row) {
        Objects.checkIndex(row, nRows);
        return Arrays.copyOfRange(data, row * nCols, (row + 1) * nCols);
    }

    /** Rows as {@code float[n][d]} copies. */
    public float[][] toArray() {
        float[][] out = new float[nRows][];
        for (int i = 0; i < nRows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    @Override
    public long storedValues() {
        return data.length;
    }

    @Override
    public boolean isSparse() {
        return false;
    }

    @Override
    public long heapBytes() {
        return 4L * data.length;
    }

    @Override
    public String storedDtype() {
        return storedDtype;
    }

    @Override
    public DenseMatrix selectRows(int[] rows) {
        float[] out = new float[Math.multiplyExact(rows.length, nCols)];
        for (int i = 0; i < rows.length; i++) {
            Objects.checkIndex(rows[i], nRows);
            System.arraycopy(data, rows[i] * nCols, out, i * nCols, nCols);
        }
        return new DenseMatrix(rows.length, nCols, out, storedDtype);
    }

    @Override
    public DenseMatrix selectCols(int[] cols) {
        float[] out = new float[Math.multiplyExact(nRows, cols.length)];
        for (int c : cols) {
            Objects.checkIndex(c, nCols);
        }
        for (int r = 0; r < nRows; r++) {
            for (int j = 0; j < cols.length; j++) {
                out[r * cols.length + j] = data[r * nCols + cols[j]];
            }
        }
        return new DenseMatrix(nRows, cols.length, out, storedDtype);
    }

    @Override
    public void rowInto(int row, float[] out) {
        System.arraycopy(data, row * nCols, out, 0, nCols);
    }

    /** The non-zero pattern as CSR (for dense X read from files that should be treated sparsely). */
    public CsrMatrix toCsr() {
        return CsrMatrix.fromDense(nRows, nCols, data);
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + shapeString() + "]";
    }
}
