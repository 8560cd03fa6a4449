package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Swatches and labels of categories or series, in columns as scanpy lays out its right-margin legend (one column up
 * to 14 entries, two up to 30, then three), or more columns when the rows would not fit {@code maxHeight}.
 */
final class CategoryLegend implements Legend {

    /** What marks an entry: a dot (points) or a square (bars, areas, lines). */
    enum Swatch { DOT, SQUARE }

    private static final double MARK = 9;
    private static final double MAX_LABEL = 240;

    private final String title;
    private final List<String> labels;
    private final List<Color> colors;
    private final Swatch swatch;
    private final Font font = Text.font(Text.LEGEND);
    private final Font titleFont = Text.font(Text.LABEL);
    private final int columns;
    private final int rows;
    private final double columnWidth;

    CategoryLegend(String title, List<String> labels, List<Color> colors, Swatch swatch, double maxHeight) {
        this.title = title == null ? "" : title;
        this.labels = labels.stream().map(l -> Text.fit(l, font, MAX_LABEL)).toList();
        this.colors = List.copyOf(colors);
        this.swatch = swatch;
        int n = labels.size();
        int c = n <= 14 ? 1 : n <= 30 ? 2 : 3;
        double available = maxHeight - titleHeight();
        while (c < n && Math.ceil((double) n / c) * rowHeight() > available && c < 8) {
            c++;
        }
        this.columns = Math.max(1, c);
        this.rows = (int) Math.ceil((double) n / columns);
        this.columnWidth = MARK + 6 + Text.width(this.labels, font) + 12;
    }

    private double rowHeight() {
        return Math.max(Text.height(font), MARK) + 5;
    }

    private double titleHeight() {
        return title.isEmpty() ? 0 : Text.height(titleFont) + 6;
    }

    @Override
    public double width() {
        return Math.max(columns * columnWidth - 12, Text.width(title, titleFont));
    }

    @Override
    public double height() {
        return titleHeight() + rows * rowHeight();
    }

    @Override
    public void draw(Graphics2D g, double x, double y) {
        g.setColor(Text.INK);
        Text.draw(g, title, titleFont, x, y, Text.Align.START, Text.Baseline.TOP, 0);
        double top = y + titleHeight();
        for (int i = 0; i < labels.size(); i++) {
            double cx = x + (i / rows) * columnWidth;
            double cy = top + (i % rows) * rowHeight() + rowHeight() / 2;
            g.setColor(colors.get(i));
            g.fill(swatch == Swatch.DOT ? new Ellipse2D.Double(cx, cy - MARK / 2, MARK, MARK)
                    : new Rectangle2D.Double(cx, cy - MARK / 2, MARK, MARK));
            g.setColor(Text.INK);
            Text.draw(g, labels.get(i), font, cx + MARK + 6, cy, Text.Align.START, Text.Baseline.MIDDLE, 0);
        }
    }
}
