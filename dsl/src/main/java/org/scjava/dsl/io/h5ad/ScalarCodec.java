package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

/** {@code numeric-scalar} and {@code string} (0.2.0): 0-dimensional datasets, as anndata writes uns scalars. */
final class ScalarCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        ScalarCodec c = new ScalarCodec();
        r.registerReader(IOSpec.NUMERIC_SCALAR, c);
        r.registerReader(IOSpec.STRING, c);
        r.registerWriter(String.class, c);
        r.registerWriter(Number.class, c);
        r.registerWriter(Boolean.class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Dataset ds)) {
            throw ctx.error(node, "a scalar must be a dataset, found a group");
        }
        Object v = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 1) {
            v = java.lang.reflect.Array.get(v, 0);
        }
        if ("bool".equals(Hdf5Arrays.dtype(ds)) && v instanceof String s) {
            return "TRUE".equals(s);
        }
        if (v instanceof String s) {
            Hdf5Arrays.requireUtf8(new String[] {s}, ctx, node);
        }
        return v;
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        ElementRegistry.stamp(parent.scalar(name, value), value instanceof String ? IOSpec.STRING : IOSpec.NUMERIC_SCALAR);
    }
}
