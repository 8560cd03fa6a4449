package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Filled dots without edges, drawn in the given order (later ones on top), as matplotlib's {@code scatter} with
 * {@code edgecolors="none"}. Dots under 2 px are squares (a circle that small is a blur anyway). In SVG/PDF a cloud
 * of more than {@link #RASTER_ABOVE} dots is embedded as a 2× image of the plot area, as scanpy's
 * {@code vector_friendly} default does, so files stay small and open fast; axes and text stay vector.
 *
 * @param x        x data values
 * @param y        y data values
 * @param colors   colour of each dot
 * @param diameter dot diameter in pixels
 */
record Points(double[] x, double[] y, Color[] colors, double diameter) implements Mark {

    static final int RASTER_ABOVE = 20_000;

    @Override
    public void draw(Graphics2D g, Plot p) {
        if (p.vector() && x.length > RASTER_ABOVE) {
            drawAsImage(g, p);
        } else {
            drawDots(g, p, 0, 0);
        }
    }

    private void drawDots(Graphics2D g, Plot p, double dx, double dy) {
        double d = diameter;
        Ellipse2D.Double dot = new Ellipse2D.Double(0, 0, d, d);
        Rectangle2D.Double square = new Rectangle2D.Double(0, 0, d, d);
        Color current = null;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                continue;
            }
            if (colors[i] != current) {
                current = colors[i];
                g.setColor(current);
            }
            double cx = p.px(x[i]) - dx - d / 2;
            double cy = p.py(y[i]) - dy - d / 2;
            if (d < 2) {
                square.setRect(cx, cy, d, d);
                g.fill(square);
            } else {
                dot.setFrame(cx, cy, d, d);
                g.fill(dot);
            }
        }
    }

    private void drawAsImage(Graphics2D g, Plot p) {
        int scale = 2;
        int w = (int) Math.ceil(p.width() * scale);
        int h = (int) Math.ceil(p.height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D ig = img.createGraphics();
        try {
            ig.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            ig.scale(scale, scale);
            drawDots(ig, p, p.left(), p.top());
        } finally {
            ig.dispose();
        }
        g.drawImage(img, (int) Math.round(p.left()), (int) Math.round(p.top()), (int) Math.round(p.width()),
                (int) Math.round(p.height()), null);
    }
}
