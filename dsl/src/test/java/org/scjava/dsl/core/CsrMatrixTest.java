package org.scjava.dsl.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrMatrixTest {

    private static final float[] DENSE = {
        0, 1, 0, 2,
        3, 0, 0, 0,
        0, 0, 0, 0,
        4, 5, 6, 0};

    @Test
    void denseRoundTripAndTranspose() {
        CsrMatrix m = CsrMatrix.fromDense(4, 4, DENSE);
        assertThat(m.nnz()).isEqualTo(6);
        CsrMatrix t = m.transpose();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(t.get(c, r)).isEqualTo(DENSE[r * 4 + c]);
            }
        }
        assertThat(m.toDense(MemoryBudget.defaults(), "m").data()).containsExactly(DENSE);
    }

    @Test
    void selectKeepsValuesAndOrder() {
        CsrMatrix m = CsrMatrix.fromDense(4, 4, DENSE);
        CsrMatrix cols = m.selectCols(new int[] {3, 0});
        assertThat(cols.get(0, 0)).isEqualTo(2f);
        assertThat(cols.get(3, 1)).isEqualTo(4f);
        CsrMatrix rows = m.selectRows(new int[] {3, 3, 1});
        assertThat(rows.get(1, 2)).isEqualTo(6f);
        assertThat(rows.get(2, 0)).isEqualTo(3f);
        assertThatThrownBy(() -> m.selectCols(new int[] {1, 1})).hasMessageContaining("twice");
    }

    @Test
    void validateSortsRowsAndRejectsBadIndices() {
        CsrMatrix unsorted = new CsrMatrix(1, 5, new long[] {0, 3}, new int[] {4, 0, 2}, new float[] {4, 0.5f, 2});
        unsorted.validate();
        assertThat(unsorted.indices()).containsExactly(0, 2, 4);
        assertThat(unsorted.get(0, 4)).isEqualTo(4f);
        assertThatThrownBy(() -> new CsrMatrix(1, 2, new long[] {0, 1}, new int[] {5}, new float[] {1}).validate())
                .hasMessageContaining("column index 5");
        assertThatThrownBy(() -> new CsrMatrix(2, 2, new long[] {0, 1}, new int[] {0}, new float[] {1}))
                .hasMessageContaining("indptr has 2 entries");
    }
}
