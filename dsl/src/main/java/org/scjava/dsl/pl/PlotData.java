package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** What plots colour or group by: an obs column (categorical or numeric) or a gene's expression. */
final class PlotData {

    /** Either {@code labels}+{@code levels} (categorical) or {@code values} (continuous). */
    record Coloring(String name, String[] labels, List<String> levels, double[] values) {
        boolean categorical() {
            return labels != null;
        }
    }

    private PlotData() {
    }

    /** Colouring by an obs column, else by a gene of var (expression from raw when present, else X). */
    static Coloring coloring(AtlasData atlas, String key) {
        if (atlas.obs().containsColumn(key)) {
            Column<?> c = atlas.obs().column(key);
            if (c instanceof NumericColumn<?> n) {
                return new Coloring(key, null, null, n.asDoubleArray());
            }
            String[] labels = atlas.obsStrings(key);
            return new Coloring(key, labels, levels(atlas.obsCategories().get(key), labels), null);
        }
        return new Coloring(key, null, null, geneValues(atlas, key));
    }

    /** One gene's values per cell (raw when present). */
    static double[] geneValues(AtlasData atlas, String gene) {
        boolean raw = atlas.raw() != null && atlas.raw().var().stringColumn(0).contains(gene);
        List<String> names = raw ? atlas.raw().var().stringColumn(0).asList() : atlas.varNames();
        int j = names.indexOf(gene);
        if (j < 0) {
            throw new AtlasException("'" + gene + "' is neither an obs column nor a gene in var; obs columns: "
                    + atlas.obs().columnNames());
        }
        Matrix x = raw ? atlas.raw().x() : atlas.x();
        double[] out = new double[x.nRows()];
        if (x instanceof CsrMatrix csr) {
            for (int i = 0; i < out.length; i++) {
                int k = java.util.Arrays.binarySearch(csr.indices(), csr.rowStart(i), csr.rowEnd(i), j);
                out[i] = k >= 0 ? csr.data()[k] : 0;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = x.get(i, j);
            }
        }
        return out;
    }

    static List<String> levels(Categories cats, String[] labels) {
        LinkedHashSet<String> present = new LinkedHashSet<>();
        for (String l : labels) {
            if (l != null) {
                present.add(l);
            }
        }
        if (cats == null) {
            List<String> out = new ArrayList<>(present);
            out.sort(PlotData::naturalOrder);
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String l : cats.levels()) {
            if (present.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Numeric labels ("2" before "10") in numeric order, others alphabetically. */
    private static int naturalOrder(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    static Map<String, Integer> indexOf(List<String> levels) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            m.put(levels.get(i), i);
        }
        return m;
    }
}
