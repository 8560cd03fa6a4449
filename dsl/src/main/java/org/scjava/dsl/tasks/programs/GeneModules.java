package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.tl.FuzzySimplicialSet;
import org.scjava.dsl.tl.Knn;
import org.scjava.dsl.tl.Leiden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gene modules from gene vectors (model gene embeddings, or expression profiles for the baseline): a cosine kNN
 * graph over genes, weighted as UMAP's fuzzy simplicial set (what scanpy's {@code neighbors} stores), clustered by
 * Leiden (modularity). This is the recipe of scGPT's gene-regulatory-network tutorial (Cui et al. 2024,
 * doi:10.1038/s41592-024-02201-0: gene embeddings → kNN graph → Leiden gene programs), with the graph and the
 * clustering of the analysis core ({@link Knn}, {@link FuzzySimplicialSet}, {@link Leiden}).
 */
public final class GeneModules {

    /** Neighbours per gene (counting itself), Leiden resolution and seed, smallest module kept. */
    public record Options(int nNeighbors, double resolution, long seed, int minModuleSize) {
        public static Options defaults() {
            return new Options(15, 1.0, 0, 5);
        }

        public Options withNNeighbors(int v) {
            return new Options(v, resolution, seed, minModuleSize);
        }

        public Options withResolution(double v) {
            return new Options(nNeighbors, v, seed, minModuleSize);
        }

        public Options withSeed(long v) {
            return new Options(nNeighbors, resolution, v, minModuleSize);
        }

        public Options withMinModuleSize(int v) {
            return new Options(nNeighbors, resolution, seed, v);
        }
    }

    private GeneModules() {
    }

    /**
     * Modules of {@code genes} (one row of {@code vectors} each): module name ("0", "1", … by decreasing size) →
     * member genes; modules smaller than {@code minModuleSize} are left out.
     */
    public static Map<String, List<String>> find(DenseMatrix vectors, List<String> genes, Options o) {
        if (vectors.nRows() != genes.size()) {
            throw new AtlasException("gene modules: " + vectors.nRows() + " gene vectors but " + genes.size()
                    + " gene names");
        }
        if (genes.size() <= o.nNeighbors()) {
            throw new AtlasException("gene modules: need more than nNeighbors = " + o.nNeighbors() + " genes, got "
                    + genes.size());
        }
        // long vectors (expression profiles): blocked exact search; short ones (model embeddings): the analysis kNN
        Knn.Result knn = vectors.nCols() > 256 && genes.size() <= 20_000
                ? CorrelationKnn.search(unitRows(vectors), o.nNeighbors())
                : Knn.search(vectors, o.nNeighbors(), Knn.Metric.COSINE, Knn.Method.AUTO);
        CsrMatrix graph = FuzzySimplicialSet.connectivities(knn);
        int[] labels = Leiden.cluster(graph, Leiden.Options.defaults().withResolution(o.resolution())
                .withSeed(o.seed()));
        Map<Integer, List<String>> byLabel = new LinkedHashMap<>();
        for (int g = 0; g < labels.length; g++) {
            byLabel.computeIfAbsent(labels[g], k -> new ArrayList<>()).add(genes.get(g));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byLabel.keySet().stream().sorted().forEach(l -> {
            List<String> members = byLabel.get(l);
            if (members.size() >= o.minModuleSize()) {
                out.put(Integer.toString(out.size()), List.copyOf(members));
            }
        });
        return out;
    }

    private static DenseMatrix unitRows(DenseMatrix v) {
        int d = v.nCols();
        float[] out = v.data().clone();
        for (int i = 0; i < v.nRows(); i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                s += (double) out[i * d + t] * out[i * d + t];
            }
            float f = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
            for (int t = 0; t < d; t++) {
                out[i * d + t] *= f;
            }
        }
        return new DenseMatrix(v.nRows(), d, out);
    }
}
