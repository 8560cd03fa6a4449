package org.scjava.dsl.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Compressed sparse row matrix, the layout of scipy's {@code csr_matrix} and of anndata's {@code csr_matrix}
 * encoding: {@code indptr[nRows+1]}, column {@code indices[nnz]} and {@code data[nnz]}.
 *
 * <p>Arrays are shared, not copied, by the constructor (the matrix is a view); verbs that change values build a
 * new matrix. Column indices within a row are kept sorted (the canonical scipy form) so {@link #get} can
 * binary-search.
 */
public final class CsrMatrix implements Matrix {

    private final int nRows;
    private final int nCols;
    private final long[] indptr;
    private final int[] indices;
    private final float[] data;
    private final String storedDtype;

    public CsrMatrix(int nRows, int nCols, long[] indptr, int[] indices, float[] data) {
        this(nRows, nCols, indptr, indices, data, "float32");
    }

    public CsrMatrix(int nRows, int nCols, long[] indptr, int[] indices, float[] data, String storedDtype) {
        if (nRows < 0 || nCols < 0) {
            throw new IllegalArgumentException("negative shape " + nRows + " x " + nCols);
        }
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(data, "data");
        if (indptr.length != nRows + 1) {
            throw new IllegalArgumentException("indptr has " + indptr.length + " entries, expected nRows+1 = " + (nRows + 1));
        }
        if (indices.length != data.length) {
            throw new IllegalArgumentException("indices (" + indices.length + ") and data (" + data.length + ") differ in length");
        }
        if (indptr[0] != 0 || indptr[nRows] != data.length) {
            throw new IllegalArgumentException("indptr must start at 0 and end at nnz=" + data.length + ", found "
                    + indptr[0] + ".." + indptr[nRows]);
        }
        this.nRows = nRows;
        this.nCols = nCols;
        this.indptr = indptr;
        this.indices = indices;
        this.data = data;
        this.storedDtype = storedDtype;
    }

    /**
     * Checks monotone indptr and in-range, sorted column indices; sorts rows in place if needed. Large matrices are
     * checked in row ranges on all cores (loading a 100M-value X spent half its time here single-threaded).
     */
    public CsrMatrix validate() {
        int parts = data.length < (1 << 20) ? 1 : Runtime.getRuntime().availableProcessors() * 4;
        if (parts == 1) {
            validateRows(0, nRows);
        } else {
            int step = (nRows + parts - 1) / parts;
            java.util.stream.IntStream.range(0, parts).parallel()
                    .forEach(p -> validateRows(Math.min(nRows, p * step), Math.min(nRows, (p + 1) * step)));
        }
        return this;
    }

    private void validateRows(int from, int to) {
        int maxCol = nCols - 1;
        for (int r = from; r < to; r++) {
            long a = indptr[r];
            long b = indptr[r + 1];
            if (b < a) {
                throw new IllegalArgumentException("indptr decreases at row " + r + " (" + a + " > " + b + ")");
            }
            if (b > data.length) {
                throw new IllegalArgumentException("indptr at row " + r + " points past the " + data.length + " stored values");
            }
            boolean sorted = true;
            int prev = -1;
            for (int k = (int) a; k < (int) b; k++) {
                int c = indices[k];
                if ((c | (maxCol - c)) < 0) {
                    throw new IllegalArgumentException("column index " + c + " at row " + r + " outside 0.." + maxCol);
                }
                sorted &= c > prev;
                prev = c;
            }
            if (!sorted) {
                sortRow((int) a, (int) b);
            }
        }
    }

    private void sortRow(int from, int to) {
        int n = to - from;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(indices[x], indices[y]));
        int[] ci = new int[n];
        float[] cv = new float[n];
        for (int i = 0; i < n; i++) {
            ci[i] = indices[order[i]];
            cv[i] = data[order[i]];
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && ci[i] == ci[i - 1]) {
                throw new IllegalArgumentException("duplicate column index " + ci[i] + " in a row");
            }
            indices[from + i] = ci[i];
            data[from + i] = cv[i];
        }
    }

    /** An empty (all-zero) sparse matrix. */
    public static CsrMatrix zeros(int nRows, int nCols) {
        return new CsrMatrix(nRows, nCols, new long[nRows + 1], new int[0], new float[0]);
    }

    /** Builds CSR from a dense row-major array, keeping non-zeros. */
    public static CsrMatrix fromDense(int nRows, int nCols, float[] rowMajor) {
        if ((long) nRows * nCols != rowMajor.length) {
            throw new IllegalArgumentException("dense array has " + rowMajor.length + " values, expected " + nRows + "*" + nCols);
        }
        int nnz = 0;
        for (float v : rowMajor) {
            if (v != 0f) {
                nnz++;
            }
        }
        long[] ip = new long[nRows + 1];
        int[] ix = new int[nnz];
        float[] dv = new float[nnz];
        int k = 0;
        for (int r = 0; r < nRows; r++) {
            int base = r * nCols;
            for (int c = 0; c < nCols; c++) {
                float v = rowMajor[base + c];
                if (v != 0f) {
                    ix[k] = c;
                    dv[k++] = v;
                }
            }
            ip[r + 1] = k;
        }
        return new CsrMatrix(nRows, nCols, ip, ix, dv);
    }

    @Override
    public int nRows() {
        return nRows;
    }

    @Override
    public int nCols() {
        return nCols;
    }

    public long[] indptr() {
        return indptr;
    }

    public int[] indices() {
        return indices;
    }

    public float[] data() {
        return data;
    }

    public int nnz() {
        return data.length;
    }

    public int rowStart(int row) {
        return (int) indptr[row];
    }

    public int rowEnd(int row) {
        return (int) indptr[row + 1];
    }

    @Override
    public float get(int row, int col) {
        Objects.checkIndex(row, nRows);
        Objects.checkIndex(col, nCols);
        int k = Arrays.binarySearch(indices, rowStart(row), rowEnd(row), col);
        return k >= 0 ? data[k] : 0f;
    }

    @Override
    public long storedValues() {
        return data.length;
    }

    @Override
    public boolean isSparse() {
        return true;
    }

    @Override
    public long heapBytes() {
        return 8L * indptr.length + 4L * indices.length + 4L * data.length;
    }

    @Override
    public String storedDtype() {
        return storedDtype;
    }

    /** Same structure and indices with new values (length nnz); used by value-wise verbs like log1p. */
    public CsrMatrix withData(float[] newData) {
        return new CsrMatrix(nRows, nCols, indptr, indices, newData, "float32");
    }

    @Override
    public CsrMatrix selectRows(int[] rows) {
        long nnz = 0;
        for (int r : rows) {
            Objects.checkIndex(r, nRows);
            nnz += indptr[r + 1] - indptr[r];
        }
        long[] ip = new long[rows.length + 1];
        int[] ix = new int[Math.toIntExact(nnz)];
        float[] dv = new float[ix.length];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            int a = rowStart(rows[i]);
            int len = rowEnd(rows[i]) - a;
            System.arraycopy(indices, a, ix, k, len);
            System.arraycopy(data, a, dv, k, len);
            k += len;
            ip[i + 1] = k;
        }
        return new CsrMatrix(rows.length, nCols, ip, ix, dv, storedDtype);
    }

    @Override
    public CsrMatrix selectCols(int[] cols) {
        int[] newIndex = new int[nCols];
        Arrays.fill(newIndex, -1);
        boolean increasing = true;
        for (int i = 0; i < cols.length; i++) {
            Objects.checkIndex(cols[i], nCols);
            if (newIndex[cols[i]] >= 0) {
                throw new IllegalArgumentException("column " + cols[i] + " selected twice");
            }
            newIndex[cols[i]] = i;
            if (i > 0 && cols[i] <= cols[i - 1]) {
                increasing = false;
            }
        }
        long[] ip = new long[nRows + 1];
        int count = 0;
        for (int k = 0; k < indices.length; k++) {
            if (newIndex[indices[k]] >= 0) {
                count++;
            }
        }
        int[] ix = new int[count];
        float[] dv = new float[count];
        int k2 = 0;
        for (int r = 0; r < nRows; r++) {
            for (int k = rowStart(r); k < rowEnd(r); k++) {
                int ni = newIndex[indices[k]];
                if (ni >= 0) {
                    ix[k2] = ni;
                    dv[k2++] = data[k];
                }
            }
            ip[r + 1] = k2;
        }
        CsrMatrix out = new CsrMatrix(nRows, cols.length, ip, ix, dv, storedDtype);
        return increasing ? out : out.validate();
    }

    @Override
    public void rowInto(int row, float[] out) {
        Arrays.fill(out, 0, nCols, 0f);
        for (int k = rowStart(row); k < rowEnd(row); k++) {
            out[indices[k]] = data[k];
        }
    }

    /** Transpose (CSR of the transpose = CSC of this), O(nnz). */
    public CsrMatrix transpose() {
        long[] ip = new long[nCols + 1];
        for (int c : indices) {
            ip[c + 1]++;
        }
        for (int c = 0; c < nCols; c++) {
            ip[c + 1] += ip[c];
        }
        long[] next = Arrays.copyOf(ip, nCols);
        int[] ix = new int[indices.length];
        float[] dv = new float[data.length];
        for (int r = 0; r < nRows; r++) {
            for (int k = rowStart(r); k < rowEnd(r); k++) {
                int pos = (int) next[indices[k]]++;
                ix[pos] = r;
                dv[pos] = data[k];
            }
        }
        return new CsrMatrix(nCols, nRows, ip, ix, dv, storedDtype);
    }

    /** Dense copy after checking the memory budget. */
    public DenseMatrix toDense(MemoryBudget budget, String what) {
        budget.check(what, 4L * nRows * nCols);
        float[] out = new float[Math.toIntExact((long) nRows * nCols)];
        for (int r = 0; r < nRows; r++) {
            int base = r * nCols;
            for (int k = rowStart(r); k < rowEnd(r); k++) {
                out[base + indices[k]] = data[k];
            }
        }
        return new DenseMatrix(nRows, nCols, out);
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + shapeString() + ", nnz=" + nnz() + "]";
    }
}
