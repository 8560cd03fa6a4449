package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Harmony batch integration (Korsunsky et al. 2019, doi:10.1038/s41592-019-0619-0): alternates a soft k-means that
 * rewards clusters mixing all batches with a per-cluster linear (mixture-of-experts ridge) correction of the
 * embedding, as the published algorithm and its reference implementations (R harmony 0.1, harmonypy 0.0.9) with
 * their defaults: θ = 1, λ = 1, σ = 0.1, K = min(round(N/30), 100), block size 0.05, ≤ 10 rounds of ≤ 20 clustering
 * iterations, ε = 1e-5 / 1e-4, centroids seeded by 10 k-means++ starts on the cosine-normalised embedding.
 *
 * <p>Differences from harmonypy, none of which changes the algorithm: the random streams (k-means seeding, block
 * order) are Java's, so runs match harmonypy's in distribution, not bit for bit; harmonypy divides each cell by
 * its largest coordinate before the cosine normalisation (a sign flip for the rare cell whose coordinates are all
 * negative), here cells are only L2-normalised as in the paper and R harmony.
 *
 * <p><b>Reads</b> {@code obsm[useRep]} (default "X_pca"; run pca() or embed(model) first) and the batch columns of
 * obs. <b>Writes</b> {@code obsm[keyAdded]} (default "X_harmony", cells × dims float32) and
 * {@code uns["harmony"] = {params, iterations, converged, objective}}. <b>Memory</b>: O(cells × (dims + 3K)) doubles.
 */
public final class Harmony {

    /** Options with harmonypy's defaults; {@code nClusters} 0 = min(round(N/30), 100). */
    public record Options(double theta, double lambda, double sigma, int nClusters, double blockSize,
                          int maxIterHarmony, int maxIterKmeans, double epsilonCluster, double epsilonHarmony,
                          double tau, int kmeansStarts, long seed, String useRep, String keyAdded) {

        public static Options defaults() {
            return new Options(1, 1, 0.1, 0, 0.05, 10, 20, 1e-5, 1e-4, 0, 10, 0, "X_pca", "X_harmony");
        }

        public Options withTheta(double v) {
            return new Options(v, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withLambda(double v) {
            return new Options(theta, v, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withSigma(double v) {
            return new Options(theta, lambda, v, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withNClusters(int v) {
            return new Options(theta, lambda, sigma, v, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withBlockSize(double v) {
            return new Options(theta, lambda, sigma, nClusters, v, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withMaxIterHarmony(int v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, v, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withMaxIterKmeans(int v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, v, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withEpsilonCluster(double v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, v,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withEpsilonHarmony(double v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    v, tau, kmeansStarts, seed, useRep, keyAdded);
        }

        /** Discounts θ for small batches: θ·(1 − exp(−(N_b/(K·τ))²)); 0 = off. */
        public Options withTau(double v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, v, kmeansStarts, seed, useRep, keyAdded);
        }

        public Options withKmeansStarts(int v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, v, seed, useRep, keyAdded);
        }

        public Options withSeed(long v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, v, useRep, keyAdded);
        }

        /** The embedding to correct, e.g. "X_pca" (default) or a foundation-model embedding "X_scgpt". */
        public Options withUseRep(String v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(theta, lambda, sigma, nClusters, blockSize, maxIterHarmony, maxIterKmeans, epsilonCluster,
                    epsilonHarmony, tau, kmeansStarts, seed, useRep, v);
        }
    }

    /** The corrected embedding (cells × dims), rounds run, whether the objective converged, its value per round. */
    public record Result(DenseMatrix corrected, int nClusters, int iterations, boolean converged, List<Double> objective) {
    }

    private Harmony() {
    }

    /**
     * Static form: corrects {@code z} (cells × dims) for the batch variables, each given by name with one label per
     * cell (e.g. {@code Map.of("stim", labels)}).
     */
    public static Result correct(DenseMatrix z, Map<String, String[]> batches, Options o) {
        return correct(z, batches, o, null);
    }

    /**
     * As {@link #correct(DenseMatrix, Map, Options)} but starting from given centroids ({@code K × dims}, e.g. to
     * replay another implementation's k-means seeding) instead of k-means++.
     */
    public static Result correct(DenseMatrix z, Map<String, String[]> batches, Options o, DenseMatrix initialCentroids) {
        int n = z.nRows();
        int d = z.nCols();
        checkOptions(o, n);
        BatchDesign design = BatchDesign.of(batches, n);
        int k = o.nClusters() > 0 ? o.nClusters() : (int) Math.min(Math.rint(n / 30.0), 100);
        if (k < 2 || k > n) {
            throw new AtlasException("harmonize: needs 2.." + n + " clusters; with " + n + " cells the default "
                    + "min(round(N/30), 100) gives " + k + " — set Options.withNClusters(k) or use more cells");
        }
        if (initialCentroids != null && (initialCentroids.nRows() != k || initialCentroids.nCols() != d)) {
            throw new AtlasException("harmonize: initial centroids must be " + k + " x " + d + ", got "
                    + initialCentroids.shapeString());
        }
        double[] theta = design.perLevel(o.theta());
        if (o.tau() > 0) {
            for (int b = 0; b < theta.length; b++) {
                theta[b] *= 1 - Math.exp(-Math.pow(design.counts()[b] / (k * o.tau()), 2));
            }
        }
        HarmonyState s = new HarmonyState(toDouble(z.data()), n, d, design.levels(), design.nVars(), design.nLevels(),
                theta, design.perLevel(o.lambda()), k, o);
        s.initialize(initialCentroids == null ? null : toDouble(initialCentroids.data()));
        s.run();
        double[] c = s.corrected();
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = (float) c[i];
        }
        return new Result(new DenseMatrix(n, d, out), k, s.iterations(), s.converged(), s.objectiveHistory());
    }

    /** The verb: corrects {@code obsm[useRep]} for {@code batchKeys} and writes {@code obsm[keyAdded]}. */
    public static AtlasData apply(AtlasData atlas, List<String> batchKeys, Options o) {
        long start = System.nanoTime();
        if (batchKeys.isEmpty()) {
            throw new AtlasException("harmonize: give at least one batch key (an obs column such as \"batch\")");
        }
        if (!atlas.obsm().containsKey(o.useRep())) {
            throw new AtlasException("harmonize: no obsm[\"" + o.useRep() + "\"]; available: " + atlas.obsm().keySet()
                    + " — run pca() (or embed(model) and Options.withUseRep(\"X_<model>\")) first");
        }
        Map<String, String[]> batches = new LinkedHashMap<>();
        for (String key : batchKeys) {
            if (!atlas.obs().containsColumn(key)) {
                throw new AtlasException("harmonize: batch key '" + key + "' is not an obs column; available: "
                        + atlas.obs().columnNames().subList(1, atlas.obs().columnCount()));
            }
            batches.put(key, atlas.obsStrings(key));
        }
        Matrix rep = atlas.obsm(o.useRep());
        DenseMatrix z = rep instanceof DenseMatrix dm ? dm : ((org.scjava.dsl.core.CsrMatrix) rep)
                .toDense(org.scjava.dsl.core.MemoryBudget.defaults(), "obsm[\"" + o.useRep() + "\"]");
        Result r = correct(z, batches, o);
        atlas.putObsm(o.keyAdded(), r.corrected());
        Map<String, Object> params = params(batchKeys, o, r.nClusters());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        info.put("iterations", r.iterations());
        info.put("converged", r.converged());
        info.put("objective", r.objective().stream().mapToDouble(Double::doubleValue).toArray());
        atlas.uns().put("harmony", info);
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.put("iterations", r.iterations());
        hist.put("converged", r.converged());
        return atlas.record("harmonize", hist, start, "wrote obsm['" + o.keyAdded() + "'] from obsm['" + o.useRep()
                + "'] (" + r.iterations() + " rounds, " + (r.converged() ? "converged" : "not converged") + ")");
    }

    private static Map<String, Object> params(List<String> batchKeys, Options o, int k) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batch_keys", batchKeys.toArray(String[]::new)); // an array: what h5ad's uns can hold
        p.put("use_rep", o.useRep());
        p.put("theta", o.theta());
        p.put("lambda", o.lambda());
        p.put("sigma", o.sigma());
        p.put("n_clusters", k);
        p.put("block_size", o.blockSize());
        p.put("max_iter_harmony", o.maxIterHarmony());
        p.put("max_iter_kmeans", o.maxIterKmeans());
        p.put("epsilon_cluster", o.epsilonCluster());
        p.put("epsilon_harmony", o.epsilonHarmony());
        p.put("tau", o.tau());
        p.put("random_state", o.seed());
        return p;
    }

    private static void checkOptions(Options o, int n) {
        if (!(o.sigma() > 0) || !(o.blockSize() > 0 && o.blockSize() <= 1) || o.theta() < 0 || o.lambda() <= 0
                || o.maxIterHarmony() < 1 || o.maxIterKmeans() < 1) {
            throw new AtlasException("harmonize: invalid options " + o + " (need sigma > 0, 0 < blockSize <= 1, "
                    + "theta >= 0, lambda > 0, at least one iteration)");
        }
        if (n < 6) {
            throw new AtlasException("harmonize: needs at least 6 cells, got " + n);
        }
    }

    private static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** The one-hot batch design Φ, stored as each cell's level index per variable. */
    record BatchDesign(int[] levels, int nVars, int nLevels, int[] counts) {

        static BatchDesign of(Map<String, String[]> batches, int n) {
            int nVars = batches.size();
            if (nVars == 0) {
                throw new AtlasException("harmonize: give at least one batch variable");
            }
            List<String> names = new ArrayList<>(batches.keySet());
            int[] levels = new int[n * nVars];
            List<Integer> counts = new ArrayList<>();
            int offset = 0;
            for (int v = 0; v < nVars; v++) {
                String name = names.get(v);
                String[] labels = batches.get(name);
                if (labels.length != n) {
                    throw new AtlasException("harmonize: batch variable '" + name + "' has " + labels.length
                            + " labels for " + n + " cells");
                }
                TreeSet<String> distinct = new TreeSet<>();
                int missing = 0;
                for (String s : labels) {
                    if (s == null || s.isEmpty()) {
                        missing++;
                    } else {
                        distinct.add(s);
                    }
                }
                if (missing > 0) {
                    throw new AtlasException("harmonize: " + missing + " cells have no value in batch variable '" + name + "'"
                            + "; fill or drop them first");
                }
                if (distinct.size() < 2) {
                    throw new AtlasException("harmonize: batch variable '" + name + "' has a single value "
                            + distinct + "; there is nothing to integrate");
                }
                Map<String, Integer> index = new LinkedHashMap<>();
                for (String s : distinct) {
                    index.put(s, index.size());
                    counts.add(0);
                }
                for (int i = 0; i < n; i++) {
                    int lv = offset + index.get(labels[i]);
                    levels[i * nVars + v] = lv;
                    counts.set(lv, counts.get(lv) + 1);
                }
                offset += distinct.size();
            }
            return new BatchDesign(levels, nVars, offset, counts.stream().mapToInt(Integer::intValue).toArray());
        }

        double[] perLevel(double value) {
            double[] out = new double[nLevels];
            java.util.Arrays.fill(out, value);
            return out;
        }
    }
}
