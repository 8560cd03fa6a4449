package org.scjava.dsl.pl;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scatter of a 2-d embedding ({@code obsm["X_umap"]}, {@code "X_pca"}, {@code "X_tsne"}, ...) coloured by a
 * categorical obs column (one series per category in level order, legend, scanpy's 20-colour palette) or by a
 * continuous obs column / gene (viridis, binned into 24 colour series, legend shows the range), as scanpy 1.9
 * {@code pl.embedding}. Points are drawn in a seeded random order so no category hides another; with
 * {@code maxPoints} a seeded sample is drawn. ≥ 100k points render in about a second (markers are plain
 * squares when the point size is below 3 px).
 *
 * <p><b>Reads</b> {@code obsm[basis]} (e.g. run {@code umap()} first) and the colour column. <b>Writes</b> nothing.
 */
public final class EmbeddingPlot {

    private static final int CONTINUOUS_BINS = 24;

    private EmbeddingPlot() {
    }

    public static Figure plot(AtlasData atlas, String basis, String color, PlotOptions o) {
        if (!atlas.obsm().containsKey(basis)) {
            String hint = basis.equals("X_umap") ? "run umap() first" : basis.equals("X_pca") ? "run pca() first"
                    : "available: " + atlas.obsm().keySet();
            throw new AtlasException("no obsm['" + basis + "'] to plot; " + hint);
        }
        Matrix emb = atlas.obsm(basis);
        if (emb.nCols() < 2) {
            throw new AtlasException("obsm['" + basis + "'] has " + emb.nCols() + " column(s); a scatter needs 2");
        }
        PlotData.Coloring c = color == null ? null : PlotData.coloring(atlas, color);
        int n = emb.nRows();
        int[] order = drawOrder(n, o);
        String axis = basis.startsWith("X_") ? basis.substring(2).toUpperCase(Locale.ROOT) : basis;
        XYChart chart = new XYChartBuilder().width(o.width()).height(o.height())
                .title(o.title() != null ? o.title() : color != null ? color : basis)
                .xAxisTitle(axis + "1").yAxisTitle(axis + "2").build();
        Styler.LegendPosition legend = Styler.LegendPosition.OutsideE;
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int size = o.pointSize() > 0 ? o.pointSize() : (int) Math.max(1, Math.min(8, Math.round(Math.sqrt(120_000.0 / n) * 2)));
        chart.getStyler().setMarkerSize(size);
        int groups = c == null ? 1 : c.categorical() ? c.levels().size() : CONTINUOUS_BINS;
        int[] group = new int[n];
        double lo = 0;
        double hi = 1;
        if (c != null && c.categorical()) {
            var idx = PlotData.indexOf(c.levels());
            for (int i = 0; i < n; i++) {
                group[i] = c.labels()[i] == null ? -1 : idx.get(c.labels()[i]);
            }
        } else if (c != null) {
            lo = java.util.Arrays.stream(c.values()).filter(Double::isFinite).min().orElse(0);
            hi = java.util.Arrays.stream(c.values()).filter(Double::isFinite).max().orElse(1);
            for (int i = 0; i < n; i++) {
                double t = hi > lo ? (c.values()[i] - lo) / (hi - lo) : 0;
                group[i] = Double.isFinite(t) ? (int) Math.min(CONTINUOUS_BINS - 1, Math.floor(t * CONTINUOUS_BINS)) : -1;
            }
        }
        int[] count = new int[groups];
        for (int i : order) {
            if (group[i] >= 0) {
                count[group[i]]++;
            }
        }
        double[][] xs = new double[groups][];
        double[][] ys = new double[groups][];
        for (int g = 0; g < groups; g++) {
            xs[g] = new double[count[g]];
            ys[g] = new double[count[g]];
        }
        int[] fill = new int[groups];
        for (int i : order) {
            int g = group[i];
            if (g >= 0) {
                xs[g][fill[g]] = emb.get(i, 0);
                ys[g][fill[g]++] = emb.get(i, 1);
            }
        }
        for (int g = 0; g < groups; g++) {
            if (count[g] == 0) {
                continue;
            }
            String name = c == null ? "cells" : c.categorical() ? c.levels().get(g)
                    : String.format(Locale.ROOT, "%.3g–%.3g", lo + (hi - lo) * g / CONTINUOUS_BINS,
                    lo + (hi - lo) * (g + 1) / CONTINUOUS_BINS);
            XYSeries s = chart.addSeries(name, xs[g], ys[g]);
            s.setMarker(size < 3 ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
            s.setMarkerColor(c == null ? Palette.categorical(0) : c.categorical() ? Palette.categorical(g)
                    : Palette.viridis((g + 0.5) / CONTINUOUS_BINS));
            // a continuous legend shows only the two ends
            s.setShowInLegend(c == null || c.categorical() || g == 0 || g == groups - 1);
        }
        chart.getStyler().setLegendVisible(c != null);
        return new XChartFigure(chart);
    }

    /** Seeded random drawing order (and sample when maxPoints is set). */
    private static int[] drawOrder(int n, PlotOptions o) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(o.seed());
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return o.maxPoints() > 0 && o.maxPoints() < n ? java.util.Arrays.copyOf(order, o.maxPoints()) : order;
    }
}
