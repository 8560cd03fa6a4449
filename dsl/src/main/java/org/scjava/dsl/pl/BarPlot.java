package org.scjava.dsl.pl;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Bars per category, several series side by side within a category's band, optional error bars (± the given
 * values, with caps), a legend beside the plot when there is more than one series. The y axis starts at 0 (or the
 * lowest negative value).
 */
public final class BarPlot {

    /**
     * One series: a value per category, optional errors (null for none), its colour (null = the palette's next).
     */
    public record Series(String name, double[] values, double[] errors, Color color) {
    }

    private BarPlot() {
    }

    public static Figure of(List<String> categories, List<Series> series, String title, String xTitle, String yTitle,
                            PlotOptions o) {
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (int i = 0; i < s.values().length; i++) {
                double e = s.errors() == null || !Double.isFinite(s.errors()[i]) ? 0 : s.errors()[i];
                if (Double.isFinite(s.values()[i])) {
                    lo = Math.min(lo, s.values()[i] - e);
                    hi = Math.max(hi, s.values()[i] + e);
                }
            }
        }
        double span = hi > lo ? hi - lo : 1;
        Axis y = Axis.range(yTitle, lo < 0 ? lo - span * 0.05 : 0, hi + span * 0.05);
        List<Color> colors = java.util.stream.IntStream.range(0, series.size())
                .mapToObj(i -> series.get(i).color() != null ? series.get(i).color() : Palette.series(i)).toList();
        int k = series.size();
        Chart.Builder chart = Chart.builder(Axis.categories(xTitle, categories), y)
                .title(title).size(o.width(), o.height()).grid(true)
                .plotSize(Math.max(160, Math.min(720, (22.0 * k + 18) * categories.size())), 240)
                .mark((g, p) -> {
                    double band = p.unitX() * 0.8;
                    double w = band / k;
                    for (int s = 0; s < k; s++) {
                        Series ser = series.get(s);
                        for (int i = 0; i < categories.size(); i++) {
                            double v = ser.values()[i];
                            if (!Double.isFinite(v)) {
                                continue;
                            }
                            double x0 = p.px(i) - band / 2 + s * w;
                            double y0 = p.py(Math.max(0, v));
                            double y1 = p.py(Math.min(0, v));
                            g.setColor(colors.get(s));
                            g.fill(new Rectangle2D.Double(x0 + 0.5, y0, w - 1, y1 - y0));
                            if (ser.errors() != null && Double.isFinite(ser.errors()[i]) && ser.errors()[i] > 0) {
                                drawError(g, x0 + w / 2, p.py(v - ser.errors()[i]), p.py(v + ser.errors()[i]),
                                        Math.min(6, w / 3));
                            }
                        }
                    }
                });
        if (k > 1) {
            chart.legend(h -> new CategoryLegend("", series.stream().map(Series::name).toList(), colors,
                    CategoryLegend.Swatch.SQUARE, h));
        }
        return chart.build();
    }

    private static void drawError(java.awt.Graphics2D g, double x, double yLow, double yHigh, double cap) {
        g.setColor(Text.INK);
        g.setStroke(Strokes.AXIS);
        g.draw(new Line2D.Double(x, yLow, x, yHigh));
        g.draw(new Line2D.Double(x - cap, yLow, x + cap, yLow));
        g.draw(new Line2D.Double(x - cap, yHigh, x + cap, yHigh));
    }
}
