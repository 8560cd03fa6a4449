package org.scjava.dsl.tl;

import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Columns;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Leiden community detection (Traag, Waltman &amp; van Eck 2019, doi:10.1038/s41598-019-41695-z) through
 * {@code nl.cwts:networkanalysis} 1.3.0, the authors' Java implementation, optimising modularity with a resolution
 * parameter (leidenalg's {@code RBConfigurationVertexPartition}, scanpy 1.9 {@code tl.leiden}'s default): CPM on
 * node weights = weighted degrees with resolution γ / 2m, as networkanalysis's own command line does for
 * modularity. Iterates until the partition is stable (scanpy's {@code n_iterations = -1}); clusters are named
 * "0", "1", ... by decreasing size, as leidenalg orders them.
 *
 * <p><b>Reads</b> {@code obsp["connectivities"]} (run {@code neighbors()} first). <b>Writes</b>
 * {@code obs[keyAdded]} (categorical, default "leiden", levels in order), {@code uns[keyAdded] = {params,
 * modularity}}. <b>Memory</b>: one copy of the graph.
 */
public final class Leiden {

    public record Options(double resolution, long seed, int nIterations, String neighborsKey, String keyAdded) {
        public static Options defaults() {
            return new Options(1.0, 0, -1, null, "leiden");
        }

        public Options withResolution(double v) {
            return new Options(v, seed, nIterations, neighborsKey, keyAdded);
        }

        public Options withSeed(long v) {
            return new Options(resolution, v, nIterations, neighborsKey, keyAdded);
        }

        /** Iterations of the Leiden algorithm; ≤ 0 = until no improvement. */
        public Options withNIterations(int v) {
            return new Options(resolution, seed, v, neighborsKey, keyAdded);
        }

        public Options withNeighborsKey(String v) {
            return new Options(resolution, seed, nIterations, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(resolution, seed, nIterations, neighborsKey, v);
        }
    }

    private Leiden() {
    }

    /** Static form: cluster labels 0..c−1 (by decreasing size) of a symmetric weighted graph. */
    public static int[] cluster(CsrMatrix graph, Options o) {
        if (!(o.resolution() > 0)) {
            throw new AtlasException("leiden: resolution must be > 0, got " + o.resolution());
        }
        Network network = toNetwork(graph);
        double res = o.resolution() / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        LeidenAlgorithm alg = new LeidenAlgorithm(res, o.nIterations(), LeidenAlgorithm.DEFAULT_RANDOMNESS,
                new Random(o.seed()));
        Clustering c = new Clustering(network.getNNodes());
        alg.improveClustering(network, c);
        c.orderClustersByNNodes();
        return c.getClusters();
    }

    /** Newman–Girvan modularity with resolution γ of labels on a symmetric weighted graph (self loops skipped). */
    public static double modularity(CsrMatrix graph, int[] labels, double resolution) {
        int nc = 0;
        for (int l : labels) {
            nc = Math.max(nc, l + 1);
        }
        double[] inside = new double[nc];
        double[] degree = new double[nc];
        double twoM = 0;
        for (int i = 0; i < graph.nRows(); i++) {
            for (int k = graph.rowStart(i); k < graph.rowEnd(i); k++) {
                int j = graph.indices()[k];
                double w = graph.data()[k];
                twoM += w;
                degree[labels[i]] += w;
                if (labels[i] == labels[j]) {
                    inside[labels[i]] += w;
                }
            }
        }
        double q = 0;
        for (int c = 0; c < nc; c++) {
            q += inside[c] / twoM - resolution * (degree[c] / twoM) * (degree[c] / twoM);
        }
        return q;
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        String key = o.neighborsKey() == null ? "connectivities" : o.neighborsKey() + "_connectivities";
        Matrix g = atlas.obsp().get(key);
        if (!(g instanceof CsrMatrix graph)) {
            throw new AtlasException("leiden: no sparse obsp['" + key + "']; run neighbors() first");
        }
        int[] labels = cluster(graph, o);
        int nc = 0;
        String[] names = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            names[i] = Integer.toString(labels[i]);
            nc = Math.max(nc, labels[i] + 1);
        }
        Columns.put(atlas.obs(), StringColumn.create(o.keyAdded(), names));
        List<String> levels = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            levels.add(Integer.toString(c));
        }
        atlas.obsCategories().put(o.keyAdded(), new Categories(levels, false));
        double q = modularity(graph, labels, o.resolution());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resolution", o.resolution());
        params.put("random_state", o.seed());
        params.put("n_iterations", o.nIterations());
        params.put("partition_type", "RBConfigurationVertexPartition");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        info.put("modularity", q);
        atlas.uns().put(o.keyAdded(), info);
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.put("n_clusters", nc);
        hist.put("modularity", q);
        return atlas.record("leiden", hist, start, "wrote obs['" + o.keyAdded() + "'] (" + nc + " clusters)");
    }

    /** The graph without self loops, both directions stored (networkanalysis's CSR form). */
    private static Network toNetwork(CsrMatrix g) {
        int n = g.nRows();
        if (g.nCols() != n) {
            throw new AtlasException("leiden: the graph must be square, got " + g.shapeString());
        }
        long[] first = new long[n + 1];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart(i); k < g.rowEnd(i); k++) {
                if (g.indices()[k] != i && g.data()[k] != 0) {
                    count++;
                }
            }
            first[i + 1] = count;
        }
        int[] nb = new int[count];
        double[] w = new double[count];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart(i); k < g.rowEnd(i); k++) {
                if (g.indices()[k] != i && g.data()[k] != 0) {
                    nb[c] = g.indices()[k];
                    w[c++] = g.data()[k];
                }
            }
        }
        try {
            return new Network(n, true, first, new LargeIntArray(nb), new LargeDoubleArray(w), true);
        } catch (IllegalArgumentException e) {
            throw new AtlasException("leiden: the graph is not a valid symmetric network (" + e.getMessage()
                    + "); pass obsp['connectivities'] from neighbors()");
        }
    }
}
