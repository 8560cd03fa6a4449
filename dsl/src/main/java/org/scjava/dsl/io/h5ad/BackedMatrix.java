package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.CsrMatrix;

import java.util.Arrays;

/**
 * Row access to an on-disk X without loading it: for {@code csr_matrix} the row pointer is read once (8 bytes per
 * cell) and each block's indices/data are sliced from the chunked datasets; a dense 2-D X is sliced by rows.
 */
public final class BackedMatrix {

    private final ReadContext ctx;
    private final Node node;
    private final int nRows;
    private final int nCols;
    private final long[] indptr;
    private final Dataset indices;
    private final Dataset data;
    private final Dataset dense;
    private final String dtype;

    private BackedMatrix(ReadContext ctx, Node node, int nRows, int nCols, long[] indptr, Dataset indices, Dataset data,
                         Dataset dense, String dtype) {
        this.ctx = ctx;
        this.node = node;
        this.nRows = nRows;
        this.nCols = nCols;
        this.indptr = indptr;
        this.indices = indices;
        this.data = data;
        this.dense = dense;
        this.dtype = dtype;
    }

    /** Opens the X element at {@code node}. */
    public static BackedMatrix open(Node node, ReadContext ctx) {
        try (Hdf5Guard.Admission admitted = Hdf5Guard.admit(node, ctx.file())) {
            return openAdmitted(admitted.node(), ctx);
        }
    }

    private static BackedMatrix openAdmitted(Node node, ReadContext ctx) {
        IOSpec spec = ctx.registry().specOf(node);
        if (node instanceof Dataset ds) {
            int[] dims = ds.getDimensions();
            if (dims.length != 2) {
                throw ctx.error(node, "X must be 2-D, found " + dims.length + " dimensions");
            }
            return new BackedMatrix(ctx, node, dims[0], dims[1], null, null, null, ds, Hdf5Arrays.dtype(ds));
        }
        if (!spec.equals(IOSpec.CSR)) {
            throw ctx.error(node, "backed row access needs X as csr_matrix, found " + spec
                    + "; load it once and write it again with scjava (atlas.write) to convert");
        }
        Group g = (Group) node;
        long[] shape = Hdf5Arrays.longArrayAttr(g, "shape");
        if (shape == null || shape.length != 2) {
            throw ctx.error(node, "sparse matrix needs a 2-element 'shape' attribute");
        }
        if (!(g.getChildren().get("indptr") instanceof Dataset ip) || !(g.getChildren().get("indices") instanceof Dataset ix)
                || !(g.getChildren().get("data") instanceof Dataset dv)) {
            throw ctx.error(node, "sparse matrix needs data, indices and indptr datasets");
        }
        long[] indptr = Hdf5Arrays.toLong(Hdf5Arrays.readFlat(ip));
        if (indptr.length != shape[0] + 1) {
            throw ctx.error(ip, "indptr has " + indptr.length + " entries, expected " + (shape[0] + 1));
        }
        if (indptr[indptr.length - 1] != dv.getSize() || dv.getSize() != ix.getSize()) {
            throw ctx.error(node, "indptr ends at " + indptr[indptr.length - 1] + " but data has " + dv.getSize()
                    + " and indices " + ix.getSize() + " entries");
        }
        return new BackedMatrix(ctx, node, Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), indptr, ix, dv, null,
                Hdf5Arrays.dtype(dv));
    }

    public int nRows() {
        return nRows;
    }

    public int nCols() {
        return nCols;
    }

    /** Stored values of rows [start, end) (for sparse X: nnz; for dense: cells). */
    public long storedValues(int start, int end) {
        return indptr != null ? indptr[end] - indptr[start] : (long) (end - start) * nCols;
    }

    /** Rows [start, end) as a CSR matrix. */
    public CsrMatrix rows(int start, int end) {
        if (start < 0 || end > nRows || start > end) {
            throw new IndexOutOfBoundsException("rows " + start + ".." + end + " of " + nRows);
        }
        try {
            return indptr != null ? sparseRows(start, end) : denseRows(start, end);
        } catch (RuntimeException e) {
            if (e instanceof org.scjava.dsl.io.AtlasFormatException) {
                throw e;
            }
            throw ctx.error(node, "cannot read rows " + start + ".." + end + ": " + e.getMessage());
        }
    }

    private CsrMatrix sparseRows(int start, int end) {
        long from = indptr[start];
        int n = Math.toIntExact(indptr[end] - from);
        float[] values = Hdf5Arrays.readFloatSlice(data, from, n);
        int[] cols = Hdf5Arrays.toInt(Hdf5Arrays.readSlice(indices, from, n));
        long[] ip = new long[end - start + 1];
        for (int i = 0; i <= end - start; i++) {
            ip[i] = indptr[start + i] - from;
        }
        return new CsrMatrix(end - start, nCols, ip, cols, values, dtype).validate();
    }

    private CsrMatrix denseRows(int start, int end) {
        if (end == start) {
            return CsrMatrix.zeros(0, nCols);
        }
        Object block = dense.getData(new long[] {start, 0}, new int[] {end - start, nCols});
        float[] f = new float[(end - start) * nCols];
        for (int r = 0; r < end - start; r++) {
            System.arraycopy(Hdf5Arrays.toFloat(java.lang.reflect.Array.get(block, r)), 0, f, r * nCols, nCols);
        }
        CsrMatrix m = CsrMatrix.fromDense(end - start, nCols, f);
        return new CsrMatrix(m.nRows(), m.nCols(), m.indptr(), m.indices(), m.data(), dtype);
    }

    @Override
    public String toString() {
        return "BackedMatrix[" + nRows + " x " + nCols + (indptr != null ? ", csr" : ", dense") + ", " + dtype + "]";
    }

    long[] indptrCopy() {
        return indptr == null ? null : Arrays.copyOf(indptr, indptr.length);
    }
}
