package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pp.Columns;

import java.util.ArrayList;
import java.util.List;

/**
 * Histograms of the per-cell QC metrics written by {@code qcMetrics()} side by side, 50 bins each: genes detected
 * ({@code n_genes_by_counts}), counts ({@code total_counts}) and the mitochondrial percentage
 * ({@code pct_counts_mt}), the distributions one reads cut-offs from.
 *
 * <p><b>Reads</b> those three obs columns (run {@code qcMetrics()} first).
 */
public final class QcHistograms {

    static final List<String> COLUMNS = List.of("n_genes_by_counts", "total_counts", "pct_counts_mt");
    private static final List<String> AXIS_TITLES = List.of("genes detected per cell", "counts per cell",
            "% counts in mitochondrial genes");

    private QcHistograms() {
    }

    public static Figure plot(AtlasData atlas, PlotOptions o) {
        List<Figure> panels = new ArrayList<>();
        PlotOptions panel = o.width() > 0 ? o.withSize(o.width() / COLUMNS.size(), o.height()) : o;
        for (int k = 0; k < COLUMNS.size(); k++) {
            String col = COLUMNS.get(k);
            if (!atlas.obs().containsColumn(col)) {
                throw new AtlasException("no obs['" + col + "']; run qcMetrics() first");
            }
            panels.add(HistogramPlot.of(List.of(new HistogramPlot.Series(col, Columns.obsDoubles(atlas, col))), 50,
                    col, AXIS_TITLES.get(k), "cells", panel));
        }
        return new GridFigure(panels);
    }
}
