package org.scjava.dsl.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.tasks.Embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streaming embed into the same file: equal to the in-memory verb, other entries kept, failures leave no trace. */
class BackedEmbedTest {

    @TempDir
    Path dir;

    static Atlas randomAtlas(int cells, int genes, long seed) {
        Random r = new Random(seed);
        long[] ip = new long[cells + 1];
        int[] ix = new int[cells * genes / 5];
        float[] v = new float[ix.length];
        int k = 0;
        for (int c = 0; c < cells; c++) {
            for (int g = 0; g < genes; g++) {
                if (r.nextInt(10) < 2 && k < ix.length) {
                    ix[k] = g;
                    v[k++] = 1 + r.nextInt(20);
                }
            }
            ip[c + 1] = k;
        }
        Atlas a = new Atlas(new CsrMatrix(cells, genes, ip, Arrays.copyOf(ix, k), Arrays.copyOf(v, k)), null, null);
        a.putObsm("X_pca", new DenseMatrix(cells, 2, new float[cells * 2]));
        a.uns().put("note", "kept");
        return a;
    }

    @Test
    void streamedEmbeddingEqualsTheInMemoryVerbAndKeepsTheRest() {
        Path f = dir.resolve("a.h5ad");
        randomAtlas(2500, 120, 1).write(f);
        Atlas inMemory = Atlas.of(Embed.embed(Atlas.load(f), new ProjectionEmbedder(8, 3, -1)));
        try (BackedAtlas b = Atlas.open(f)) {
            BackedEmbed.embed(b, new ProjectionEmbedder(8, 3, -1), "X_proj", 700);
            assertThat(b.obsmKeys()).containsExactlyInAnyOrder("X_pca", "X_proj");
            assertThat(b.history().last("embed").params()).containsEntry("backed", true);
        }
        Atlas reread = Atlas.load(f);
        Matrix streamed = reread.obsm("X_proj");
        Matrix expected = inMemory.obsm("X_proj");
        assertThat(streamed.nRows()).isEqualTo(2500);
        assertThat(((DenseMatrix) streamed).data()).isEqualTo(((DenseMatrix) expected).data());
        assertThat(reread.obsm("X_pca").nCols()).isEqualTo(2);
        assertThat(reread.uns()).containsEntry("note", "kept");
        assertThat(reread.history().last("embed")).isNotNull();
        assertThat(reread.nObs()).isEqualTo(2500);
    }

    @Test
    void aFailedRunLeavesTheFileAsItWas() throws Exception {
        Path f = dir.resolve("b.h5ad");
        randomAtlas(1000, 50, 2).write(f);
        byte[] before = Files.readAllBytes(f);
        try (BackedAtlas b = Atlas.open(f)) {
            assertThatThrownBy(() -> BackedEmbed.embed(b, new ProjectionEmbedder(4, 1, 3), "X_proj", 200))
                    .hasMessageContaining("failed on purpose");
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void embeddingTwiceReplacesTheEntry() {
        Path f = dir.resolve("c.h5ad");
        randomAtlas(300, 40, 3).write(f);
        try (BackedAtlas b = Atlas.open(f)) {
            b.embed(new ProjectionEmbedder(4, 1, -1));
            b.embed(new ProjectionEmbedder(6, 2, -1));
            assertThat(b.readObsm("X_proj").nCols()).isEqualTo(6);
            assertThat(b.history().entries()).hasSize(2);
        }
        assertThat(Atlas.load(f).obsm("X_proj").nCols()).isEqualTo(6);
    }
}
