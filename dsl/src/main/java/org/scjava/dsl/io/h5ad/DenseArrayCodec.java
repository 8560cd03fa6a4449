package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.io.hdf5.H5Dataset;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Type;

/**
 * {@code array} (0.2.0): a numeric or boolean HDF5 dataset. 1-D arrays read as primitive Java arrays of the stored
 * type; 2-D arrays as a {@link DenseMatrix} (float32 in memory, the stored dtype remembered and written back);
 * higher ranks as nested Java arrays. Booleans are written as h5py does (an int8 enum FALSE/TRUE).
 */
final class DenseArrayCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        DenseArrayCodec c = new DenseArrayCodec();
        r.registerReader(IOSpec.ARRAY, c);
        r.registerReader(new IOSpec("array", "0.1.0"), c);
        for (Class<?> t : new Class<?>[] {DenseMatrix.class, float[].class, double[].class, int[].class, long[].class,
                short[].class, byte[].class, boolean[].class, float[][].class, double[][].class, int[][].class,
                long[][].class}) {
            r.registerWriter(t, c);
        }
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Dataset ds)) {
            throw ctx.error(node, "an array must be a dataset, found a group");
        }
        if (!Hdf5Arrays.isNumericOrBool(ds)) {
            if (Hdf5Arrays.isString(ds)) {
                return ctx.registry().reader(IOSpec.STRING_ARRAY).read(node, ctx);
            }
            throw ctx.error(node, "unsupported array element type " + Hdf5Arrays.dtype(ds));
        }
        int[] dims = ds.getDimensions();
        if (dims.length == 2) {
            String dtype = Hdf5Arrays.dtype(ds);
            float[] flat = Hdf5Arrays.readFloats(ds);
            return new DenseMatrix(dims[0], dims[1], flat, dtype);
        }
        if (dims.length > 2) {
            return ds.getData();
        }
        return Hdf5Arrays.readFlat(ds);
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        H5Dataset ds;
        if (value instanceof DenseMatrix m) {
            H5Type type = "float64".equals(m.storedDtype()) ? H5Type.FLOAT64 : H5Type.FLOAT32;
            ds = parent.dataset(name, type, new long[] {m.nRows(), m.nCols()}, m.data(), ctx.storageFor(m.data().length));
        } else if (value.getClass().getComponentType().isArray()) {
            ds = writeNested(parent, name, value, ctx);
        } else {
            ds = parent.dataset(name, value, ctx.storageFor(java.lang.reflect.Array.getLength(value)));
        }
        ElementRegistry.stamp(ds, IOSpec.ARRAY);
    }

    /** A rectangular 2-D Java array (uns values such as double[][]) written row-major. */
    private static H5Dataset writeNested(H5Group parent, String name, Object rows, WriteContext ctx) {
        int r = java.lang.reflect.Array.getLength(rows);
        Object first = r == 0 ? null : java.lang.reflect.Array.get(rows, 0);
        int c = first == null ? 0 : java.lang.reflect.Array.getLength(first);
        Class<?> component = rows.getClass().getComponentType().getComponentType();
        Object flat = java.lang.reflect.Array.newInstance(component, Math.multiplyExact(r, c));
        for (int i = 0; i < r; i++) {
            Object row = java.lang.reflect.Array.get(rows, i);
            if (java.lang.reflect.Array.getLength(row) != c) {
                throw new IllegalArgumentException("ragged 2-D array: row " + i + " differs in length from row 0");
            }
            System.arraycopy(row, 0, flat, i * c, c);
        }
        return parent.dataset(name, H5Type.ofArray(flat), new long[] {r, c}, flat, ctx.storageFor((long) r * c));
    }
}
