package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** UMAP's initialisation of disconnected graphs (umap-learn's multi_component_layout) and the parallel SGD mode. */
class UmapInitTest {

    /** umap-learn 0.5.3 component_layout of six centroids: src/test/resources/parity/component_layout_reference.py. */
    @Test
    void componentLayoutMatchesUmapLearn() {
        float[] c = {0, 0, 0, 1, 0.2f, 0, 2.1f, 0.1f, 0.3f, 0.2f, 1.4f, 0.1f, 1.1f, 1.5f, 0.6f, 2.0f, 1.2f, 1.0f};
        double[][] expected = {{0.8683603117, -0.2827788886}, {0.5510032602, 0.2144129249},
            {0.0055485229, 1.0}, {-0.0729514299, -0.8420165580}, {-0.5528807987, -0.3421621605},
            {-0.7221278279, 0.4412599182}};
        int[][] members = {{0}, {1}, {2}, {3}, {4}, {5}};
        double[][] got = ComponentLayout.meta(new DenseMatrix(6, 3, c), members, 2, new SplittableRandom(0));
        for (int i = 0; i < 6; i++) {
            // eigenvectors are defined up to sign before the sign flip; after it they must agree
            assertThat(got[i][0]).as("component %d x", i).isCloseTo(expected[i][0], within(1e-6));
            assertThat(got[i][1]).as("component %d y", i).isCloseTo(expected[i][1], within(1e-6));
        }
    }

    @Test
    void fewComponentsSitOnSignedUnitVectorsWithinHalfTheGap() {
        DenseMatrix x = KnnTest.blobs(300, 10, 3, 5);
        CsrMatrix g = FuzzySimplicialSet.connectivities(Knn.search(x, 15, Knn.Metric.EUCLIDEAN, Knn.Method.EXACT));
        int[] comp = SpectralInit.components(g);
        assertThat(comp).contains(0, 1, 2).doesNotContain(3);
        double[] init = SpectralInit.layout(g, x, 2, 0);
        double[][] expectedCentre = {{1, 0}, {0, 1}, {-1, 0}}; // k = 2: e0, e1, then -e0
        double halfGap = Math.sqrt(2) / 2;
        for (int i = 0; i < 300; i++) {
            double dx = init[2 * i] - expectedCentre[comp[i]][0];
            double dy = init[2 * i + 1] - expectedCentre[comp[i]][1];
            assertThat(Math.max(Math.abs(dx), Math.abs(dy))).isLessThanOrEqualTo(halfGap + 1e-9);
        }
    }

    @Test
    void manyComponentsArePlacedApartFromTheirCentroids() {
        Atlas a = new Atlas(CsrMatrix.zeros(480, 3), null, null);
        a.putObsm("X_pca", KnnTest.blobs(480, 10, 8, 3));
        a.neighbors(15);
        CsrMatrix g = (CsrMatrix) a.obsp().get("connectivities");
        int[] comp = SpectralInit.components(g);
        int nComp = java.util.Arrays.stream(comp).max().orElseThrow() + 1;
        assertThat(nComp).isGreaterThan(4);
        double[] init = SpectralInit.layout(g, (DenseMatrix) a.obsm("X_pca"), 2, 0);
        // centroids 20 apart in 10-d: exp(-d²) underflows, so meta positions fall back to distinct random ones
        double[][] mean = new double[nComp][2];
        int[] size = new int[nComp];
        for (int i = 0; i < 480; i++) {
            mean[comp[i]][0] += init[2 * i];
            mean[comp[i]][1] += init[2 * i + 1];
            size[comp[i]]++;
        }
        for (int c = 0; c < nComp; c++) {
            for (int o = 0; o < c; o++) {
                assertThat(Math.hypot(mean[c][0] / size[c] - mean[o][0] / size[o], mean[c][1] / size[c]
                        - mean[o][1] / size[o])).as("components %d and %d", c, o).isGreaterThan(1e-3);
            }
        }
        DenseMatrix emb = (DenseMatrix) a.umap(Umap.Options.defaults().withNEpochs(50)).obsm("X_umap");
        assertThat(emb.nRows()).isEqualTo(480);
    }

    @Test
    void parallelModeEmbedsAndRecordsIt() {
        Atlas a = new Atlas(CsrMatrix.zeros(3000, 3), null, null);
        a.putObsm("X_pca", KnnTest.blobs(3000, 10, 2, 9));
        a.neighbors(15).umap(Umap.Options.defaults().withNEpochs(60).withParallel(true));
        LeidenUmapTest.assertTwoAlternatingClustersSeparated((DenseMatrix) a.obsm("X_umap"));
        assertThat(a.history().last("umap").params()).containsEntry("parallel", true);
    }
}
