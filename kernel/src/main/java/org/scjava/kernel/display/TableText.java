package org.scjava.kernel.display;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as aligned plain text (consoles, {@code ./scjava run}, the text/plain fallback): the name, a header, the
 * rows in {@link TableOrder} with numbers right-aligned and formatted by {@link CellText}, the first and last rows
 * of a long table, and the shape.
 */
final class TableText {

    private TableText() {
    }

    static String of(Table t) {
        TableOrder order = TableOrder.of(t);
        int[] rows = TableRenderer.shownOf(java.util.stream.IntStream.range(0, t.rowCount()).toArray(),
                TableRenderer.MAX_ROWS, TableRenderer.HEAD, TableRenderer.TAIL);
        int[] cols = TableRenderer.shownOf(order.columns(), TableRenderer.MAX_COLUMNS, TableRenderer.LEFT_COLUMNS,
                TableRenderer.RIGHT_COLUMNS);
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[cols.length + 1];
        header[0] = "";
        for (int k = 0; k < cols.length; k++) {
            header[k + 1] = cols[k] < 0 ? "…" : t.column(cols[k]).name();
        }
        lines.add(header);
        for (int position : rows) {
            String[] line = new String[cols.length + 1];
            int r = position < 0 ? -1 : order.rows()[position];
            line[0] = r < 0 ? "…" : Integer.toString(order.rowLabel(position));
            for (int k = 0; k < cols.length; k++) {
                line[k + 1] = r < 0 || cols[k] < 0 ? "…" : CellText.of(t.column(cols[k]), r);
            }
            lines.add(line);
        }
        int[] width = new int[cols.length + 1];
        for (String[] line : lines) {
            for (int k = 0; k < line.length; k++) {
                width[k] = Math.max(width[k], line[k].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            sb.append(t.name()).append('\n');
        }
        for (String[] line : lines) {
            for (int k = 0; k < line.length; k++) {
                boolean right = k == 0 || cols[k - 1] >= 0 && CellText.isNumeric(t.column(cols[k - 1]));
                String cell = line[k];
                String pad = " ".repeat(width[k] - cell.length());
                sb.append(k > 0 ? "  " : "").append(right ? pad + cell : cell + pad);
            }
            sb.setLength(sb.toString().stripTrailing().length());
            sb.append('\n');
        }
        sb.append(Html.count(t.rowCount())).append(" rows × ").append(Html.count(t.columnCount())).append(" columns");
        return sb.toString();
    }
}
