package org.scjava.kernel.display;

import org.scjava.dsl.core.NaturalOrder;
import tech.tablesaw.api.Table;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The order a table is shown in. Tablesaw's cross-tabulations ({@code xTabCounts}, {@code xTabRowPercents}, ...)
 * and category counts ({@code countByCategory}) sort their labels as strings, so clusters read {@code 0, 1, 10, 11,
 * 2}; they are shown in natural order ({@code 0, 1, 2, ..., 10, 11}), the total row and column kept last. Other
 * tables are shown as they are.
 *
 * @param rows    row indices in display order
 * @param columns column indices in display order
 */
record TableOrder(int[] rows, int[] columns) {

    /** The label of the row shown at position {@code position}: its index, or the position when rows were reordered. */
    int rowLabel(int position) {
        return reordered() ? position : rows[position];
    }

    private boolean reordered() {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return true;
            }
        }
        return false;
    }

    static TableOrder of(Table t) {
        int[] rows = IntStream.range(0, t.rowCount()).toArray();
        int[] cols = IntStream.range(0, t.columnCount()).toArray();
        if (t.columnCount() == 0 || !(t.column(0) instanceof tech.tablesaw.api.StringColumn labels)) {
            return new TableOrder(rows, cols);
        }
        boolean crossTab = labels.name().equals("[labels]");
        boolean counts = t.columnCount() == 2 && labels.name().equals("Category") && t.column(1).name().equals("Count");
        if (!crossTab && !counts) {
            return new TableOrder(rows, cols);
        }
        int fixedRows = crossTab && t.rowCount() > 0 && "Total".equals(labels.get(t.rowCount() - 1)) ? 1 : 0;
        rows = sorted(rows, fixedRows, i -> labels.get(i));
        if (crossTab) {
            int fixedCols = t.column(t.columnCount() - 1).name().equals("total") ? 1 : 0;
            int[] middle = IntStream.range(1, t.columnCount()).toArray();
            int[] sortedMiddle = sorted(middle, fixedCols, c -> t.column(c).name());
            cols = IntStream.concat(IntStream.of(0), IntStream.of(sortedMiddle)).toArray();
        }
        return new TableOrder(rows, cols);
    }

    /** {@code indices} in natural order of their labels, the last {@code fixed} kept at the end. */
    private static int[] sorted(int[] indices, int fixed, java.util.function.IntFunction<String> label) {
        int n = indices.length - fixed;
        List<Integer> head = IntStream.of(indices).limit(n).boxed()
                .sorted(Comparator.comparing(label::apply, NaturalOrder.INSTANCE)).toList();
        return IntStream.concat(head.stream().mapToInt(Integer::intValue), IntStream.of(indices).skip(n)).toArray();
    }
}
