package org.scjava.dsl.pp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One-predictor local quadratic regression (Cleveland, Grosse &amp; Shyu 1992), R's {@code loess(y ~ x, span,
 * degree = 2)} evaluated exactly at each point ({@code surface = "direct"}; R's default "interpolate" evaluates on
 * a kd-tree and interpolates, which differs slightly in the last digits). Tricube weights over the
 * {@code floor(n·span)} nearest points. Hand-written: no Java library on Central provides loess with R's
 * neighbourhood definition; the problem is a few lines once the neighbourhoods are found. The n local fits are
 * independent and run on all cores.
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
        int[] from = new int[n];
        int lo = 0;
        for (int i = 0; i < n; i++) {
            while (lo + q < n && xs[i] - xs[lo] > xs[lo + q] - xs[i]) {
                lo++;
            }
            from[i] = lo;
        }
        double[] fitted = new double[n];
        // independent local fits: parallel over points (each writes only its own slot)
        IntStream.range(0, n).parallel().forEach(i -> {
            double x0 = xs[i];
            double h = Math.max(x0 - xs[from[i]], xs[from[i] + q - 1] - x0);
            fitted[boxed[i]] = localQuadratic(xs, ys, from[i], from[i] + q, x0, h);
        });
        return fitted;
    }

    private static double localQuadratic(double[] xs, double[] ys, int from, int to, double x0, double h) {
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
