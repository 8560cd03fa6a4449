package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.Arrays;
import java.util.List;

/**
 * Text of figures: one sans-serif family (DejaVu Sans, matplotlib's default, when installed; else Java's SansSerif),
 * sizes in pixels at 96 dpi, measured with one font render context so that the layout of a figure is the same in
 * PNG, SVG and PDF, and drawn aligned and rotated about an anchor point.
 */
final class Text {

    static final float TICK = 11f;
    static final float LABEL = 12f;
    static final float LEGEND = 11f;
    static final float TITLE = 14f;

    static final Color INK = new Color(0x222222);

    /** Antialiased, fractional metrics: what the PNG renderer uses too, so measured widths match drawn ones. */
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private static final String FAMILY = family();

    /** Horizontal anchor of a text. */
    enum Align { START, CENTER, END }

    /** Vertical anchor of a text: its top, the middle of its capitals, its baseline. */
    enum Baseline { TOP, MIDDLE, BASELINE }

    private Text() {
    }

    private static String family() {
        try {
            String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
            return Arrays.asList(names).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
        } catch (RuntimeException | Error e) {
            return Font.SANS_SERIF; // no font configuration at all: the JDK's logical font still draws
        }
    }

    static Font font(float size) {
        return new Font(FAMILY, Font.PLAIN, 1).deriveFont(size);
    }

    static Font bold(float size) {
        return new Font(FAMILY, Font.BOLD, 1).deriveFont(size);
    }

    static double width(String s, Font f) {
        return s.isEmpty() ? 0 : f.getStringBounds(s, FRC).getWidth();
    }

    /** The widest of {@code lines}. */
    static double width(List<String> lines, Font f) {
        return lines.stream().mapToDouble(s -> width(s, f)).max().orElse(0);
    }

    /** Line height (ascent + descent), without leading. */
    static double height(Font f) {
        var m = f.getLineMetrics("Ag", FRC);
        return m.getAscent() + m.getDescent();
    }

    static double ascent(Font f) {
        return f.getLineMetrics("Ag", FRC).getAscent();
    }

    /** {@code s} cut with "…" to at most {@code max} pixels. */
    static String fit(String s, Font f, double max) {
        if (width(s, f) <= max) {
            return s;
        }
        int n = s.length();
        while (n > 1 && width(s.substring(0, n) + "…", f) > max) {
            n--;
        }
        return s.substring(0, n) + "…";
    }

    /** Lines of a multi-line text ({@code \n}). */
    static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    /**
     * Draws {@code s} anchored at (x, y), rotated by {@code degrees} counter-clockwise about the anchor (90: reads
     * bottom to top), aligned in its own frame.
     */
    static void draw(Graphics2D g, String s, Font f, double x, double y, Align h, Baseline v, double degrees) {
        if (s.isEmpty()) {
            return;
        }
        double w = width(s, f);
        double dx = h == Align.START ? 0 : h == Align.CENTER ? -w / 2 : -w;
        double dy = switch (v) {
            case TOP -> ascent(f);
            case MIDDLE -> ascent(f) * 0.36; // half the cap height of DejaVu/Helvetica-like faces
            case BASELINE -> 0;
        };
        AffineTransform saved = g.getTransform();
        g.setFont(f);
        g.translate(x, y);
        if (degrees != 0) {
            g.rotate(-Math.toRadians(degrees));
        }
        g.drawString(s, (float) dx, (float) dy);
        g.setTransform(saved);
    }

    /** Draws lines top-down from y, each centred/aligned at x; returns the height used. */
    static double drawLines(Graphics2D g, List<String> lines, Font f, double x, double y, Align h) {
        double lh = height(f) * 1.15;
        for (int i = 0; i < lines.size(); i++) {
            draw(g, lines.get(i), f, x, y + i * lh, h, Baseline.TOP, 0);
        }
        return lines.size() * lh;
    }

    /** Height of {@link #drawLines} for {@code n} lines. */
    static double linesHeight(int n, Font f) {
        return n * height(f) * 1.15;
    }
}
