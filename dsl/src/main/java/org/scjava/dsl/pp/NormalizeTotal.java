package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Library-size normalisation: each cell's counts are scaled to sum to {@code targetSum}.
 *
 * <p>Follows scanpy 1.9 {@code pp.normalize_total} (Wolf et al. 2018, doi:10.1186/s13059-017-1382-0): cells with
 * zero counts are left at zero; without a target the median of the non-zero totals is used (scanpy's default).
 * Seurat's {@code NormalizeData(normalization.method = "LogNormalize", scale.factor = 1e4)} is this with
 * {@code targetSum = 1e4} followed by {@link Log1p}.
 *
 * <p><b>Reads</b> X (raw counts). <b>Writes</b> X (normalised, same sparsity) and, when absent,
 * {@code layers["counts"]} = the X it started from (shared, no copy), so seurat_v3 HVG and count-based methods
 * still find the counts; {@code obs["n_counts"]} unless disabled. <b>Memory</b>: one new value array (4 bytes per
 * stored value).
 */
public final class NormalizeTotal {

    /** Options: {@code targetSum} NaN means "median of the totals of non-empty cells". */
    public record Options(double targetSum, boolean keepCounts, String totalsKey) {
        public static Options defaults() {
            return new Options(Double.NaN, true, "n_counts");
        }

        public Options withTargetSum(double v) {
            return new Options(v, keepCounts, totalsKey);
        }

        public Options withKeepCounts(boolean v) {
            return new Options(targetSum, v, totalsKey);
        }

        /** obs column for the per-cell totals; null writes none. */
        public Options withTotalsKey(String v) {
            return new Options(targetSum, keepCounts, v);
        }
    }

    private NormalizeTotal() {
    }

    /** Static form on plain data: returns the normalised matrix and leaves {@code x} untouched. */
    public static Matrix normalize(Matrix x, double targetSum) {
        double[] totals = ColumnStats.rowSums(x);
        double target = Double.isNaN(targetSum) ? medianOfPositive(totals) : targetSum;
        if (!(target > 0)) {
            throw new AtlasException("normalizeTotal: target sum must be > 0, got " + target);
        }
        double[] factor = new double[totals.length];
        for (int i = 0; i < totals.length; i++) {
            factor[i] = totals[i] > 0 ? target / totals[i] : 1.0;
        }
        return Values.map(x, (r, c, v) -> v * factor[r]);
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        if (atlas.uns().get("log1p") != null) {
            throw new AtlasException("normalizeTotal: X is already log-transformed (uns['log1p'] is set); "
                    + "normalize raw counts, e.g. from layers['counts'], before log1p()");
        }
        Matrix x = atlas.x();
        double[] totals = ColumnStats.rowSums(x);
        if (o.keepCounts() && !atlas.layers().containsKey("counts")) {
            atlas.putLayer("counts", x);
        }
        atlas.setX(normalize(x, o.targetSum()));
        if (o.totalsKey() != null) {
            Columns.putDoubles(atlas.obs(), o.totalsKey(), totals);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("target_sum", Double.isNaN(o.targetSum()) ? "median" : o.targetSum());
        p.put("kept_counts_layer", atlas.layers().containsKey("counts"));
        return atlas.record("normalizeTotal", p, start, "normalized X"
                + (o.keepCounts() ? ", counts in layers['counts']" : ""));
    }

    static double medianOfPositive(double[] v) {
        double[] pos = Arrays.stream(v).filter(d -> d > 0).sorted().toArray();
        if (pos.length == 0) {
            throw new AtlasException("normalizeTotal: every cell has zero counts");
        }
        int m = pos.length / 2;
        return pos.length % 2 == 1 ? pos[m] : (pos[m - 1] + pos[m]) / 2;
    }
}
