package org.scjava.dsl.tasks.programs;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.Palette;
import org.scjava.dsl.pl.PlotOptions;
import org.scjava.dsl.pl.XChartFigure;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Heatmap of gene-program scores: mean score of each program (columns) per group of cells (rows), each program
 * scaled to [0, 1] across groups (scanpy {@code matrixplot(standard_scale="var")}), programs labelled with their top
 * enriched GO term.
 */
public final class ProgramHeatmap {

    private ProgramHeatmap() {
    }

    public static Figure plot(GeneProgramsResult r, PlotOptions o) {
        Table g = r.groupScores();
        if (g == null) {
            throw new AtlasException("gene-program heatmap: no group scores; run genePrograms with"
                    + " GenePrograms.Options.withGroupBy(obs column) (or on an Atlas with obs['cell_type'] or"
                    + " obs['leiden'])");
        }
        List<String> groups = g.stringColumn(0).asList();
        List<String> programs = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        for (int c = 1; c < g.columnCount(); c++) {
            double[] v = g.doubleColumn(c).asDoubleArray();
            double lo = java.util.Arrays.stream(v).min().orElse(0);
            double hi = java.util.Arrays.stream(v).max().orElse(0);
            String module = g.column(c).name().substring("program_".length());
            programs.add(label(r, module));
            for (int k = 0; k < v.length; k++) {
                cells.add(new Number[] {c - 1, k, hi > lo ? (v[k] - lo) / (hi - lo) : 0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : "gene programs: " + r.source()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {Palette.viridis(0), Palette.viridis(0.5), Palette.viridis(1)});
        chart.getStyler().setShowValue(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.addSeries("scaled mean score", programs, groups, cells);
        return new XChartFigure(chart);
    }

    /** "3: response to virus" (module and its top GO term, shortened), or the module alone. */
    private static String label(GeneProgramsResult r, String module) {
        Table s = r.summary();
        int row = s.stringColumn("module").indexOf(module);
        String top = row < 0 ? "" : s.stringColumn("top_set").get(row);
        if (top == null || top.isEmpty()) {
            return module;
        }
        return module + ": " + (top.length() > 28 ? top.substring(0, 27) + "…" : top);
    }
}
