package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnnTest {

    /** Mean fraction of the exact neighbour lists (self excluded) found by the approximate search. */
    static double recall(Knn.Result exact, Knn.Result approx) {
        long hit = 0;
        long total = 0;
        for (int i = 0; i < exact.indices().length; i++) {
            Set<Integer> truth = new HashSet<>();
            for (int p = 1; p < exact.indices()[i].length; p++) {
                truth.add(exact.indices()[i][p]);
            }
            for (int p = 1; p < approx.indices()[i].length; p++) {
                hit += truth.contains(approx.indices()[i][p]) ? 1 : 0;
            }
            total += truth.size();
        }
        return (double) hit / total;
    }

    /** Gaussian blobs in {@code d} dimensions. */
    static DenseMatrix blobs(int n, int d, int centres, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] c = new float[centres][d];
        for (float[] row : c) {
            for (int t = 0; t < d; t++) {
                row[t] = (float) (rnd.nextDouble() * 20);
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] centre = c[i % centres];
            for (int t = 0; t < d; t++) {
                x[i * d + t] = centre[t] + (float) (Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
                        * Math.cos(2 * Math.PI * rnd.nextDouble()));
            }
        }
        return new DenseMatrix(n, d, x);
    }

    @Test
    void exactMatchesBruteForceAndStartsWithSelf() {
        DenseMatrix x = blobs(300, 5, 3, 1);
        Knn.Result r = Knn.search(x, 10, Knn.Metric.EUCLIDEAN, Knn.Method.EXACT);
        for (int i = 0; i < 300; i += 37) {
            assertThat(r.indices()[i][0]).isEqualTo(i);
            double[] all = new double[300];
            for (int j = 0; j < 300; j++) {
                double s = 0;
                for (int t = 0; t < 5; t++) {
                    double diff = x.get(i, t) - x.get(j, t);
                    s += diff * diff;
                }
                all[j] = Math.sqrt(s);
            }
            java.util.Arrays.sort(all);
            for (int p = 0; p < 10; p++) {
                assertThat((double) r.distances()[i][p]).isCloseTo(all[p], org.assertj.core.api.Assertions.within(1e-4));
            }
        }
    }

    @Test
    void approximateSearchesRecallAtLeast95PercentAndNnDescentIsReproducible() {
        DenseMatrix x = blobs(12_000, 30, 20, 2);
        Knn.Result exact = Knn.search(x, 15, Knn.Metric.EUCLIDEAN, Knn.Method.EXACT);
        Knn.Result auto = Knn.search(x, 15, Knn.Metric.EUCLIDEAN, Knn.Method.AUTO);
        assertThat(auto.method()).isEqualTo(Knn.Method.NNDESCENT);
        assertThat(recall(exact, auto)).isGreaterThanOrEqualTo(0.95);
        Knn.Result again = Knn.search(x, 15, Knn.Metric.EUCLIDEAN, Knn.Method.NNDESCENT, 0);
        assertThat(again.indices()).isDeepEqualTo(auto.indices());
        assertThat(again.distances()).isDeepEqualTo(auto.distances());
        for (int i = 0; i < 12_000; i += 997) {
            assertThat(auto.indices()[i][0]).isEqualTo(i);
            for (int p = 2; p < 15; p++) {
                assertThat(auto.distances()[i][p]).isGreaterThanOrEqualTo(auto.distances()[i][p - 1]);
            }
        }
        Knn.Result hnsw = Knn.search(x, 15, Knn.Metric.EUCLIDEAN, Knn.Method.HNSW);
        assertThat(recall(exact, hnsw)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void nnDescentHandlesCosineAndDuplicatePoints() {
        float[][] rows = new float[600][];
        DenseMatrix base = blobs(300, 8, 3, 6);
        for (int i = 0; i < 600; i++) {
            rows[i] = base.row(i % 300); // every point twice: ties everywhere
        }
        DenseMatrix x = DenseMatrix.of(rows);
        for (Knn.Metric m : Knn.Metric.values()) {
            Knn.Result exact = Knn.search(x, 10, m, Knn.Method.EXACT);
            Knn.Result nn = Knn.search(x, 10, m, Knn.Method.NNDESCENT, 3);
            // every point has a twin at distance 0 and k is small: a hard case for NN-descent (0.95 on the blobs
            // and PBMC above, 0.996 on 50,000 PBMC-like cells); here it must still find nearly all
            assertThat(recallOfDistances(exact, nn)).as(m.name()).isGreaterThanOrEqualTo(0.9);
        }
    }

    /** Fraction of exact k-th distances matched (ties make index sets ambiguous, distances are not). */
    private static double recallOfDistances(Knn.Result exact, Knn.Result approx) {
        long hit = 0;
        long total = 0;
        for (int i = 0; i < exact.indices().length; i++) {
            for (int p = 1; p < exact.distances()[i].length; p++) {
                hit += approx.distances()[i][p] <= exact.distances()[i][p] + 1e-5 ? 1 : 0;
                total++;
            }
        }
        return (double) hit / total;
    }

    @Test
    void cosineNeighboursIgnoreLength() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 0}, {10, 0.1f}, {0, 1}, {0.1f, 5}});
        Knn.Result r = Knn.search(x, 2, Knn.Metric.COSINE, Knn.Method.EXACT);
        assertThat(r.indices()[0][1]).isEqualTo(1);
        assertThat(r.indices()[2][1]).isEqualTo(3);
    }

    @Test
    void fuzzyGraphIsSymmetricWithMembershipsInUnitInterval() {
        Knn.Result r = Knn.search(blobs(500, 4, 4, 3), 15, Knn.Metric.EUCLIDEAN, Knn.Method.EXACT);
        CsrMatrix g = FuzzySimplicialSet.connectivities(r);
        for (int i = 0; i < 500; i++) {
            assertThat(g.get(i, i)).isZero();
            for (int k = g.rowStart(i); k < g.rowEnd(i); k++) {
                int j = g.indices()[k];
                assertThat(g.data()[k]).isBetween(0f, 1f).isEqualTo(g.get(j, i));
            }
        }
        CsrMatrix d = FuzzySimplicialSet.distances(r);
        assertThat(d.nnz()).isEqualTo(500 * 14);
    }

    @Test
    void badKIsAClearError() {
        assertThatThrownBy(() -> Knn.search(blobs(10, 2, 1, 4), 11, Knn.Metric.EUCLIDEAN, Knn.Method.AUTO))
                .isInstanceOf(AtlasException.class).hasMessageContaining("k must be in 2..10");
        assertThatThrownBy(() -> Knn.Metric.parse("hamming")).hasMessageContaining("unknown metric 'hamming'");
    }
}
