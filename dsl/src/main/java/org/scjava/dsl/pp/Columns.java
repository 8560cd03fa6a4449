package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Small helpers shared by the verbs to put and read obs/var columns (replacing a column of the same name). */
public final class Columns {

    private Columns() {
    }

    /** Adds {@code c} to {@code t}, replacing an existing column of that name (never the index column). */
    public static void put(Table t, Column<?> c) {
        if (t.column(0).name().equals(c.name())) {
            throw new AtlasException("cannot overwrite the index column '" + c.name() + "'");
        }
        if (t.containsColumn(c.name())) {
            t.replaceColumn(c.name(), c);
        } else {
            t.addColumns(c);
        }
    }

    public static void putDoubles(Table t, String name, double[] values) {
        put(t, DoubleColumn.create(name, values));
    }

    public static void putBooleans(Table t, String name, boolean[] values) {
        BooleanColumn c = BooleanColumn.create(name, values.length);
        for (int i = 0; i < values.length; i++) {
            c.set(i, values[i]);
        }
        put(t, c);
    }

    /** A numeric var column as doubles; throws naming the verb that writes it. */
    public static double[] varDoubles(AtlasData atlas, String name, String writtenBy) {
        if (!atlas.var().containsColumn(name)) {
            throw new AtlasException("no var column '" + name + "'; run " + writtenBy + " first");
        }
        return numeric(atlas.var().column(name));
    }

    /** A numeric obs column as doubles; throws naming the columns available. */
    public static double[] obsDoubles(AtlasData atlas, String name) {
        return numeric(atlas.obsColumn(name));
    }

    static double[] numeric(Column<?> c) {
        if (!(c instanceof NumericColumn<?> n)) {
            throw new AtlasException("column '" + c.name() + "' is " + c.type() + ", expected a numeric column");
        }
        return n.asDoubleArray();
    }

    /** The var mask {@code highly_variable} if present, else null. */
    public static boolean[] highlyVariableMask(AtlasData atlas) {
        if (!atlas.var().containsColumn("highly_variable")) {
            return null;
        }
        Column<?> c = atlas.var().column("highly_variable");
        if (!(c instanceof BooleanColumn b)) {
            throw new AtlasException("var['highly_variable'] is " + c.type() + ", expected booleans");
        }
        boolean[] out = new boolean[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i) != null && b.get(i);
        }
        return out;
    }
}
