package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.MemoryBudget;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How well an embedding mixes batches and keeps cell types apart, the metrics of the Harmony paper (Korsunsky et
 * al. 2019) and of scIB (Luecken et al. 2022, doi:10.1038/s41592-021-01336-8), computed as scib 1.1 defines them:
 * <ul>
 *   <li>{@code asw_batch}: per cell type, 1 − |silhouette of the batch labels|, averaged per type then over types
 *   (1 = batches fully mixed); types with a single batch are skipped;</li>
 *   <li>{@code asw_label}: (silhouette of the cell-type labels + 1) / 2 (1 = types well separated);</li>
 *   <li>{@code ilisi} / {@code clisi}: median {@link Lisi} of batch / cell-type labels, perplexity 30 (iLISI up to the
 *   number of batches = mixed; cLISI near 1 = types kept apart);</li>
 *   <li>{@code ari} / {@code nmi}: Leiden clusters (kNN k = 15 on the embedding, resolution 1) against the labels.</li>
 * </ul>
 * Silhouettes subsample {@code maxCellsSilhouette} cells (seeded) on large data. Without a label key, ASW batch uses
 * all cells as one group and the label metrics are NaN.
 *
 * <p><b>Reads</b> {@code obsm[rep]}, obs[batchKey], obs[labelKey]. <b>Writes</b> one row per rep into the table
 * {@code uns["integration_metrics"]} (replacing an earlier row of the same rep), so running it on "X_pca" and then on
 * "X_harmony" gives the before/after table.
 */
public final class IntegrationMetrics {

    public static final String UNS_KEY = "integration_metrics";

    public record Options(double perplexity, int maxCellsSilhouette, int nNeighbors, double resolution, long seed) {
        public static Options defaults() {
            return new Options(30, 10_000, 15, 1.0, 0);
        }

        public Options withPerplexity(double v) {
            return new Options(v, maxCellsSilhouette, nNeighbors, resolution, seed);
        }

        public Options withMaxCellsSilhouette(int v) {
            return new Options(perplexity, v, nNeighbors, resolution, seed);
        }

        public Options withNNeighbors(int v) {
            return new Options(perplexity, maxCellsSilhouette, v, resolution, seed);
        }

        public Options withResolution(double v) {
            return new Options(perplexity, maxCellsSilhouette, nNeighbors, v, seed);
        }

        public Options withSeed(long v) {
            return new Options(perplexity, maxCellsSilhouette, nNeighbors, resolution, v);
        }
    }

    public record Result(double aswBatch, double aswLabel, double iLisi, double cLisi, double ari, double nmi,
                         int nClusters) {
    }

    private IntegrationMetrics() {
    }

    /** Static form: metrics of embedding {@code x} for batch labels and (nullable) cell-type labels. */
    public static Result compute(DenseMatrix x, String[] batch, String[] labels, Options o) {
        int n = x.nRows();
        int[] b = codes(batch, "batch", n);
        int[] l = labels == null ? null : codes(labels, "label", n);
        if (max(b) < 1) {
            throw new AtlasException("integrationMetrics: the batch key has a single value; nothing to measure");
        }
        int[] sample = sample(n, o.maxCellsSilhouette(), o.seed());
        DenseMatrix xs = x.selectRows(sample);
        int[] bs = select(b, sample);
        int[] ls = l == null ? new int[sample.length] : select(l, sample);
        double aswBatch = aswBatch(xs, bs, ls);
        double aswLabel = l == null || max(l) < 1 ? Double.NaN : (Silhouette.score(xs, ls) + 1) / 2;
        // 3 × perplexity neighbours counting the cell itself, which is then dropped (R lisi and harmonypy alike)
        int k = (int) Math.min(Math.round(3 * o.perplexity()), n);
        double perplexity = Math.min(o.perplexity(), k / 3.0);
        Knn.Result knn = Knn.search(x, k, Knn.Metric.EUCLIDEAN, Knn.Method.AUTO);
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        for (int i = 0; i < n; i++) {
            idx[i] = Arrays.copyOfRange(knn.indices()[i], 1, k);
            dist[i] = Arrays.copyOfRange(knn.distances()[i], 1, k);
        }
        double iLisi = median(Lisi.compute(idx, dist, b, perplexity));
        double cLisi = l == null ? Double.NaN : median(Lisi.compute(idx, dist, l, perplexity));
        double ari = Double.NaN;
        double nmi = Double.NaN;
        int nClusters = 0;
        if (l != null) {
            Knn.Result g = Knn.search(x, Math.min(o.nNeighbors(), n), Knn.Metric.EUCLIDEAN, Knn.Method.AUTO);
            CsrMatrix graph = FuzzySimplicialSet.connectivities(g);
            int[] clusters = Leiden.cluster(graph, Leiden.Options.defaults().withResolution(o.resolution())
                    .withSeed(o.seed()));
            nClusters = max(clusters) + 1;
            ari = ClusterAgreement.adjustedRand(clusters, l);
            nmi = ClusterAgreement.normalizedMutualInfo(clusters, l);
        }
        return new Result(aswBatch, aswLabel, iLisi, cLisi, ari, nmi, nClusters);
    }

    /** The verb: metrics of {@code obsm[rep]}, one row of {@code uns["integration_metrics"]}. */
    public static AtlasData apply(AtlasData atlas, String batchKey, String labelKey, String rep, Options o) {
        long start = System.nanoTime();
        requireColumn(atlas, batchKey, "batch key");
        if (labelKey != null) {
            requireColumn(atlas, labelKey, "label key");
        }
        if (!atlas.obsm().containsKey(rep)) {
            throw new AtlasException("integrationMetrics: no obsm[\"" + rep + "\"]; available: " + atlas.obsm().keySet()
                    + " — run pca(), harmonize(batchKey) or embed(model) first");
        }
        DenseMatrix x = atlas.obsm(rep) instanceof DenseMatrix d ? d
                : ((CsrMatrix) atlas.obsm(rep)).toDense(MemoryBudget.defaults(), "obsm['" + rep + "']");
        Result r = compute(x, atlas.obsStrings(batchKey), labelKey == null ? null : atlas.obsStrings(labelKey), o);
        Table table = upsert(atlas.uns().get(UNS_KEY) instanceof Table t ? t : null, rep, batchKey, labelKey, r);
        atlas.uns().put(UNS_KEY, table);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rep", rep);
        p.put("batch_key", batchKey);
        p.put("label_key", labelKey);
        p.put("asw_batch", r.aswBatch());
        p.put("asw_label", r.aswLabel());
        p.put("ilisi", r.iLisi());
        p.put("clisi", r.cLisi());
        p.put("ari", r.ari());
        p.put("nmi", r.nmi());
        p.put("perplexity", o.perplexity());
        p.put("random_state", o.seed());
        return atlas.record("integrationMetrics", p, start, String.format(java.util.Locale.ROOT,
                "wrote uns['%s'] row for %s (ASW batch %.3f, iLISI %.2f)", UNS_KEY, rep, r.aswBatch(), r.iLisi()));
    }

    /** scib's silhouette_batch: mean over label groups of mean(1 − |s_batch|). */
    private static double aswBatch(DenseMatrix x, int[] batch, int[] label) {
        double sum = 0;
        int groups = 0;
        for (int g = 0; g <= max(label); g++) {
            int gg = g;
            int[] rows = java.util.stream.IntStream.range(0, label.length).filter(i -> label[i] == gg).toArray();
            int[] codes = codes(Arrays.stream(rows).mapToObj(i -> Integer.toString(batch[i])).toArray(String[]::new),
                    "batch", rows.length);
            int nBatches = rows.length == 0 ? 0 : max(codes) + 1;
            if (nBatches <= 1 || nBatches == rows.length) {
                continue;
            }
            double s = 0;
            for (double v : Silhouette.samples(x.selectRows(rows), codes)) {
                s += 1 - Math.abs(v);
            }
            sum += s / rows.length;
            groups++;
        }
        return groups == 0 ? Double.NaN : sum / groups;
    }

    private static Table upsert(Table old, String rep, String batchKey, String labelKey, Result r) {
        Table t = old != null ? old.where(old.stringColumn("rep").isNotEqualTo(rep)) : Table.create(UNS_KEY,
                StringColumn.create("rep"), StringColumn.create("batch_key"), StringColumn.create("label_key"),
                DoubleColumn.create("asw_batch"), DoubleColumn.create("asw_label"), DoubleColumn.create("ilisi"),
                DoubleColumn.create("clisi"), DoubleColumn.create("ari"), DoubleColumn.create("nmi"),
                IntColumn.create("n_clusters"));
        t.stringColumn("rep").append(rep);
        t.stringColumn("batch_key").append(batchKey);
        t.stringColumn("label_key").append(labelKey == null ? "" : labelKey);
        t.doubleColumn("asw_batch").append(r.aswBatch());
        t.doubleColumn("asw_label").append(r.aswLabel());
        t.doubleColumn("ilisi").append(r.iLisi());
        t.doubleColumn("clisi").append(r.cLisi());
        t.doubleColumn("ari").append(r.ari());
        t.doubleColumn("nmi").append(r.nmi());
        t.intColumn("n_clusters").append(r.nClusters());
        return t;
    }

    private static void requireColumn(AtlasData atlas, String key, String what) {
        if (!atlas.obs().containsColumn(key)) {
            throw new AtlasException("integrationMetrics: " + what + " '" + key + "' is not an obs column; available: "
                    + atlas.obs().columnNames().subList(1, atlas.obs().columnCount()));
        }
    }

    /** Group codes 0..g-1 in sorted label order; empty labels are refused. */
    static int[] codes(String[] labels, String what, int n) {
        if (labels.length != n) {
            throw new AtlasException("integrationMetrics: " + labels.length + " " + what + " labels for " + n + " cells");
        }
        Map<String, Integer> index = new TreeMap<>();
        for (String s : labels) {
            if (s == null || s.isEmpty()) {
                throw new AtlasException("integrationMetrics: some cells have no " + what + " label");
            }
            index.put(s, 0);
        }
        int c = 0;
        for (var e : index.entrySet()) {
            e.setValue(c++);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = index.get(labels[i]);
        }
        return out;
    }

    private static int[] sample(int n, int max, long seed) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        if (n <= max) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }

    private static int[] select(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    private static int max(int[] v) {
        int m = -1;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
