package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.core.Categories;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between anndata column elements (arrays, categoricals, nullable arrays) and Tablesaw columns, keeping
 * categorical levels and missing values.
 */
final class TableColumns {

    private TableColumns() {
    }

    /** A Tablesaw column named {@code name} from an element value; categorical levels go into {@code categories}. */
    static Column<?> toColumn(String name, Object value, Map<String, Categories> categories) {
        return switch (value) {
            case String[] s -> StringColumns.of(name, s);
            case CategoricalArray c -> {
                categories.put(name, new Categories(Arrays.asList(c.levels()), c.ordered()));
                // Missing (code -1) becomes Tablesaw's missing string "".
                yield StringColumns.categorical(name, c.levels(), c.codes());
            }
            case int[] a -> IntColumn.create(name, a);
            case long[] a -> LongColumn.create(name, a);
            case short[] a -> ShortColumn.create(name, a);
            case byte[] a -> {
                short[] s = new short[a.length];
                for (int i = 0; i < a.length; i++) {
                    s[i] = a[i];
                }
                yield ShortColumn.create(name, s);
            }
            case float[] a -> FloatColumn.create(name, a);
            case double[] a -> DoubleColumn.create(name, a);
            case boolean[] a -> BooleanColumn.create(name, a);
            case NullableArray n -> nullable(name, n);
            default -> throw new IllegalArgumentException("column '" + name + "' holds " + value.getClass().getSimpleName()
                    + ", which is not a 1-D column type");
        };
    }

    private static Column<?> nullable(String name, NullableArray n) {
        boolean[] mask = n.mask();
        Column<?> col;
        if (n.values() instanceof boolean[] b) {
            col = BooleanColumn.create(name, b);
        } else if (n.values() instanceof String[] s) {
            col = StringColumns.of(name, s);
        } else {
            long[] l = (long[]) n.values();
            if (n.dtype().equals("int64") || n.dtype().equals("uint32") || n.dtype().equals("uint64")) {
                col = LongColumn.create(name, l);
            } else {
                int[] v = new int[l.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) l[i];
                }
                col = IntColumn.create(name, v);
            }
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                col.setMissing(i);
            }
        }
        return col;
    }

    /**
     * The element value for a Tablesaw column. String columns are categorical when their levels are known, else
     * string arrays.
     */
    static Object toElement(Column<?> col, Categories known) {
        int n = col.size();
        return switch (col) {
            case StringColumn s -> stringElement(s, known);
            case IntColumn c -> c.countMissing() > 0 ? masked(c, n, "int32") : c.asIntArray();
            case LongColumn c -> c.countMissing() > 0 ? masked(c, n, "int64") : c.asLongArray();
            case ShortColumn c -> {
                if (c.countMissing() > 0) {
                    yield masked(c, n, "int16");
                }
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = c.getShort(i);
                }
                yield out;
            }
            case FloatColumn c -> c.asFloatArray();
            case DoubleColumn c -> c.asDoubleArray();
            case BooleanColumn c -> {
                boolean[] v = new boolean[n];
                boolean[] mask = new boolean[n];
                boolean anyMissing = false;
                for (int i = 0; i < n; i++) {
                    mask[i] = c.isMissing(i);
                    anyMissing |= mask[i];
                    v[i] = !mask[i] && c.get(i);
                }
                yield anyMissing ? new NullableArray(v, mask, "bool") : v;
            }
            default -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = col.isMissing(i) ? "" : col.getString(i);
                }
                yield out;
            }
        };
    }

    private static NullableArray masked(Column<?> c, int n, String dtype) {
        long[] v = new long[n];
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = c.isMissing(i);
            v[i] = mask[i] ? 0 : ((Number) c.get(i)).longValue();
        }
        return new NullableArray(v, mask, dtype);
    }

    /**
     * anndata's {@code strings_to_categoricals}, applied on write to obs/var: a string column with fewer distinct
     * values than rows becomes categorical with its levels sorted (as pandas sorts string categories). Records the
     * levels in {@code categories}, so the in-memory Atlas matches what was written.
     */
    static void promoteStringsToCategoricals(tech.tablesaw.api.Table t, Map<String, Categories> categories) {
        for (int c = 1; c < t.columnCount(); c++) {
            if (t.column(c) instanceof StringColumn s && !categories.containsKey(s.name())) {
                Set<String> distinct = new java.util.TreeSet<>();
                for (int i = 0; i < s.size(); i++) {
                    if (!s.isMissing(i)) {
                        distinct.add(s.get(i));
                    }
                }
                if (distinct.size() < s.size()) {
                    categories.put(s.name(), new Categories(new ArrayList<>(distinct), false));
                }
            }
        }
    }

    private static Object stringElement(StringColumn s, Categories known) {
        int n = s.size();
        if (known == null) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = s.get(i);
            }
            return out;
        }
        // Keep the known level order; values that are new since the levels were set are appended. Tablesaw cannot
        // tell "" from missing: when "" is a real level (anndata files have such columns) it stays that level.
        boolean emptyIsLevel = known.levels().contains("");
        Set<String> levels = new LinkedHashSet<>(known.levels());
        for (int i = 0; i < n; i++) {
            if (!s.isMissing(i)) {
                levels.add(s.get(i));
            }
        }
        List<String> list = new ArrayList<>(levels);
        Map<String, Integer> code = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            code.put(list.get(i), i);
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = s.isMissing(i) && !emptyIsLevel ? -1 : code.get(s.get(i));
        }
        return new CategoricalArray(list.toArray(String[]::new), codes, known.ordered());
    }
}
