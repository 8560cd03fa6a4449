package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A Tablesaw {@link Table} as an HTML table in the style of pandas: the first and last rows of a long table (with
 * the elided count), a second header row with each column's type, and the shape; numbers with 4 significant digits
 * and right-aligned ({@link CellText}), cross-tabulations in natural label order ({@link TableOrder}); plus the same
 * as aligned text ({@link TableText}).
 */
public final class TableRenderer implements TypeRenderer<Table> {

    /** Tables up to this many rows are shown whole; longer ones as {@link #HEAD} first and {@link #TAIL} last rows. */
    static final int MAX_ROWS = 20;
    static final int HEAD = 10;
    static final int TAIL = 5;
    static final int MAX_COLUMNS = 30;
    static final int LEFT_COLUMNS = 20;
    static final int RIGHT_COLUMNS = 5;

    @Override
    public Class<Table> type() {
        return Table.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.TEXT_HTML.toString());
    }

    @Override
    public void render(Table table, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableText.of(table));
    }

    static String html(Table t) {
        TableOrder order = TableOrder.of(t);
        int[] rows = shownOf(IntStream.range(0, t.rowCount()).toArray(), MAX_ROWS, HEAD, TAIL);
        int[] cols = shownOf(order.columns(), MAX_COLUMNS, LEFT_COLUMNS, RIGHT_COLUMNS);
        StringBuilder sb = new StringBuilder(256 + rows.length * cols.length * 24);
        sb.append("<div class=\"scjava-table\">");
        if (t.name() != null && !t.name().isBlank()) {
            sb.append("<b>").append(Html.escape(t.name())).append("</b>");
        }
        sb.append("<table class=\"dataframe\" border=\"1\"><thead><tr><th></th>");
        forColumns(t, cols, sb, c -> "<th" + align(c) + ">" + Html.escape(c.name()) + "</th>", "<th>…</th>");
        sb.append("</tr><tr style=\"font-style:italic\"><th></th>");
        forColumns(t, cols, sb, c -> "<td" + align(c) + ">" + Html.escape(c.type().name().toLowerCase(java.util.Locale.ROOT))
                + "</td>", "<td></td>");
        sb.append("</tr></thead><tbody>");
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0) {
                sb.append("<tr><th>…</th>");
                forColumns(t, cols, sb, c -> "<td>…</td>", "<td>…</td>");
                sb.append("</tr>");
                continue;
            }
            int r = order.rows()[rows[k]];
            sb.append("<tr><th>").append(order.rowLabel(rows[k])).append("</th>");
            forColumns(t, cols, sb, c -> "<td" + align(c) + ">" + Html.escape(CellText.of(c, r)) + "</td>", "<td>…</td>");
            sb.append("</tr>");
        }
        sb.append("</tbody></table><p>").append(Html.count(t.rowCount())).append(" rows × ")
                .append(Html.count(t.columnCount())).append(" columns");
        if (t.rowCount() > MAX_ROWS) {
            sb.append(" (showing the first ").append(HEAD).append(" and last ").append(TAIL)
                    .append(" rows; <code>table.inRange(from, to)</code> shows others)");
        }
        return sb.append("</p></div>").toString();
    }

    private static String align(Column<?> c) {
        return CellText.isNumeric(c) ? Html.NUMBER : Html.LEFT;
    }

    /** Appends a cell per shown column index; a negative index (an elided run) as {@code gap}. */
    private static void forColumns(Table t, int[] cols, StringBuilder sb, Function<Column<?>, String> cell, String gap) {
        for (int c : cols) {
            sb.append(c < 0 ? gap : cell.apply(t.column(c)));
        }
    }

    /**
     * The entries of {@code order} shown: all when there are at most {@code max}, else the first {@code head} and
     * last {@code tail} with a -1 marking the gap.
     */
    static int[] shownOf(int[] order, int max, int head, int tail) {
        if (order.length <= max) {
            return order.clone();
        }
        return IntStream.concat(IntStream.concat(IntStream.of(order).limit(head), IntStream.of(-1)),
                IntStream.of(order).skip(order.length - tail)).toArray();
    }
}
