package org.scjava.dsl.pl;

import org.knowm.xchart.BubbleChart;
import org.knowm.xchart.BubbleChartBuilder;
import org.knowm.xchart.BubbleSeries;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dot plot of marker genes × groups, as scanpy 1.9 {@code pl.dotplot}: dot size = fraction of the group's cells
 * expressing the gene (&gt; 0), colour = mean expression in the group (viridis over the plotted range, 8 colour
 * steps shown in the legend).
 *
 * <p><b>Reads</b> the genes (raw when present, else X) and categorical {@code obs[groupBy]}.
 */
public final class DotPlot {

    private static final int COLOR_STEPS = 8;

    private DotPlot() {
    }

    /** Per gene and group: {fraction expressing, mean}. */
    static double[][][] summarize(AtlasData atlas, List<String> genes, String groupBy, List<String> groupsOut) {
        if (genes.isEmpty()) {
            throw new AtlasException("dotPlot/heatmap: give at least one gene");
        }
        double[][][] out = new double[genes.size()][][];
        for (int k = 0; k < genes.size(); k++) {
            GroupedValues gv = GroupedValues.of(atlas, genes.get(k), groupBy);
            if (k == 0) {
                groupsOut.addAll(gv.groups());
            }
            out[k] = new double[gv.groups().size()][2];
            for (int g = 0; g < gv.groups().size(); g++) {
                double[] v = gv.values().get(g);
                double nz = 0;
                double s = 0;
                for (double x : v) {
                    nz += x > 0 ? 1 : 0;
                    s += x;
                }
                out[k][g][0] = v.length > 0 ? nz / v.length : 0;
                out[k][g][1] = v.length > 0 ? s / v.length : 0;
            }
        }
        return out;
    }

    public static Figure plot(AtlasData atlas, List<String> genes, String groupBy, PlotOptions o) {
        List<String> groups = new ArrayList<>();
        double[][][] s = summarize(atlas, genes, groupBy, groups);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] gene : s) {
            for (double[] cell : gene) {
                lo = Math.min(lo, cell[1]);
                hi = Math.max(hi, cell[1]);
            }
        }
        BubbleChart chart = new BubbleChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : "dot plot by " + groupBy).xAxisTitle("gene").yAxisTitle(groupBy)
                .build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        // fixed ranges around the integer positions keep XChart's tick search on the category positions
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(genes.size() - 0.5);
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(groups.size() - 0.5);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> label(genes, x));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> label(groups, y));
        for (int step = 0; step < COLOR_STEPS; step++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> sizes = new ArrayList<>();
            for (int k = 0; k < genes.size(); k++) {
                for (int g = 0; g < groups.size(); g++) {
                    double t = hi > lo ? (s[k][g][1] - lo) / (hi - lo) : 0;
                    if (Math.min(COLOR_STEPS - 1, (int) Math.floor(t * COLOR_STEPS)) == step && s[k][g][0] > 0) {
                        xs.add((double) k);
                        ys.add((double) g);
                        sizes.add(2 + 18 * s[k][g][0]);
                    }
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            BubbleSeries b = chart.addSeries(String.format(Locale.ROOT, "mean %.2g", lo + (hi - lo) * (step + 0.5)
                    / COLOR_STEPS), xs, ys, sizes);
            b.setFillColor(Palette.viridis((step + 0.5) / COLOR_STEPS));
        }
        return new XChartFigure(chart);
    }

    static String label(List<String> names, double x) {
        int i = (int) Math.round(x);
        return Math.abs(x - i) < 1e-9 && i >= 0 && i < names.size() ? names.get(i) : "";
    }
}
