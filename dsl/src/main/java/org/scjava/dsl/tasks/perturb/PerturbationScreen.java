package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Progress;
import org.scjava.dsl.pp.ColumnStats;
import org.scjava.dsl.tl.RankTests;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Which genes' in-silico perturbation moves cells more than perturbing a random gene would: each gene's mean shift
 * (mean over cells of 1 − cos_sim_original_vs_perturbed) is compared with the shifts of {@code nNull} random genes of
 * matched expression, the null Geneformer's {@code InSilicoPerturberStats} builds from random perturbations
 * ("mixture model / random genes"), here as an empirical one-sided p-value
 * {@code (1 + #{null ≥ observed}) / (1 + nNull)} with Benjamini–Hochberg adjustment over the tested genes.
 * Matched expression: genes are binned into {@code nBins} quantile bins of their detection rate (fraction of cells
 * expressing them, which decides how many cells a deletion touches); nulls come from the tested gene's bin.
 *
 * <p>Cells: at most {@code maxCells} (seeded sample): for overexpress the same sample for every gene, for delete
 * each gene's (tested or null) own expressing cells. Null genes that no sampled cell holds in its token list are
 * dropped ({@code n_null} counts those used, listed in {@code null_genes}). Cost: (1 + nNull) perturbations per gene, each two forward passes per cell.
 *
 * <p><b>Reads</b> X (detection rates) and the model's tokens. <b>Writes</b> {@code uns[keyAdded]} (the table) and a
 * history entry. Returns: gene, n_cells, mean_shift, null_mean, null_sd, n_null, p_value, null_genes,
 * p_adj.
 */
public final class PerturbationScreen {

    public record Options(int nNull, int maxCells, int nBins, long seed, String keyAdded) {
        public static Options defaults() {
            return new Options(20, 200, 20, 0, "perturb_screen");
        }

        public Options withNNull(int v) {
            return new Options(v, maxCells, nBins, seed, keyAdded);
        }

        public Options withMaxCells(int v) {
            return new Options(nNull, v, nBins, seed, keyAdded);
        }

        public Options withNBins(int v) {
            return new Options(nNull, maxCells, v, seed, keyAdded);
        }

        public Options withSeed(long v) {
            return new Options(nNull, maxCells, nBins, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(nNull, maxCells, nBins, seed, v);
        }
    }

    private PerturbationScreen() {
    }

    public static Table apply(AtlasData atlas, PerturbableModel model, List<String> genes, PerturbationMode mode,
                              Options o) {
        long start = System.nanoTime();
        if (genes.isEmpty()) {
            throw new AtlasException("perturbScreen: no genes given");
        }
        GeneTokens tokens = GeneTokens.of(atlas, model);
        double[] detection = ColumnStats.of(atlas.x(), v -> v != 0 ? 1 : 0).mean();
        int[] bin = detectionBins(detection, tokens.columnTokens(), o.nBins());
        Set<Integer> tested = new HashSet<>();
        genes.forEach(g -> tested.add(tokens.columnOf(g)));
        SplittableRandom rnd = new SplittableRandom(o.seed());
        int[] allSample = Sampling.sample(atlas.nObs(), o.maxCells(), o.seed());
        Map<Integer, float[]> originals = new java.util.HashMap<>();
        Table t = emptyTable();
        try (Progress progress = Progress.start("perturbation screen (" + mode.label() + ")",
                (long) genes.size() * (1 + o.nNull()), "perturbations")) {
            for (String g : genes) {
                tokens.tokenOf(g); // fails early, naming the gene, when the model lacks it
                int j = tokens.columnOf(g);
                Cells cells = cellsFor(atlas, model, j, mode, allSample, o);
                double observed = meanShift(model, tokens.tokenOf(g), mode, cells, originals);
                int[] nulls = nullGenes(bin, j, tested, o.nNull(), rnd);
                List<String> used = new ArrayList<>();
                List<Double> nullShift = new ArrayList<>();
                for (int k : nulls) {
                    String name = atlas.varNames().get(k);
                    double v = meanShift(model, tokens.tokenOf(name), mode,
                            cellsFor(atlas, model, k, mode, allSample, o), originals);
                    if (Double.isFinite(v)) {
                        used.add(name);
                        nullShift.add(v);
                    }
                    progress.step(1);
                }
                progress.step(1 + o.nNull() - nulls.length);
                addRow(t, g, countCells(tokens, g, mode, cells.seqs()), observed,
                        nullShift.stream().mapToDouble(Double::doubleValue).toArray());
                t.stringColumn("null_genes").append(String.join(",", used));
            }
        }
        t.addColumns(DoubleColumn.create("p_adj", RankTests.benjaminiHochberg(t.doubleColumn("p_value")
                .asDoubleArray())));
        record(atlas, t, mode, o, start);
        return t;
    }

    /** Sampled cells and their tokens: a gene's own expressing cells for delete, the shared sample otherwise. */
    private record Cells(int[] rows, List<TokenSequence> seqs) {
    }

    private static Cells cellsFor(AtlasData atlas, PerturbableModel model, int column, PerturbationMode mode,
                                  int[] allSample, Options o) {
        int[] rows = mode == PerturbationMode.DELETE
                ? Sampling.sample(expressing(atlas, column), o.maxCells(), o.seed()) : allSample;
        return new Cells(rows, model.tokenize(atlas, rows));
    }

    /**
     * Mean of 1 − cos(original, perturbed) cell embeddings over the cells the perturbation applies to (NaN when none).
     * Pooled embeddings of unedited originals are cached per cell across the screen's genes (overexpress shares one
     * cell sample), so each such original is run once instead of once per gene.
     */
    private static double meanShift(PerturbableModel model, int token, PerturbationMode mode, Cells cells,
                                    Map<Integer, float[]> originals) {
        List<SequenceEdit> edits = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<Boolean> cacheable = new ArrayList<>();
        List<TokenSequence> batch = new ArrayList<>();
        List<Integer> uncached = new ArrayList<>();
        for (int c = 0; c < cells.rows().length; c++) {
            SequenceEdit e = SequenceEdit.of(cells.seqs().get(c), token, mode, model);
            if (e == null) {
                continue;
            }
            boolean unedited = e.original().equals(cells.seqs().get(c));
            edits.add(e);
            rows.add(cells.rows()[c]);
            cacheable.add(unedited);
            if (!unedited || !originals.containsKey(cells.rows()[c])) {
                uncached.add(edits.size() - 1);
                batch.add(e.original());
            }
        }
        if (edits.isEmpty()) {
            return Double.NaN;
        }
        edits.forEach(e -> batch.add(e.perturbed()));
        float[][][] states = model.tokenStates(batch);
        float[][] orig = new float[edits.size()][];
        for (int u = 0; u < uncached.size(); u++) {
            int k = uncached.get(u);
            orig[k] = model.poolCell(states[u], edits.get(k).original());
            if (cacheable.get(k)) {
                originals.put(rows.get(k), orig[k]);
            }
        }
        double sum = 0;
        for (int k = 0; k < edits.size(); k++) {
            float[] o = orig[k] != null ? orig[k] : originals.get(rows.get(k));
            sum += 1 - Cosine.of(model.poolCell(states[uncached.size() + k], edits.get(k).perturbed()), o);
        }
        return sum / edits.size();
    }

    private static int countCells(GeneTokens tokens, String gene, PerturbationMode mode, List<TokenSequence> seqs) {
        if (mode == PerturbationMode.OVEREXPRESS) {
            return seqs.size();
        }
        int t = tokens.tokenOf(gene);
        return (int) seqs.stream().filter(s -> s.indexOf(t) >= 0).count();
    }

    private static int[] expressing(AtlasData atlas, int column) {
        var x = atlas.x().selectCols(new int[] {column});
        float[] v = new float[1];
        return IntStream.range(0, atlas.nObs()).filter(i -> {
            x.rowInto(i, v);
            return v[0] != 0;
        }).toArray();
    }

    /** Quantile bin of each in-vocabulary expressed gene's detection rate; -1 for the others. */
    static int[] detectionBins(double[] detection, int[] columnTokens, int nBins) {
        Integer[] order = IntStream.range(0, detection.length).filter(j -> columnTokens[j] >= 0 && detection[j] > 0)
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(detection[a], detection[b]));
        int[] bin = new int[detection.length];
        Arrays.fill(bin, -1);
        for (int r = 0; r < order.length; r++) {
            bin[order[r]] = (int) ((long) r * nBins / order.length);
        }
        return bin;
    }

    private static int[] nullGenes(int[] bin, int column, Set<Integer> tested, int n, SplittableRandom rnd) {
        List<Integer> pool = new ArrayList<>();
        for (int j = 0; j < bin.length; j++) {
            if (bin[j] >= 0 && bin[j] == bin[column] && !tested.contains(j)) {
                pool.add(j);
            }
        }
        for (int i = pool.size() - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            Integer tmp = pool.get(i);
            pool.set(i, pool.get(k));
            pool.set(k, tmp);
        }
        return pool.subList(0, Math.min(n, pool.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    private static Table emptyTable() {
        return Table.create("perturbation_screen", StringColumn.create("gene"), IntColumn.create("n_cells"),
                DoubleColumn.create("mean_shift"), DoubleColumn.create("null_mean"), DoubleColumn.create("null_sd"),
                IntColumn.create("n_null"), DoubleColumn.create("p_value"), StringColumn.create("null_genes"));
    }

    private static void addRow(Table t, String gene, int nCells, double observed, double[] nulls) {
        double[] valid = nulls;
        double mean = Arrays.stream(valid).average().orElse(Double.NaN);
        double ss = Arrays.stream(valid).map(v -> (v - mean) * (v - mean)).sum();
        long atLeast = Arrays.stream(valid).filter(v -> v >= observed).count();
        t.stringColumn("gene").append(gene);
        t.intColumn("n_cells").append(nCells);
        t.doubleColumn("mean_shift").append(observed);
        t.doubleColumn("null_mean").append(mean);
        t.doubleColumn("null_sd").append(valid.length > 1 ? Math.sqrt(ss / (valid.length - 1)) : Double.NaN);
        t.intColumn("n_null").append(valid.length);
        t.doubleColumn("p_value").append(Double.isFinite(observed) ? (1.0 + atLeast) / (1.0 + valid.length) : 1.0);
    }

    private static void record(AtlasData atlas, Table t, PerturbationMode mode, Options o, long start) {
        atlas.uns().put(o.keyAdded(), t);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", mode.label());
        p.put("n_genes", t.rowCount());
        p.put("n_null", o.nNull());
        p.put("max_cells", o.maxCells());
        p.put("n_bins", o.nBins());
        p.put("seed", o.seed());
        atlas.record("perturbScreen", p, start, "tested " + t.rowCount() + " genes against " + o.nNull()
                + " matched random genes each; wrote uns['" + o.keyAdded() + "']");
    }
}
