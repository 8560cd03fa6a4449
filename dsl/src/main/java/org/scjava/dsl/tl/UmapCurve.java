package org.scjava.dsl.tl;

/**
 * The a, b of UMAP's low-dimensional similarity {@code 1 / (1 + a d^{2b})}, fitted by least squares to the
 * target curve {@code 1 if d < minDist else exp(−(d − minDist)/spread)} on 300 points in [0, 3·spread], as
 * umap-learn 0.5 {@code find_ab_params} does with scipy's {@code curve_fit} (Levenberg–Marquardt from (1, 1)).
 * Hand-written LM: a two-parameter fit does not justify a dependency.
 */
public final class UmapCurve {

    /** The fitted parameters. */
    public record AB(double a, double b) {
    }

    private UmapCurve() {
    }

    public static AB fit(double spread, double minDist) {
        int m = 300;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 3 * spread * i / (m - 1);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = cost(x, y, a, b);
        for (int it = 0; it < 500; it++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < m; i++) {
                if (x[i] == 0) {
                    continue; // f(0) = 1 for all a, b: no gradient
                }
                double p = Math.pow(x[i], 2 * b);
                double den = 1 + a * p;
                double r = 1 / den - y[i];
                double da = -p / (den * den);
                double db = -a * p * 2 * Math.log(x[i]) / (den * den);
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double haa = jaa * (1 + lambda);
            double hbb = jbb * (1 + lambda);
            double det = haa * hbb - jab * jab;
            double stepA = -(hbb * ga - jab * gb) / det;
            double stepB = -(haa * gb - jab * ga) / det;
            double na = a + stepA;
            double nb = b + stepB;
            double nc = na > 0 && nb > 0 ? cost(x, y, na, nb) : Double.POSITIVE_INFINITY;
            if (nc < cost) {
                boolean done = Math.abs(cost - nc) <= 1e-15 * Math.max(1, cost);
                a = na;
                b = nb;
                cost = nc;
                lambda /= 10;
                if (done) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new AB(a, b);
    }

    private static double cost(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
            s += r * r;
        }
        return s;
    }
}
