package org.scjava.dsl.tasks;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KnnLabelVoteTest {

    // reference: three "a" cells near (1,0), two "b" cells near (0,1); cosine ignores length
    static final DenseMatrix REF = DenseMatrix.of(new double[][] {{1, 0}, {5, 0.1}, {1, -0.1}, {0, 1}, {0.1, 3}});
    static final String[] LABELS = {"a", "a", "a", "b", "b"};

    @Test
    void majorityOfNearestByCosine() {
        DenseMatrix q = DenseMatrix.of(new double[][] {{10, 0.5}, {0.2, 2}});
        KnnLabelVote.Result r = KnnLabelVote.transfer(REF, LABELS, q, KnnLabelVote.Options.defaults().withK(3));
        assertThat(r.labels()).containsExactly("a", "b");
        assertThat(r.confidence()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(r.confidence()[1]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.neighbors()[1][0]).isIn(3, 4);
    }

    @Test
    void belowThresholdIsUnknown() {
        DenseMatrix q = DenseMatrix.of(new double[][] {{0.2, 2}});
        KnnLabelVote.Result r = KnnLabelVote.transfer(REF, LABELS, q,
                KnnLabelVote.Options.defaults().withK(3).withUnknownThreshold(0.7));
        assertThat(r.labels()).containsExactly(KnnLabelVote.UNKNOWN);
    }

    @Test
    void unlabelledReferenceCellsAreSkipped() {
        String[] labels = {"a", "", "a", null, "b"};
        KnnLabelVote.Result r = KnnLabelVote.transfer(REF, labels, DenseMatrix.of(new double[][] {{0, 1}}),
                KnnLabelVote.Options.defaults().withK(3));
        for (int nb : r.neighbors()[0]) {
            assertThat(nb).isIn(0, 2, 4);
        }
        assertThatThrownBy(() -> KnnLabelVote.transfer(REF, labels, DenseMatrix.of(new double[][] {{0, 1}}),
                KnnLabelVote.Options.defaults().withK(4))).hasMessageContaining("k must be in 1..3");
    }

    @Test
    void badInputIsRefused() {
        DenseMatrix q3 = DenseMatrix.of(new double[][] {{1, 2, 3}});
        assertThatThrownBy(() -> KnnLabelVote.transfer(REF, LABELS, q3, KnnLabelVote.Options.defaults().withK(2)))
                .isInstanceOf(AtlasException.class).hasMessageContaining("2 dimensions but the query 3");
        assertThatThrownBy(() -> KnnLabelVote.transfer(REF, new String[] {"a"}, REF, KnnLabelVote.Options.defaults()))
                .hasMessageContaining("1 labels for 5 reference cells");
        DenseMatrix nan = DenseMatrix.of(new double[][] {{Double.NaN, 1}});
        assertThatThrownBy(() -> KnnLabelVote.transfer(REF, LABELS, nan, KnnLabelVote.Options.defaults().withK(2)))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> KnnLabelVote.transfer(REF, LABELS, REF, KnnLabelVote.Options.defaults().withK(2)
                .withUnknownThreshold(2))).hasMessageContaining("unknownThreshold");
    }
}
