package org.scjava.dsl.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Natural order as Python's natsort (scanpy's category order for clusters). */
class NaturalOrderTest {

    @Test
    void numbersSortAsNumbers() {
        assertThat(NaturalOrder.sorted(List.of("10", "2", "1", "0", "11", "3")))
                .containsExactly("0", "1", "2", "3", "10", "11");
        assertThat(NaturalOrder.sorted(List.of("-1", "2.5", "0.5", "10")))
                .containsExactly("-1", "0.5", "2.5", "10");
    }

    @Test
    void digitRunsInsideTextSortAsNumbers() {
        assertThat(NaturalOrder.sorted(List.of("cluster 10", "cluster 9", "Cluster 1", "B", "a", "T_CD8", "T_CD4")))
                .containsExactly("a", "B", "Cluster 1", "cluster 9", "cluster 10", "T_CD4", "T_CD8");
        assertThat(NaturalOrder.sorted(List.of("x007", "x7", "x10"))).containsExactly("x7", "x007", "x10");
        assertThat(NaturalOrder.sorted(List.of("g99999999999999999999", "g100000000000000000000", "g2")))
                .containsExactly("g2", "g99999999999999999999", "g100000000000000000000");
    }

    @Test
    void onlyAnAccidentalStringOrderIsReplaced() {
        assertThat(NaturalOrder.display(List.of("0", "1", "10", "11", "2"))).containsExactly("0", "1", "2", "10", "11");
        assertThat(NaturalOrder.display(List.of("2", "0", "1"))).containsExactly("2", "0", "1"); // chosen order kept
        assertThat(NaturalOrder.display(List.of("B", "T", "NK"))).containsExactly("B", "T", "NK");
        assertThat(NaturalOrder.display(List.of("0", "1", "2"))).containsExactly("0", "1", "2");
    }
}
