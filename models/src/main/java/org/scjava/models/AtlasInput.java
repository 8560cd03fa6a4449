package org.scjava.models;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

import java.util.function.Predicate;

/**
 * Reads what a model needs from an Atlas: the raw-count matrix and the var column with gene identifiers. Shared by
 * all model kinds so they choose inputs the same way and report the choice in provenance.
 */
public final class AtlasInput {

    /** A count matrix and where it came from ("X", "layers['counts']"). */
    public record Counts(Matrix matrix, String source) {
    }

    /** Gene identifiers per var column and where they came from ("var index", "var['ensembl_id']"). */
    public record GeneKey(String[] ids, String source) {
    }

    /** The non-zero entries of one row, in column order. */
    public record Row(int[] columns, float[] values) {
        public int size() {
            return columns.length;
        }
    }

    /** Receives one stored value of a row. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int column, float value);
    }

    private AtlasInput() {
    }

    /** The raw counts: {@code layer} if given, else {@code layers["counts"]} when present, else X. */
    public static Counts counts(AtlasData atlas, String layer) {
        if (layer != null) {
            return new Counts(atlas.layer(layer), "layers['" + layer + "']");
        }
        if (atlas.layers().containsKey("counts")) {
            return new Counts(atlas.layer("counts"), "layers['counts']");
        }
        return new Counts(atlas.x(), "X");
    }

    /**
     * The gene identifiers to match: {@code column} when given ("index" or the var index name selects the index),
     * otherwise whichever of the var index and the string var columns has the most entries accepted by
     * {@code known} (the index wins ties).
     */
    public static GeneKey geneKey(AtlasData atlas, String column, Predicate<String> known) {
        if (column != null) {
            if (column.equals("index") || column.equals(atlas.varIndexName())) {
                return new GeneKey(atlas.varNames().toArray(String[]::new), "var index");
            }
            Column<?> c = atlas.varColumn(column);
            if (!(c instanceof StringColumn s)) {
                throw new AtlasException("var['" + column + "'] is a " + c.type() + " column; gene identifiers must be strings");
            }
            return new GeneKey(s.asObjectArray(), "var['" + column + "']");
        }
        GeneKey best = new GeneKey(atlas.varNames().toArray(String[]::new), "var index");
        long bestHits = hits(best.ids(), known);
        for (int i = 1; i < atlas.var().columnCount(); i++) {
            if (atlas.var().column(i) instanceof StringColumn s) {
                String[] ids = s.asObjectArray();
                long h = hits(ids, known);
                if (h > bestHits) {
                    best = new GeneKey(ids, "var['" + s.name() + "']");
                    bestHits = h;
                }
            }
        }
        return best;
    }

    private static long hits(String[] ids, Predicate<String> known) {
        long n = 0;
        for (String id : ids) {
            if (id != null && known.test(id)) {
                n++;
            }
        }
        return n;
    }

    /** Calls {@code out} for each non-zero value of {@code row}, in column order. */
    public static void forEachNonZero(Matrix m, int row, EntryConsumer out) {
        if (m instanceof CsrMatrix c) {
            int[] idx = c.indices();
            float[] data = c.data();
            for (int k = c.rowStart(row); k < c.rowEnd(row); k++) {
                if (data[k] != 0f) {
                    out.accept(idx[k], data[k]);
                }
            }
        } else {
            DenseMatrix d = (DenseMatrix) m;
            float[] r = d.row(row);
            for (int j = 0; j < r.length; j++) {
                if (r[j] != 0f) {
                    out.accept(j, r[j]);
                }
            }
        }
    }

    /** The non-zero entries of {@code row}. */
    public static Row nonZeros(Matrix m, int row) {
        int cap = m instanceof CsrMatrix c ? c.rowEnd(row) - c.rowStart(row) : m.nCols();
        int[] cols = new int[cap];
        float[] vals = new float[cap];
        int[] n = new int[1];
        forEachNonZero(m, row, (c, v) -> {
            cols[n[0]] = c;
            vals[n[0]++] = v;
        });
        return new Row(java.util.Arrays.copyOf(cols, n[0]), java.util.Arrays.copyOf(vals, n[0]));
    }

    /** Sum of a row (total counts). */
    public static double rowSum(Matrix m, int row) {
        double[] s = new double[1];
        forEachNonZero(m, row, (c, v) -> s[0] += v);
        return s[0];
    }
}
