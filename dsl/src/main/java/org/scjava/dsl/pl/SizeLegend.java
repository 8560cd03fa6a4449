package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The dot-size key of a dot plot, as scanpy draws it: the title above, grey dots for a few fractions in a row, each
 * labelled with its percentage below.
 */
final class SizeLegend implements Legend {

    private static final Color DOT = new Color(0x8c8c8c);

    private final List<String> title;
    private final double[] fractions;
    private final DoubleUnaryOperator diameter;
    private final Font font = Text.font(Text.TICK);
    private final Font titleFont = Text.font(Text.LEGEND);
    private final double cell;

    /** {@code diameter}: a fraction (0–1) to the dot's diameter in pixels, as the plot draws it. */
    SizeLegend(String title, double[] fractions, DoubleUnaryOperator diameter) {
        this.title = Text.lines(title);
        this.fractions = fractions.clone();
        this.diameter = diameter;
        double widest = 0;
        for (double f : fractions) {
            widest = Math.max(widest, Math.max(diameter.applyAsDouble(f), Text.width(label(f), font)));
        }
        this.cell = widest + 6;
    }

    private static String label(double f) {
        return Ticks.compact(Math.round(f * 1000) / 10.0);
    }

    private double maxDiameter() {
        double m = 0;
        for (double f : fractions) {
            m = Math.max(m, diameter.applyAsDouble(f));
        }
        return m;
    }

    private double titleHeight() {
        return title.isEmpty() ? 0 : Text.linesHeight(title.size(), titleFont) + 6;
    }

    @Override
    public double width() {
        return Math.max(Text.width(title, titleFont), fractions.length * cell);
    }

    @Override
    public double height() {
        return titleHeight() + maxDiameter() + 4 + Text.height(font);
    }

    @Override
    public void draw(Graphics2D g, double x, double y) {
        g.setColor(Text.INK);
        Text.drawLines(g, title, titleFont, x, y, Text.Align.START);
        double centreY = y + titleHeight() + maxDiameter() / 2;
        for (int i = 0; i < fractions.length; i++) {
            double cx = x + (i + 0.5) * cell;
            double d = diameter.applyAsDouble(fractions[i]);
            g.setColor(DOT);
            g.fill(new Ellipse2D.Double(cx - d / 2, centreY - d / 2, d, d));
            g.setColor(Text.INK);
            Text.draw(g, label(fractions[i]), font, cx, centreY + maxDiameter() / 2 + 4, Text.Align.CENTER,
                    Text.Baseline.TOP, 0);
        }
    }
}
