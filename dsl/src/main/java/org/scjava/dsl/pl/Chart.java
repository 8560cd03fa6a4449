package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One plot panel laid out as matplotlib's {@code bbox_inches="tight"} would: the title above, tick labels and axis
 * titles measured so nothing is cut or overlaps (long category labels rotated 45° or 90°), legends in a column to
 * the right of the plot area so they never cover data. The requested size is the figure size; it grows when labels
 * or legends need more room than the plot area can give up.
 */
final class Chart implements Figure {

    /** Which sides of the plot area are drawn. */
    enum Frame { BOX, LEFT_BOTTOM, NONE }

    static final double PAD = 8;
    static final double TICK_LEN = 4;
    static final double MIN_PLOT = 60;
    private static final Color GRID = new Color(0xe3e3e3);

    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Mark> marks;
    private final List<Legend> legends;
    private final Frame frame;
    private final boolean grid;
    private final Font tickFont = Text.font(Text.TICK);
    private final Font labelFont = Text.font(Text.LABEL);
    private final Font titleFont = Text.font(Text.TITLE);
    private final double xAngle;
    private final double left;
    private final double top;
    private final double plotWidth;
    private final double plotHeight;
    private final int width;
    private final int height;

    private Chart(Builder b) {
        this.title = b.title == null ? "" : b.title;
        this.x = b.x;
        this.y = b.y;
        this.marks = List.copyOf(b.marks);
        this.frame = b.frame;
        this.grid = b.grid;
        double topMargin = PAD + (title.isEmpty() ? 0 : Text.linesHeight(Text.lines(title).size(), titleFont) + 6);
        double leftMargin = PAD + (y.title().isEmpty() ? 0 : Text.height(labelFont) + 8)
                + (y.showTicks() ? Text.width(y.tickLabels(), tickFont) + TICK_LEN + 4 : 0);
        double guessHeight = b.height > 0 ? b.height - topMargin - 60 : b.plotHeight;
        double guessLegend = legendsWidth(build(b.legends, guessHeight));
        double guessWidth = b.width > 0 ? b.width - leftMargin - PAD - (guessLegend > 0 ? Legend.GAP + guessLegend : 0)
                : b.plotWidth;
        this.xAngle = labelAngle(guessWidth);
        double bottomMargin = PAD + (x.title().isEmpty() ? 0 : Text.height(labelFont) + 8)
                + (x.showTicks() ? TICK_LEN + 4 + xLabelExtent() : 0);
        this.plotHeight = b.height > 0 ? Math.max(MIN_PLOT, b.height - topMargin - bottomMargin) : b.plotHeight;
        this.legends = build(b.legends, plotHeight);
        double legendWidth = legendsWidth(legends);
        double rightMargin = PAD + (legendWidth > 0 ? Legend.GAP + legendWidth : lastLabelOverhang(guessWidth));
        this.plotWidth = b.width > 0 ? Math.max(MIN_PLOT, b.width - leftMargin - rightMargin) : b.plotWidth;
        this.left = Math.max(leftMargin, PAD + firstLabelOverhang());
        this.top = topMargin;
        this.width = (int) Math.ceil(left + plotWidth + rightMargin);
        double legendsHeight = legends.stream().mapToDouble(l -> l.height() + Legend.GAP).sum();
        this.height = (int) Math.ceil(Math.max(top + plotHeight + bottomMargin, top + legendsHeight + PAD));
    }

    static Builder builder(Axis x, Axis y) {
        return new Builder(x, y);
    }

    private static List<Legend> build(List<DoubleFunction<Legend>> makers, double plotHeight) {
        List<Legend> out = new ArrayList<>();
        for (DoubleFunction<Legend> m : makers) {
            out.add(m.apply(Math.max(MIN_PLOT, plotHeight)));
        }
        return out;
    }

    private static double legendsWidth(List<Legend> legends) {
        return legends.stream().mapToDouble(Legend::width).max().orElse(0);
    }

    /** 0 when category labels fit their bands side by side, else the axis' preferred rotation. */
    private double labelAngle(double plotW) {
        if (!x.categorical() || !x.showTicks()) {
            return 0;
        }
        double band = plotW / Math.max(1, x.categories().size());
        return Text.width(x.categories(), tickFont) <= band * 0.92 ? 0 : x.rotation();
    }

    private double xLabelExtent() {
        double w = Text.width(x.tickLabels(), tickFont);
        double h = Text.height(tickFont);
        double a = Math.toRadians(xAngle);
        return xAngle == 0 ? h : w * Math.sin(a) + h * Math.cos(a);
    }

    /** How far a 45°-rotated first label reaches left of the plot area. */
    private double firstLabelOverhang() {
        if (!x.showTicks() || x.tickLabels().isEmpty()) {
            return 0;
        }
        double w = Text.width(x.tickLabels().get(0), tickFont);
        double offset = x.map(x.tickValues()[0], 0, plotWidth);
        double reach = xAngle == 45 ? w * Math.cos(Math.toRadians(45)) : xAngle == 0 ? w / 2 : 0;
        return Math.max(0, reach - offset);
    }

    /** How far the last horizontal x label reaches right of the plot area. */
    private double lastLabelOverhang(double plotW) {
        if (!x.showTicks() || xAngle != 0 || x.tickLabels().isEmpty()) {
            return 0;
        }
        int last = x.tickLabels().size() - 1;
        double w = Text.width(x.tickLabels().get(last), tickFont);
        double offset = plotW - x.map(x.tickValues()[last], 0, plotW);
        return Math.max(0, w / 2 - offset - PAD);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The plot area, for tests and for figures that draw over a chart. */
    Mark.Plot plot(boolean vector) {
        return new Mark.Plot(x, y, left, top, plotWidth, plotHeight, vector);
    }

    @Override
    public void paint(Graphics2D g, boolean vector) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        Mark.Plot p = plot(vector);
        if (grid) {
            drawGrid(g, p);
        }
        Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(p.left() - 1, p.top() - 1, p.width() + 2, p.height() + 2));
        for (Mark m : marks) {
            m.draw(g, p);
        }
        g.setClip(clip);
        drawFrame(g, p);
        drawXAxis(g, p);
        drawYAxis(g, p);
        g.setColor(Text.INK);
        List<String> lines = Text.lines(title);
        for (int i = 0; i < lines.size(); i++) {
            String line = Text.fit(lines.get(i), titleFont, width - 2 * PAD);
            double cx = Math.max(PAD + Text.width(line, titleFont) / 2,
                    Math.min(width - PAD - Text.width(line, titleFont) / 2, p.left() + p.width() / 2));
            Text.draw(g, line, titleFont, cx, PAD + i * Text.height(titleFont) * 1.15, Text.Align.CENTER,
                    Text.Baseline.TOP, 0);
        }
        double ly = p.top();
        for (Legend l : legends) {
            l.draw(g, p.right() + Legend.GAP, ly);
            ly += l.height() + Legend.GAP;
        }
    }

    private void drawGrid(Graphics2D g, Mark.Plot p) {
        g.setColor(GRID);
        g.setStroke(Strokes.THIN);
        if (!y.categorical()) {
            for (double v : y.tickValues()) {
                g.draw(new Line2D.Double(p.left(), p.py(v), p.right(), p.py(v)));
            }
        }
    }

    private void drawFrame(Graphics2D g, Mark.Plot p) {
        g.setColor(Text.INK);
        g.setStroke(Strokes.AXIS);
        switch (frame) {
            case BOX -> g.draw(new Rectangle2D.Double(p.left(), p.top(), p.width(), p.height()));
            case LEFT_BOTTOM -> {
                g.draw(new Line2D.Double(p.left(), p.top(), p.left(), p.bottom()));
                g.draw(new Line2D.Double(p.left(), p.bottom(), p.right(), p.bottom()));
            }
            case NONE -> {
            }
        }
    }

    private void drawXAxis(Graphics2D g, Mark.Plot p) {
        g.setColor(Text.INK);
        double base = p.bottom();
        if (x.showTicks()) {
            double[] v = x.tickValues();
            List<String> labels = x.tickLabels();
            for (int i = 0; i < v.length; i++) {
                double px = p.px(v[i]);
                g.draw(new Line2D.Double(px, base, px, base + TICK_LEN));
                double ly = base + TICK_LEN + 3;
                if (xAngle == 0) {
                    Text.draw(g, labels.get(i), tickFont, px, ly, Text.Align.CENTER, Text.Baseline.TOP, 0);
                } else {
                    Text.draw(g, labels.get(i), tickFont, px, ly + 2, Text.Align.END, Text.Baseline.MIDDLE, xAngle);
                }
            }
            base += TICK_LEN + 4 + xLabelExtent();
        }
        if (!x.title().isEmpty()) {
            Text.draw(g, x.title(), labelFont, p.left() + p.width() / 2, base + 6, Text.Align.CENTER,
                    Text.Baseline.TOP, 0);
        }
    }

    private void drawYAxis(Graphics2D g, Mark.Plot p) {
        g.setColor(Text.INK);
        double edge = p.left();
        if (y.showTicks()) {
            double[] v = y.tickValues();
            List<String> labels = y.tickLabels();
            for (int i = 0; i < v.length; i++) {
                double py = p.py(v[i]);
                g.draw(new Line2D.Double(edge - TICK_LEN, py, edge, py));
                Text.draw(g, labels.get(i), tickFont, edge - TICK_LEN - 3, py, Text.Align.END, Text.Baseline.MIDDLE, 0);
            }
            edge -= TICK_LEN + 4 + Text.width(y.tickLabels(), tickFont);
        }
        if (!y.title().isEmpty()) {
            Text.draw(g, y.title(), labelFont, edge - 6, p.top() + p.height() / 2, Text.Align.CENTER,
                    Text.Baseline.BASELINE, 90);
        }
    }

    /** Collects what a chart shows; {@link #build()} lays it out. */
    static final class Builder {
        private final Axis x;
        private final Axis y;
        private final List<Mark> marks = new ArrayList<>();
        private final List<DoubleFunction<Legend>> legends = new ArrayList<>();
        private String title;
        private int width;
        private int height;
        private double plotWidth = 400;
        private double plotHeight = 300;
        private Frame frame = Frame.LEFT_BOTTOM;
        private boolean grid;

        private Builder(Axis x, Axis y) {
            this.x = x;
            this.y = y;
        }

        Builder title(String t) {
            this.title = t;
            return this;
        }

        /**
         * The figure size to aim for (the plot area takes what labels and legends leave); 0 = the natural size
         * around {@link #plotSize}.
         */
        Builder size(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        /** The plot area when no figure size is given (the figure is as large as it needs to be around it). */
        Builder plotSize(double w, double h) {
            this.plotWidth = Math.max(MIN_PLOT, w);
            this.plotHeight = Math.max(MIN_PLOT, h);
            return this;
        }

        Builder frame(Frame f) {
            this.frame = f;
            return this;
        }

        /** Light horizontal lines at the y ticks. */
        Builder grid(boolean on) {
            this.grid = on;
            return this;
        }

        Builder mark(Mark m) {
            marks.add(m);
            return this;
        }

        Builder legend(Legend l) {
            legends.add(h -> l);
            return this;
        }

        /** A legend sized from the plot area's height (colour bars, long category lists). */
        Builder legend(DoubleFunction<Legend> l) {
            legends.add(l);
            return this;
        }

        Chart build() {
            return new Chart(this);
        }
    }
}
