package org.scjava.dsl.pl;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pp.Columns;

import java.util.ArrayList;
import java.util.List;

/**
 * Histograms of the per-cell QC metrics written by {@code qcMetrics()} ({@code n_genes_by_counts},
 * {@code total_counts}, {@code pct_counts_mt}), side by side, 50 bins each.
 */
public final class QcHistograms {

    static final List<String> COLUMNS = List.of("n_genes_by_counts", "total_counts", "pct_counts_mt");

    private QcHistograms() {
    }

    public static Figure plot(AtlasData atlas, PlotOptions o) {
        List<Figure> panels = new ArrayList<>();
        for (String col : COLUMNS) {
            if (!atlas.obs().containsColumn(col)) {
                throw new AtlasException("no obs['" + col + "']; run qcMetrics() first");
            }
            double[] v = Columns.obsDoubles(atlas, col);
            List<Double> data = new ArrayList<>(v.length);
            for (double d : v) {
                data.add(d);
            }
            Histogram h = new Histogram(data, 50);
            CategoryChart chart = new CategoryChartBuilder().width(o.width() / COLUMNS.size()).height(o.height())
                    .title(col).xAxisTitle(col).yAxisTitle("cells").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setAvailableSpaceFill(1.0);
            chart.getStyler().setOverlapped(true);
            chart.getStyler().setXAxisDecimalPattern("#,##0.#");
            chart.getStyler().setXAxisLabelRotation(45);
            chart.getStyler().setXAxisMaxLabelCount(6);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.addSeries(col, h.getxAxisData(), h.getyAxisData()).setFillColor(Palette.categorical(0));
            panels.add(new XChartFigure(chart));
        }
        return new GridFigure(panels);
    }
}
