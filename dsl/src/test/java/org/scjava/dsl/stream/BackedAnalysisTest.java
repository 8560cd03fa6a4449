package org.scjava.dsl.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.testing.Resources;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Streamed normalize/log1p/HVG stats and PCA on the Kang 2k-cell file give the in-memory verbs' results: the same
 * highly variable genes and dispersions, and the same PCA scores (up to eigen-solver precision).
 */
class BackedAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void streamedHvgAndPcaEqualTheInMemoryVerbs() throws Exception {
        Path f = dir.resolve("kang.h5ad");
        Files.copy(Resources.data("kang_ifnb_pbmc_harmony_2000cells_counts.h5ad"), f);
        Atlas mem = Atlas.load(f).normalizeTotal(1e4).log1p().highlyVariableGenes(400).pca(8);
        try (BackedAtlas b = Atlas.open(f)) {
            boolean[] hv = BackedAnalysis.highlyVariableGenes(b, HighlyVariableGenes.Options.defaults().withNTopGenes(400),
                    1e4, 700);
            for (int j = 0; j < hv.length; j++) {
                assertThat(hv[j]).as("gene " + j).isEqualTo(mem.var().booleanColumn("highly_variable").get(j));
                assertThat(b.var().doubleColumn("dispersions_norm").getDouble(j))
                        .isCloseTo(mem.var().doubleColumn("dispersions_norm").getDouble(j), within(1e-9));
            }
            BackedAnalysis.PcaResult r = BackedAnalysis.pca(b, 8, false, 1e4, 700, "X_pca");
            assertThat(r.genes()).hasSize(400);
            assertThat(b.history().entries()).extracting(e -> e.verb()).containsExactly("highlyVariableGenes", "pca");
        }
        float[] streamed = ((DenseMatrix) Atlas.load(f).obsm("X_pca")).data();
        float[] expected = ((DenseMatrix) mem.obsm("X_pca")).data();
        assertThat(streamed).hasSameSizeAs(expected);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) streamed[i]).as("score " + i).isCloseTo(expected[i], within(1e-3 * scale));
        }
    }
}
