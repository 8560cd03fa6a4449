package org.scjava.dsl.pp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One-predictor local quadratic regression (Cleveland, Grosse &amp; Shyu 1992) as R's {@code loess(y ~ x, span,
 * degree = 2)} computes it by default ({@code surface = "interpolate"}, {@code cell = 0.2}), which is what
 * Seurat's vst and scanpy's seurat_v3 flavor (skmisc.loess, the same Fortran) fit: a k-d tree splits the sorted
 * x at the median until a cell holds at most {@code floor(n·span·cell)} points (ties kept on one side, as
 * {@code ehg124} with its 2006 tie fix); at each cell boundary (vertex), and at the ends of the data range
 * widened by 0.5 % ({@code ehg126}), the local quadratic is fitted with tricube weights over the
 * {@code floor(n·span)} nearest points, giving a value and a slope; each point's fitted value is the cubic
 * Hermite interpolation between the vertices around it ({@code ehg128}). A few dozen local fits instead of one
 * per point. Hand-written: no Java library on Central provides loess with R's neighbourhoods and k-d tree.
 */
final class Loess {

    /** R's {@code loess.control(cell = 0.2)}: a cell of at most floor(n·span·cell) points is not split. */
    private static final double CELL = 0.2;

    private Loess() {
    }

    static double[] fit(double[] x, double[] y, double span) {
        int n = x.length;
        if (n < 3) {
            return y.clone();
        }
        int q = Math.max(3, Math.min(n, (int) Math.floor(n * span)));
        Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Comparator.comparingDouble(i -> x[i]));
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[boxed[i]];
            ys[i] = y[boxed[i]];
        }
        double[] vertices = vertices(xs, (int) Math.floor(n * (span * CELL)), Math.max(200, n));
        double[][] vval = new double[vertices.length][];
        IntStream.range(0, vertices.length).parallel().forEach(v -> vval[v] = fitAt(xs, ys, q, vertices[v]));
        double[] fitted = new double[n];
        int c = 1;
        for (int i = 0; i < n; i++) {
            while (c < vertices.length - 1 && xs[i] > vertices[c]) {
                c++; // the cell (v[c-1], v[c]] holds xs[i], as the tree descent "z <= xi goes left"
            }
            fitted[boxed[i]] = hermite(xs[i], vertices[c - 1], vertices[c], vval[c - 1], vval[c]);
        }
        return fitted;
    }

    /** The sorted vertices of R's k-d tree on sorted {@code xs} (ehg126 bounding box, ehg124 splits). */
    static double[] vertices(double[] xs, int fc, int nvmax) {
        int n = xs.length;
        double lo = xs[0];
        double hi = xs[n - 1];
        double margin = 0.005 * Math.max(hi - lo, 1e-10 * Math.max(Math.abs(lo), Math.abs(hi)) + 1e-30);
        java.util.List<Double> vertices = new java.util.ArrayList<>(java.util.List.of(lo - margin, hi + margin));
        // cells in R's creation order: point range [from, to] of xs and bounding vertices
        java.util.List<double[]> cells = new java.util.ArrayList<>();
        cells.add(new double[] {0, n - 1, lo - margin, hi + margin});
        for (int p = 0; p < cells.size(); p++) {
            double[] cell = cells.get(p);
            int l = (int) cell[0];
            int u = (int) cell[1];
            boolean leaf = u - l + 1 <= fc || cell[3] - cell[2] <= 0 || nvmax < cells.size() + 2
                    || nvmax < vertices.size() + 1;
            int m = (l + u) / 2;
            if (!leaf) {
                m = medianAvoidingTies(xs, l, u, m);
                leaf = cell[2] == xs[m] || cell[3] == xs[m];
            }
            if (!leaf) {
                vertices.add(xs[m]);
                cells.add(new double[] {l, m, cell[2], xs[m]});
                cells.add(new double[] {m + 1, u, xs[m], cell[3]});
            }
        }
        return vertices.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** ehg124's split index: the nearest of m, m+1, m−1, m+2, … whose value differs from the next one's. */
    private static int medianAvoidingTies(double[] xs, int l, int u, int m) {
        int offset = 0;
        while (m + offset < u && m + offset >= l) {
            if (xs[m + offset] != xs[m + offset + 1]) {
                return m + offset;
            }
            offset = -offset;
            if (offset >= 0) {
                offset++;
            }
        }
        return m;
    }

    /** Value and slope at {@code x0} of the local quadratic over the {@code q} points of xs nearest to it. */
    private static double[] fitAt(double[] xs, double[] ys, int q, double x0) {
        int lo = 0;
        while (lo + q < xs.length && x0 - xs[lo] > xs[lo + q] - x0) {
            lo++;
        }
        double h = Math.max(x0 - xs[lo], xs[lo + q - 1] - x0);
        return localQuadratic(xs, ys, lo, lo + q, x0, h);
    }

    /** Cubic Hermite interpolation on [v0, v1] from values and slopes {@code g0}, {@code g1} (ehg128, d = 1). */
    private static double hermite(double z, double v0, double v1, double[] g0, double[] g1) {
        double h = (z - v0) / (v1 - v0);
        double phi0 = (1 - h) * (1 - h) * (1 + 2 * h);
        double phi1 = h * h * (3 - 2 * h);
        double psi0 = h * (1 - h) * (1 - h);
        double psi1 = h * h * (h - 1);
        return phi0 * g0[0] + phi1 * g1[0] + (psi0 * g0[1] + psi1 * g1[1]) * (v1 - v0);
    }

    /** {value, slope} at x0 of the tricube-weighted quadratic fit to points [from, to) within distance h. */
    private static double[] localQuadratic(double[] xs, double[] ys, int from, int to, double x0, double h) {
        // weighted moments of v = (x − x0)/h (scaled so the normal equations stay well conditioned)
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double inv = h > 0 ? 1 / h : 0;
        for (int k = from; k < to; k++) {
            double v = (xs[k] - x0) * inv;
            double r = Math.abs(v);
            if (r >= 1) {
                continue;
            }
            double t = 1 - r * r * r;
            double w = t * t * t;
            double wv = w * v;
            double wv2 = wv * v;
            s0 += w;
            s1 += wv;
            s2 += wv2;
            s3 += wv2 * v;
            s4 += wv2 * v * v;
            t0 += w * ys[k];
            t1 += wv * ys[k];
            t2 += wv2 * ys[k];
        }
        double[][] a = {{s0, s1, s2, t0}, {s1, s2, s3, t1}, {s2, s3, s4, t2}};
        double weightedMean = t0 / s0;
        double[] coef = solve3(a);
        // a window of (nearly) identical x makes the quadratic singular: fall back to the local mean
        return coef == null ? new double[] {weightedMean, 0} : new double[] {coef[0], coef[1] * inv};
    }

    /** Gaussian elimination with partial pivoting on a 3×4 augmented system; null when singular. */
    private static double[] solve3(double[][] a) {
        for (int c = 0; c < 3; c++) {
            int piv = c;
            for (int r = c + 1; r < 3; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            if (Math.abs(a[c][c]) < 1e-12 * Math.max(1, Math.abs(a[0][0]))) {
                return null;
            }
            for (int r = c + 1; r < 3; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < 4; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] sol = new double[3];
        for (int r = 2; r >= 0; r--) {
            double s = a[r][3];
            for (int k = r + 1; k < 3; k++) {
                s -= a[r][k] * sol[k];
            }
            sol[r] = s / a[r][r];
        }
        return sol;
    }
}
