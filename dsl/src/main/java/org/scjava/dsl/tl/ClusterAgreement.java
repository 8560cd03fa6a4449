package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasException;

/**
 * Agreement of two partitions of the same cells: adjusted Rand index (Hubert &amp; Arabie 1985,
 * doi:10.1007/BF01908075) and normalised mutual information with the arithmetic-mean normalisation, both as
 * scikit-learn 1.2 ({@code adjusted_rand_score}, {@code normalized_mutual_info_score}). Hand-written: two
 * contingency-table formulas, not on Maven Central in a maintained library.
 */
public final class ClusterAgreement {

    private ClusterAgreement() {
    }

    /** ARI of the group codes {@code a} and {@code b} (0..n-1 each); 1 = identical, ≈0 = chance. */
    public static double adjustedRand(int[] a, int[] b) {
        long[][] t = contingency(a, b);
        double sumCells = 0;
        double sumRows = 0;
        double sumCols = 0;
        long[] cols = new long[t[0].length];
        for (long[] row : t) {
            long rs = 0;
            for (int j = 0; j < row.length; j++) {
                sumCells += pairs(row[j]);
                rs += row[j];
                cols[j] += row[j];
            }
            sumRows += pairs(rs);
        }
        for (long c : cols) {
            sumCols += pairs(c);
        }
        double total = pairs(a.length);
        double expected = sumRows * sumCols / total;
        double max = (sumRows + sumCols) / 2;
        if (max == expected) {
            return 1.0; // both partitions trivial (all one group or all singletons): identical by convention
        }
        return (sumCells - expected) / (max - expected);
    }

    /** NMI with arithmetic normalisation, {@code I(a;b) / ((H(a)+H(b))/2)}; 1 when both are a single group. */
    public static double normalizedMutualInfo(int[] a, int[] b) {
        long[][] t = contingency(a, b);
        int n = a.length;
        double[] rows = new double[t.length];
        double[] cols = new double[t[0].length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                rows[i] += t[i][j];
                cols[j] += t[i][j];
            }
        }
        double mi = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                if (t[i][j] > 0) {
                    mi += t[i][j] / (double) n * Math.log((double) t[i][j] * n / (rows[i] * cols[j]));
                }
            }
        }
        double ha = entropy(rows, n);
        double hb = entropy(cols, n);
        if (ha == 0 && hb == 0) {
            return 1.0;
        }
        double norm = (ha + hb) / 2;
        return norm > 0 ? Math.max(0, mi) / norm : 0;
    }

    private static double entropy(double[] counts, int n) {
        double h = 0;
        for (double c : counts) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }

    private static double pairs(long k) {
        return k * (k - 1) / 2.0;
    }

    private static long[][] contingency(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new AtlasException("cluster agreement: the two labelings must cover the same cells (got "
                    + a.length + " and " + b.length + ")");
        }
        int na = 0;
        int nb = 0;
        for (int i = 0; i < a.length; i++) {
            na = Math.max(na, a[i] + 1);
            nb = Math.max(nb, b[i] + 1);
        }
        long[][] t = new long[na][nb];
        for (int i = 0; i < a.length; i++) {
            t[a[i]][b[i]]++;
        }
        return t;
    }
}
