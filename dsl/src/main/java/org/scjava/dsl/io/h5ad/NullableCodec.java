package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

/**
 * {@code nullable-integer}, {@code nullable-boolean} (0.1.0) and {@code nullable-string-array} (anndata 0.11):
 * {@code values} plus a boolean {@code mask} (true = missing), pandas' masked extension arrays.
 */
final class NullableCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        NullableCodec c = new NullableCodec();
        r.registerReader(IOSpec.NULLABLE_INTEGER, c);
        r.registerReader(IOSpec.NULLABLE_BOOLEAN, c);
        r.registerReader(IOSpec.NULLABLE_STRING, c);
        r.registerWriter(NullableArray.class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Group g) || !(g.getChildren().get("values") instanceof Dataset values)
                || !(g.getChildren().get("mask") instanceof Dataset maskDs)) {
            throw ctx.error(node, "a nullable array must be a group with 'values' and 'mask' datasets");
        }
        Object mask = Hdf5Arrays.readFlat(maskDs);
        if (!(mask instanceof boolean[] m)) {
            throw ctx.error(maskDs, "mask must be boolean, found " + Hdf5Arrays.dtype(maskDs));
        }
        String type = Hdf5Arrays.stringAttr(g, "encoding-type", "");
        Object v = type.equals(IOSpec.NULLABLE_STRING.type()) ? ctx.read(values) : Hdf5Arrays.readFlat(values);
        if (java.lang.reflect.Array.getLength(v) != m.length) {
            throw ctx.error(node, "values has " + java.lang.reflect.Array.getLength(v) + " entries but mask has " + m.length);
        }
        if (v instanceof boolean[] || v instanceof String[]) {
            return new NullableArray(v, m, Hdf5Arrays.dtype(values));
        }
        return new NullableArray(Hdf5Arrays.toLong(v), m, Hdf5Arrays.dtype(values));
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        NullableArray a = (NullableArray) value;
        IOSpec spec = a.isBoolean() ? IOSpec.NULLABLE_BOOLEAN
                : a.values() instanceof String[] ? IOSpec.NULLABLE_STRING : IOSpec.NULLABLE_INTEGER;
        H5Group g = ElementRegistry.stamp(parent.group(name), spec);
        Object values = a.values();
        if (values instanceof long[] l && "int32".equals(a.dtype())) {
            int[] narrow = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                narrow[i] = (int) l[i];
            }
            values = narrow;
        }
        if (values instanceof String[] s) {
            ctx.write(g, "values", s);
        } else {
            g.dataset("values", values, ctx.storageFor(a.size()));
        }
        g.dataset("mask", a.mask(), ctx.storageFor(a.size()));
    }
}
