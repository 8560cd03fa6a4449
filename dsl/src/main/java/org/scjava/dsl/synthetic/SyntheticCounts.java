package org.scjava.dsl.synthetic;

import org.scjava.dsl.core.CsrMatrix;

import java.util.SplittableRandom;

/**
 * The count model of {@link SyntheticAtlas}: UMI counts x[c,g] ~ NegativeBinomial(mean = s_c · μ_g · f_{t(c),g},
 * size θ_g), the model scRNA-seq counts follow (Hafemeister &amp; Satija 2019, doi:10.1186/s13059-019-1874-1;
 * Svensson 2020, doi:10.1038/s41587-019-0379-5).
 *
 * <ul>
 *   <li>gene means: log μ_g ~ N(−4, 2) — heavy-tailed like real genes; about 7 % of entries non-zero, ~2,900 UMIs
 *       and ~1,400 detected genes per cell at 20k genes (10x Chromium-like);</li>
 *   <li>overdispersion φ_g = 1/θ_g = 0.1 + 1/√(1 + μ_g), higher for lowly expressed genes;</li>
 *   <li>size factors log s_c ~ N(0, 0.4); {@value #TYPES} cell types, each with {@value #MARKERS} marker genes
 *       6-fold up, so embeddings and PCA have structure to find.</li>
 * </ul>
 *
 * Sampling is sparse and exact per entry: the probability of a non-zero is looked up per (size-factor bin, cell type,
 * gene) — {@value #BINS} bins over the size factors — and a non-zero value is drawn from the zero-truncated NB by
 * inverse CDF. Each block of cells has its own random stream derived from the seed and the block index, so the output
 * does not depend on the number of threads.
 */
final class SyntheticCounts {

    static final int TYPES = 10;
    static final int MARKERS = 100;
    static final int BINS = 16;
    private static final double SIZE_SD = 0.4;
    private static final double BIN_SPAN = 3.0; // bins cover ±3 standard deviations of log s

    private final int nGenes;
    private final double[] theta;
    /** [type][bin][gene]: mean, P(x = 0) and NB success ratio m/(θ+m). */
    private final float[][][] p0;
    private final float[][][] ratio;
    private final long seed;

    SyntheticCounts(int nGenes, long seed) {
        this.nGenes = nGenes;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        double[] mu = new double[nGenes];
        theta = new double[nGenes];
        for (int g = 0; g < nGenes; g++) {
            mu[g] = Math.exp(-4 + 2 * gaussian(r));
            theta[g] = 1 / (0.1 + 1 / Math.sqrt(1 + mu[g]));
        }
        double[][] fold = new double[TYPES][nGenes];
        for (int t = 0; t < TYPES; t++) {
            java.util.Arrays.fill(fold[t], 1);
            for (int k = 0; k < Math.min(MARKERS, nGenes); k++) {
                fold[t][r.nextInt(nGenes)] = 6;
            }
        }
        p0 = new float[TYPES][BINS][nGenes];
        ratio = new float[TYPES][BINS][nGenes];
        for (int t = 0; t < TYPES; t++) {
            for (int b = 0; b < BINS; b++) {
                double s = Math.exp(binCentre(b));
                for (int g = 0; g < nGenes; g++) {
                    double m = s * mu[g] * fold[t][g];
                    p0[t][b][g] = (float) Math.pow(theta[g] / (theta[g] + m), theta[g]);
                    ratio[t][b][g] = (float) (m / (theta[g] + m));
                }
            }
        }
    }

    private static double binCentre(int b) {
        return (-BIN_SPAN + (b + 0.5) * 2 * BIN_SPAN / BINS) * SIZE_SD;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Cells of block {@code block} (cells [first, first + n)) with their types; deterministic in (seed, block). */
    Block block(long block, int n) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (block + 1)));
        int[] type = new int[n];
        long[] indptr = new long[n + 1];
        int[] indices = new int[Math.max(16, n * nGenes / 12)];
        float[] data = new float[indices.length];
        int k = 0;
        for (int c = 0; c < n; c++) {
            type[c] = r.nextInt(TYPES);
            double logS = SIZE_SD * gaussian(r);
            int bin = (int) Math.floor((logS / SIZE_SD + BIN_SPAN) / (2 * BIN_SPAN) * BINS);
            bin = Math.max(0, Math.min(BINS - 1, bin));
            float[] zero = p0[type[c]][bin];
            float[] q = ratio[type[c]][bin];
            for (int g = 0; g < nGenes; g++) {
                float u = (r.nextInt() >>> 8) * 0x1.0p-24f;
                if (u < zero[g]) {
                    continue;
                }
                if (k == indices.length) {
                    indices = java.util.Arrays.copyOf(indices, k * 2);
                    data = java.util.Arrays.copyOf(data, k * 2);
                }
                indices[k] = g;
                data[k++] = truncatedValue(u, zero[g], q[g], theta[g]);
            }
            indptr[c + 1] = k;
        }
        CsrMatrix x = new CsrMatrix(n, nGenes, indptr, java.util.Arrays.copyOf(indices, k),
                java.util.Arrays.copyOf(data, k), "float32");
        return new Block(x, type);
    }

    /** Inverse CDF of NB(size θ, success ratio q) at {@code u} ≥ P(0): the smallest k ≥ 1 with CDF(k) > u. */
    private static float truncatedValue(float u, float pZero, float q, double theta) {
        double pk = pZero;
        double cdf = pZero;
        int k = 0;
        while (cdf <= u && k < 100_000) {
            pk *= (k + theta) / (k + 1) * q;
            k++;
            cdf += pk;
        }
        return Math.max(1, k);
    }

    /** One block of generated cells. */
    record Block(CsrMatrix x, int[] type) {
    }
}
