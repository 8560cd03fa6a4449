package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;

/**
 * A Tablesaw {@link Table} as an HTML table in the style of pandas: the first and last rows of a long table (with
 * the elided count), a second header row with each column's type, and the shape; plus Tablesaw's own text form.
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
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print(MAX_ROWS));
    }

    static String html(Table t) {
        int[] rows = shown(t.rowCount(), MAX_ROWS, HEAD, TAIL);
        int[] cols = shown(t.columnCount(), MAX_COLUMNS, LEFT_COLUMNS, RIGHT_COLUMNS);
        StringBuilder sb = new StringBuilder(256 + rows.length * cols.length * 24);
        sb.append("<div class=\"scjava-table\">");
        if (t.name() != null && !t.name().isBlank()) {
            sb.append("<b>").append(Html.escape(t.name())).append("</b>");
        }
        sb.append("<table class=\"dataframe\" border=\"1\"><thead><tr><th></th>");
        forColumns(t, cols, sb, c -> "<th>" + Html.escape(c.name()) + "</th>", "<th>…</th>");
        sb.append("</tr><tr style=\"font-style:italic\"><th></th>");
        forColumns(t, cols, sb, c -> "<td>" + Html.escape(c.type().name().toLowerCase(java.util.Locale.ROOT)) + "</td>",
                "<td></td>");
        sb.append("</tr></thead><tbody>");
        int previous = -1;
        for (int r : rows) {
            if (previous >= 0 && r != previous + 1) {
                sb.append("<tr><th>…</th>");
                forColumns(t, cols, sb, c -> "<td>…</td>", "<td>…</td>");
                sb.append("</tr>");
            }
            sb.append("<tr><th>").append(r).append("</th>");
            forColumns(t, cols, sb, c -> "<td>" + Html.escape(c.getString(r)) + "</td>", "<td>…</td>");
            sb.append("</tr>");
            previous = r;
        }
        sb.append("</tbody></table><p>").append(Html.count(t.rowCount())).append(" rows × ")
                .append(Html.count(t.columnCount())).append(" columns");
        if (rows.length < t.rowCount()) {
            sb.append(" (showing the first ").append(HEAD).append(" and last ").append(TAIL)
                    .append(" rows; <code>table.inRange(from, to)</code> shows others)");
        }
        return sb.append("</p></div>").toString();
    }

    private static void forColumns(Table t, int[] cols, StringBuilder sb,
                                   java.util.function.Function<Column<?>, String> cell, String gap) {
        int previous = -1;
        for (int c : cols) {
            if (previous >= 0 && c != previous + 1) {
                sb.append(gap);
            }
            sb.append(cell.apply(t.column(c)));
            previous = c;
        }
    }

    /** Indices shown out of {@code n}: all when n ≤ max, else the first {@code head} and last {@code tail}. */
    static int[] shown(int n, int max, int head, int tail) {
        if (n <= max) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, head),
                java.util.stream.IntStream.range(n - tail, n)).toArray();
    }
}
