package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Violin plot of a gene or numeric obs column per group, as scanpy 1.11 {@code pl.violin} draws it with seaborn:
 * Gaussian kernel density with Scott's bandwidth, cut at the data range, every violin scaled to the same width
 * ({@code density_norm="width"}), filled with the group's colour; the cells as a jittered strip of small black dots
 * ({@code stripplot=True, jitter=True}) and the median as a white dot. Groups on the x axis in category order
 * (natural order for numeric labels), labels rotated when they do not fit.
 *
 * <p><b>Reads</b> the value column (gene from raw when present, else X) and {@code obs[groupBy]}.
 */
public final class ViolinPlot {

    private static final int GRID = 80;
    private static final double HALF_WIDTH = 0.4;
    private static final Color EDGE = new Color(0x404040);

    private ViolinPlot() {
    }

    public static Figure plot(AtlasData atlas, String key, String groupBy, PlotOptions o) {
        GroupedValues gv = GroupedValues.of(atlas, key, groupBy);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : gv.values()) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        List<Color> colors = Palette.categorical(gv.groups().size());
        int groups = gv.groups().size();
        return Chart.builder(Axis.categories(groupBy == null ? "" : groupBy, gv.groups()), Axis.numeric(key, lo, hi))
                .title(o.title() != null ? o.title() : key).size(o.width(), o.height()).grid(true)
                .plotSize(Math.max(200, Math.min(720, 64.0 * groups)), 300)
                .mark((g, p) -> {
                    for (int k = 0; k < groups; k++) {
                        drawViolin(g, p, k, gv.values().get(k), colors.get(k), o.seed());
                    }
                })
                .build();
    }

    private static void drawViolin(Graphics2D g, Mark.Plot p, int k, double[] values, Color fill, long seed) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return;
        }
        double[][] outline = outline(v, k);
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < outline[0].length; i++) {
            double px = p.px(outline[0][i]);
            double py = p.py(outline[1][i]);
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        path.closePath();
        g.setColor(fill);
        g.fill(path);
        g.setColor(EDGE);
        g.setStroke(Strokes.THIN);
        g.draw(path);
        // the strip: cells jittered ±0.1 of the band around the centre, as seaborn's stripplot(jitter=True)
        SplittableRandom rnd = new SplittableRandom(seed + k);
        g.setColor(Color.BLACK);
        Rectangle2D.Double dot = new Rectangle2D.Double();
        double half = 0.1 * p.unitX();
        for (double x : v) {
            dot.setRect(p.px(k) + (rnd.nextDouble() * 2 - 1) * half - 0.6, p.py(x) - 0.6, 1.2, 1.2);
            g.fill(dot);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(p.px(k) - 3.5, p.py(median) - 3.5, 7, 7));
        g.setColor(EDGE);
        g.draw(new Ellipse2D.Double(p.px(k) - 3.5, p.py(median) - 3.5, 7, 7));
    }

    /**
     * Closed outline in data units: x = centre ± 0.4 · density / max density, y over the data range (Gaussian KDE,
     * Scott's bandwidth σ·n^(-1/5); a constant group is a flat line).
     */
    static double[][] outline(double[] sorted, double centre) {
        int n = sorted.length;
        double lo = sorted[0];
        double hi = sorted[n - 1];
        double mean = Arrays.stream(sorted).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, n - 1));
        double bw = sd > 0 ? sd * Math.pow(n, -0.2) : 1;
        double[] y = new double[GRID];
        double[] dens = new double[GRID];
        double max = 0;
        int step = Math.max(1, n / 5000); // a strided subsample keeps large groups cheap
        for (int k = 0; k < GRID; k++) {
            y[k] = hi > lo ? lo + (hi - lo) * k / (GRID - 1) : lo;
            double s = 0;
            for (int i = 0; i < n; i += step) {
                double z = (y[k] - sorted[i]) / bw;
                s += Math.exp(-0.5 * z * z);
            }
            dens[k] = s;
            max = Math.max(max, s);
        }
        double[] xs = new double[2 * GRID + 1];
        double[] ys = new double[2 * GRID + 1];
        for (int k = 0; k < GRID; k++) {
            double w = max > 0 ? HALF_WIDTH * dens[k] / max : HALF_WIDTH;
            xs[k] = centre - w;
            ys[k] = y[k];
            xs[2 * GRID - 1 - k] = centre + w;
            ys[2 * GRID - 1 - k] = y[k];
        }
        xs[2 * GRID] = xs[0];
        ys[2 * GRID] = ys[0];
        return new double[][] {xs, ys};
    }
}
