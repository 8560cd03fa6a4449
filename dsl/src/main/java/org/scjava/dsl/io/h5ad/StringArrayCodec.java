package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

/**
 * {@code string-array} (0.2.0): a dataset of UTF-8 strings (variable or fixed length). Strings that are not valid
 * UTF-8 are refused with the element path rather than silently replaced.
 */
final class StringArrayCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        StringArrayCodec c = new StringArrayCodec();
        r.registerReader(IOSpec.STRING_ARRAY, c);
        r.registerReader(new IOSpec("string-array", "0.1.0"), c);
        r.registerWriter(String[].class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Dataset ds) || !Hdf5Arrays.isString(ds)) {
            throw ctx.error(node, "a string-array must be a dataset of strings");
        }
        if (ds.getSize() == 0) {
            return new String[0]; // jHDF returns an Object[] for an empty string dataset
        }
        try {
            String[] fast = StringDatasets.read(ds);
            if (fast != null) {
                return fast;
            }
        } catch (StringDatasets.BadStrings e) {
            throw ctx.error(node, e.getMessage());
        }
        Object data = ds.getDataFlat();
        if (data instanceof String s) {
            data = new String[] {s};
        }
        String[] out = (String[]) data;
        Hdf5Arrays.requireUtf8(out, ctx, node);
        return out;
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        String[] values = (String[]) value;
        // Fixed-length UTF-8 (null-padded); null entries are written as empty strings.
        ElementRegistry.stamp(parent.dataset(name, values, ctx.storageFor(values.length)), IOSpec.STRING_ARRAY);
    }
}
