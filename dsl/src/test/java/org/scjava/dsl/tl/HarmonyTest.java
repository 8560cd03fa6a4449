package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Harmony on synthetic data: two cell types seen in two batches that shift every cell by a batch offset. */
class HarmonyTest {

    static final int N = 400;
    static final int D = 6;

    /** Cell i: type i % 2, batch (i / 2) % 2; type centres far apart, batch offset smaller but clear. */
    static DenseMatrix synthetic(long seed) {
        Random rng = new Random(seed);
        double[][] rows = new double[N][D];
        for (int i = 0; i < N; i++) {
            int type = i % 2;
            int batch = (i / 2) % 2;
            for (int j = 0; j < D; j++) {
                rows[i][j] = rng.nextGaussian() * 0.5 + (type == 1 && j == 0 ? 8 : 0) + (batch == 1 && j == 1 ? 3 : 0)
                        + (j == 2 ? 4 : 0);
            }
        }
        return DenseMatrix.of(rows);
    }

    static String[] labels(int period, String a, String b) {
        String[] out = new String[N];
        for (int i = 0; i < N; i++) {
            out[i] = (i / period) % 2 == 0 ? a : b;
        }
        return out;
    }

    static Atlas atlas() {
        Table obs = Table.create("obs", StringColumn.create("cell", labels(1, "c", "c")),
                StringColumn.create("batch", labels(2, "b1", "b2")), StringColumn.create("type", labels(1, "T", "B")));
        for (int i = 0; i < N; i++) {
            ((StringColumn) obs.column("cell")).set(i, "cell" + i);
        }
        Atlas a = new Atlas(CsrMatrix.zeros(N, 3), obs, null);
        a.putObsm("X_pca", synthetic(1));
        return a;
    }

    /** Distance between the two batches' means along dimension 1, within type 0. */
    static double batchGap(DenseMatrix z) {
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < N; i += 2) {
            int batch = (i / 2) % 2;
            sum[batch] += z.get(i, 1);
            count[batch]++;
        }
        return Math.abs(sum[1] / count[1] - sum[0] / count[0]);
    }

    @Test
    void removesBatchOffsetAndKeepsCellTypes() {
        Atlas a = atlas().harmonize("batch", Harmony.Options.defaults().withNClusters(4));
        DenseMatrix before = (DenseMatrix) a.obsm("X_pca");
        DenseMatrix after = (DenseMatrix) a.obsm("X_harmony");
        assertThat(batchGap(before)).isGreaterThan(2.5);
        assertThat(batchGap(after)).isLessThan(0.5);
        // cell types stay apart along dimension 0
        int[] type = new int[N];
        for (int i = 0; i < N; i++) {
            type[i] = i % 2;
        }
        assertThat(Silhouette.score(after, type)).isGreaterThan(0.5);
        assertThat(a.uns()).containsKey("harmony");
        assertThat(a.history().last("harmonize").params()).containsEntry("n_clusters", 4);
    }

    @Test
    void sameSeedSameResult() {
        DenseMatrix z = synthetic(3);
        Map<String, String[]> b = Map.of("batch", labels(2, "x", "y"));
        Harmony.Options o = Harmony.Options.defaults().withNClusters(5).withSeed(7);
        assertThat(Harmony.correct(z, b, o).corrected().data()).containsExactly(Harmony.correct(z, b, o).corrected().data());
    }

    @Test
    void twoBatchVariables() {
        Harmony.Result r = Harmony.correct(synthetic(4), new java.util.LinkedHashMap<>(Map.of(
                "batch", labels(2, "x", "y"), "lane", labels(4, "l1", "l2"))), Harmony.Options.defaults().withNClusters(4));
        assertThat(batchGap(r.corrected())).isLessThan(0.6);
    }

    @Test
    void errorsNameTheProblem() {
        Atlas a = atlas();
        assertThatThrownBy(() -> a.harmonize("donor")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("batch key 'donor' is not an obs column").hasMessageContaining("batch");
    }

    @Test
    void singleBatchLevelIsRefused() {
        Atlas a = atlas();
        assertThatThrownBy(() -> Harmony.correct((DenseMatrix) a.obsm("X_pca"), Map.of("b", labels(1, "x", "x")),
                Harmony.Options.defaults())).isInstanceOf(AtlasException.class).hasMessageContaining("single value");
    }

    @Test
    void missingRepresentationNamesTheVerbToRun() {
        Atlas a = atlas();
        assertThatThrownBy(() -> a.harmonize("batch", Harmony.Options.defaults().withUseRep("X_scgpt")))
                .isInstanceOf(AtlasException.class).hasMessageContaining("obsm[\"X_scgpt\"]").hasMessageContaining("embed(model)");
    }

    @Test
    void missingBatchValuesAndBadOptionsAreRefused() {
        String[] b = labels(2, "x", "y");
        b[5] = "";
        assertThatThrownBy(() -> Harmony.correct(synthetic(1), Map.of("batch", b), Harmony.Options.defaults()))
                .hasMessageContaining("1 cells have no value");
        assertThatThrownBy(() -> Harmony.correct(synthetic(1), Map.of("batch", labels(2, "x", "y")),
                Harmony.Options.defaults().withSigma(0))).hasMessageContaining("sigma > 0");
        assertThatThrownBy(() -> Harmony.apply(atlas(), List.of(), Harmony.Options.defaults()))
                .hasMessageContaining("at least one batch key");
    }
}
