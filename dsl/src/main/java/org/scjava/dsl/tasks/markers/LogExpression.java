package org.scjava.dsl.tasks.markers;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Log1p;
import org.scjava.dsl.pp.NormalizeTotal;
import org.scjava.dsl.pp.Scale;
import org.scjava.dsl.pp.Values;

/**
 * The log-normalised expression that annotation compares across datasets, whatever state an Atlas is in: X itself
 * when log1p() has run; otherwise {@code ln(1 + 10⁴·counts/total)} (scanpy's normalize_total(1e4) + log1p, Seurat's
 * LogNormalize) from {@code layers["counts"]} or from X when X holds counts. Uses the analysis core's static forms;
 * the Atlas is not changed.
 *
 * <p>Comparing two datasets, counts are normalised over the genes they share ({@link #of(Atlas, int[], String)}):
 * a dataset shipped with a pre-filtered gene panel (e.g. 1,267 genes) would otherwise put every gene ~25 times
 * higher than one with the full transcriptome, and every cell would look alike to the other side.
 */
public final class LogExpression {

    /** Counts are scaled to this total per cell (the Seurat/scanpy convention for cross-dataset comparisons). */
    public static final double TARGET_SUM = 1e4;

    private LogExpression() {
    }

    /** The log-normalised cells × genes matrix of {@code atlas} (sparse stays sparse). */
    public static Matrix of(AtlasData atlas, String what) {
        return of(atlas, null, what);
    }

    /**
     * The log-normalised expression of the gene columns {@code cols} (null = all), with counts normalised over those
     * columns only; X already log-normalised is only sliced.
     */
    public static Matrix of(AtlasData atlas, int[] cols, String what) {
        if (Scale.implicitTransform(atlas) != null || atlas.uns().get("scale") != null) {
            if (atlas.layers().containsKey("counts")) {
                return fromCounts(atlas.layer("counts"), cols);
            }
            throw new AtlasException(what + ": X is scaled and there is no layers['counts']; pass the Atlas before "
                    + "scale(), or keep counts with normalizeTotal()");
        }
        if (atlas.uns().get("log1p") != null) {
            return cols == null ? atlas.x() : atlas.x().selectCols(cols);
        }
        if (atlas.layers().containsKey("counts")) {
            return fromCounts(atlas.layer("counts"), cols);
        }
        if (Values.looksLikeCounts(atlas.x())) {
            return fromCounts(atlas.x(), cols);
        }
        throw new AtlasException(what + ": X is neither raw counts nor marked log-normalised (uns['log1p']); "
                + "give counts, or run normalizeTotal() and log1p() first");
    }

    private static Matrix fromCounts(Matrix counts, int[] cols) {
        return Log1p.log1p(NormalizeTotal.normalize(cols == null ? counts : counts.selectCols(cols), TARGET_SUM));
    }
}
