package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.MemoryBudget;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cell neighbourhood graph, as scanpy 1.9 {@code pp.neighbors(method="umap")}: k nearest neighbours in a
 * representation ({@link Knn}: exact below 10,000 cells, NN-descent as pynndescent above, seed 0 as scanpy's
 * {@code random_state}; both reproducible), then UMAP's fuzzy connectivities ({@link FuzzySimplicialSet}, McInnes
 * et al. 2018, arXiv:1802.03426). {@code k} counts the cell itself (scanpy's {@code n_neighbors = 15}).
 *
 * <p><b>Reads</b> {@code obsm[rep]} (default "X_pca": run {@code pca()} first; X is used when it has fewer than 50
 * genes). <b>Writes</b> {@code obsp["distances"]} (k − 1 per row), {@code obsp["connectivities"]} (symmetric),
 * {@code uns["neighbors"] = {connectivities_key, distances_key, params}}. <b>Memory</b>: O(cells × k).
 */
public final class Neighbors {

    public record Options(int nNeighbors, Knn.Metric metric, String useRep, Knn.Method method, String keyAdded) {
        public static Options defaults() {
            return new Options(15, Knn.Metric.EUCLIDEAN, "X_pca", Knn.Method.AUTO, null);
        }

        public Options withNNeighbors(int v) {
            return new Options(v, metric, useRep, method, keyAdded);
        }

        public Options withMetric(Knn.Metric v) {
            return new Options(nNeighbors, v, useRep, method, keyAdded);
        }

        /** obsm key of the representation ("X_pca", "X_scgpt", ...) or "X". */
        public Options withUseRep(String v) {
            return new Options(nNeighbors, metric, v, method, keyAdded);
        }

        public Options withMethod(Knn.Method v) {
            return new Options(nNeighbors, metric, useRep, v, keyAdded);
        }

        /** Prefix for the keys ({@code <key>_connectivities}, {@code uns[<key>]}); null = scanpy's plain names. */
        public Options withKeyAdded(String v) {
            return new Options(nNeighbors, metric, useRep, method, v);
        }
    }

    private Neighbors() {
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        DenseMatrix rep = representation(atlas, o.useRep());
        Knn.Result knn = Knn.search(rep, o.nNeighbors(), o.metric(), o.method());
        CsrMatrix conn = FuzzySimplicialSet.connectivities(knn);
        CsrMatrix dist = FuzzySimplicialSet.distances(knn);
        String connKey = o.keyAdded() == null ? "connectivities" : o.keyAdded() + "_connectivities";
        String distKey = o.keyAdded() == null ? "distances" : o.keyAdded() + "_distances";
        atlas.putObsp(connKey, conn);
        atlas.putObsp(distKey, dist);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_neighbors", o.nNeighbors());
        params.put("method", "umap");
        params.put("metric", o.metric().name().toLowerCase(Locale.ROOT));
        params.put("use_rep", o.useRep());
        params.put("knn_search", knn.method().name().toLowerCase(Locale.ROOT));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("connectivities_key", connKey);
        info.put("distances_key", distKey);
        info.put("params", params);
        atlas.uns().put(o.keyAdded() == null ? "neighbors" : o.keyAdded(), info);
        return atlas.record("neighbors", params, start, "wrote obsp['" + connKey + "'], obsp['" + distKey + "'] ("
                + knn.method().name().toLowerCase(Locale.ROOT) + " kNN)");
    }

    /** The representation as a dense matrix: obsm[key], or X (densified after a budget check) for "X". */
    static DenseMatrix representation(AtlasData atlas, String key) {
        Matrix m;
        if ("X".equals(key) || (key.equals("X_pca") && !atlas.obsm().containsKey("X_pca") && atlas.nVars() < 50)) {
            m = atlas.x();
        } else {
            m = atlas.obsm(key);
        }
        if (m instanceof CsrMatrix csr) {
            return csr.toDense(MemoryBudget.defaults(), "the neighbors representation '" + key + "'");
        }
        DenseMatrix d = (DenseMatrix) m;
        for (float v : d.data()) {
            if (!Float.isFinite(v)) {
                throw new AtlasException("neighbors: obsm['" + key + "'] contains NaN or infinite values");
            }
        }
        return d;
    }
}
