package org.scjava.dsl.pp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One-predictor local quadratic regression (Cleveland, Grosse &amp; Shyu 1992), R's {@code loess(y ~ x, span,
 * degree = 2)} evaluated exactly at each point ({@code surface = "direct"}; R's default "interpolate" evaluates on
 * a kd-tree and interpolates, which differs slightly in the last digits). Tricube weights over the
 * {@code floor(n·span)} nearest points. Hand-written: no Java library on Central provides loess with R's
 * neighbourhood definition; the problem is a few lines once the neighbourhoods are found.
 */
final class Loess {

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
        double[] fitted = new double[n];
        int lo = 0;
        for (int i = 0; i < n; i++) {
            double x0 = xs[i];
            while (lo + q < n && x0 - xs[lo] > xs[lo + q] - x0) {
                lo++;
            }
            double h = Math.max(x0 - xs[lo], xs[lo + q - 1] - x0);
            fitted[boxed[i]] = localQuadratic(xs, ys, lo, lo + q, x0, h);
        }
        return fitted;
    }

    private static double localQuadratic(double[] xs, double[] ys, int from, int to, double x0, double h) {
        double[][] a = new double[3][4];
        for (int k = from; k < to; k++) {
            double u = xs[k] - x0;
            double r = h > 0 ? Math.abs(u) / h : 0;
            if (r >= 1) {
                continue;
            }
            double t = 1 - r * r * r;
            double w = t * t * t;
            double v = h > 0 ? u / h : 0; // scaled so the normal equations stay well conditioned
            double[] basis = {1, v, v * v};
            for (int p = 0; p < 3; p++) {
                for (int c = 0; c < 3; c++) {
                    a[p][c] += w * basis[p] * basis[c];
                }
                a[p][3] += w * basis[p] * ys[k];
            }
        }
        double weightedMean = a[0][3] / a[0][0];
        double fit = solve3(a);
        // a window of (nearly) identical x makes the quadratic singular: fall back to the local mean
        return Double.isNaN(fit) ? weightedMean : fit;
    }

    /** Gaussian elimination with partial pivoting on a 3×4 augmented system; returns the intercept. */
    private static double solve3(double[][] a) {
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
                return Double.NaN;
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
        return sol[0];
    }
}
