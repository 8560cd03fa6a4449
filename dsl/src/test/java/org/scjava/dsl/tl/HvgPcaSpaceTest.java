package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.SyntheticCounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HvgPcaSpaceTest {

    @Test
    void projectingTheReferenceReproducesItsPcaScores() {
        Atlas ref = SyntheticCounts.counts(200, 80, 1);
        HvgPcaSpace space = HvgPcaSpace.fit(ref, 30, 5, 0);
        space.transform(ref, "X_hvgpca");
        Atlas pca = SyntheticCounts.counts(200, 80, 1).normalizeTotal(1e4).log1p().highlyVariableGenes(30).scale(10).pca(5);
        Matrix a = ref.obsm("X_hvgpca");
        Matrix b = pca.obsm("X_pca");
        for (int c = 0; c < 5; c++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < 200; i++) {
                dot += a.get(i, c) * b.get(i, c);
                na += a.get(i, c) * a.get(i, c);
                nb += b.get(i, c) * b.get(i, c);
            }
            assertThat(Math.abs(dot) / Math.sqrt(na * nb)).isCloseTo(1.0, within(1e-3));
        }
        assertThat(ref.uns().get("X_hvgpca").toString()).contains("genes_matched=30");
    }

    @Test
    void aQueryWithoutTheGenesIsAClearError() {
        HvgPcaSpace space = HvgPcaSpace.fit(SyntheticCounts.counts(100, 40, 2), 10, 3, 0);
        Atlas other = new Atlas(CsrMatrix.zeros(5, 3), null, null);
        assertThatThrownBy(() -> space.transform(other, "X_hvgpca")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("none of its 10 genes");
    }
}
