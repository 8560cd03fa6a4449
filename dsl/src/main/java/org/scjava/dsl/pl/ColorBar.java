package org.scjava.dsl.pl;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A vertical colour bar for continuous colours: the title above (one or more lines), the colour ramp from the low
 * value (bottom) to the high value (top), round ticks on its right. The ramp is drawn as thin overlapping bands so it
 * stays vector in SVG and PDF.
 */
final class ColorBar implements Legend {

    private static final double BAR = 12;
    private static final int BANDS = 96;

    private final List<String> title;
    private final double lo;
    private final double hi;
    private final Colormap map;
    private final double barHeight;
    private final Ticks ticks;
    private final Font font = Text.font(Text.TICK);
    private final Font titleFont = Text.font(Text.LEGEND);

    ColorBar(String title, double lo, double hi, Colormap map, double barHeight) {
        this.title = Text.lines(title);
        this.lo = lo;
        this.hi = hi > lo ? hi : lo + 1e-12;
        this.map = map;
        this.barHeight = Math.max(60, barHeight);
        this.ticks = hi > lo ? Ticks.of(lo, hi, 5) : Ticks.of(lo, lo, 2);
    }

    private double titleHeight() {
        return title.isEmpty() ? 0 : Text.linesHeight(title.size(), titleFont) + 4;
    }

    @Override
    public double width() {
        return Math.max(Text.width(title, titleFont), BAR + 7 + Text.width(ticks.labels(), font));
    }

    @Override
    public double height() {
        return titleHeight() + barHeight + Text.height(font) / 2;
    }

    @Override
    public void draw(Graphics2D g, double x, double y) {
        g.setColor(Text.INK);
        Text.drawLines(g, title, titleFont, x, y, Text.Align.START);
        double top = y + titleHeight() + Text.height(font) / 4;
        double band = barHeight / BANDS;
        for (int k = 0; k < BANDS; k++) {
            g.setColor(map.at((k + 0.5) / BANDS));
            double y0 = top + barHeight - (k + 1) * band;
            g.fill(new Rectangle2D.Double(x, y0 - (k < BANDS - 1 ? 0.5 : 0), BAR, band + (k < BANDS - 1 ? 0.5 : 0)));
        }
        g.setColor(Text.INK);
        g.setStroke(Strokes.AXIS);
        g.draw(new Rectangle2D.Double(x, top, BAR, barHeight));
        for (int i = 0; i < ticks.values().length; i++) {
            double ty = top + barHeight - (ticks.values()[i] - lo) / (hi - lo) * barHeight;
            g.draw(new Line2D.Double(x + BAR, ty, x + BAR + 3, ty));
            Text.draw(g, ticks.labels().get(i), font, x + BAR + 6, ty, Text.Align.START, Text.Baseline.MIDDLE, 0);
        }
    }
}
