package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasException;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Small multiples of a metrics table: one bar panel per metric (each on its own scale, titled with what a high value
 * means), one bar per row of the table (e.g. per representation), side by side in one figure — the layout of scIB's
 * result plots. {@link #integration} draws the table of {@code integrationMetrics}.
 */
public final class MetricsPlot {

    /** A metric column and the panel title that says how to read it. */
    public record Metric(String column, String title) {
    }

    /** The metrics of {@code tl.IntegrationMetrics}, as scib 1.1 defines them. */
    static final List<Metric> INTEGRATION = List.of(
            new Metric("asw_batch", "batch ASW\n(1 = batches mixed)"),
            new Metric("ilisi", "iLISI\n(higher = batches mixed)"),
            new Metric("asw_label", "cell-type ASW\n(1 = types apart)"),
            new Metric("clisi", "cLISI\n(1 = types apart)"),
            new Metric("ari", "ARI vs labels\n(1 = same clusters)"),
            new Metric("nmi", "NMI vs labels\n(1 = same clusters)"));

    private MetricsPlot() {
    }

    /** The table written by {@code integrationMetrics(...)} (rows: representations). */
    public static Figure integration(Table metrics, PlotOptions o) {
        List<Metric> present = INTEGRATION.stream().filter(m -> metrics.containsColumn(m.column())).toList();
        return of(metrics, "rep", present, o);
    }

    /** One panel per metric; bars labelled by {@code labelColumn}. */
    public static Figure of(Table table, String labelColumn, List<Metric> metrics, PlotOptions o) {
        if (table.rowCount() == 0 || metrics.isEmpty()) {
            throw new AtlasException("metrics plot: the table '" + table.name() + "' has no rows or no metric columns");
        }
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            labels.add(table.column(labelColumn).getString(r));
        }
        List<Figure> panels = new ArrayList<>();
        for (Metric m : metrics) {
            if (!(table.column(m.column()) instanceof NumericColumn<?> col)) {
                throw new AtlasException("metrics plot: column '" + m.column() + "' of '" + table.name()
                        + "' is not numeric");
            }
            double[] v = col.asDoubleArray();
            panels.add(BarPlot.of(labels, List.of(new BarPlot.Series(m.column(), v, null, Palette.series(0))), m.title(),
                    "", "", o));
        }
        return new GridFigure(panels, Math.min(panels.size(), 3));
    }
}
