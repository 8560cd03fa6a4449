package org.scjava.dsl.tasks;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.tasks.markers.MarkerAnnotation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code annotateZeroShot}: cell-type labels without training, either from marker genes (no reference;
 * {@link MarkerAnnotation}) or by reference mapping from a labelled Atlas ({@link ReferenceMapping}: the HVG+PCA
 * baseline space or a foundation-model embedding, cosine kNN vote as scGPT's reference-mapping recipe).
 *
 * <p><b>Reads</b> counts or log-normalised X (marker scores, baseline space) or {@code obsm[embeddingKey]}.
 * <b>Writes</b> {@code obs["predicted_cell_type"]} (categorical; "unknown" below the confidence threshold),
 * {@code obs["predicted_confidence"]} (0..1), {@code uns["annotate_zero_shot"] = {method, params, summary}} where
 * summary is a table (label, n_cells, fraction, mean_confidence) also given by {@link #summary(Atlas)}; the marker
 * path also writes {@code obsm["marker_scores"]} (cells × scored types, named in params.scored_types), the label of
 * each cluster ({@code cluster_labels}) and {@code obs["leiden"]} when it had to cluster.
 */
public final class ZeroShotAnnotation {

    public static final String LABEL_KEY = "predicted_cell_type";
    public static final String CONFIDENCE_KEY = "predicted_confidence";
    public static final String UNS_KEY = "annotate_zero_shot";

    private ZeroShotAnnotation() {
    }

    /** Marker-based annotation (no reference). */
    public static AtlasData withMarkers(AtlasData atlas, MarkerAnnotation.Options o) {
        long start = System.nanoTime();
        MarkerAnnotation.Result r = MarkerAnnotation.annotate(atlas, o);
        atlas.putObsm("marker_scores", r.scores().matrix());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("method", "markers");
        params.put("marker_table", r.table().source());
        params.put("cluster_key", o.clusterKey());
        params.put("clustered_here", r.clustered());
        params.put("resolution", o.resolution());
        params.put("max_depth", o.maxDepth() == Integer.MAX_VALUE ? "finest" : o.maxDepth());
        params.put("min_score", o.minScore());
        params.put("vote_share", o.voteShare());
        params.put("random_state", o.seed());
        params.put("scored_types", r.scores().types().toArray(String[]::new)); // arrays: what h5ad's uns can hold
        if (!r.scores().unscored().isEmpty()) { // only when non-empty: an empty string array does not read back yet
            params.put("unscored_types", r.scores().unscored().toArray(String[]::new));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cluster_labels", new LinkedHashMap<>(r.clusterLabels()));
        return write(atlas, r.labels(), r.confidence(), params, extra, start);
    }

    /** Reference mapping from {@code reference}'s {@code labelColumn}. */
    public static AtlasData withReference(AtlasData query, AtlasData reference, String labelColumn, ReferenceMapping.Options o) {
        long start = System.nanoTime();
        ReferenceMapping.Result r = ReferenceMapping.map(query, reference, labelColumn, o);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("method", "reference_mapping");
        params.put("space", r.space());
        params.put("label_column", labelColumn);
        params.put("reference_cells", reference.nObs());
        params.put("shared_genes", r.sharedGenes());
        params.put("dims", r.dims());
        params.put("k", o.vote().k());
        params.put("metric", "cosine");
        params.put("unknown_threshold", o.vote().unknownThreshold());
        params.put("weighted", o.vote().weighted());
        if (reference.uns().get("to_species") instanceof Map<?, ?> m) {
            params.put("reference_to_species", new LinkedHashMap<>(m));
        }
        return write(query, r.labels(), r.confidence(), params, Map.of(), start);
    }

    /** The summary table of the last annotateZeroShot run (label, n_cells, fraction, mean_confidence). */
    public static Table summary(AtlasData atlas) {
        if (!(atlas.uns().get(UNS_KEY) instanceof Map<?, ?> info) || !(info.get("summary") instanceof Table t)) {
            throw new AtlasException("no annotation summary; run annotateZeroShot() first");
        }
        return t;
    }

    private static AtlasData write(AtlasData atlas, String[] labels, double[] conf, Map<String, Object> params,
                               Map<String, Object> extra, long start) {
        Columns.put(atlas.obs(), StringColumn.create(LABEL_KEY, labels));
        Columns.putDoubles(atlas.obs(), CONFIDENCE_KEY, conf);
        Table summary = summarize(labels, conf);
        atlas.obsCategories().put(LABEL_KEY, new Categories(summary.stringColumn("label").asList(), false));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        info.put("summary", summary);
        info.putAll(extra);
        atlas.uns().put(UNS_KEY, info);
        long unknown = java.util.Arrays.stream(labels).filter(KnnLabelVote.UNKNOWN::equals).count();
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.put("n_labels", summary.rowCount());
        hist.put("n_unknown", unknown);
        return atlas.record("annotateZeroShot", hist, start, String.format(Locale.ROOT,
                "wrote obs['%s'] (%d labels, %d unknown), obs['%s'], uns['%s'] by %s", LABEL_KEY, summary.rowCount(),
                unknown, CONFIDENCE_KEY, UNS_KEY, params.get("method")));
    }

    /** One row per label, most frequent first. */
    static Table summarize(String[] labels, double[] conf) {
        Map<String, double[]> acc = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            double[] a = acc.computeIfAbsent(labels[i], k -> new double[2]);
            a[0]++;
            a[1] += conf[i];
        }
        List<Map.Entry<String, double[]>> rows = acc.entrySet().stream()
                .sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0])).toList();
        StringColumn label = StringColumn.create("label");
        IntColumn count = IntColumn.create("n_cells");
        DoubleColumn fraction = DoubleColumn.create("fraction");
        DoubleColumn mean = DoubleColumn.create("mean_confidence");
        for (var e : rows) {
            label.append(e.getKey());
            count.append((int) e.getValue()[0]);
            fraction.append(e.getValue()[0] / labels.length);
            mean.append(e.getValue()[1] / e.getValue()[0]);
        }
        return Table.create("annotation summary", label, count, fraction, mean);
    }
}
