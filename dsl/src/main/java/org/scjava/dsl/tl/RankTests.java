package org.scjava.dsl.tl;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.scjava.dsl.core.CsrMatrix;

import java.util.Arrays;

/**
 * The per-gene tests of {@link RankGenesGroups}: Welch's t-test from summary statistics (scipy
 * {@code ttest_ind(equal_var=False)}) and the tie-corrected Wilcoxon rank-sum z (scipy {@code mannwhitneyu(
 * use_continuity=False, method="asymptotic")}), both two-sided, with tail probabilities from
 * commons-statistics (accurate far into the tails), and Benjamini–Hochberg adjustment.
 */
public final class RankTests {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private RankTests() {
    }

    /** {score, p}: Welch t and its two-sided p; (0, 1) where undefined (scanpy's NaN handling). */
    static double[] welch(double m1, double v1, double n1, double m2, double v2, double n2) {
        double a = v1 / n1;
        double b = v2 / n2;
        double se = Math.sqrt(a + b);
        double t = (m1 - m2) / se;
        double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
        if (!Double.isFinite(t) || !(df > 0)) {
            return new double[] {0, 1};
        }
        return new double[] {t, 2 * TDistribution.of(df).survivalProbability(Math.abs(t))};
    }

    /**
     * Rank sums of every group for every gene: {@code out[group][gene]}, with the tie correction factor per gene in
     * {@code tieCorrection}. {@code xt} is the genes × cells transpose of X; zeros are ranked with the values.
     */
    static double[][] rankSums(CsrMatrix xt, int[] codes, int nGroups, int[] groupSize, double[] tieCorrection) {
        int n = xt.nCols();
        int genes = xt.nRows();
        double[][] out = new double[nGroups][genes];
        for (int j = 0; j < genes; j++) {
            int a = xt.rowStart(j);
            int len = xt.rowEnd(j) - a;
            float[] vals = xt.data();
            int[] cells = xt.indices();
            Integer[] order = new Integer[len];
            for (int p = 0; p < len; p++) {
                order[p] = a + p;
            }
            Arrays.sort(order, (x, y) -> Float.compare(vals[x], vals[y]));
            int nNeg = 0;
            while (nNeg < len && vals[order[nNeg]] < 0) {
                nNeg++;
            }
            int zeros = n - len;
            double ties = zeros > 1 ? (double) zeros * zeros * zeros - zeros : 0;
            double zeroRank = nNeg + (zeros + 1) / 2.0;
            int[] nzInGroup = new int[nGroups];
            int p = 0;
            while (p < len) {
                int q = p;
                while (q + 1 < len && vals[order[q + 1]] == vals[order[p]]) {
                    q++;
                }
                int t = q - p + 1;
                double startRank = p < nNeg ? p + 1 : p + 1 + zeros;
                double rank = startRank + (t - 1) / 2.0;
                if (t > 1) {
                    ties += (double) t * t * t - t;
                }
                for (int r = p; r <= q; r++) {
                    int c = codes[cells[order[r]]];
                    if (c >= 0) {
                        out[c][j] += rank;
                        nzInGroup[c]++;
                    }
                }
                p = q + 1;
            }
            for (int c = 0; c < nGroups; c++) {
                out[c][j] += zeroRank * (groupSize[c] - nzInGroup[c]);
            }
            tieCorrection[j] = n > 1 ? 1 - ties / ((double) n * n * n - n) : 1;
        }
        return out;
    }

    /** {z, p} of a group's rank sum among n ranked cells. */
    static double[] wilcoxon(double rankSum, double nGroup, double n, double tieCorrection) {
        double std = Math.sqrt(tieCorrection * nGroup * (n - nGroup) * (n + 1) / 12.0);
        double z = (rankSum - nGroup * (n + 1) / 2.0) / std;
        if (!Double.isFinite(z)) {
            return new double[] {0, 1};
        }
        return new double[] {z, 2 * NORMAL.survivalProbability(Math.abs(z))};
    }

    /** Benjamini–Hochberg adjusted p-values (statsmodels {@code fdr_bh}). */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adj = new double[m];
        double running = 1;
        for (int r = m - 1; r >= 0; r--) {
            running = Math.min(running, p[order[r]] * m / (r + 1));
            adj[order[r]] = Math.min(1, running);
        }
        return adj;
    }
}
