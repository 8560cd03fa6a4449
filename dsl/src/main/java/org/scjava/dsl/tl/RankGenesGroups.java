package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Marker genes: each group against the rest, as scanpy 1.9 {@code tl.rank_genes_groups} (Wolf et al. 2018):
 * {@code t-test} = Welch's t-test (scanpy's "t-test", scipy {@code ttest_ind(equal_var=False)}), {@code wilcoxon}
 * = Wilcoxon rank-sum with tie correction, normal approximation without continuity correction (Mann &amp; Whitney
 * 1947; scipy {@code mannwhitneyu(use_continuity=False)}). p-values two-sided; Benjamini–Hochberg per group over
 * all genes; {@code logfoldchanges = log2((expm1(mean_g) + 1e-9) / (expm1(mean_rest) + 1e-9))}.
 *
 * <p><b>Reads</b> {@code raw.X} when present (scanpy's {@code use_raw}), else X, expected log-normalised (run
 * {@code normalizeTotal()} and {@code log1p()} first; an implicit {@code scale()} leaves X log-normalised); the
 * categorical {@code obs[groupBy]} (e.g. "leiden": run {@code leiden()} first). <b>Writes</b>
 * {@code uns[keyAdded] = {params, results}} where results is a table (group, names, scores, logfoldchanges, pvals,
 * pvals_adj) of the top {@code nGenes} per group by score. <b>Memory</b>: a transpose of X for wilcoxon,
 * O(groups × genes) otherwise.
 */
public final class RankGenesGroups {

    public enum Method { T_TEST, WILCOXON;

        public static Method parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "t-test", "t_test", "ttest", "welch" -> T_TEST;
                case "wilcoxon" -> WILCOXON;
                default -> throw new AtlasException("unknown rankGenesGroups method '" + s
                        + "'; use \"t-test\" or \"wilcoxon\"");
            };
        }

        public String scanpyName() {
            return this == T_TEST ? "t-test" : "wilcoxon";
        }
    }

    /** {@code nGenes} ≤ 0 keeps all genes; {@code useRaw} null = raw when present. */
    public record Options(Method method, int nGenes, Boolean useRaw, String keyAdded) {
        public static Options defaults() {
            return new Options(Method.T_TEST, 100, null, "rank_genes_groups");
        }

        public Options withMethod(Method v) {
            return new Options(v, nGenes, useRaw, keyAdded);
        }

        public Options withNGenes(int v) {
            return new Options(method, v, useRaw, keyAdded);
        }

        public Options withUseRaw(Boolean v) {
            return new Options(method, nGenes, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(method, nGenes, useRaw, v);
        }
    }

    private RankGenesGroups() {
    }

    /** Static form: the full (all genes) result table for groups given per cell. */
    public static Table compute(Matrix x, List<String> genes, String[] labels, List<String> groups, Options o) {
        int nGroups = groups.size();
        Map<String, Integer> code = new LinkedHashMap<>();
        for (int c = 0; c < nGroups; c++) {
            code.put(groups.get(c), c);
        }
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = labels[i] == null ? -1 : code.getOrDefault(labels[i], -1);
        }
        GroupStats gs = GroupStats.of(x, codes, nGroups);
        for (int c = 0; c < nGroups; c++) {
            if (gs.size()[c] < 2) {
                throw new AtlasException("rankGenesGroups: group '" + groups.get(c) + "' has " + gs.size()[c]
                        + " cell(s); each group needs at least 2");
            }
        }
        int nCells = Arrays.stream(gs.size()).sum();
        int g = x.nCols();
        double[][] rankSums = null;
        double[] tie = new double[g];
        if (o.method() == Method.WILCOXON) {
            CsrMatrix csr = x instanceof CsrMatrix c ? c : ((DenseMatrix) x).toCsr();
            rankSums = RankTests.rankSums(csr.transpose(), codes, nGroups, gs.size(), tie);
        }
        Table out = Table.create("rank_genes_groups");
        StringColumn group = StringColumn.create("group");
        StringColumn names = StringColumn.create("names");
        DoubleColumn scores = DoubleColumn.create("scores");
        DoubleColumn lfc = DoubleColumn.create("logfoldchanges");
        DoubleColumn pv = DoubleColumn.create("pvals");
        DoubleColumn padj = DoubleColumn.create("pvals_adj");
        for (int c = 0; c < nGroups; c++) {
            double[] score = new double[g];
            double[] p = new double[g];
            double[] fc = new double[g];
            for (int j = 0; j < g; j++) {
                double[] a = gs.meanVar(c, j, false);
                double[] b = gs.meanVar(c, j, true);
                double[] r = o.method() == Method.T_TEST ? RankTests.welch(a[0], a[1], a[2], b[0], b[1], b[2])
                        : RankTests.wilcoxon(rankSums[c][j], gs.size()[c], nCells, tie[j]);
                score[j] = r[0];
                p[j] = r[1];
                fc[j] = Math.log((Math.expm1(a[0]) + 1e-9) / (Math.expm1(b[0]) + 1e-9)) / Math.log(2);
            }
            double[] adj = RankTests.benjaminiHochberg(p);
            Integer[] order = new Integer[g];
            for (int j = 0; j < g; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (u, v) -> Double.compare(score[v], score[u]));
            int keep = o.nGenes() > 0 ? Math.min(o.nGenes(), g) : g;
            for (int r = 0; r < keep; r++) {
                int j = order[r];
                group.append(groups.get(c));
                names.append(genes.get(j));
                scores.append(score[j]);
                lfc.append(fc[j]);
                pv.append(p[j]);
                padj.append(adj[j]);
            }
        }
        return out.addColumns(group, names, scores, lfc, pv, padj);
    }

    public static AtlasData apply(AtlasData atlas, String groupBy, Options o) {
        long start = System.nanoTime();
        String[] labels = atlas.obsStrings(groupBy);
        List<String> groups = levels(atlas, groupBy, labels);
        if (groups.size() < 2) {
            throw new AtlasException("rankGenesGroups: obs['" + groupBy + "'] has " + groups.size()
                    + " group(s); need at least 2");
        }
        boolean useRaw = o.useRaw() == null ? atlas.raw() != null : o.useRaw();
        if (useRaw && atlas.raw() == null) {
            throw new AtlasException("rankGenesGroups: useRaw is set but the Atlas has no raw");
        }
        Matrix x = useRaw ? atlas.raw().x() : atlas.x();
        List<String> genes = useRaw ? atlas.raw().var().stringColumn(0).asList() : atlas.varNames();
        Table results = compute(x, genes, labels, groups, o);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("groupby", groupBy);
        params.put("reference", "rest");
        params.put("method", o.method().scanpyName());
        params.put("use_raw", useRaw);
        params.put("corr_method", "benjamini-hochberg");
        params.put("n_genes", o.nGenes());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        info.put("results", results);
        atlas.uns().put(o.keyAdded(), info);
        return atlas.record("rankGenesGroups", params, start, "wrote uns['" + o.keyAdded() + "'] (" + groups.size()
                + " groups)");
    }

    /** The result table written by {@link #apply}; throws naming the verb when absent. */
    public static Table results(AtlasData atlas, String key) {
        if (atlas.uns().get(key) instanceof Map<?, ?> m && m.get("results") instanceof Table t) {
            return t;
        }
        throw new AtlasException("no uns['" + key + "'] results; run rankGenesGroups(groupBy, method) first");
    }

    /** Category levels in their declared order, else in order of first appearance. */
    static List<String> levels(AtlasData atlas, String column, String[] labels) {
        Categories cats = atlas.obsCategories().get(column);
        List<String> present = new ArrayList<>(new java.util.LinkedHashSet<>(Arrays.asList(labels)));
        present.remove(null);
        if (cats == null) {
            return present;
        }
        List<String> out = new ArrayList<>();
        for (String l : cats.levels()) {
            if (present.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }
}
