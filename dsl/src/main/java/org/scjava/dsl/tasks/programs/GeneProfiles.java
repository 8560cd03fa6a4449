package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.MemoryBudget;
import org.scjava.dsl.pp.Log1p;
import org.scjava.dsl.pp.NormalizeTotal;
import org.scjava.dsl.tasks.perturb.Sampling;

import java.util.List;
import java.util.Map;

/**
 * Standardised expression profiles of genes over cells: each gene's log-normalised values, centred and scaled to unit
 * length, one row per gene, so that the dot product of two rows is their Pearson correlation across cells. The
 * expression-only gene-program baseline clusters these rows; {@link #coherence} scores any module on them.
 *
 * <p>Log-normalised expression: X when {@code uns["log1p"]} is set; otherwise X must hold counts and is normalised
 * to 10⁴ per cell and log1p-transformed on the fly (the Atlas is not changed). Atlases with more than
 * {@code maxCells} cells are subsampled (seeded) first. <b>Memory</b>: genes × cells floats, checked against
 * {@link MemoryBudget#defaults()}.
 */
public final class GeneProfiles {

    private final List<String> genes;
    private final DenseMatrix unit;

    private GeneProfiles(List<String> genes, DenseMatrix unit) {
        this.genes = genes;
        this.unit = unit;
    }

    /** Profiles of {@code genes} (all must be in var) over at most {@code maxCells} cells. */
    public static GeneProfiles of(AtlasData atlas, List<String> genes, int maxCells, long seed) {
        Map<String, Integer> index = atlas.varIndex();
        int[] cols = new int[genes.size()];
        for (int g = 0; g < cols.length; g++) {
            Integer j = index.get(genes.get(g));
            if (j == null) {
                throw new AtlasException("gene profiles: gene '" + genes.get(g) + "' is not in var");
            }
            cols[g] = j;
        }
        int[] rows = Sampling.sample(atlas.nObs(), maxCells, seed);
        MemoryBudget.defaults().check("gene profiles (" + genes.size() + " genes x " + rows.length + " cells)",
                4L * genes.size() * rows.length);
        Matrix x = logExpression(atlas).selectRows(rows).selectCols(cols);
        return new GeneProfiles(List.copyOf(genes), standardise(x));
    }

    /** X log-normalised as described in the class comment. */
    public static Matrix logExpression(AtlasData atlas) {
        if (atlas.uns().get("log1p") != null) {
            return atlas.x();
        }
        Matrix x = atlas.x();
        float[] v = x instanceof CsrMatrix csr ? csr.data() : ((DenseMatrix) x).data();
        for (int k = 0; k < Math.min(v.length, 10_000); k++) {
            if (v[k] < 0 || v[k] != Math.rint(v[k])) {
                throw new AtlasException("gene programs need counts or log-normalised X: X has non-integer value "
                        + v[k] + " but uns['log1p'] is not set; run normalizeTotal(1e4) and log1p() on counts");
            }
        }
        return Log1p.log1p(NormalizeTotal.normalize(x, 1e4));
    }

    public List<String> genes() {
        return genes;
    }

    /** genes × cells, rows centred and of unit length (all-zero for a constant gene). */
    public DenseMatrix unitRows() {
        return unit;
    }

    /**
     * Mean pairwise Pearson correlation of the module's genes (those among {@link #genes()}); NaN below 2 genes.
     * Computed as (‖Σ zᵢ‖² − Σ ‖zᵢ‖²) / (n(n − 1)) over the unit rows zᵢ.
     */
    public double coherence(List<String> module, Map<String, Integer> rowOf) {
        int cells = unit.nCols();
        double[] sum = new double[cells];
        double self = 0;
        int n = 0;
        float[] z = unit.data();
        for (String g : module) {
            Integer r = rowOf.get(g);
            if (r == null) {
                continue;
            }
            n++;
            for (int c = 0; c < cells; c++) {
                double v = z[r * cells + c];
                sum[c] += v;
                self += v * v;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double total = 0;
        for (double s : sum) {
            total += s * s;
        }
        return (total - self) / ((double) n * (n - 1));
    }

    /** Transposes cells × genes into genes × cells rows, centred and unit-length. */
    private static DenseMatrix standardise(Matrix x) {
        int cells = x.nRows();
        int g = x.nCols();
        float[] out = new float[g * cells];
        float[] row = new float[g];
        for (int c = 0; c < cells; c++) {
            x.rowInto(c, row);
            for (int j = 0; j < g; j++) {
                out[j * cells + c] = row[j];
            }
        }
        for (int j = 0; j < g; j++) {
            double mean = 0;
            for (int c = 0; c < cells; c++) {
                mean += out[j * cells + c];
            }
            mean /= cells;
            double ss = 0;
            for (int c = 0; c < cells; c++) {
                double v = out[j * cells + c] - mean;
                ss += v * v;
            }
            double f = ss > 0 ? 1 / Math.sqrt(ss) : 0;
            for (int c = 0; c < cells; c++) {
                out[j * cells + c] = (float) ((out[j * cells + c] - mean) * f);
            }
        }
        return new DenseMatrix(g, cells, out);
    }
}
