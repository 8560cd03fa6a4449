package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import org.junit.jupiter.api.Test;
import org.scjava.testing.Resources;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the chunk addresses {@link ChunkLayout} takes from jHDF 0.13's chunk lookup: they exist for anndata's files
 * and point at the same bytes jHDF maps; and the parallel readers return exactly what jHDF decodes.
 */
class ChunkLayoutTest {

    @Test
    void chunksReadByPositionAreTheBytesJhdfMaps() {
        try (HdfFile h = new HdfFile(Resources.data("kang_ifnb_pbmc_harmony_2000cells_counts.h5ad"))) {
            for (String path : new String[] {"X/data", "X/indices", "var/_index"}) {
                ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath(path);
                ChunkLayout layout = ChunkLayout.of(ds);
                assertThat(layout).as("layout of " + path + " (jHDF's chunk lookup)").isNotNull();
                int chunk = ds.getChunkDimensions()[0];
                byte[][] buffer = {new byte[0]};
                for (int c = 0; (long) c * chunk < ds.getSize(); c++) {
                    ByteBuffer mine = layout.read(c, buffer);
                    ByteBuffer jhdf = ds.getRawChunkBuffer(new int[] {c * chunk});
                    assertThat(mine).as(path + " chunk " + c).isEqualTo(jhdf);
                }
            }
        }
    }

    @Test
    void parallelReadsEqualJhdf() {
        try (HdfFile h = new HdfFile(Resources.data("pbmc4k_soupx_2170cells_counts.h5ad"))) {
            Dataset data = h.getDatasetByPath("X/data");
            Dataset indices = h.getDatasetByPath("X/indices");
            int[] jhdfData = (int[]) data.getDataFlat();
            float[] floats = ParallelChunks.readFloats(data);
            assertThat(floats).hasSize(jhdfData.length);
            for (int i = 0; i < floats.length; i++) {
                assertThat(floats[i]).isEqualTo((float) jhdfData[i]);
            }
            assertThat((int[]) ParallelChunks.read(indices)).isEqualTo(indices.getDataFlat());
            int[] slice = (int[]) ParallelChunks.read(indices, 12_345, 100_000);
            int[] all = (int[]) indices.getDataFlat();
            assertThat(slice).isEqualTo(java.util.Arrays.copyOfRange(all, 12_345, 112_345));
        }
    }
}
