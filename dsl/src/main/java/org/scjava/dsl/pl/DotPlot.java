package org.scjava.dsl.pl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Dot plot of marker genes × groups, as scanpy 1.11 {@code pl.dotplot}: genes along x (rotated 90°), groups down y
 * in category order; dot area ∝ (fraction of the group's cells expressing the gene, &gt; 0)^1.5 scaled to the largest
 * fraction rounded up to a tenth; colour = mean expression in the group (matplotlib's {@code Reds} from the lowest to
 * the highest mean). Keys as scanpy's: a dot-size key "Fraction of cells in group (%)" and a colour bar "Mean
 * expression in group".
 *
 * <p><b>Reads</b> the genes (raw when present, else X) and categorical {@code obs[groupBy]}.
 */
public final class DotPlot {

    static final String SIZE_TITLE = "Fraction of cells\nin group (%)";
    static final String COLOR_TITLE = "Mean expression\nin group";
    private static final double BAND = 26;
    private static final Color EDGE = new Color(0x505050);

    private DotPlot() {
    }

    /** Per gene and group: {fraction expressing, mean}. */
    static double[][][] summarize(AtlasData atlas, List<String> genes, String groupBy, List<String> groupsOut) {
        if (genes.isEmpty()) {
            throw new AtlasException("dotPlot/heatmap: give at least one gene");
        }
        double[][][] out = new double[genes.size()][][];
        for (int k = 0; k < genes.size(); k++) {
            GroupedValues gv = GroupedValues.of(atlas, genes.get(k), groupBy);
            if (k == 0) {
                groupsOut.addAll(gv.groups());
            }
            out[k] = new double[gv.groups().size()][2];
            for (int g = 0; g < gv.groups().size(); g++) {
                double[] v = gv.values().get(g);
                double nz = 0;
                double s = 0;
                for (double x : v) {
                    nz += x > 0 ? 1 : 0;
                    s += x;
                }
                out[k][g][0] = v.length > 0 ? nz / v.length : 0;
                out[k][g][1] = v.length > 0 ? s / v.length : 0;
            }
        }
        return out;
    }

    public static Figure plot(AtlasData atlas, List<String> genes, String groupBy, PlotOptions o) {
        List<String> groups = new ArrayList<>();
        double[][][] s = summarize(atlas, genes, groupBy, groups);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double maxFraction = 0;
        for (double[][] gene : s) {
            for (double[] cell : gene) {
                lo = Math.min(lo, cell[1]);
                hi = Math.max(hi, cell[1]);
                maxFraction = Math.max(maxFraction, cell[0]);
            }
        }
        double dotMax = Math.max(0.1, Math.ceil(maxFraction * 10 - 1e-9) / 10);
        double largest = BAND * 0.85;
        java.util.function.DoubleUnaryOperator diameter = f -> largest * Math.pow(Math.min(f, dotMax) / dotMax, 0.75);
        double vmin = lo;
        double vmax = hi > lo ? hi : lo + 1;
        return Chart.builder(Axis.categories("", genes).rotation(90), Axis.categories(groupBy, groups).reversed())
                .title(o.title()).frame(Chart.Frame.BOX).size(o.width(), o.height())
                .plotSize(BAND * genes.size(), BAND * groups.size())
                .legend(new SizeLegend(SIZE_TITLE, sizeKey(dotMax), diameter))
                .legend(h -> new ColorBar(COLOR_TITLE, vmin, vmax, Colormap.REDS, 100))
                .mark((g, p) -> {
                    g.setStroke(Strokes.THIN);
                    for (int k = 0; k < genes.size(); k++) {
                        for (int j = 0; j < groups.size(); j++) {
                            double d = diameter.applyAsDouble(s[k][j][0]);
                            if (d <= 0) {
                                continue;
                            }
                            var dot = new Ellipse2D.Double(p.px(k) - d / 2, p.py(j) - d / 2, d, d);
                            g.setColor(Colormap.REDS.at((s[k][j][1] - vmin) / (vmax - vmin)));
                            g.fill(dot);
                            g.setColor(EDGE);
                            g.draw(dot);
                        }
                    }
                })
                .build();
    }

    /** The fractions in the size key, as scanpy picks them: steps of 0.2 (0.1 or 0.05 for a narrow range) up to the max. */
    static double[] sizeKey(double dotMax) {
        double step = dotMax > 0.6 ? 0.2 : dotMax > 0.3 ? 0.1 : 0.05;
        List<Double> out = new ArrayList<>();
        for (double f = dotMax; f > 1e-9; f -= step) {
            out.add(0, Math.round(f * 100) / 100.0);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
