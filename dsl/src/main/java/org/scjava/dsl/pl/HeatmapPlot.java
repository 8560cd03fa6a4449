package org.scjava.dsl.pl;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.scjava.dsl.core.AtlasData;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Heatmap of mean expression of genes (columns) per group (rows), as scanpy 1.9 {@code pl.matrixplot}; with
 * {@code standardScale} each gene is scaled to [0, 1] across groups (scanpy's {@code standard_scale="var"}).
 *
 * <p><b>Reads</b> the genes (raw when present, else X) and categorical {@code obs[groupBy]}.
 */
public final class HeatmapPlot {

    private HeatmapPlot() {
    }

    public static Figure plot(AtlasData atlas, List<String> genes, String groupBy, boolean standardScale, PlotOptions o) {
        List<String> groups = new ArrayList<>();
        double[][][] s = DotPlot.summarize(atlas, genes, groupBy, groups);
        List<Number[]> cells = new ArrayList<>();
        for (int k = 0; k < genes.size(); k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] c : s[k]) {
                lo = Math.min(lo, c[1]);
                hi = Math.max(hi, c[1]);
            }
            for (int g = 0; g < groups.size(); g++) {
                double v = s[k][g][1];
                if (standardScale) {
                    v = hi > lo ? (v - lo) / (hi - lo) : 0;
                }
                cells.add(new Number[] {k, g, v});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : "mean expression by " + groupBy).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {Palette.viridis(0), Palette.viridis(0.5), Palette.viridis(1)});
        chart.getStyler().setShowValue(false);
        chart.addSeries(standardScale ? "scaled mean" : "mean", genes, groups, cells);
        return new XChartFigure(chart);
    }
}
