package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Heatmap of mean expression of genes (columns) per group (rows), as scanpy 1.11 {@code pl.matrixplot}: viridis, a
 * colour bar titled "Mean expression in group"; with {@code standardScale} each gene is scaled to [0, 1] across
 * groups (scanpy's {@code standard_scale="var"}). {@link #matrix} draws any labelled matrix the same way.
 *
 * <p><b>Reads</b> the genes (raw when present, else X) and categorical {@code obs[groupBy]}.
 */
public final class HeatmapPlot {

    private static final double CELL = 24;

    /**
     * Texts of a heatmap: figure title, axis titles and colour-bar title ("" for none).
     */
    public record Labels(String title, String xTitle, String yTitle, String colorTitle) {
    }

    private HeatmapPlot() {
    }

    public static Figure plot(AtlasData atlas, List<String> genes, String groupBy, boolean standardScale, PlotOptions o) {
        List<String> groups = new ArrayList<>();
        double[][][] s = DotPlot.summarize(atlas, genes, groupBy, groups);
        double[][] values = new double[groups.size()][genes.size()];
        for (int k = 0; k < genes.size(); k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] c : s[k]) {
                lo = Math.min(lo, c[1]);
                hi = Math.max(hi, c[1]);
            }
            for (int g = 0; g < groups.size(); g++) {
                double v = s[k][g][1];
                values[g][k] = standardScale ? (hi > lo ? (v - lo) / (hi - lo) : 0) : v;
            }
        }
        String color = standardScale ? "Mean expression\nin group\n(scaled per gene)" : DotPlot.COLOR_TITLE;
        return matrix(groups, genes, values, new Labels(o.title(), "", groupBy, color), o);
    }

    /**
     * A heatmap of {@code values[row][column]} (viridis from the lowest to the highest value, NaN light grey), column
     * labels along x rotated 90° when they do not fit, row labels down y.
     */
    public static Figure matrix(List<String> rows, List<String> columns, double[][] values, Labels labels,
                                PlotOptions o) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double vmin = lo <= hi ? lo : 0;
        double vmax = hi > vmin ? hi : vmin + 1;
        return Chart.builder(Axis.categories(labels.xTitle(), columns).rotation(90),
                        Axis.categories(labels.yTitle(), rows).reversed())
                .title(labels.title()).frame(Chart.Frame.BOX).size(o.width(), o.height())
                .plotSize(CELL * columns.size(), CELL * rows.size())
                .legend(h -> new ColorBar(labels.colorTitle(), vmin, vmax, Colormap.VIRIDIS, Math.min(160, h)))
                .mark((g, p) -> {
                    double w = p.unitX();
                    double h = p.unitY();
                    for (int r = 0; r < rows.size(); r++) {
                        for (int c = 0; c < columns.size(); c++) {
                            double v = values[r][c];
                            g.setColor(Double.isFinite(v) ? Colormap.VIRIDIS.at((v - vmin) / (vmax - vmin)) : Palette.NA);
                            // a quarter pixel of overlap hides the seams antialiasing leaves between cells
                            g.fill(new Rectangle2D.Double(p.px(c) - w / 2 - 0.25, p.py(r) - h / 2 - 0.25, w + 0.5, h + 0.5));
                        }
                    }
                })
                .build();
    }
}
