package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.HeatmapPlot;
import org.scjava.dsl.pl.PlotOptions;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Heatmap of gene-program scores: mean score of each program (rows) per group of cells (columns), each program
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
        double[][] scaled = new double[g.columnCount() - 1][groups.size()];
        for (int c = 1; c < g.columnCount(); c++) {
            double[] v = g.doubleColumn(c).asDoubleArray();
            double lo = java.util.Arrays.stream(v).min().orElse(0);
            double hi = java.util.Arrays.stream(v).max().orElse(0);
            String module = g.column(c).name().substring("program_".length());
            programs.add(label(r, module));
            for (int k = 0; k < v.length; k++) {
                scaled[c - 1][k] = hi > lo ? (v[k] - lo) / (hi - lo) : 0;
            }
        }
        // programs as rows: their GO names read horizontally; groups (short labels) as columns
        return HeatmapPlot.matrix(programs, groups, scaled, new HeatmapPlot.Labels(
                o.title() != null ? o.title() : "gene programs: " + r.source(), "", "program: top GO process",
                "mean score\nin group\n(scaled per program)"), o);
    }

    /** "3: response to virus" (module and its top GO term, shortened), or the module alone. */
    private static String label(GeneProgramsResult r, String module) {
        Table s = r.summary();
        int row = s.stringColumn("module").indexOf(module);
        String top = row < 0 ? "" : s.stringColumn("top_set").get(row);
        if (top == null || top.isEmpty()) {
            return module;
        }
        return module + ": " + (top.length() > 45 ? top.substring(0, 44) + "…" : top);
    }
}
