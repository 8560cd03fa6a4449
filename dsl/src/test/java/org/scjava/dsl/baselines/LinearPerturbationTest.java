package org.scjava.dsl.baselines;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthetic contexts where the response depends linearly on the control profile. */
class LinearPerturbationTest {

    private static final int GENES = 60;

    /** Shift_c = base + M · (ctrl_c − mean ctrl), M of rank 1 inside a 3-dimensional gene embedding. */
    private static ConditionMeans synthetic(int nContexts, long seed) {
        Random rnd = new Random(seed);
        double[][] g = new double[GENES][3];
        for (double[] row : g) {
            for (int c = 0; c < 3; c++) {
                row[c] = rnd.nextGaussian();
            }
        }
        double[] base = new double[GENES];
        for (int j = 0; j < GENES; j++) {
            base[j] = rnd.nextGaussian();
        }
        double[][] ctrl = new double[nContexts][GENES];
        double[][] trt = new double[nContexts][GENES];
        double[][] latent = new double[nContexts][3];
        for (int c = 0; c < nContexts; c++) {
            for (int k = 0; k < 3; k++) {
                latent[c][k] = rnd.nextGaussian();
            }
            for (int j = 0; j < GENES; j++) {
                ctrl[c][j] = 5 + g[j][0] * latent[c][0] + g[j][1] * latent[c][1] + g[j][2] * latent[c][2];
            }
        }
        for (int c = 0; c < nContexts; c++) {
            for (int j = 0; j < GENES; j++) {
                trt[c][j] = ctrl[c][j] + base[j] + 0.8 * g[j][0] * latent[c][0];
            }
        }
        List<String> genes = java.util.stream.IntStream.range(0, GENES).mapToObj(i -> "g" + i).toList();
        List<String> contexts = java.util.stream.IntStream.range(0, nContexts).mapToObj(i -> "c" + i).toList();
        ConditionMeans m = new ConditionMeans(genes, contexts, ctrl, trt);
        EMBEDDING = DenseMatrix.of(g);
        return m;
    }

    private static DenseMatrix EMBEDDING;

    @Test
    void meanShiftAveragesTheOtherContexts() {
        ConditionMeans m = synthetic(4, 1);
        double[] pred = new MeanShiftPerturbation().predictShift(m, 0);
        double[] expected = new double[GENES];
        for (int c = 1; c < 4; c++) {
            double[] d = m.shift(c);
            for (int j = 0; j < GENES; j++) {
                expected[j] += d[j] / 3;
            }
        }
        assertArrayEquals(expected, pred, 1e-12);
    }

    @Test
    void linearModelRecoversAContextDependentResponseTheMeanShiftMisses() {
        ConditionMeans m = synthetic(12, 2);
        double[] observed = m.shift(0);
        double rMean = PerturbationEvaluation.pearson(observed, new MeanShiftPerturbation().predictShift(m, 0));
        double rLinear = PerturbationEvaluation.pearson(observed,
                new LinearPerturbation("linear", EMBEDDING, 0.1).predictShift(m, 0));
        assertTrue(rLinear > 0.99, "linear r = " + rLinear);
        assertTrue(rLinear > rMean + 0.01, "linear " + rLinear + " vs mean shift " + rMean);
    }

    @Test
    void evaluationInputsAreChecked() {
        org.scjava.dsl.core.DenseMatrix x = new org.scjava.dsl.core.DenseMatrix(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        AtlasException e = assertThrows(AtlasException.class, () -> ConditionMeans.of(x, List.of("a", "b"),
                new String[] {"T", "T", "B"}, new String[] {"ctrl", "stim", "stim"}, "ctrl", "stim"));
        assertTrue(e.getMessage().contains("context 'B' has no 'ctrl' cells"), e.getMessage());
        tech.tablesaw.api.Table obs = tech.tablesaw.api.Table.create("obs",
                tech.tablesaw.api.StringColumn.create("cell", List.of("c0", "c1", "c2")),
                tech.tablesaw.api.StringColumn.create("cell_type", List.of("T", "T", "B")),
                tech.tablesaw.api.StringColumn.create("stim", List.of("ctrl", "ctrl", "ctrl")));
        org.scjava.dsl.atlas.Atlas a = new org.scjava.dsl.atlas.Atlas(x, obs, null);
        a.uns().put("log1p", java.util.Map.of("base", "e"));
        e = assertThrows(AtlasException.class, () -> PerturbationEvaluation.evaluate(a, "cell_type", "stim",
                List.of(PerturbationEvaluation.meanShift()), PerturbationEvaluation.Options.defaults()));
        assertTrue(e.getMessage().contains("no context has both 'ctrl' and 'stim'"), e.getMessage());
        e = assertThrows(AtlasException.class, () -> PerturbationEvaluation.evaluate(a, "celltype", "stim",
                List.of(PerturbationEvaluation.meanShift()), PerturbationEvaluation.Options.defaults()));
        assertTrue(e.getMessage().contains("celltype"), e.getMessage());
    }

    @Test
    void wrongEmbeddingShapeIsAClearError() {
        ConditionMeans m = synthetic(4, 3);
        AtlasException e = assertThrows(AtlasException.class, () -> new LinearPerturbation("x",
                DenseMatrix.of(new double[][] {{1, 0}, {0, 1}}), 0.1).predictShift(m, 0));
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("60 genes"), e.getMessage());
    }
}
