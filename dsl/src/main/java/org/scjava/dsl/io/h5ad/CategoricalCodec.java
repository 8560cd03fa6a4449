package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

/**
 * {@code categorical} (0.2.0): a group with {@code categories} (string or numeric array), {@code codes} (smallest
 * signed integer type, -1 = missing) and an {@code ordered} attribute — a pandas Categorical.
 */
final class CategoricalCodec implements ElementCodec {

    static void register(ElementRegistry r) {
        CategoricalCodec c = new CategoricalCodec();
        r.registerReader(IOSpec.CATEGORICAL, c);
        r.registerWriter(CategoricalArray.class, c);
    }

    @Override
    public Object read(Node node, ReadContext ctx) {
        if (!(node instanceof Group g)) {
            throw ctx.error(node, "a categorical must be a group with 'categories' and 'codes'");
        }
        Node catNode = g.getChildren().get("categories");
        Node codeNode = g.getChildren().get("codes");
        if (!(catNode instanceof Dataset) || !(codeNode instanceof Dataset codesDs)) {
            throw ctx.error(node, "a categorical needs 'categories' and 'codes' datasets");
        }
        String[] levels = levelsOf(ctx.read(catNode), ctx, catNode);
        int[] codes = Hdf5Arrays.toInt(Hdf5Arrays.readFlat(codesDs));
        checkCodes(codes, levels.length, ctx, codeNode);
        return new CategoricalArray(levels, codes, Hdf5Arrays.boolAttr(g, "ordered", false));
    }

    /** Category levels as strings (numeric categories keep their decimal form). */
    static String[] levelsOf(Object categories, ReadContext ctx, Node node) {
        if (categories instanceof String[] s) {
            return s;
        }
        if (categories != null && categories.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(categories);
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = java.lang.reflect.Array.get(categories, i);
                out[i] = v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                        ? Long.toString(d.longValue()) : String.valueOf(v);
            }
            return out;
        }
        throw ctx.error(node, "categories must be a 1-D array, found " + (categories == null ? "nothing" : categories.getClass().getSimpleName()));
    }

    static void checkCodes(int[] codes, int nLevels, ReadContext ctx, Node node) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= nLevels) {
                throw ctx.error(node, "code " + codes[i] + " at position " + i + " is outside the " + nLevels
                        + " categories (expected -1.." + (nLevels - 1) + ")");
            }
        }
    }

    @Override
    public void write(H5Group parent, String name, Object value, WriteContext ctx) {
        CategoricalArray c = (CategoricalArray) value;
        H5Group g = ElementRegistry.stamp(parent.group(name), IOSpec.CATEGORICAL);
        g.attr("ordered", c.ordered());
        ctx.write(g, "categories", c.levels());
        // pandas stores codes in the smallest signed integer type that fits the number of categories.
        Object codes;
        int[] src = c.codes();
        if (c.levels().length < Byte.MAX_VALUE) {
            byte[] b = new byte[src.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) src[i];
            }
            codes = b;
        } else if (c.levels().length < Short.MAX_VALUE) {
            short[] s = new short[src.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) src[i];
            }
            codes = s;
        } else {
            codes = src;
        }
        ctx.write(g, "codes", codes);
    }
}
