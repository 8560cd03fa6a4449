package org.scjava.dsl.tasks.markers;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.pp.Pca;
import org.scjava.dsl.pp.Scale;
import org.scjava.dsl.tl.Leiden;
import org.scjava.dsl.tl.Neighbors;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reference-free annotation from marker genes, the biologist's manual workflow automated: score every cell for each
 * cell type's markers ({@link MarkerScores}), label each cell top-down through the label hierarchy, then let each
 * Leiden cluster vote (Traag et al. 2019, doi:10.1038/s41598-019-41695-z; clusters from the analysis core: HVG →
 * scale → PCA → kNN → Leiden, as scanpy's tutorial, when the Atlas has none). The vote also walks the hierarchy:
 * from the root, step into the child that holds at least {@code voteShare} of the cells still voting, so a cluster
 * of CD4 and CD8 T cells stays "T cell" while a CD4 T cluster becomes "CD4 T cell". Confidence = the share of the
 * cluster's cells whose own label lies within the chosen label.
 *
 * <p>Granularity: {@code maxDepth} limits the walk (1 = the roots of the hierarchy, e.g. "lymphocyte"/"myeloid
 * cell"; 2 = "T cell"/"monocyte"; unlimited = finest). Clusters no root wins are {@value #UNKNOWN}.
 */
public final class MarkerAnnotation {

    public static final String UNKNOWN = "unknown";

    /**
     * {@code markers} null = the bundled table of the Atlas's species; {@code clusterKey}: an obs column of clusters,
     * computed (and written) when absent.
     */
    public record Options(MarkerTable markers, String clusterKey, double resolution, int maxDepth, double minScore,
                          double voteShare, long seed) {
        public static Options defaults() {
            return new Options(null, "leiden", 1.0, Integer.MAX_VALUE, 0.0, 0.5, 0);
        }

        public Options withMarkers(MarkerTable v) {
            return new Options(v, clusterKey, resolution, maxDepth, minScore, voteShare, seed);
        }

        public Options withClusterKey(String v) {
            return new Options(markers, v, resolution, maxDepth, minScore, voteShare, seed);
        }

        public Options withResolution(double v) {
            return new Options(markers, clusterKey, v, maxDepth, minScore, voteShare, seed);
        }

        public Options withMaxDepth(int v) {
            return new Options(markers, clusterKey, resolution, v, minScore, voteShare, seed);
        }

        public Options withMinScore(double v) {
            return new Options(markers, clusterKey, resolution, maxDepth, v, voteShare, seed);
        }

        public Options withVoteShare(double v) {
            return new Options(markers, clusterKey, resolution, maxDepth, minScore, v, seed);
        }

        public Options withSeed(long v) {
            return new Options(markers, clusterKey, resolution, maxDepth, minScore, voteShare, v);
        }
    }

    /** Per-cell cluster-voted labels and confidences, each cell's own label, and the scores behind them. */
    public record Result(String[] labels, double[] confidence, String[] cellLabels, String[] clusters,
                         Map<String, String> clusterLabels, MarkerScores scores, MarkerTable table, boolean clustered) {
    }

    private MarkerAnnotation() {
    }

    public static Result annotate(AtlasData atlas, Options o) {
        if (o.maxDepth() < 1 || !(o.voteShare() > 0 && o.voteShare() <= 1)) {
            throw new AtlasException("annotateZeroShot: maxDepth must be >= 1 and voteShare in (0, 1], got "
                    + o.maxDepth() + " and " + o.voteShare());
        }
        MarkerTable table = o.markers() != null ? o.markers() : tableFor(atlas);
        MarkerScores scores = MarkerScores.compute(atlas, table, o.seed());
        String[] own = scores.cellLabels(o.minScore(), o.maxDepth());
        boolean clustered = !atlas.obs().containsColumn(o.clusterKey());
        if (clustered) {
            cluster(atlas, o);
        }
        String[] clusters = atlas.obsStrings(o.clusterKey());
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            members.computeIfAbsent(clusters[i], k -> new ArrayList<>()).add(i);
        }
        String[] labels = new String[clusters.length];
        double[] conf = new double[clusters.length];
        Map<String, String> clusterLabels = new LinkedHashMap<>();
        for (var e : members.entrySet()) {
            List<String> votes = e.getValue().stream().map(i -> own[i]).toList();
            String label = vote(votes, table.hierarchy(), o.voteShare());
            long agree = label == null ? 0 : votes.stream()
                    .filter(v -> v != null && table.hierarchy().isAncestorOrSelf(label, v)).count();
            clusterLabels.put(e.getKey(), label == null ? UNKNOWN : label);
            for (int i : e.getValue()) {
                labels[i] = label == null ? UNKNOWN : label;
                conf[i] = agree / (double) votes.size();
            }
        }
        return new Result(labels, conf, own, clusters, clusterLabels, scores, table, clustered);
    }

    /** The hierarchical majority: descend while one child holds at least {@code share} of the votes reaching its parent. */
    static String vote(List<String> votes, LabelHierarchy h, double share) {
        String node = null;
        List<String> candidates = h.roots();
        long reaching = votes.size();
        while (!candidates.isEmpty() && reaching > 0) {
            Map<String, Long> counts = new HashMap<>();
            for (String v : votes) {
                for (String c : candidates) {
                    if (v != null && h.isAncestorOrSelf(c, v)) {
                        counts.merge(c, 1L, Long::sum);
                    }
                }
            }
            String best = null;
            long bestCount = 0;
            for (String c : candidates) { // ties: the first listed (table order)
                long k = counts.getOrDefault(c, 0L);
                if (k > bestCount) {
                    best = c;
                    bestCount = k;
                }
            }
            if (best == null || bestCount < share * reaching) {
                break;
            }
            node = best;
            reaching = bestCount;
            candidates = h.children(node);
        }
        return node;
    }

    /** The bundled table of the Atlas's species: uns["species"], else the table with more marker genes in var. */
    static MarkerTable tableFor(AtlasData atlas) {
        if (atlas.uns().get("species") instanceof String s && !s.isBlank()) {
            return MarkerTable.bundled(s);
        }
        Set<String> genes = atlas.varIndex().keySet();
        MarkerTable human = MarkerTable.human();
        MarkerTable mouse = MarkerTable.mouse();
        long h = human.genes().stream().filter(genes::contains).count();
        long m = mouse.genes().stream().filter(genes::contains).count();
        if (h == 0 && m == 0) {
            throw new AtlasException("annotateZeroShot: no bundled human or mouse marker gene is in var (e.g. "
                    + atlas.varNames().subList(0, Math.min(3, atlas.nVars())) + "); var names must be gene symbols, "
                    + "or pass a marker table (MarkerAnnotation.Options.withMarkers)");
        }
        return h >= m ? human : mouse;
    }

    /** Leiden clusters on the standard pipeline over a scratch copy; written to obs[clusterKey]. */
    private static void cluster(AtlasData atlas, Options o) {
        Matrix log = LogExpression.of(atlas, "annotateZeroShot clustering");
        AtlasData s = new AtlasData(log, null, Table.create("var", StringColumn.create("gene", atlas.varNames().toArray(String[]::new))));
        s.uns().put("log1p", Map.of("base", "e"));
        int n = s.nObs();
        HighlyVariableGenes.apply(s, HighlyVariableGenes.Options.defaults().withNTopGenes(Math.min(2000, s.nVars())));
        Scale.apply(s, Scale.Options.defaults().withMaxValue(10));
        Pca.apply(s, Pca.Options.defaults().withNComps(Math.min(50, Math.min(n, Math.min(2000, s.nVars())) - 1))
                .withSeed(o.seed()));
        Neighbors.apply(s, Neighbors.Options.defaults().withNNeighbors(Math.min(15, n - 1)));
        Leiden.apply(s, Leiden.Options.defaults().withResolution(o.resolution()).withSeed(o.seed())
                .withKeyAdded(o.clusterKey()));
        Columns.put(atlas.obs(), StringColumn.create(o.clusterKey(), s.obsStrings(o.clusterKey())));
        Categories levels = s.obsCategories().get(o.clusterKey());
        if (levels != null) {
            atlas.obsCategories().put(o.clusterKey(), levels);
        }
    }
}
