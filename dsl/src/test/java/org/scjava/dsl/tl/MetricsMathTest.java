package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Silhouette, ARI/NMI and LISI against values computed with scikit-learn 1.2.1 (Debian python3-sklearn). */
class MetricsMathTest {

    @Test
    void silhouetteMatchesScikitLearn() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {5, 5}, {5, 6}, {6, 5}, {0, 5}});
        double[] s = Silhouette.samples(x, new int[] {0, 0, 0, 1, 1, 1, 1});
        // sklearn.metrics.silhouette_samples
        double[] expected = {0.8555516928183632, 0.8044006683759843, 0.8127378101495281, 0.6478397838508636,
            0.6599180595514357, 0.6191357240341435, -0.12423116813488894};
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void silhouetteNeedsTwoGroups() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}});
        assertThatThrownBy(() -> Silhouette.samples(x, new int[] {0, 0, 0})).isInstanceOf(AtlasException.class)
                .hasMessageContaining("groups");
    }

    @Test
    void ariAndNmiMatchScikitLearn() {
        int[] a = {0, 0, 0, 1, 1, 1, 2, 2};
        int[] b = {0, 0, 1, 1, 1, 2, 2, 2};
        assertThat(ClusterAgreement.adjustedRand(a, b)).isCloseTo(0.23809523809523808, within(1e-12));
        assertThat(ClusterAgreement.normalizedMutualInfo(a, b)).isCloseTo(0.5588730382170326, within(1e-12));
        assertThat(ClusterAgreement.adjustedRand(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(ClusterAgreement.normalizedMutualInfo(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}))
                .isCloseTo(0.8, within(1e-12));
        assertThat(ClusterAgreement.adjustedRand(new int[] {1, 1, 0, 0}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
    }

    @Test
    void agreementNeedsSameCells() {
        assertThatThrownBy(() -> ClusterAgreement.adjustedRand(new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(AtlasException.class).hasMessageContaining("same cells");
    }

    @Test
    void lisiIsNumberOfEvenlyMixedGroups() {
        // 3 neighbours at equal distance from each of 3 groups -> inverse Simpson = 3; one group -> 1
        int[][] idx = {{1, 2, 3, 4, 5, 6}};
        float[][] dist = {{1, 1, 1, 1, 1, 1}};
        int[] mixed = {0, 0, 1, 2, 0, 1, 2};
        int[] pure = {0, 1, 1, 1, 1, 1, 1};
        int[][] all = new int[7][];
        float[][] alld = new float[7][];
        for (int i = 0; i < 7; i++) {
            all[i] = idx[0];
            alld[i] = dist[0];
        }
        assertThat(Lisi.compute(all, alld, mixed, 2)[0]).isCloseTo(3.0, within(1e-9));
        assertThat(Lisi.compute(all, alld, pure, 2)[0]).isCloseTo(1.0, within(1e-9));
    }
}
