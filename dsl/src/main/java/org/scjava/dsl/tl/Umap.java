package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * UMAP embedding (McInnes, Healy &amp; Melville 2018, arXiv:1802.03426), our implementation of umap-learn 0.5.3's
 * {@code simplicial_set_embedding} as scanpy 1.9 {@code tl.umap} calls it on the neighbors graph: edges below
 * {@code w_max / n_epochs} dropped, {@link SpectralInit spectral initialisation} scaled to max |x| = 10 plus
 * N(0, 10⁻⁴) noise, rescaled to [0, 10], then {@link UmapLayout SGD with negative sampling} using a, b fitted from
 * {@code minDist} and {@code spread} ({@link UmapCurve}). Defaults are scanpy's: minDist 0.5, spread 1, 2
 * components, α 1, γ 1, 5 negative samples, epochs 500 (≤ 10,000 cells) else 200, seed 0. Deterministic by
 * default: the SGD runs a fixed set of edge chunks on all cores and merges their moves in a fixed order each epoch
 * (see {@link UmapLayout}; this differs from umap-learn, whose reproducible mode is single-threaded), so the same
 * seed gives the same embedding on every run and any number of cores; {@link Options#withParallel} switches to
 * umap-learn's lock-free Hogwild! mode, which is not reproducible. (No Java UMAP exists on Maven Central.)
 *
 * <p><b>Reads</b> {@code obsp["connectivities"]} (run {@code neighbors()} first) and, to place disconnected
 * components, the obsm representation named in {@code uns["neighbors"]["params"]["use_rep"]}. <b>Writes</b>
 * {@code obsm["X_umap"]} (cells × nComponents, float32), {@code uns["umap"] = {params: {a, b}}}. <b>Memory</b>:
 * O(edges) for the sampling schedule.
 */
public final class Umap {

    /** {@code nEpochs} ≤ 0 = umap-learn's default (500 up to 10,000 cells, else 200). */
    public record Options(double minDist, double spread, int nComponents, int nEpochs, double alpha, double gamma,
                          int negativeSampleRate, long seed, String neighborsKey, String keyAdded, boolean parallel) {
        public static Options defaults() {
            return new Options(0.5, 1.0, 2, 0, 1.0, 1.0, 5, 0, null, "X_umap", false);
        }

        public Options withMinDist(double v) {
            return new Options(v, spread, nComponents, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, keyAdded, parallel);
        }

        public Options withSpread(double v) {
            return new Options(minDist, v, nComponents, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, keyAdded, parallel);
        }

        public Options withNComponents(int v) {
            return new Options(minDist, spread, v, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, keyAdded, parallel);
        }

        public Options withNEpochs(int v) {
            return new Options(minDist, spread, nComponents, v, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, keyAdded, parallel);
        }

        public Options withSeed(long v) {
            return new Options(minDist, spread, nComponents, nEpochs, alpha, gamma, negativeSampleRate, v,
                    neighborsKey, keyAdded, parallel);
        }

        /** The neighbors key prefix given to {@code neighbors} (null = plain "connectivities"). */
        public Options withNeighborsKey(String v) {
            return new Options(minDist, spread, nComponents, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    v, keyAdded, parallel);
        }

        public Options withKeyAdded(String v) {
            return new Options(minDist, spread, nComponents, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, v, parallel);
        }

        /**
         * Hogwild! SGD on all cores (umap-learn's {@code parallel=True}): lock-free on a shared embedding, so it
         * depends on thread timing and is NOT reproducible; the default (false) is deterministic and also uses
         * all cores.
         */
        public Options withParallel(boolean v) {
            return new Options(minDist, spread, nComponents, nEpochs, alpha, gamma, negativeSampleRate, seed,
                    neighborsKey, keyAdded, v);
        }
    }

    private Umap() {
    }

    /** Static form: embeds the nodes of a symmetric connectivity graph (components placed at random). */
    public static DenseMatrix embed(CsrMatrix graph, Options o) {
        return embed(graph, null, o);
    }

    /**
     * Static form with the representation the graph was built from ({@code data}, cells × features, may be
     * null): as umap-learn, it places the connected components when there are more than 2·nComponents of them.
     */
    public static DenseMatrix embed(CsrMatrix graph, DenseMatrix data, Options o) {
        int n = graph.nRows();
        int dim = o.nComponents();
        if (dim < 1 || n <= dim + 1) {
            throw new AtlasException("umap: need more than " + (dim + 1) + " cells for " + dim + " components");
        }
        int nEpochs = o.nEpochs() > 0 ? o.nEpochs() : n <= 10_000 ? 500 : 200;
        CsrMatrix pruned = prune(graph, nEpochs > 10 ? nEpochs : (n <= 10_000 ? 500 : 200));
        double[] init = SpectralInit.layout(pruned, data, dim, o.seed());
        double max = 0;
        for (double v : init) {
            max = Math.max(max, Math.abs(v));
        }
        SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        float[] emb = new float[n * dim];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) (init[i] * (10.0 / max) + gaussian(rnd) * 1e-4);
        }
        rescale(emb, n, dim);
        UmapCurve.AB ab = UmapCurve.fit(o.spread(), o.minDist());
        UmapLayout.optimize(emb, dim, pruned, nEpochs, ab.a(), ab.b(), o.gamma(), o.alpha(),
                o.negativeSampleRate(), o.seed(), o.parallel());
        return new DenseMatrix(n, dim, emb);
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        String key = o.neighborsKey() == null ? "connectivities" : o.neighborsKey() + "_connectivities";
        Matrix g = atlas.obsp().get(key);
        if (!(g instanceof CsrMatrix graph)) {
            throw new AtlasException("umap: no sparse obsp['" + key + "']; run neighbors() first");
        }
        DenseMatrix emb = embed(graph, representation(atlas, o), o);
        atlas.putObsm(o.keyAdded(), emb);
        UmapCurve.AB ab = UmapCurve.fit(o.spread(), o.minDist());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", ab.a());
        params.put("b", ab.b());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        atlas.uns().put("umap", info);
        Map<String, Object> hist = new LinkedHashMap<>();
        hist.put("min_dist", o.minDist());
        hist.put("spread", o.spread());
        hist.put("n_components", o.nComponents());
        hist.put("n_epochs", o.nEpochs() > 0 ? o.nEpochs() : atlas.nObs() <= 10_000 ? 500 : 200);
        hist.put("negative_sample_rate", o.negativeSampleRate());
        hist.put("a", ab.a());
        hist.put("b", ab.b());
        hist.put("random_state", o.seed());
        hist.put("parallel", o.parallel());
        return atlas.record("umap", hist, start, "wrote obsm['" + o.keyAdded() + "']");
    }

    /** The representation named in the neighbors' params (umap-learn's {@code data}), or null when unknown. */
    private static DenseMatrix representation(AtlasData atlas, Options o) {
        Object info = atlas.uns().get(o.neighborsKey() == null ? "neighbors" : o.neighborsKey());
        if (info instanceof Map<?, ?> m && m.get("params") instanceof Map<?, ?> p && p.get("use_rep") instanceof String rep
                && atlas.obsm().containsKey(rep)) {
            return Neighbors.representation(atlas, rep);
        }
        return null;
    }

    /** Drops edges below w_max / nEpochs (they would never be sampled). */
    private static CsrMatrix prune(CsrMatrix g, int nEpochs) {
        float max = 0;
        for (float v : g.data()) {
            max = Math.max(max, v);
        }
        float cut = max / nEpochs;
        long[] ip = new long[g.nRows() + 1];
        int[] ix = new int[g.nnz()];
        float[] vals = new float[g.nnz()];
        int c = 0;
        for (int r = 0; r < g.nRows(); r++) {
            for (int k = g.rowStart(r); k < g.rowEnd(r); k++) {
                if (g.data()[k] >= cut && g.indices()[k] != r) {
                    ix[c] = g.indices()[k];
                    vals[c++] = g.data()[k];
                }
            }
            ip[r + 1] = c;
        }
        return new CsrMatrix(g.nRows(), g.nCols(), ip, java.util.Arrays.copyOf(ix, c), java.util.Arrays.copyOf(vals, c));
    }

    /** Each coordinate to [0, 10], as umap-learn before optimising. */
    private static void rescale(float[] emb, int n, int dim) {
        for (int d = 0; d < dim; d++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, emb[i * dim + d]);
                hi = Math.max(hi, emb[i * dim + d]);
            }
            float range = hi > lo ? hi - lo : 1;
            for (int i = 0; i < n; i++) {
                emb[i * dim + d] = 10f * (emb[i * dim + d] - lo) / range;
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
