package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasException;

import java.util.stream.IntStream;

/**
 * Local inverse Simpson's index (Korsunsky et al. 2019, doi:10.1038/s41592-019-0619-0, Online Methods; as the
 * authors' R {@code lisi} package and harmonypy 0.0.9 {@code compute_lisi}): around each cell, a Gaussian kernel
 * over its {@code 3 × perplexity} nearest neighbours (self excluded, Euclidean distances), its bandwidth found by
 * bisection so the kernel's entropy is {@code ln(perplexity)} (tolerance 1e-5, ≤ 50 steps); LISI is the inverse of
 * the kernel-weighted Simpson's index of the neighbours' labels. iLISI (batch labels) runs from 1 (one batch) to the
 * number of batches (perfect mixing); cLISI (cell-type labels) should stay near 1.
 */
public final class Lisi {

    private Lisi() {
    }

    /**
     * LISI per cell from neighbour lists without the cell itself: {@code indices[i]}/{@code distances[i]} sorted by
     * distance; {@code labels} are group codes.
     */
    public static double[] compute(int[][] indices, float[][] distances, int[] labels, double perplexity) {
        int n = indices.length;
        if (labels.length != n) {
            throw new AtlasException("lisi: " + labels.length + " labels for " + n + " cells");
        }
        int nGroups = 0;
        for (int l : labels) {
            nGroups = Math.max(nGroups, l + 1);
        }
        int groups = nGroups;
        double[] out = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> out[i] = 1 / simpson(indices[i], distances[i], labels, groups,
                perplexity));
        return out;
    }

    /** Kernel-weighted Simpson's index of one cell's neighbourhood; −1 marks a degenerate kernel, as the reference. */
    static double simpson(int[] idx, float[] dist, int[] labels, int nGroups, double perplexity) {
        double logU = Math.log(perplexity);
        double beta = 1;
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        double[] p = new double[idx.length];
        double h = entropy(dist, beta, p);
        for (int t = 0; t < 50 && Math.abs(h - logU) >= 1e-5; t++) {
            if (h - logU > 0) {
                betaMin = beta;
                beta = Double.isInfinite(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            } else {
                betaMax = beta;
                beta = Double.isInfinite(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
            h = entropy(dist, beta, p);
        }
        double simpson = h == 0 ? -1 : 0;
        double[] perGroup = new double[nGroups];
        for (int j = 0; j < idx.length; j++) {
            perGroup[labels[idx[j]]] += p[j];
        }
        for (double g : perGroup) {
            simpson += g * g;
        }
        return simpson;
    }

    /** Fills {@code p} with the normalised kernel at {@code beta} and returns its entropy (0 for an empty kernel). */
    private static double entropy(float[] dist, double beta, double[] p) {
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < dist.length; j++) {
            p[j] = Math.exp(-dist[j] * beta);
            sum += p[j];
            weighted += dist[j] * p[j];
        }
        if (sum == 0) {
            java.util.Arrays.fill(p, 0);
            return 0;
        }
        for (int j = 0; j < dist.length; j++) {
            p[j] /= sum;
        }
        return Math.log(sum) + beta * weighted / sum;
    }
}
