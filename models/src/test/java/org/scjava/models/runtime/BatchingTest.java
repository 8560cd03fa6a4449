package org.scjava.models.runtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTest {

    @Test
    void longestFirstWithinCellAndTokenLimits() {
        int[] lengths = {5, 100, 7, 98, 6, 50};
        List<int[]> plan = Batching.plan(lengths, 2, 200);
        assertThat(plan.stream().map(Arrays::toString).toList())
                .containsExactly("[1, 3]", "[5, 2]", "[4, 0]");
        List<int[]> tight = Batching.plan(lengths, 10, 150);
        assertThat(tight.get(0)).containsExactly(1);
        assertThat(tight.stream().mapToInt(b -> b.length).sum()).isEqualTo(6);
        for (int[] b : tight) {
            int max = Arrays.stream(b).map(i -> lengths[i]).max().orElseThrow();
            assertThat((long) max * b.length).isLessThanOrEqualTo(Math.max(150, max));
        }
    }
}
