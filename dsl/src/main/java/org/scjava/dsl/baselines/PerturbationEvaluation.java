package org.scjava.dsl.baselines;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Pca;
import org.scjava.dsl.tasks.programs.GeneProfiles;
import org.scjava.dsl.tl.RankGenesGroups;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Leave-one-context-out evaluation of perturbation-response predictors, in the style of scGen's held-out cell-type
 * benchmark (Lotfollahi et al. 2019, doi:10.1038/s41592-019-0494-8) on Kang et al. 2018 IFN-β PBMCs: for each
 * context (cell type) its treated cells are hidden, each predictor predicts the context's treated − control shift
 * of pseudobulk log-expression from the other contexts, and the prediction is scored against the observed shift
 * by Pearson r on the context's top differentially expressed genes (Welch t of treated vs control within the
 * context, the {@code nTopDe} largest |t|), Pearson r on all genes, and RMSE on the top genes.
 */
public final class PerturbationEvaluation {

    /** One held-out fold: what a predictor may use. {@code means} has no treated row for {@code heldOut}. */
    public record Fold(Matrix logX, List<String> genes, String[] context, String[] condition, boolean[] training,
                       ConditionMeans means, int heldOut) {
    }

    /** Makes a predictor for a fold (e.g. one fitting a PCA on the fold's training cells). */
    @FunctionalInterface
    public interface PredictorFactory {
        PerturbationPredictor forFold(Fold fold);
    }

    public record Options(String controlValue, String treatedValue, int nTopDe) {
        public static Options defaults() {
            return new Options("ctrl", "stim", 100);
        }

        public Options withConditions(String control, String treated) {
            return new Options(control, treated, nTopDe);
        }

        public Options withNTopDe(int v) {
            return new Options(controlValue, treatedValue, v);
        }
    }

    private PerturbationEvaluation() {
    }

    /**
     * One row per held-out context × predictor: held_out, method, pearson_top_de, pearson_all, rmse_top_de, n_top_de.
     * {@code atlas} holds counts or log-normalised X (see {@link GeneProfiles#logExpression}).
     */
    public static Table evaluate(AtlasData atlas, String contextKey, String conditionKey,
                                 List<PredictorFactory> predictors, Options o) {
        Matrix logX = GeneProfiles.logExpression(atlas);
        String[] context = atlas.obsStrings(contextKey);
        String[] condition = atlas.obsStrings(conditionKey);
        List<String> genes = atlas.varNames();
        ConditionMeans full = ConditionMeans.of(logX, genes, context, condition, o.controlValue(), o.treatedValue());
        Table out = emptyTable();
        for (int h = 0; h < full.contexts().size(); h++) {
            if (full.treated()[h] == null) {
                continue;
            }
            Fold fold = fold(logX, genes, context, condition, full.contexts().get(h), o);
            double[] observed = full.shift(h);
            int[] top = topDe(logX, genes, context, condition, full.contexts().get(h), o);
            for (PredictorFactory f : predictors) {
                PerturbationPredictor p = f.forFold(fold);
                double[] predicted = p.predictShift(fold.means(), fold.heldOut());
                addRow(out, full.contexts().get(h), p.name(), observed, predicted, top);
            }
        }
        if (out.rowCount() == 0) {
            throw new AtlasException("perturbation evaluation: no context has both '" + o.controlValue() + "' and '"
                    + o.treatedValue() + "' cells in obs['" + conditionKey + "']");
        }
        return out;
    }

    /** Mean of each metric per method over held-out contexts (rows in first-seen method order). */
    public static Table summary(Table perFold) {
        Table s = perFold.summarize("pearson_top_de", "pearson_all", "rmse_top_de", AggregateFunctions.mean)
                .by("method");
        s.setName("perturbation_evaluation_summary");
        return s;
    }

    /** The predictor that predicts no change (the control profile): its Pearson r is undefined (NaN). */
    public static PredictorFactory noChange() {
        return f -> new PerturbationPredictor() {
            @Override
            public String name() {
                return "no change (control)";
            }

            @Override
            public double[] predictShift(ConditionMeans means, int heldOut) {
                return new double[means.genes().size()];
            }
        };
    }

    public static PredictorFactory meanShift() {
        return f -> new MeanShiftPerturbation();
    }

    /** The linear model with G = the top {@code nComps} principal components of the fold's training cells. */
    public static PredictorFactory linearPca(int nComps, long seed) {
        return f -> new LinearPerturbation("linear, PCA gene embedding (baseline)", pcaGeneEmbedding(f, nComps, seed),
                0.1);
    }

    /** The linear model with a fixed gene embedding (e.g. a foundation model's; one row per gene of the Atlas). */
    public static PredictorFactory linear(String name, DenseMatrix geneEmbedding) {
        return f -> new LinearPerturbation(name, geneEmbedding, 0.1);
    }

    static DenseMatrix pcaGeneEmbedding(Fold f, int nComps, long seed) {
        int[] rows = IntStream.range(0, f.training().length).filter(i -> f.training()[i]).toArray();
        int[] cols = IntStream.range(0, f.genes().size()).toArray();
        Pca.Result r = Pca.compute(f.logX().selectRows(rows), cols, null, Pca.Options.defaults().withNComps(nComps)
                .withSeed(seed));
        double[][] comps = r.components();
        double[][] g = new double[cols.length][comps.length];
        for (int c = 0; c < comps.length; c++) {
            for (int j = 0; j < cols.length; j++) {
                g[j][c] = comps[c][j];
            }
        }
        return DenseMatrix.of(g);
    }

    private static Fold fold(Matrix logX, List<String> genes, String[] context, String[] condition, String heldOut,
                             Options o) {
        boolean[] training = new boolean[context.length];
        String[] visible = condition.clone();
        for (int i = 0; i < context.length; i++) {
            boolean hidden = context[i].equals(heldOut) && o.treatedValue().equals(condition[i]);
            training[i] = !hidden;
            if (hidden) {
                visible[i] = null;
            }
        }
        ConditionMeans means = ConditionMeans.of(logX, genes, context, visible, o.controlValue(), o.treatedValue());
        return new Fold(logX, genes, context, visible, training, means, means.contexts().indexOf(heldOut));
    }

    /** Genes with the {@code nTopDe} largest |Welch t| of treated vs control within {@code ctx}. */
    private static int[] topDe(Matrix logX, List<String> genes, String[] context, String[] condition, String ctx,
                               Options o) {
        int[] rows = IntStream.range(0, context.length).filter(i -> context[i].equals(ctx)).toArray();
        String[] labels = Arrays.stream(rows).mapToObj(i -> condition[i]).toArray(String[]::new);
        Table de = RankGenesGroups.compute(logX.selectRows(rows), genes, labels,
                List.of(o.treatedValue(), o.controlValue()), RankGenesGroups.Options.defaults().withNGenes(0));
        Table treated = de.where(de.stringColumn("group").isEqualTo(o.treatedValue()));
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < genes.size(); j++) {
            index.putIfAbsent(genes.get(j), j);
        }
        double[] score = treated.doubleColumn("scores").asDoubleArray();
        List<String> names = treated.stringColumn("names").asList();
        return IntStream.range(0, score.length).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(score[b]), Math.abs(score[a])))
                .limit(Math.min(o.nTopDe(), score.length)).mapToInt(r -> index.get(names.get(r))).toArray();
    }

    private static Table emptyTable() {
        return Table.create("perturbation_evaluation", StringColumn.create("held_out"), StringColumn.create("method"),
                DoubleColumn.create("pearson_top_de"), DoubleColumn.create("pearson_all"),
                DoubleColumn.create("rmse_top_de"), IntColumn.create("n_top_de"));
    }

    private static void addRow(Table t, String heldOut, String method, double[] obs, double[] pred, int[] top) {
        double[] obsTop = Arrays.stream(top).mapToDouble(j -> obs[j]).toArray();
        double[] predTop = Arrays.stream(top).mapToDouble(j -> pred[j]).toArray();
        double se = 0;
        for (int k = 0; k < top.length; k++) {
            se += (obsTop[k] - predTop[k]) * (obsTop[k] - predTop[k]);
        }
        t.stringColumn("held_out").append(heldOut);
        t.stringColumn("method").append(method);
        t.doubleColumn("pearson_top_de").append(pearson(obsTop, predTop));
        t.doubleColumn("pearson_all").append(pearson(obs, pred));
        t.doubleColumn("rmse_top_de").append(Math.sqrt(se / top.length));
        t.intColumn("n_top_de").append(top.length);
    }

    /** Pearson r; NaN when either side is constant. */
    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(Double.NaN);
        double mb = Arrays.stream(b).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }
}
