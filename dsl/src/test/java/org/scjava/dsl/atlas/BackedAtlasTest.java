package org.scjava.dsl.atlas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.testing.Resources;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row blocks streamed from disk reassemble exactly the X that a full load gives. */
class BackedAtlasTest {

    @TempDir
    Path dir;

    private static void assertSameRows(CsrMatrix full, int start, CsrMatrix block) {
        float[] a = new float[full.nCols()];
        float[] b = new float[full.nCols()];
        for (int r = 0; r < block.nRows(); r++) {
            full.rowInto(start + r, a);
            block.rowInto(r, b);
            if (!java.util.Arrays.equals(a, b)) {
                throw new AssertionError("row " + (start + r) + " differs between the backed block and the full load");
            }
        }
    }

    @Test
    void rowBlocksOfAnAnndataFile() {
        Path f = Resources.data("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad");
        CsrMatrix full = (CsrMatrix) Atlas.load(f).x();
        try (BackedAtlas b = Atlas.open(f)) {
            assertThat(b.nObs()).isEqualTo(1556);
            assertThat(b.nVars()).isEqualTo(1267);
            assertThat(b.obs().column("cell_type").getString(0)).isNotEmpty();
            int seen = 0;
            for (BackedAtlas.RowBlock block : b.rowBlocks(500)) {
                assertThat(block.start()).isEqualTo(seen);
                assertSameRows(full, block.start(), block.x());
                seen = block.end();
            }
            assertThat(seen).isEqualTo(1556);
            assertThat(b.storedValues(0, 1556)).isEqualTo(full.nnz());
        }
    }

    @Test
    void rowBlocksOfAScjavaFileWithManyChunks() {
        Atlas a = Atlas.load(Resources.data("kang_ifnb_pbmc_harmony_2000cells_counts.h5ad"));
        Path f = dir.resolve("k.h5ad");
        org.scjava.dsl.io.AtlasIO.write(a, f, new org.scjava.dsl.io.h5ad.H5adWriteOptions(true, 1, 5000, 1));
        try (BackedAtlas b = Atlas.open(f)) {
            for (BackedAtlas.RowBlock block : b.rowBlocks(333)) {
                assertSameRows((CsrMatrix) a.x(), block.start(), block.x());
            }
        }
    }

    @Test
    void denseX() {
        Atlas a = new Atlas(new DenseMatrix(3, 2, new float[] {1, 0, 0, 2, 3, 4}), null, null);
        Path f = dir.resolve("d.h5ad");
        a.write(f);
        try (BackedAtlas b = Atlas.open(f)) {
            CsrMatrix rows = b.readRows(1, 3);
            assertThat(rows.get(0, 1)).isEqualTo(2f);
            assertThat(rows.get(1, 0)).isEqualTo(3f);
        }
    }

    @Test
    void badBlockSize() {
        try (BackedAtlas b = Atlas.open(Resources.data("mouse_stomach_mca_subset_counts.h5ad"))) {
            assertThatThrownBy(() -> b.rowBlocks(0)).hasMessageContaining("rowsPerBlock");
        }
    }
}
