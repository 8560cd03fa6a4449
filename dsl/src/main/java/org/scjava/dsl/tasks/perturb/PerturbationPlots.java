package org.scjava.dsl.tasks.perturb;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.Histogram;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.Palette;
import org.scjava.dsl.pl.PlotOptions;
import org.scjava.dsl.pl.XChartFigure;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Figures of perturbation results: the distribution of per-cell shifts of one perturbation (1 − cosine of the cell
 * embeddings, and the goal shift when a goal was given), and a screen's per-gene mean shift beside the matched
 * random-gene null (mean ± sd), significant genes (BH p_adj ≤ 0.05) marked with '*'.
 */
public final class PerturbationPlots {

    private static final int BINS = 30;

    private PerturbationPlots() {
    }

    /** Histogram(s) of a per-cell table from {@code perturb(...)}. */
    public static Figure cells(Table cells, PlotOptions o) {
        if (cells.rowCount() == 0) {
            throw new AtlasException("perturbation plot: the table has no perturbed cells (for delete, no cell"
                    + " expresses the gene)");
        }
        String title = o.title() != null ? o.title() : "in-silico " + cells.stringColumn("mode").get(0) + " of "
                + cells.stringColumn("gene").get(0) + " (" + cells.rowCount() + " cells)";
        CategoryChart chart = new CategoryChartBuilder().width(o.width()).height(o.height()).title(title)
                .xAxisTitle("shift").yAxisTitle("cells").build();
        style(chart);
        double[] shift = Arrays.stream(cells.doubleColumn("cos_sim_original_vs_perturbed").asDoubleArray())
                .map(c -> 1 - c).toArray();
        addHistogram(chart, "1 − cos(original, perturbed)", shift, 0);
        if (cells.containsColumn("goal_shift")) {
            addHistogram(chart, "goal shift", cells.doubleColumn("goal_shift").asDoubleArray(), 1);
        }
        return new XChartFigure(chart);
    }

    /** Bar chart of a table from {@code perturbScreen(...)}. */
    public static Figure screen(Table screen, PlotOptions o) {
        List<String> genes = new ArrayList<>();
        for (int r = 0; r < screen.rowCount(); r++) {
            genes.add(screen.stringColumn("gene").get(r)
                    + (screen.doubleColumn("p_adj").getDouble(r) <= 0.05 ? " *" : ""));
        }
        CategoryChart chart = new CategoryChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : "perturbation screen: mean shift vs matched random genes")
                .xAxisTitle("gene").yAxisTitle("mean 1 − cos").build();
        style(chart);
        chart.getStyler().setLegendVisible(true);
        CategorySeries obs = chart.addSeries("perturbed gene", genes, values(screen, "mean_shift"));
        obs.setFillColor(Palette.categorical(0));
        CategorySeries nul = chart.addSeries("random genes (mean ± sd)", genes, values(screen, "null_mean"),
                values(screen, "null_sd"));
        nul.setFillColor(Color.LIGHT_GRAY);
        return new XChartFigure(chart);
    }

    private static void addHistogram(CategoryChart chart, String name, double[] values, int colour) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return;
        }
        double lo = Arrays.stream(finite).min().getAsDouble();
        double hi = Arrays.stream(finite).max().getAsDouble();
        Histogram h = new Histogram(Arrays.stream(finite).boxed().toList(), BINS, lo, hi > lo ? hi : lo + 1e-6);
        chart.addSeries(name, h.getxAxisData(), h.getyAxisData()).setFillColor(Palette.categorical(colour));
    }

    private static List<Double> values(Table t, String column) {
        return Arrays.stream(t.doubleColumn(column).asDoubleArray()).map(v -> Double.isFinite(v) ? v : 0).boxed()
                .toList();
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(0.9);
    }
}
