package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LeidenUmapTest {

    private static Atlas blobAtlas(int n, int centres) {
        DenseMatrix x = KnnTest.blobs(n, 10, centres, 11);
        Atlas a = new Atlas(CsrMatrix.zeros(n, 3), null, null);
        a.putObsm("X_pca", x);
        return a.neighbors(15);
    }

    @Test
    void leidenRecoversPlantedClustersOrderedBySize() {
        Atlas a = blobAtlas(600, 4).leiden(1.0, 0);
        String[] labels = a.obsStrings("leiden");
        Map<Integer, String> byCentre = new HashMap<>();
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            String prev = byCentre.putIfAbsent(i % 4, labels[i]);
            agree += prev == null || prev.equals(labels[i]) ? 1 : 0;
        }
        assertThat(agree).isGreaterThan(590);
        assertThat(a.obsCategories().get("leiden").levels()).startsWith("0", "1");
        assertThat(((Number) ((Map<?, ?>) a.uns().get("leiden")).get("modularity")).doubleValue()).isGreaterThan(0.5);
        assertThat(a.history().last("leiden").params()).containsEntry("random_state", 0L);
    }

    @Test
    void leidenIsReproducibleForASeed() {
        Atlas a = blobAtlas(400, 6);
        String[] first = a.leiden(0.8, 7).obsStrings("leiden");
        String[] second = a.leiden(0.8, 7).obsStrings("leiden");
        assertThat(second).containsExactly(first);
    }

    @Test
    void umapCurveMatchesUmapLearnFindAbParams() {
        // umap-learn 0.5.3 find_ab_params(1.0, 0.1) = (1.5769, 0.8951); (1.0, 0.5) = (0.5830, 1.3341)
        UmapCurve.AB ab = UmapCurve.fit(1.0, 0.1);
        assertThat(ab.a()).isCloseTo(1.5769, within(2e-3));
        assertThat(ab.b()).isCloseTo(0.8951, within(2e-3));
        UmapCurve.AB ab5 = UmapCurve.fit(1.0, 0.5);
        assertThat(ab5.a()).isCloseTo(0.5830, within(2e-3));
        assertThat(ab5.b()).isCloseTo(1.3341, within(2e-3));
    }

    @Test
    void umapSeparatesClustersAndIsDeterministic() {
        Atlas a = blobAtlas(400, 2);
        DenseMatrix e1 = (DenseMatrix) a.umap(Umap.Options.defaults().withNEpochs(100)).obsm("X_umap");
        DenseMatrix e2 = (DenseMatrix) a.umap(Umap.Options.defaults().withNEpochs(100)).obsm("X_umap");
        assertThat(e2.data()).containsExactly(e1.data());
        assertTwoAlternatingClustersSeparated(e1);
    }

    @Test
    void umapDefaultDoesNotDependOnTheNumberOfThreads() throws Exception {
        // ~16k edges: the deterministic schedule runs all its edge chunks, in pools of 1 and 4 threads as well as
        // the common pool (a parallel stream inside a pool's task runs on that pool)
        Atlas a = blobAtlas(800, 2);
        Umap.Options o = Umap.Options.defaults().withNEpochs(50);
        float[] common = ((DenseMatrix) a.umap(o).obsm("X_umap")).data();
        for (int threads : new int[] {1, 4}) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                float[] inPool = pool.submit(() -> ((DenseMatrix) a.umap(o).obsm("X_umap")).data()).get();
                assertThat(inPool).as(threads + " threads").containsExactly(common);
            } finally {
                pool.shutdown();
            }
        }
        assertTwoAlternatingClustersSeparated((DenseMatrix) a.obsm("X_umap"));
    }

    /** Cells alternate between two clusters (i % 2): their centres must lie more than 3 mean spreads apart. */
    static void assertTwoAlternatingClustersSeparated(DenseMatrix e) {
        int n = e.nRows();
        double[][] centre = new double[2][2];
        for (int i = 0; i < n; i++) {
            assertThat(Float.isFinite(e.get(i, 0)) && Float.isFinite(e.get(i, 1))).isTrue();
            centre[i % 2][0] += e.get(i, 0) / (n / 2.0);
            centre[i % 2][1] += e.get(i, 1) / (n / 2.0);
        }
        double spread = 0;
        for (int i = 0; i < n; i++) {
            spread += Math.hypot(e.get(i, 0) - centre[i % 2][0], e.get(i, 1) - centre[i % 2][1]) / n;
        }
        assertThat(Math.hypot(centre[0][0] - centre[1][0], centre[0][1] - centre[1][1])).isGreaterThan(3 * spread);
    }

    @Test
    void verbsNameThePrerequisite() {
        Atlas a = new Atlas(CsrMatrix.zeros(5, 3), null, null);
        assertThatThrownBy(a::umap).isInstanceOf(AtlasException.class).hasMessageContaining("run neighbors() first");
        assertThatThrownBy(() -> a.leiden(1.0)).hasMessageContaining("run neighbors() first");
        Atlas b = new Atlas(CsrMatrix.zeros(5, 60), null, null);
        assertThatThrownBy(() -> b.neighbors(3)).hasMessageContaining("run pca() first");
        assertThatThrownBy(() -> blobAtlas(50, 2).leiden(-1)).hasMessageContaining("resolution must be > 0");
    }
}
