package org.scjava.dsl.core;

/**
 * A two-dimensional float32 matrix, either sparse ({@link CsrMatrix}) or dense ({@link DenseMatrix}).
 *
 * <p>Like AnnData's {@code X}, layers and {@code obsm}/{@code obsp} entries. Rows are observations (cells)
 * for X, layers, obsm and obsp, and variables (genes) for varm/varp. Values are stored as float32 because
 * that is what the h5ad files of the field hold; verbs accumulate in double where precision matters.
 */
public sealed interface Matrix permits CsrMatrix, DenseMatrix {

    int nRows();

    int nCols();

    /** Value at (row, col); O(log nnz(row)) for CSR. Prefer row iteration for bulk work. */
    float get(int row, int col);

    /** Number of stored values (all cells for dense). */
    long storedValues();

    boolean isSparse();

    /** Bytes held on the heap by the values and indices. */
    long heapBytes();

    /** A copy of the rows selected by {@code rows} (in that order). */
    Matrix selectRows(int[] rows);

    /** A copy with only the columns in {@code cols} (in that order). */
    Matrix selectCols(int[] cols);

    /** Copies row {@code row} into {@code out} (length nCols), zero-filling absent entries. */
    void rowInto(int row, float[] out);

    /** Element type written to h5ad when this matrix was read from one (e.g. "int32" for raw counts). */
    String storedDtype();

    default String shapeString() {
        return nRows() + " x " + nCols();
    }
}
