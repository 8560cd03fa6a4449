package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.hdf5.H5Group;

/**
 * {@code csr_matrix} / {@code csc_matrix} (0.1.0): a group with {@code data}, {@code indices}, {@code indptr} and a
 * {@code shape} attribute, as scipy.sparse stores them; also the pre-0.7 {@code h5sparse_format} layout.
 * CSC input is transposed to CSR on read (cells stay rows). Writes CSR with int32 indices, keeping the stored value
 * dtype (int32 raw counts stay int32) when every value is integral.
 */
final class SparseMatrixCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        SparseMatrixCodec c = new SparseMatrixCodec();
        r.registerReader(IOSpec.CSR, c);
        r.registerReader(IOSpec.CSC, c);
        r.registerWriter(CsrMatrix.class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Group g)) {
            throw ctx.error(node, "a sparse matrix must be a group with data/indices/indptr, found a dataset");
        }
        boolean csc = "csc_matrix".equals(Hdf5Arrays.stringAttr(g, "encoding-type", ""))
                || "csc".equals(Hdf5Arrays.stringAttr(g, "h5sparse_format", ""));
        long[] shape = Hdf5Arrays.longArrayAttr(g, "shape");
        if (shape == null) {
            shape = Hdf5Arrays.longArrayAttr(g, "h5sparse_shape");
        }
        if (shape == null || shape.length != 2) {
            throw ctx.error(node, "sparse matrix needs a 2-element 'shape' attribute");
        }
        Dataset dataDs = child(g, "data", ctx);
        Dataset indicesDs = child(g, "indices", ctx);
        Dataset indptrDs = child(g, "indptr", ctx);
        String dtype = Hdf5Arrays.dtype(dataDs);
        float[] data = Hdf5Arrays.readFloats(dataDs);
        int[] indices = Hdf5Arrays.toInt(Hdf5Arrays.readFlat(indicesDs));
        long[] indptr = Hdf5Arrays.toLong(Hdf5Arrays.readFlat(indptrDs));
        int major = Math.toIntExact(csc ? shape[1] : shape[0]);
        int minor = Math.toIntExact(csc ? shape[0] : shape[1]);
        if (indptr.length != major + 1) {
            throw ctx.error(indptrDs, "indptr has " + indptr.length + " entries but shape " + shape[0] + " x " + shape[1]
                    + " needs " + (major + 1));
        }
        if (indices.length != data.length) {
            throw ctx.error(indicesDs, "indices has " + indices.length + " entries but data has " + data.length);
        }
        try {
            CsrMatrix m = new CsrMatrix(major, minor, indptr, indices, data, dtype).validate();
            return csc ? m.transpose() : m;
        } catch (IllegalArgumentException e) {
            throw ctx.error(node, "inconsistent sparse matrix: " + e.getMessage());
        }
    }

    private static Dataset child(Group g, String name, ReadContext ctx) {
        Node n = g.getChildren().get(name);
        if (!(n instanceof Dataset ds)) {
            throw ctx.error(g, "sparse matrix is missing its '" + name + "' dataset");
        }
        return ds;
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        CsrMatrix m = (CsrMatrix) value;
        H5Group g = ElementRegistry.stamp(parent.group(name), IOSpec.CSR);
        g.attr("shape", new long[] {m.nRows(), m.nCols()});
        float[] data = m.data();
        g.dataset("data", keepIntegers(m.storedDtype(), data), ctx.storageFor(data.length));
        g.dataset("indices", m.indices(), ctx.storageFor(data.length));
        g.dataset("indptr", narrowIndptr(m.indptr()), ctx.storageFor(m.indptr().length));
    }

    /** int32 counts stay int32 on disk when every value is integral; otherwise float32. */
    static Object keepIntegers(String storedDtype, float[] data) {
        if (storedDtype == null || !storedDtype.startsWith("int")) {
            return data;
        }
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (v != Math.rint(v) || Math.abs(v) > 1 << 24) {
                return data;
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static Object narrowIndptr(long[] indptr) {
        if (indptr[indptr.length - 1] > Integer.MAX_VALUE) {
            return indptr;
        }
        int[] out = new int[indptr.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) indptr[i];
        }
        return out;
    }
}
