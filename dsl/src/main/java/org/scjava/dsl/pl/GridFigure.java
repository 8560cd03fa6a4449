package org.scjava.dsl.pl;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * Figures in a grid, row by row ({@code columns} per row; all in one row by default), each cell as wide as the
 * widest panel of its column and as tall as the tallest of its row. One image, one SVG, one PDF.
 */
public final class GridFigure implements Figure {

    private static final int GAP = 6;

    private final List<Figure> panels;
    private final int columns;

    /** The panels side by side in one row. */
    public GridFigure(List<Figure> panels) {
        this(panels, Math.max(1, panels.size()));
    }

    /** The panels in rows of {@code columns} (scanpy's {@code ncols}). */
    public GridFigure(List<Figure> panels, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a grid needs at least one column, got " + columns);
        }
        this.panels = List.copyOf(panels);
        this.columns = Math.min(columns, Math.max(1, this.panels.size()));
    }

    /** The panels in rows of {@code columns}. */
    public static GridFigure of(int columns, Figure... panels) {
        return new GridFigure(List.of(panels), columns);
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private int columnWidth(int c) {
        int w = 0;
        for (int i = c; i < panels.size(); i += columns) {
            w = Math.max(w, panels.get(i).width());
        }
        return w;
    }

    private int rowHeight(int r) {
        int h = 0;
        for (int i = r * columns; i < Math.min(panels.size(), (r + 1) * columns); i++) {
            h = Math.max(h, panels.get(i).height());
        }
        return h;
    }

    @Override
    public int width() {
        int w = 0;
        for (int c = 0; c < columns; c++) {
            w += columnWidth(c) + (c > 0 ? GAP : 0);
        }
        return w;
    }

    @Override
    public int height() {
        int h = 0;
        for (int r = 0; r < rows(); r++) {
            h += rowHeight(r) + (r > 0 ? GAP : 0);
        }
        return h;
    }

    @Override
    public void paint(Graphics2D g, boolean vector) {
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width(), height());
        int y = 0;
        for (int r = 0; r < rows(); r++) {
            int x = 0;
            for (int c = 0; c < columns && r * columns + c < panels.size(); c++) {
                AffineTransform saved = g.getTransform();
                g.translate(x, y);
                panels.get(r * columns + c).paint(g, vector);
                g.setTransform(saved);
                x += columnWidth(c) + GAP;
            }
            y += rowHeight(r) + GAP;
        }
    }
}
