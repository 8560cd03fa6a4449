package org.scjava.dsl.tl;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The iterations of Harmony (Korsunsky et al. 2019, doi:10.1038/s41592-019-0619-0, Online Methods): soft k-means on
 * the cosine-normalised embedding with a batch-diversity penalty (Algorithm 2), then a mixture-of-experts ridge
 * correction per cluster (Algorithm 3), until the objective stops falling. Arrays are cell-major: {@code z[i*d+j]},
 * {@code r[i*K+k]}, so the per-cell steps run over all cores.
 *
 * <p>Batch design: each cell has one level per batch variable; {@code levels[i*nVars+v]} is the global index
 * (0..B-1) of cell i's level of variable v — the one-hot matrix Φ of the paper without storing it.
 */
final class HarmonyState {

    private static final int WINDOW = 3;

    private final int n;
    private final int d;
    private final int nClusters;
    private final int nLevels;
    private final int nVars;
    private final int[] levels;
    private final double[] prB;
    private final double[] theta;
    private final double[] lambda;
    private final double[] sigma;
    private final Harmony.Options o;
    private final SplittableRandom rng;

    private final double[] zOrig;
    private double[] zCorr;
    private double[] zCos;
    private double[] y;
    private final double[] dist;
    private final double[] r;
    private final double[] e;
    private final double[] obs;
    private final List<Double> objectiveKmeans = new ArrayList<>();
    private final List<Double> objectiveHarmony = new ArrayList<>();
    private int iterations;
    private boolean converged;

    HarmonyState(double[] z, int n, int d, int[] levels, int nVars, int nLevels, double[] theta, double[] lambda,
                 int nClusters, Harmony.Options o) {
        this.n = n;
        this.d = d;
        this.levels = levels;
        this.nVars = nVars;
        this.nLevels = nLevels;
        this.nClusters = nClusters;
        this.theta = theta;
        this.lambda = lambda;
        this.o = o;
        this.rng = new SplittableRandom(o.seed());
        this.sigma = new double[nClusters];
        java.util.Arrays.fill(sigma, o.sigma());
        this.prB = new double[nLevels];
        for (int lv : levels) {
            prB[lv] += 1.0 / n;
        }
        this.zOrig = z;
        this.zCorr = z.clone();
        this.zCos = normalizeRows(z, n, d);
        this.dist = new double[n * nClusters];
        this.r = new double[n * nClusters];
        this.e = new double[nClusters * nLevels];
        this.obs = new double[nClusters * nLevels];
    }

    /** Initial centroids from k-means on the cosine-normalised data (or given ones), then the first soft assignment. */
    void initialize(double[] initialCentroids) {
        y = initialCentroids != null ? initialCentroids.clone()
                : KMeans.fit(zCos, n, d, nClusters, o.kmeansStarts(), 25, rng.nextLong()).centers();
        y = normalizeRows(y, nClusters, d);
        distances();
        IntStream.range(0, n).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nClusters; k++) {
                max = Math.max(max, -dist[i * nClusters + k] / sigma[k]);
            }
            double sum = 0;
            for (int k = 0; k < nClusters; k++) {
                double v = Math.exp(-dist[i * nClusters + k] / sigma[k] - max);
                r[i * nClusters + k] = v;
                sum += v;
            }
            for (int k = 0; k < nClusters; k++) {
                r[i * nClusters + k] /= sum;
            }
        });
        java.util.Arrays.fill(e, 0);
        java.util.Arrays.fill(obs, 0);
        for (int i = 0; i < n; i++) {
            addCell(i, 1);
        }
        objectiveKmeans.add(objective());
        objectiveHarmony.add(objectiveKmeans.get(objectiveKmeans.size() - 1));
    }

    /** Outer loop: cluster, correct, stop when the relative fall of the objective is below epsilonHarmony. */
    void run() {
        for (int it = 1; it <= o.maxIterHarmony(); it++) {
            iterations = it;
            cluster();
            correct();
            double old = objectiveHarmony.get(objectiveHarmony.size() - 2);
            double now = objectiveHarmony.get(objectiveHarmony.size() - 1);
            if ((old - now) / Math.abs(old) < o.epsilonHarmony()) {
                converged = true;
                break;
            }
        }
    }

    double[] corrected() {
        return zCorr;
    }

    int iterations() {
        return iterations;
    }

    boolean converged() {
        return converged;
    }

    List<Double> objectiveHistory() {
        return List.copyOf(objectiveHarmony);
    }

    /** Algorithm 2: centroid update, distances, blockwise diversity-penalised assignment, until the windowed objective settles. */
    private void cluster() {
        for (int i = 0; i < o.maxIterKmeans(); i++) {
            updateCentroids();
            distances();
            updateAssignments();
            objectiveKmeans.add(objective());
            if (i > WINDOW && kmeansConverged()) {
                break;
            }
        }
        objectiveHarmony.add(objectiveKmeans.get(objectiveKmeans.size() - 1));
    }

    private boolean kmeansConverged() {
        int m = objectiveKmeans.size();
        double old = 0;
        double now = 0;
        for (int w = 0; w < WINDOW; w++) {
            old += objectiveKmeans.get(m - 2 - w);
            now += objectiveKmeans.get(m - 1 - w);
        }
        return Math.abs(old - now) / Math.abs(old) < o.epsilonCluster();
    }

    /** Y = normalise(Rᵀ Z_cos), accumulated in per-thread partial sums. */
    private void updateCentroids() {
        int chunks = Math.max(1, Math.min(n / 256, 4 * Runtime.getRuntime().availableProcessors()));
        double[] sum = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            double[] part = new double[nClusters * d];
            for (int i = c * n / chunks; i < (c + 1) * n / chunks; i++) {
                for (int k = 0; k < nClusters; k++) {
                    double w = r[i * nClusters + k];
                    for (int j = 0; j < d; j++) {
                        part[k * d + j] += w * zCos[i * d + j];
                    }
                }
            }
            return part;
        }).reduce(HarmonyState::add).orElseThrow();
        y = normalizeRows(sum, nClusters, d);
    }

    /** Cosine distance 2(1 − yₖ·zᵢ) of every cell to every centroid. */
    private void distances() {
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < nClusters; k++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += y[k * d + j] * zCos[i * d + j];
                }
                dist[i * nClusters + k] = 2 * (1 - dot);
            }
        });
    }

    /**
     * Updates R in {@code ceil(1/blockSize)} random blocks: remove the block from the observed (O) and expected (E)
     * batch-by-cluster counts, reassign with the penalty {@code ((E+1)/(O+1))^θ}, put it back.
     */
    private void updateAssignments() {
        double[] scaled = new double[n * nClusters];
        IntStream.range(0, n).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nClusters; k++) {
                max = Math.max(max, -dist[i * nClusters + k] / sigma[k]);
            }
            for (int k = 0; k < nClusters; k++) {
                scaled[i * nClusters + k] = Math.exp(-dist[i * nClusters + k] / sigma[k] - max);
            }
        });
        int[] order = shuffledOrder();
        int nBlocks = (int) Math.ceil(1 / o.blockSize());
        int base = n / nBlocks;
        int extra = n % nBlocks;
        int start = 0;
        double[] penalty = new double[nClusters * nLevels];
        for (int b = 0; b < nBlocks; b++) {
            int size = base + (b < extra ? 1 : 0);
            for (int p = start; p < start + size; p++) {
                addCell(order[p], -1);
            }
            for (int idx = 0; idx < penalty.length; idx++) {
                penalty[idx] = Math.pow((e[idx] + 1) / (obs[idx] + 1), theta[idx % nLevels]);
            }
            for (int p = start; p < start + size; p++) {
                reassign(order[p], scaled, penalty);
                addCell(order[p], 1);
            }
            start += size;
        }
    }

    private void reassign(int i, double[] scaled, double[] penalty) {
        double sum = 0;
        for (int k = 0; k < nClusters; k++) {
            double f = 0;
            for (int v = 0; v < nVars; v++) {
                f += penalty[k * nLevels + levels[i * nVars + v]];
            }
            double val = scaled[i * nClusters + k] * f;
            r[i * nClusters + k] = val;
            sum += val;
        }
        for (int k = 0; k < nClusters; k++) {
            r[i * nClusters + k] /= sum;
        }
    }

    /** Adds (sign 1) or removes (sign −1) cell i's soft assignment to O and E. */
    private void addCell(int i, int sign) {
        for (int k = 0; k < nClusters; k++) {
            double w = sign * r[i * nClusters + k];
            for (int b = 0; b < nLevels; b++) {
                e[k * nLevels + b] += w * prB[b];
            }
            for (int v = 0; v < nVars; v++) {
                obs[k * nLevels + levels[i * nVars + v]] += w;
            }
        }
    }

    private int[] shuffledOrder() {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Objective (Online Methods eq. 1): distortion + σ·entropy + σ·θ-weighted diversity cross-entropy. */
    private double objective() {
        double[] logRatio = new double[nClusters * nLevels];
        for (int idx = 0; idx < logRatio.length; idx++) {
            logRatio[idx] = theta[idx % nLevels] * Math.log((obs[idx] + 1) / (e[idx] + 1));
        }
        return IntStream.range(0, n).parallel().mapToDouble(i -> {
            double s = 0;
            for (int k = 0; k < nClusters; k++) {
                double rik = r[i * nClusters + k];
                double cross = 0;
                for (int v = 0; v < nVars; v++) {
                    cross += logRatio[k * nLevels + levels[i * nVars + v]];
                }
                s += rik * dist[i * nClusters + k] + sigma[k] * (rik > 0 ? rik * Math.log(rik) : 0) + sigma[k] * rik * cross;
            }
            return s;
        }).sum();
    }

    /**
     * Algorithm 3: per cluster k, ridge-regress Z_orig on the design [1, Φ] weighted by R_k (no penalty on the
     * intercept), subtract the batch terms weighted by each cell's R_ik; then re-normalise for the next clustering.
     */
    private void correct() {
        int p = nLevels + 1;
        int chunks = Math.max(1, Math.min(n / 256, 4 * Runtime.getRuntime().availableProcessors()));
        // per cluster: the (p × p) Gram matrix and the (p × d) right-hand side, summed over cells
        double[] acc = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            double[] part = new double[nClusters * (p * p + p * d)];
            for (int i = c * n / chunks; i < (c + 1) * n / chunks; i++) {
                accumulateCell(i, part, p);
            }
            return part;
        }).reduce(HarmonyState::add).orElseThrow();
        double[] w = new double[nClusters * p * d];
        for (int k = 0; k < nClusters; k++) {
            int off = k * (p * p + p * d);
            DMatrixRMaj gram = new DMatrixRMaj(p, p);
            DMatrixRMaj rhs = new DMatrixRMaj(p, d);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    gram.set(a, b, acc[off + a * p + b] + (a == b && a > 0 ? lambda[a - 1] : 0));
                }
                for (int j = 0; j < d; j++) {
                    rhs.set(a, j, acc[off + p * p + a * d + j]);
                }
            }
            DMatrixRMaj sol = new DMatrixRMaj(p, d);
            if (!CommonOps_DDRM.solve(gram, rhs, sol)) {
                throw new IllegalStateException("harmonize: singular ridge system in cluster " + k);
            }
            for (int a = 1; a < p; a++) { // row 0 (intercept) stays 0: the cluster's centre is kept
                for (int j = 0; j < d; j++) {
                    w[(k * p + a) * d + j] = sol.get(a, j);
                }
            }
        }
        double[] out = zOrig.clone();
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < nClusters; k++) {
                double rik = r[i * nClusters + k];
                for (int v = 0; v < nVars; v++) {
                    int row = (k * p + 1 + levels[i * nVars + v]) * d;
                    for (int j = 0; j < d; j++) {
                        out[i * d + j] -= rik * w[row + j];
                    }
                }
            }
        });
        zCorr = out;
        zCos = normalizeRows(out, n, d);
    }

    /** Adds cell i's terms of Φ_R·Φᵀ and Φ_R·Zᵀ for every cluster (design row [1, one-hot levels]). */
    private void accumulateCell(int i, double[] part, int p) {
        int[] rows = new int[nVars + 1];
        for (int v = 0; v < nVars; v++) {
            rows[v + 1] = 1 + levels[i * nVars + v];
        }
        for (int k = 0; k < nClusters; k++) {
            double rik = r[i * nClusters + k];
            int off = k * (p * p + p * d);
            for (int a : rows) {
                for (int b : rows) {
                    part[off + a * p + b] += rik;
                }
                int rhs = off + p * p + a * d;
                for (int j = 0; j < d; j++) {
                    part[rhs + j] += rik * zOrig[i * d + j];
                }
            }
        }
    }

    /** Sums two per-thread partials into the first (each partial is a fresh array, never a shared identity). */
    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** Rows scaled to unit L2 norm (zero rows stay zero). */
    static double[] normalizeRows(double[] x, int rows, int d) {
        double[] out = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int j = 0; j < d; j++) {
                out[i * d + j] = x[i * d + j] * inv;
            }
        }
        return out;
    }
}
