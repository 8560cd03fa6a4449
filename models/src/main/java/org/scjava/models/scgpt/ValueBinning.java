package org.scjava.models.scgpt;

import java.util.Arrays;

/**
 * scGPT's per-cell value binning ({@code scgpt.preprocess.binning} with {@code n_bins=51}, as the data collator of
 * {@code embed_data} applies it to the non-zero raw counts of a cell): 50 quantile edges
 * {@code numpy.quantile(x, numpy.linspace(0, 1, 50))} ('linear' method, recomputed here in double exactly as numpy
 * does it), then a bin in 1..50 per value. When a value equals two or more identical edges the official code draws the
 * bin uniformly from {@code [lo, hi]}; {@link Ties} selects the deterministic upper end (the reference fixtures'
 * choice, one of the official outcomes) or a seeded draw.
 */
public final class ValueBinning {

    /** Bin count used by the collator (hard-coded 51 there): 50 edges, bins 1..50. */
    public static final int N_BINS = 51;

    /** How to resolve values that sit on repeated edges. */
    public enum Ties {
        /** {@code numpy.digitize(x, edges)}: the upper end of the allowed range (deterministic). */
        UPPER,
        /** Uniform in {@code [lo, hi]} like the official code, from a per-cell seeded generator. */
        RANDOM
    }

    private ValueBinning() {
    }

    /** The 50 edges of {@code values} (float32 counts), in double. */
    public static double[] edges(float[] values) {
        float[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        int m = N_BINS - 1;
        double[] edges = new double[m];
        for (int j = 0; j < m; j++) {
            double q = j == m - 1 ? 1.0 : j * (1.0 / (m - 1));
            double vi = (n - 1) * q;
            if (vi >= n - 1) {
                edges[j] = x[n - 1];
                continue;
            }
            int lo = (int) Math.floor(vi);
            double t = vi - lo;
            double diff = (float) (x[lo + 1] - x[lo]); // numpy subtracts in the array's float32
            edges[j] = t >= 0.5 ? x[lo + 1] - diff * (1 - t) : x[lo] + diff * t;
        }
        return edges;
    }

    /** {@code #{edges <= x}} ({@code numpy.digitize(x, edges)}). */
    public static int upper(double x, double[] edges) {
        int n = 0;
        for (double e : edges) {
            if (e <= x) {
                n++;
            }
        }
        return n;
    }

    /** The lowest bin the official code can draw for {@code x}: {@code #{edges < x} + 1}, or {@link #upper} if equal. */
    public static int lower(double x, double[] edges) {
        int below = 0;
        for (double e : edges) {
            if (e < x) {
                below++;
            }
        }
        int hi = upper(x, edges);
        return hi > below ? below + 1 : hi;
    }

    /** Bins (as floats, the model's input values) of the non-zero counts {@code values}. */
    public static float[] bin(float[] values, Ties ties, java.util.SplittableRandom random) {
        float[] out = new float[values.length];
        if (values.length == 0) {
            return out;
        }
        double[] edges = edges(values);
        for (int i = 0; i < values.length; i++) {
            int hi = upper(values[i], edges);
            if (ties == Ties.RANDOM) {
                int lo = lower(values[i], edges);
                out[i] = lo == hi ? hi : lo + random.nextInt(hi - lo + 1);
            } else {
                out[i] = hi;
            }
        }
        return out;
    }
}
