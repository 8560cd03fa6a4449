package org.scjava.dsl.pl;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scjava.dsl.core.AtlasData;

import java.util.Arrays;

/**
 * Violin plot of a gene or numeric obs column per group, as scanpy 1.9 {@code pl.violin} (seaborn's violins:
 * Gaussian kernel density, Scott's bandwidth, cut at the data range, width scaled per violin) with the median as
 * a marker. Drawn as closed outlines on an XChart XY chart.
 *
 * <p><b>Reads</b> the value column (gene from raw when present, else X) and {@code obs[groupBy]}.
 */
public final class ViolinPlot {

    private static final int GRID = 64;

    private ViolinPlot() {
    }

    public static Figure plot(AtlasData atlas, String key, String groupBy, PlotOptions o) {
        GroupedValues gv = GroupedValues.of(atlas, key, groupBy);
        XYChart chart = new XYChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : key).xAxisTitle(groupBy == null ? "" : groupBy).yAxisTitle(key)
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            int g = (int) Math.round(x);
            return Math.abs(x - g) < 1e-9 && g >= 0 && g < gv.groups().size() ? gv.groups().get(g) : "";
        });
        for (int g = 0; g < gv.groups().size(); g++) {
            double[] v = gv.values().get(g).clone();
            if (v.length == 0) {
                continue;
            }
            Arrays.sort(v);
            double[][] outline = outline(v, g);
            XYSeries s = chart.addSeries(gv.groups().get(g), outline[0], outline[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Palette.categorical(g));
            XYSeries med = chart.addSeries(gv.groups().get(g) + " median", new double[] {g},
                    new double[] {v[v.length / 2]});
            med.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            med.setMarker(SeriesMarkers.DIAMOND);
            med.setMarkerColor(java.awt.Color.DARK_GRAY);
        }
        return new XChartFigure(chart);
    }

    /** Closed outline: x = centre ± 0.4·density/max, y over the data range. */
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
        for (int k = 0; k < GRID; k++) {
            y[k] = hi > lo ? lo + (hi - lo) * k / (GRID - 1) : lo;
            double s = 0;
            // density from a strided subsample keeps large groups cheap
            int step = Math.max(1, n / 5000);
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
            xs[k] = centre - 0.4 * dens[k] / max;
            ys[k] = y[k];
            xs[2 * GRID - 1 - k] = centre + 0.4 * dens[k] / max;
            ys[2 * GRID - 1 - k] = y[k];
        }
        xs[2 * GRID] = xs[0];
        ys[2 * GRID] = ys[0];
        return new double[][] {xs, ys};
    }
}
