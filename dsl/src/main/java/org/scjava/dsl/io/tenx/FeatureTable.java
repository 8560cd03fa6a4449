package org.scjava.dsl.io.tenx;

import org.scjava.dsl.io.UniqueNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The features (genes, antibodies, probes) of a 10x matrix as scanpy builds {@code adata.var}: the var names and
 * columns in scanpy's order, each a {@code String[]}, {@code long[]} (integer ids, as pandas infers them) or
 * {@code boolean[]}, filtered by genome / feature type and turned into the var table.
 */
public final class FeatureTable {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureTable.class);

    private String[] names;
    private final Map<String, Object> columns = new LinkedHashMap<>();

    public FeatureTable(String[] names) {
        this.names = names;
    }

    public int size() {
        return names.length;
    }

    /** Adds a column (same length as the names). */
    public FeatureTable add(String name, Object values) {
        if (java.lang.reflect.Array.getLength(values) != names.length) {
            throw new IllegalArgumentException("feature column '" + name + "' has " + java.lang.reflect.Array.getLength(values)
                    + " values for " + names.length + " features");
        }
        columns.put(name, values);
        return this;
    }

    /** A string column, or null when absent or not strings. */
    public String[] strings(String name) {
        return columns.get(name) instanceof String[] s ? s : null;
    }

    /** Indices of the features that pass {@code keep}; the table keeps only those. */
    public int[] keep(IntPredicate keep) {
        int[] kept = java.util.stream.IntStream.range(0, names.length).filter(keep).toArray();
        if (kept.length == names.length) {
            return kept;
        }
        names = select(names, kept);
        columns.replaceAll((k, v) -> select(v, kept));
        return kept;
    }

    private static <T> T select(T values, int[] kept) {
        @SuppressWarnings("unchecked")
        T out = (T) java.lang.reflect.Array.newInstance(values.getClass().getComponentType(), kept.length);
        for (int i = 0; i < kept.length; i++) {
            java.lang.reflect.Array.set(out, i, java.lang.reflect.Array.get(values, kept[i]));
        }
        return out;
    }

    /**
     * The var table: {@code _index} from the names (made unique with anndata's rule when {@code makeUnique}; left as
     * they are otherwise, with anndata's warning when they repeat) and the columns in order.
     */
    public Table toVar(boolean makeUnique, String source) {
        String[] index = makeUnique ? UniqueNames.makeUnique(names) : names;
        if (!makeUnique && !UniqueNames.areUnique(names)) {
            LOG.warn("{}: variable names are not unique (loaded with withMakeUnique(false)); "
                    + "verbs that look genes up by name use the first occurrence", source);
        }
        List<tech.tablesaw.columns.Column<?>> cols = new ArrayList<>();
        cols.add(StringColumn.create("_index", index));
        columns.forEach((k, v) -> cols.add(column(k, v)));
        return Table.create("var", cols.toArray(tech.tablesaw.columns.Column<?>[]::new));
    }

    private static tech.tablesaw.columns.Column<?> column(String name, Object v) {
        return switch (v) {
            case String[] s -> StringColumn.create(name, s);
            case long[] l -> LongColumn.create(name, l);
            case boolean[] b -> BooleanColumn.create(name, b);
            default -> throw new IllegalStateException("unexpected feature column type " + v.getClass());
        };
    }

    /** pandas' {@code read_csv} reads a column of integers as int64: the same here (else the strings). */
    public static Object inferIntegers(String[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            String s = values[i];
            if (s == null || !s.matches("[+-]?\\d{1,18}")) {
                return values;
            }
            out[i] = Long.parseLong(s);
        }
        return out;
    }
}
