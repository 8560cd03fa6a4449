package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pl.BarPlot;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.HistogramPlot;
import org.scjava.dsl.pl.PlotOptions;
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
    private static final Color NULL_GREY = new Color(0xb0b0b0);

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
        double[] shift = Arrays.stream(cells.doubleColumn("cos_sim_original_vs_perturbed").asDoubleArray())
                .map(c -> 1 - c).toArray();
        List<HistogramPlot.Series> series = new ArrayList<>();
        series.add(new HistogramPlot.Series("1 − cos(original, perturbed)", shift));
        if (cells.containsColumn("goal_shift")) {
            series.add(new HistogramPlot.Series("goal shift", cells.doubleColumn("goal_shift").asDoubleArray()));
        }
        String x = series.size() > 1 ? "shift of the cell embedding" : "1 − cos(original, perturbed embedding)";
        return HistogramPlot.of(series, BINS, title, x, "cells", o);
    }

    /** Bar chart of a table from {@code perturbScreen(...)}. */
    public static Figure screen(Table screen, PlotOptions o) {
        List<String> genes = new ArrayList<>();
        for (int r = 0; r < screen.rowCount(); r++) {
            genes.add(screen.stringColumn("gene").get(r)
                    + (screen.doubleColumn("p_adj").getDouble(r) <= 0.05 ? " *" : ""));
        }
        return BarPlot.of(genes, List.of(
                        new BarPlot.Series("perturbed gene", values(screen, "mean_shift"), null, null),
                        new BarPlot.Series("random genes (mean ± sd)", values(screen, "null_mean"),
                                values(screen, "null_sd"), NULL_GREY)),
                o.title() != null ? o.title() : "perturbation screen vs matched random genes", "gene",
                "mean 1 − cos", o);
    }

    private static double[] values(Table t, String column) {
        return t.doubleColumn(column).asDoubleArray();
    }
}
