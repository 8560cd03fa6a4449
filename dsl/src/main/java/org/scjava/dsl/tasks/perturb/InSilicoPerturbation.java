package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Progress;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * In-silico perturbation of one gene in every cell (Theodoris et al. 2023, doi:10.1038/s41586-023-06139-9), with the
 * semantics of Geneformer's {@code InSilicoPerturber} ({@code isp_perturb_set[_special]}): each cell's token list is
 * edited ({@link SequenceEdit}: delete, or overexpress = move to the front; scGPT: zero / top bin), original and
 * perturbed lists are re-embedded at the model's embedding layer, and each cell gets
 * {@code cos_sim_original_vs_perturbed} (cell embeddings, the model's pooling), {@code mean_gene_cos_sim} (mean
 * cosine of the other genes' contextual embeddings; V1's official stored value) and, with a goal state,
 * {@code goal_shift = cos(perturbed, goal) − cos(original, goal)} where goal is the mean cell embedding of the cells
 * with {@code obs[goalKey] == goalValue} (at most {@code maxGoalCells}, sampled with the seed, as
 * {@code EmbExtractor}'s {@code max_ncells}). Cells without the gene are skipped for delete, as officially.
 *
 * <p>Cells are streamed in chunks of {@code chunkSize} (tokenize → edit → one batched forward of both lists), so
 * memory stays bounded; progress goes through {@link Progress}.
 *
 * <p><b>Reads</b> X / {@code layers["counts"]} through the model's tokenizer, {@code obs[goalKey]}. <b>Writes</b>
 * {@code uns[keyAdded] = {params, cells (the returned table), gene_shifts (per affected gene: n_cells,
 * mean_cos_sim)}}; the history records the model's provenance. Returns the per-cell table: cell, gene, mode,
 * cos_sim_original_vs_perturbed, mean_gene_cos_sim[, goal_shift].
 */
public final class InSilicoPerturbation {

    /** Goal state (obs column + value, or nulls), streaming chunk size, goal-cell cap, seed and uns key. */
    public record Options(String goalKey, String goalValue, int chunkSize, int maxGoalCells, long seed,
                          String keyAdded) {
        public static Options defaults() {
            return new Options(null, null, 256, 1000, 0, "perturb");
        }

        public Options withGoal(String key, String value) {
            return new Options(key, value, chunkSize, maxGoalCells, seed, keyAdded);
        }

        public Options withChunkSize(int v) {
            return new Options(goalKey, goalValue, v, maxGoalCells, seed, keyAdded);
        }

        public Options withMaxGoalCells(int v) {
            return new Options(goalKey, goalValue, chunkSize, v, seed, keyAdded);
        }

        public Options withSeed(long v) {
            return new Options(goalKey, goalValue, chunkSize, maxGoalCells, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(goalKey, goalValue, chunkSize, maxGoalCells, seed, v);
        }
    }

    /** Per-cell table and per-affected-gene shifts of one gene's perturbation. */
    public record Result(Table cells, Table geneShifts) {
        /** Mean over perturbed cells of 1 − cos_sim_original_vs_perturbed. */
        public double meanShift() {
            return cells.rowCount() == 0 ? Double.NaN
                    : 1 - cells.doubleColumn("cos_sim_original_vs_perturbed").mean();
        }
    }

    private InSilicoPerturbation() {
    }

    /** The verb: perturbs {@code gene} in every cell, stores results under {@code uns}, returns the cell table. */
    public static Table apply(AtlasData atlas, PerturbableModel model, String gene, PerturbationMode mode, Options o) {
        long start = System.nanoTime();
        GeneTokens tokens = GeneTokens.of(atlas, model);
        double[] goal = o.goalKey() == null ? null
                : GoalStates.mean(atlas, model, o.goalKey(), o.goalValue(), o.maxGoalCells(), o.seed());
        Result r = compute(atlas, model, tokens, gene, mode, goal, allRows(atlas), o);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("gene", gene);
        params.put("mode", mode.label());
        params.put("goal", o.goalKey() == null ? "none" : o.goalKey() + "=" + o.goalValue());
        params.put("n_cells_perturbed", r.cells().rowCount());
        params.put("mean_shift", r.meanShift());
        params.put("seed", o.seed());
        Map<String, Object> uns = new LinkedHashMap<>();
        uns.put("params", params);
        uns.put("cells", r.cells());
        uns.put("gene_shifts", r.geneShifts());
        atlas.uns().put(o.keyAdded(), uns);
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.putAll(model.provenance());
        atlas.record("perturb", hist, start, "perturbed " + gene + " (" + mode.label() + ") in " + r.cells().rowCount()
                + " cells; wrote uns['" + o.keyAdded() + "']");
        return r.cells();
    }

    /** Perturbs {@code gene} in the cells {@code rows}, streaming in chunks (tokenized chunk by chunk). */
    static Result compute(AtlasData atlas, PerturbableModel model, GeneTokens tokens, String gene,
                          PerturbationMode mode, double[] goal, int[] rows, Options o) {
        Scores scores = new Scores(atlas.obsNames(), tokens.tokenOf(gene), gene, mode, goal, model);
        try (Progress progress = Progress.start("perturb " + gene + " (" + mode.label() + ")", rows.length,
                "cells")) {
            for (int from = 0; from < rows.length; from += o.chunkSize()) {
                int[] chunk = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length, from + o.chunkSize()));
                scores.add(model.tokenize(atlas, chunk), chunk);
                progress.step(chunk.length);
            }
        }
        return scores.result(tokens);
    }

    /** Accumulates the per-cell rows and the per-affected-gene cosines of one gene's perturbation. */
    private static final class Scores {
        private final List<String> names;
        private final int token;
        private final String gene;
        private final PerturbationMode mode;
        private final double[] goal;
        private final PerturbableModel model;
        private final Table cells;
        private final Map<Integer, double[]> geneSums = new HashMap<>();

        Scores(List<String> names, int token, String gene, PerturbationMode mode, double[] goal,
               PerturbableModel model) {
            this.names = names;
            this.token = token;
            this.gene = gene;
            this.mode = mode;
            this.goal = goal;
            this.model = model;
            this.cells = cellTable(goal != null);
        }

        void add(List<TokenSequence> seqs, int[] rows) {
            List<SequenceEdit> edits = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            for (int c = 0; c < rows.length; c++) {
                SequenceEdit e = SequenceEdit.of(seqs.get(c), token, mode, model);
                if (e != null) {
                    edits.add(e);
                    kept.add(rows[c]);
                }
            }
            if (edits.isEmpty()) {
                return;
            }
            List<TokenSequence> batch = new ArrayList<>(2 * edits.size());
            edits.forEach(e -> batch.add(e.original()));
            edits.forEach(e -> batch.add(e.perturbed()));
            float[][][] states = model.tokenStates(batch);
            for (int c = 0; c < edits.size(); c++) {
                append(kept.get(c), CellShift.of(edits.get(c), states[c], states[edits.size() + c], model, goal));
            }
        }

        private void append(int row, CellShift s) {
            cells.stringColumn("cell").append(names.get(row));
            cells.stringColumn("gene").append(gene);
            cells.stringColumn("mode").append(mode.label());
            cells.doubleColumn("cos_sim_original_vs_perturbed").append(s.cellCos());
            cells.doubleColumn("mean_gene_cos_sim").append(s.meanGeneCos());
            if (goal != null) {
                cells.doubleColumn("goal_shift").append(s.goalShift());
            }
            for (int k = 0; k < s.geneTokens().length; k++) {
                double[] acc = geneSums.computeIfAbsent(s.geneTokens()[k], t -> new double[2]);
                acc[0] += s.geneCos()[k];
                acc[1]++;
            }
        }

        Result result(GeneTokens tokens) {
            return new Result(cells, geneShiftTable(geneSums, tokens));
        }
    }

    private static Table cellTable(boolean withGoal) {
        Table t = Table.create("perturbation", StringColumn.create("cell"), StringColumn.create("gene"),
                StringColumn.create("mode"), DoubleColumn.create("cos_sim_original_vs_perturbed"),
                DoubleColumn.create("mean_gene_cos_sim"));
        if (withGoal) {
            t.addColumns(DoubleColumn.create("goal_shift"));
        }
        return t;
    }

    /** affected_gene, n_cells, mean_cos_sim (1 = unchanged), sorted by mean_cos_sim ascending. */
    private static Table geneShiftTable(Map<Integer, double[]> sums, GeneTokens tokens) {
        StringColumn gene = StringColumn.create("affected_gene");
        IntColumn n = IntColumn.create("n_cells");
        DoubleColumn mean = DoubleColumn.create("mean_cos_sim");
        sums.entrySet().stream().sorted((a, b) -> Double.compare(a.getValue()[0] / a.getValue()[1],
                b.getValue()[0] / b.getValue()[1])).forEach(e -> {
                    gene.append(tokens.nameOf(e.getKey()));
                    n.append((int) e.getValue()[1]);
                    mean.append(e.getValue()[0] / e.getValue()[1]);
                });
        return Table.create("perturbation_gene_shifts", gene, n, mean);
    }

    static int[] allRows(AtlasData atlas) {
        return IntStream.range(0, atlas.nObs()).toArray();
    }
}
