package org.scjava.dsl.tl;

import org.scjava.dsl.core.CsrMatrix;

import java.util.Arrays;

/**
 * UMAP's fuzzy simplicial set of a kNN graph (McInnes, Healy &amp; Melville 2018, arXiv:1802.03426), as umap-learn
 * 0.5 {@code fuzzy_simplicial_set} with {@code local_connectivity = 1}, {@code set_op_mix_ratio = 1} (the graph
 * scanpy's {@code neighbors(method="umap")} stores as connectivities): per cell ρ = distance to the nearest
 * non-identical neighbour, σ by bisection so that Σ exp(−(d − ρ)/σ) = log2 k, memberships exp(−(d − ρ)/σ),
 * symmetrised by the fuzzy union A + Aᵀ − A∘Aᵀ.
 */
public final class FuzzySimplicialSet {

    private static final int BISECTION_STEPS = 64;
    private static final double TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;

    private FuzzySimplicialSet() {
    }

    /** The symmetric membership-strength graph (n × n CSR, sorted columns, no self loops). */
    public static CsrMatrix connectivities(Knn.Result knn) {
        int n = knn.indices().length;
        int k = knn.indices()[0].length;
        double meanAll = 0;
        for (float[] row : knn.distances()) {
            for (float v : row) {
                meanAll += v;
            }
        }
        meanAll /= (double) n * k;
        double target = Math.log(k) / Math.log(2);
        // directed memberships, row i -> its neighbours
        double[][] w = new double[n][k];
        for (int i = 0; i < n; i++) {
            float[] d = knn.distances()[i];
            double rho = 0;
            for (float v : d) {
                if (v > 0) {
                    rho = v;
                    break;
                }
            }
            double sigma = sigma(d, rho, target, meanAll);
            for (int p = 0; p < k; p++) {
                int j = knn.indices()[i][p];
                if (j == i) {
                    w[i][p] = 0;
                } else if (d[p] - rho <= 0 || sigma == 0) {
                    w[i][p] = 1;
                } else {
                    w[i][p] = Math.exp(-(d[p] - rho) / sigma);
                }
            }
        }
        return fuzzyUnion(knn.indices(), w, n);
    }

    /** Bisection for σ as umap-learn's smooth_knn_dist (64 steps, tolerance 1e-5, floor 1e-3 × mean distance). */
    private static double sigma(float[] d, double rho, double target, double meanAll) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int it = 0; it < BISECTION_STEPS; it++) {
            double psum = 0;
            for (int p = 1; p < d.length; p++) {
                double e = d[p] - rho;
                psum += e > 0 ? Math.exp(-(e / mid)) : 1.0;
            }
            if (Math.abs(psum - target) < TOLERANCE) {
                break;
            }
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        double meanRow = 0;
        for (float v : d) {
            meanRow += v;
        }
        meanRow /= d.length;
        double floor = MIN_K_DIST_SCALE * (rho > 0 ? meanRow : meanAll);
        return Math.max(mid, floor);
    }

    /**
     * A + Aᵀ − A∘Aᵀ as CSR. Each row gathers its out-edges (value a) and in-edges (value b), sorted by column
     * through packed {@code column << 32 | slot} keys; duplicates of a column merge into one entry.
     */
    private static CsrMatrix fuzzyUnion(int[][] idx, double[][] w, int n) {
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < idx[i].length; p++) {
                if (w[i][p] > 0) {
                    count[i]++;
                    count[idx[i][p]]++;
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        long[] keys = new long[start[n]];
        double[] out = new double[start[n]]; // slot value: a (out-edge) or b (in-edge)
        boolean[] isOut = new boolean[start[n]];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < idx[i].length; p++) {
                if (w[i][p] > 0) {
                    int j = idx[i][p];
                    int s1 = fill[i]++;
                    keys[s1] = (long) j << 32 | s1;
                    out[s1] = w[i][p];
                    isOut[s1] = true;
                    int s2 = fill[j]++;
                    keys[s2] = (long) i << 32 | s2;
                    out[s2] = w[i][p];
                }
            }
        }
        long[] ip = new long[n + 1];
        int[] cols = new int[keys.length];
        float[] vals = new float[keys.length];
        int c = 0;
        for (int i = 0; i < n; i++) {
            Arrays.sort(keys, start[i], start[i + 1]);
            int k = start[i];
            while (k < start[i + 1]) {
                int col = (int) (keys[k] >>> 32);
                double a = 0;
                double b = 0;
                for (; k < start[i + 1] && (int) (keys[k] >>> 32) == col; k++) {
                    int slot = (int) keys[k];
                    if (isOut[slot]) {
                        a = out[slot];
                    } else {
                        b = out[slot];
                    }
                }
                cols[c] = col;
                vals[c++] = (float) (a + b - a * b);
            }
            ip[i + 1] = c;
        }
        return new CsrMatrix(n, n, ip, Arrays.copyOf(cols, c), Arrays.copyOf(vals, c));
    }

    /** kNN distances as CSR (k − 1 entries per row: the cell itself is left out), as scanpy's obsp["distances"]. */
    public static CsrMatrix distances(Knn.Result knn) {
        int n = knn.indices().length;
        int k = knn.indices()[0].length;
        long[] ip = new long[n + 1];
        int[] ix = new int[n * (k - 1)];
        float[] v = new float[ix.length];
        int c = 0;
        for (int i = 0; i < n; i++) {
            Integer[] order = new Integer[k - 1];
            int m = 0;
            for (int p = 0; p < k; p++) {
                if (knn.indices()[i][p] != i && m < k - 1) {
                    order[m++] = p;
                }
            }
            final int row = i;
            Arrays.sort(order, 0, m, (a, b) -> Integer.compare(knn.indices()[row][a], knn.indices()[row][b]));
            for (int q = 0; q < m; q++) {
                ix[c] = knn.indices()[i][order[q]];
                v[c++] = knn.distances()[i][order[q]];
            }
            ip[i + 1] = c;
        }
        return new CsrMatrix(n, n, ip, Arrays.copyOf(ix, c), Arrays.copyOf(v, c));
    }
}
