package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasException;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Histograms of one or more value series over shared bins (matplotlib's {@code hist}: equal-width bins from the
 * smallest to the largest finite value), bars in the series' colours, several series drawn translucent over each
 * other with a legend beside the plot. The x axis has round ticks over the data range.
 */
public final class HistogramPlot {

    /** A named series of values. */
    public record Series(String name, double[] values) {
    }

    private HistogramPlot() {
    }

    /** {@code bins} bins; titles of the figure and axes. */
    public static Figure of(List<Series> series, int bins, String title, String xTitle, String yTitle, PlotOptions o) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            throw new AtlasException("histogram '" + title + "': no finite values to count");
        }
        double from = lo;
        double width = hi > lo ? (hi - lo) / bins : 1.0 / bins;
        List<long[]> counts = new ArrayList<>();
        long top = 0;
        for (Series s : series) {
            long[] c = new long[bins];
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    c[(int) Math.min(bins - 1, Math.floor((v - from) / width))]++;
                }
            }
            counts.add(c);
            top = Math.max(top, Arrays.stream(c).max().orElse(0));
        }
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            colors.add(Palette.series(i));
        }
        boolean overlaid = series.size() > 1;
        Chart.Builder chart = Chart.builder(Axis.numeric(xTitle, from, from + width * bins), Axis.fromZero(yTitle, top))
                .title(title).size(o.width(), o.height()).plotSize(300, 220).grid(true)
                .mark((g, p) -> {
                    for (int s = 0; s < counts.size(); s++) {
                        Color c = colors.get(s);
                        g.setColor(overlaid ? new Color(c.getRed(), c.getGreen(), c.getBlue(), 150) : c);
                        long[] n = counts.get(s);
                        for (int b = 0; b < bins; b++) {
                            if (n[b] == 0) {
                                continue;
                            }
                            double x0 = p.px(from + b * width);
                            double x1 = p.px(from + (b + 1) * width);
                            double y1 = p.py(n[b]);
                            g.fill(new Rectangle2D.Double(x0, y1, Math.max(0.5, x1 - x0 - 0.5), p.bottom() - y1));
                        }
                    }
                });
        if (overlaid) {
            chart.legend(h -> new CategoryLegend("", series.stream().map(Series::name).toList(), colors,
                    CategoryLegend.Swatch.SQUARE, h));
        }
        return chart.build();
    }
}
