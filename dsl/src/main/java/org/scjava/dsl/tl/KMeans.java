package org.scjava.dsl.tl;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Lloyd's k-means with greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; {@code 2 + ln k} candidate centres
 * per step as scikit-learn 1.2 {@code KMeans(init="k-means++")}), the best of {@code nStarts} runs by inertia.
 * Harmony seeds its soft clustering with it (harmonypy and R harmony both run 10 starts of at most 25 iterations).
 *
 * <p>Hand-written because commons-math3's {@code KMeansPlusPlusClusterer} boxes every point and runs on one core;
 * here the assignment step runs over all cores on a flat row-major array.
 */
public final class KMeans {

    /** Centres ({@code k × d} row-major), labels per point and the inertia (sum of squared distances). */
    public record Result(double[] centers, int[] labels, double inertia, int iterations) {
    }

    private KMeans() {
    }

    /**
     * Clusters the {@code n} rows of {@code x} ({@code n × d} row-major) into {@code k} groups. Stops a run when the
     * squared centre shift falls below {@code 1e-4 ×} the mean per-dimension variance (scikit-learn's {@code tol}).
     */
    public static Result fit(double[] x, int n, int d, int k, int nStarts, int maxIter, long seed) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means: k must be in 1.." + n + ", got " + k);
        }
        double tol = 1e-4 * meanVariance(x, n, d);
        SplittableRandom rng = new SplittableRandom(seed);
        Result best = null;
        for (int s = 0; s < Math.max(1, nStarts); s++) {
            Result r = lloyd(x, n, d, seedCenters(x, n, d, k, rng.split()), k, maxIter, tol);
            if (best == null || r.inertia() < best.inertia()) {
                best = r;
            }
        }
        return best;
    }

    private static Result lloyd(double[] x, int n, int d, double[] centers, int k, int maxIter, double tol) {
        int[] labels = new int[n];
        int it = 0;
        while (it < maxIter) {
            it++;
            assign(x, n, d, centers, k, labels);
            double[] next = means(x, n, d, labels, k, centers);
            double shift = 0;
            for (int i = 0; i < next.length; i++) {
                double diff = next[i] - centers[i];
                shift += diff * diff;
            }
            centers = next;
            if (shift <= tol) {
                break;
            }
        }
        double inertia = assign(x, n, d, centers, k, labels);
        return new Result(centers, labels, inertia, it);
    }

    /** Nearest centre per point; returns the inertia. */
    private static double assign(double[] x, int n, int d, double[] centers, int k, int[] labels) {
        return IntStream.range(0, n).parallel().mapToDouble(i -> {
            double best = Double.POSITIVE_INFINITY;
            int arg = 0;
            for (int c = 0; c < k; c++) {
                double s = squaredDistance(x, i * d, centers, c * d, d);
                if (s < best) {
                    best = s;
                    arg = c;
                }
            }
            labels[i] = arg;
            return best;
        }).sum();
    }

    /** Cluster means; an empty cluster keeps its previous centre. */
    private static double[] means(double[] x, int n, int d, int[] labels, int k, double[] previous) {
        double[] sum = new double[k * d];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            count[c]++;
            for (int j = 0; j < d; j++) {
                sum[c * d + j] += x[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sum[c * d + j] = count[c] == 0 ? previous[c * d + j] : sum[c * d + j] / count[c];
            }
        }
        return sum;
    }

    /** Greedy k-means++: each new centre is the best (lowest potential) of {@code 2 + ln k} D²-sampled candidates. */
    static double[] seedCenters(double[] x, int n, int d, int k, SplittableRandom rng) {
        int trials = 2 + (int) Math.log(k);
        double[] centers = new double[k * d];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centers, 0, d);
        double[] closest = new double[n];
        for (int i = 0; i < n; i++) {
            closest[i] = squaredDistance(x, i * d, centers, 0, d);
        }
        double potential = Arrays.stream(closest).sum();
        for (int c = 1; c < k; c++) {
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            double[] bestClosest = null;
            for (int t = 0; t < trials; t++) {
                int cand = sample(closest, potential, rng);
                double[] upd = new double[n];
                double pot = 0;
                for (int i = 0; i < n; i++) {
                    upd[i] = Math.min(closest[i], squaredDistance(x, i * d, x, cand * d, d));
                    pot += upd[i];
                }
                if (pot < bestPotential) {
                    bestPotential = pot;
                    bestCandidate = cand;
                    bestClosest = upd;
                }
            }
            System.arraycopy(x, bestCandidate * d, centers, c * d, d);
            closest = bestClosest;
            potential = bestPotential;
        }
        return centers;
    }

    /** A point drawn with probability proportional to {@code weight}; uniform when all weights are 0. */
    private static int sample(double[] weight, double total, SplittableRandom rng) {
        if (!(total > 0)) {
            return rng.nextInt(weight.length);
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < weight.length; i++) {
            acc += weight[i];
            if (acc >= u) {
                return i;
            }
        }
        return weight.length - 1;
    }

    private static double meanVariance(double[] x, int n, int d) {
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + j];
            }
            mean /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double diff = x[i * d + j] - mean;
                v += diff * diff;
            }
            total += v / n;
        }
        return total / d;
    }

    static double squaredDistance(double[] a, int offA, double[] b, int offB, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[offA + j] - b[offB + j];
            s += diff * diff;
        }
        return s;
    }
}
