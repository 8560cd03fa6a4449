package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.tl.ScoreGenes;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gene programs: gene modules found from gene vectors ({@link GeneModules}: cosine kNN over genes + Leiden), each
 * scored per cell (scanpy {@code score_genes}, {@link ScoreGenes}), each tested for over-representation of GO
 * biological-process sets ({@link Enrichment}, hypergeometric + BH), each summarised by its coherence (mean pairwise
 * Pearson correlation of its genes' expression, {@link GeneProfiles#coherence}).
 *
 * <p>The gene vectors come from a foundation model (scGPT gene-encoder embeddings or Geneformer contextual gene
 * embeddings averaged over cells, Cui et al. 2024 / Theodoris et al. 2023, doi:10.1038/s41586-023-06139-9) or, for
 * the expression-only baseline, from standardised expression profiles of highly variable genes
 * ({@code baselines.ExpressionGenePrograms}).
 *
 * <p><b>Reads</b> X (counts or log-normalised, see {@link GeneProfiles}), {@code obs[groupBy]} for the group-mean
 * score table. <b>Writes</b> {@code obs["<keyAdded>_<module>"]} (one score column per module),
 * {@code uns[keyAdded] = {params, modules, summary, enrichment, group_scores}}. <b>Memory</b>: module genes × cells
 * floats (≤ 20,000 cells sampled) for coherence.
 */
public final class GenePrograms {

    /** Module finding, enrichment, gene sets (null = bundled GO BP), keys, scoring and grouping options. */
    public record Options(GeneModules.Options modules, Enrichment.Options enrichment, GeneSets geneSets,
                          String keyAdded, String groupBy, int maxCells, long seed) {
        public static Options defaults() {
            return new Options(GeneModules.Options.defaults(), Enrichment.Options.defaults(), null, "gene_programs",
                    null, 20_000, 0);
        }

        public Options withModules(GeneModules.Options v) {
            return new Options(v, enrichment, geneSets, keyAdded, groupBy, maxCells, seed);
        }

        public Options withEnrichment(Enrichment.Options v) {
            return new Options(modules, v, geneSets, keyAdded, groupBy, maxCells, seed);
        }

        public Options withGeneSets(GeneSets v) {
            return new Options(modules, enrichment, v, keyAdded, groupBy, maxCells, seed);
        }

        public Options withKeyAdded(String v) {
            return new Options(modules, enrichment, geneSets, v, groupBy, maxCells, seed);
        }

        /** obs column whose groups get a mean score per module (null: "cell_type", else "leiden", if present). */
        public Options withGroupBy(String v) {
            return new Options(modules, enrichment, geneSets, keyAdded, v, maxCells, seed);
        }

        public Options withSeed(long v) {
            return new Options(modules.withSeed(v), enrichment, geneSets, keyAdded, groupBy, maxCells, v);
        }
    }

    private GenePrograms() {
    }

    /**
     * Finds, scores and tests programs from {@code vectors} (one row per gene in {@code genes}; every gene must be in
     * var). {@code source} names where the vectors came from (e.g. "geneformer contextual", "expression").
     */
    public static GeneProgramsResult apply(AtlasData atlas, DenseMatrix vectors, List<String> genes, String source,
                                           Options o) {
        long start = System.nanoTime();
        Map<String, List<String>> modules = GeneModules.find(vectors, genes, o.modules());
        if (modules.isEmpty()) {
            throw new AtlasException("genePrograms: no module with ≥ " + o.modules().minModuleSize() + " genes among "
                    + genes.size() + " genes; lower minModuleSize or the resolution");
        }
        GeneSets sets = o.geneSets() != null ? o.geneSets() : GeneSets.goBiologicalProcess();
        Table enrichment = Enrichment.test(modules, genes, sets, o.enrichment());
        List<String> moduleGenes = modules.values().stream().flatMap(List::stream).toList();
        GeneProfiles profiles = GeneProfiles.of(atlas, moduleGenes, o.maxCells(), o.seed());
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < moduleGenes.size(); i++) {
            rowOf.put(moduleGenes.get(i), i);
        }
        Map<String, double[]> scores = score(atlas, modules, o);
        Table summary = summary(modules, enrichment, profiles, rowOf);
        String groupBy = groupColumn(atlas, o.groupBy());
        Table groupScores = groupBy == null ? null : groupMeans(atlas.obsStrings(groupBy), scores, groupBy);
        GeneProgramsResult result = new GeneProgramsResult(source, List.copyOf(genes), membership(modules), summary,
                enrichment, groupScores, modules);
        return record(atlas, result, o, genes.size(), start);
    }

    private static Map<String, double[]> score(AtlasData atlas, Map<String, List<String>> modules, Options o) {
        Matrix logX = GeneProfiles.logExpression(atlas);
        // ScoreGenes has only the Atlas form; score on a view over log-expression with its own obs, then copy.
        AtlasData view = new AtlasData(logX, Table.create("obs", atlas.obs().column(0).copy()), atlas.var());
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String m : modules.keySet()) {
            String name = o.keyAdded() + "_" + m;
            ScoreGenes.apply(view, modules.get(m), ScoreGenes.Options.defaults().withScoreName(name)
                    .withSeed(o.seed()).withUseRaw(false));
            double[] s = view.obs().doubleColumn(name).asDoubleArray();
            out.put(m, s);
            Columns.putDoubles(atlas.obs(), name, s);
        }
        return out;
    }

    private static Table membership(Map<String, List<String>> modules) {
        StringColumn gene = StringColumn.create("gene");
        StringColumn module = StringColumn.create("module");
        modules.forEach((m, gs) -> gs.forEach(g -> {
            gene.append(g);
            module.append(m);
        }));
        return Table.create("gene_program_membership", gene, module);
    }

    private static Table summary(Map<String, List<String>> modules, Table enrichment, GeneProfiles profiles,
                                 Map<String, Integer> rowOf) {
        StringColumn module = StringColumn.create("module");
        IntColumn size = IntColumn.create("n_genes");
        DoubleColumn coherence = DoubleColumn.create("coherence");
        IntColumn nSig = IntColumn.create("n_enriched_sets");
        StringColumn top = StringColumn.create("top_set");
        DoubleColumn topP = DoubleColumn.create("top_p_adj");
        StringColumn members = StringColumn.create("genes");
        StringColumn enrModule = enrichment.stringColumn("module");
        for (var e : modules.entrySet()) {
            Table hits = enrichment.where(enrModule.isEqualTo(e.getKey()));
            module.append(e.getKey());
            size.append(e.getValue().size());
            coherence.append(profiles.coherence(e.getValue(), rowOf));
            nSig.append(hits.rowCount());
            top.append(hits.rowCount() == 0 ? "" : hits.stringColumn("set_name").get(0));
            topP.append(hits.rowCount() == 0 ? Double.NaN : hits.doubleColumn("p_adj").get(0));
            members.append(String.join(",", e.getValue().subList(0, Math.min(12, e.getValue().size())))
                    + (e.getValue().size() > 12 ? ",…" : ""));
        }
        return Table.create("gene_programs", module, size, coherence, nSig, top, topP, members);
    }

    private static String groupColumn(AtlasData atlas, String requested) {
        List<String> names = atlas.obs().columnNames();
        if (requested != null) {
            atlas.obsColumn(requested); // throws naming the available columns
            return requested;
        }
        return names.contains("cell_type") ? "cell_type" : names.contains("leiden") ? "leiden" : null;
    }

    /** Mean score of each module in each group: one row per group, one column per module. */
    static Table groupMeans(String[] labels, Map<String, double[]> scores, String groupBy) {
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        for (String l : labels) {
            groupIndex.putIfAbsent(l, groupIndex.size());
        }
        List<String> groups = new ArrayList<>(groupIndex.keySet());
        groups.sort(null);
        Table t = Table.create("gene_program_group_scores", StringColumn.create(groupBy, groups));
        for (var e : scores.entrySet()) {
            double[] sum = new double[groups.size()];
            int[] n = new int[groups.size()];
            for (int i = 0; i < labels.length; i++) {
                int g = groups.indexOf(labels[i]);
                sum[g] += e.getValue()[i];
                n[g]++;
            }
            double[] mean = new double[groups.size()];
            for (int g = 0; g < mean.length; g++) {
                mean[g] = sum[g] / n[g];
            }
            t.addColumns(DoubleColumn.create("program_" + e.getKey(), mean));
        }
        return t;
    }

    private static GeneProgramsResult record(AtlasData atlas, GeneProgramsResult r, Options o, int nGenes, long start) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("source", r.source());
        params.put("n_genes", nGenes);
        params.put("n_neighbors", o.modules().nNeighbors());
        params.put("resolution", o.modules().resolution());
        params.put("min_module_size", o.modules().minModuleSize());
        params.put("random_state", o.seed());
        params.put("gene_sets", o.geneSets() != null ? o.geneSets().source() : "bundled GO BP (org.Hs.eg.db 3.16)");
        params.put("max_p_adj", o.enrichment().maxPAdjust());
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("params", params);
        uns.put("modules", r.membership());
        uns.put("summary", r.summary());
        uns.put("enrichment", r.enrichment());
        if (r.groupScores() != null) {
            uns.put("group_scores", r.groupScores());
        }
        atlas.uns().put(o.keyAdded(), uns);
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.put("n_modules", r.moduleGenes().size());
        hist.put("n_enriched_modules", r.nEnrichedModules());
        atlas.record("genePrograms", hist, start, "wrote " + r.moduleGenes().size() + " module scores to obs['"
                + o.keyAdded() + "_*'] and uns['" + o.keyAdded() + "'] (" + r.nEnrichedModules() + " enriched)");
        return r;
    }
}
