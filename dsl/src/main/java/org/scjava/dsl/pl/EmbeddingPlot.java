package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;

import java.awt.Color;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Scatter of a 2-d embedding ({@code obsm["X_umap"]}, {@code "X_pca"}, {@code "X_tsne"}, ...) as scanpy 1.11
 * {@code pl.embedding}: coloured by a categorical obs column (scanpy's default palettes, legend of the categories in
 * the right margin, natural order) or by a numeric obs column or a gene (viridis, a colour bar titled with the key;
 * cells drawn in order of value so high values are on top), missing values light grey underneath. Axes are titled
 * {@code UMAP1}/{@code UMAP2} without ticks; dots are sized from the number of cells (scanpy: 120000 / n).
 * Categorical points are drawn in a seeded random order so no category hides another; with {@code maxPoints} a
 * seeded sample is drawn.
 *
 * <p><b>Reads</b> {@code obsm[basis]} (e.g. run {@code umap()} first) and the colour column. <b>Writes</b> nothing.
 */
public final class EmbeddingPlot {

    private EmbeddingPlot() {
    }

    public static Figure plot(AtlasData atlas, String basis, String color, PlotOptions o) {
        Matrix emb = embedding(atlas, basis);
        PlotData.Coloring c = color == null ? null : PlotData.coloring(atlas, color);
        int[] order = drawOrder(emb.nRows(), c, o);
        double[] xs = new double[order.length];
        double[] ys = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            xs[k] = emb.get(order[k], 0);
            ys[k] = emb.get(order[k], 1);
        }
        String axis = axisName(basis);
        Chart.Builder chart = Chart.builder(
                        Axis.numeric(axis + "1", min(xs), max(xs)).hideTicks(),
                        Axis.numeric(axis + "2", min(ys), max(ys)).hideTicks())
                .frame(Chart.Frame.BOX).size(o.width(), o.height()).plotSize(400, 400)
                .title(o.title() != null ? o.title() : color != null ? color : basis);
        Color[] colors = new Color[order.length];
        if (c == null) {
            Arrays.fill(colors, Palette.categorical(1).get(0));
        } else if (c.categorical()) {
            List<Color> palette = Palette.categorical(c.levels().size());
            var index = PlotData.indexOf(c.levels());
            for (int k = 0; k < order.length; k++) {
                String l = c.labels()[order[k]];
                colors[k] = l == null ? Palette.NA : palette.get(index.get(l));
            }
            chart.legend(h -> new CategoryLegend("", c.levels(), palette, CategoryLegend.Swatch.DOT, h));
        } else {
            double lo = min(c.values());
            double hi = max(c.values());
            for (int k = 0; k < order.length; k++) {
                double v = c.values()[order[k]];
                colors[k] = Double.isFinite(v) ? Colormap.VIRIDIS.at(hi > lo ? (v - lo) / (hi - lo) : 0.5) : Palette.NA;
            }
            String title = atlas.obs().containsColumn(color) ? color : color + "\nexpression";
            chart.legend(h -> new ColorBar(title, lo, hi, Colormap.VIRIDIS, Math.min(h * 0.6, 220)));
        }
        chart.mark(new Points(xs, ys, colors, pointSize(order.length, o)));
        return chart.build();
    }

    private static Matrix embedding(AtlasData atlas, String basis) {
        if (!atlas.obsm().containsKey(basis)) {
            String hint = basis.equals("X_umap") ? "run umap() first" : basis.equals("X_pca") ? "run pca() first"
                    : "available: " + atlas.obsm().keySet();
            throw new AtlasException("no obsm['" + basis + "'] to plot; " + hint);
        }
        Matrix emb = atlas.obsm(basis);
        if (emb.nCols() < 2) {
            throw new AtlasException("obsm['" + basis + "'] has " + emb.nCols() + " column(s); a scatter needs 2");
        }
        return emb;
    }

    /** "X_umap" → "UMAP", "X_pca" → "PC", "X_tsne" → "tSNE", "X_umap_harmony" → "UMAP", other keys as they are. */
    static String axisName(String basis) {
        String b = basis.startsWith("X_") ? basis.substring(2) : basis;
        String head = b.contains("_") ? b.substring(0, b.indexOf('_')) : b;
        return switch (head.toLowerCase(Locale.ROOT)) {
            case "umap" -> "UMAP";
            case "pca" -> "PC";
            case "tsne" -> "tSNE";
            case "draw" -> "FA";
            default -> b;
        };
    }

    /** Dot diameter: the option, else scanpy's 120000 / n points² scaled to this plot size, 1–9 px. */
    static double pointSize(int n, PlotOptions o) {
        if (o.pointSize() > 0) {
            return o.pointSize();
        }
        return Math.max(1, Math.min(9, Math.sqrt(120_000.0 / Math.max(1, n)) * 0.85));
    }

    /**
     * Which cells to draw, in order: missing values first; categories in a seeded random order; continuous values
     * ascending. With {@code maxPoints} a seeded sample.
     */
    private static int[] drawOrder(int n, PlotData.Coloring c, PlotOptions o) {
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom rnd = new SplittableRandom(o.seed());
        for (int i = n - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        if (o.maxPoints() > 0 && o.maxPoints() < n) {
            order = Arrays.copyOf(order, o.maxPoints());
        }
        if (c == null) {
            return order;
        }
        Comparator<Integer> byValue = c.categorical()
                ? Comparator.comparing(i -> c.labels()[i] != null)
                : Comparator.comparingDouble(i -> Double.isFinite(c.values()[i]) ? c.values()[i] : Double.NEGATIVE_INFINITY);
        return Arrays.stream(order).boxed().sorted(byValue).mapToInt(Integer::intValue).toArray();
    }

    static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
    }

    static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(1);
    }
}
