package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import org.junit.jupiter.api.Test;
import org.scjava.testing.Resources;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libdeflate (through FFM) and the JDK's zlib inflate h5ad chunks to the same bytes and refuse corrupt ones. */
class ChunkInflaterTest {

    @Test
    void libdeflateIsUsedOnJdk22WithTheDebianLibrary() {
        // scripts/apt/io.txt installs libdeflate0; on JDK 21 the zlib fallback is the expected choice.
        String expected = Runtime.version().feature() >= 22 ? "libdeflate" : "java.util.zip";
        assertThat(ChunkInflater.best().name()).isEqualTo(expected);
    }

    @Test
    void bothInflateEveryChunkOfXToTheSameBytes() {
        ChunkInflater zlib = new ChunkInflater.Zlib();
        ChunkInflater best = ChunkInflater.best();
        try (HdfFile h = new HdfFile(Resources.data("kang_ifnb_pbmc_harmony_2000cells_counts.h5ad"))) {
            for (String path : new String[] {"X/data", "X/indices"}) {
                ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath(path);
                int chunk = ds.getChunkDimensions()[0];
                for (long c = 0; c * chunk < ds.getSize(); c++) {
                    ByteBuffer raw = ds.getRawChunkBuffer(new int[] {(int) (c * chunk)});
                    byte[] a = new byte[chunk * 4];
                    byte[] b = new byte[chunk * 4];
                    assertThat(zlib.inflate(raw.duplicate(), a, a.length)).isEqualTo(a.length);
                    assertThat(best.inflate(raw.duplicate(), b, b.length)).isEqualTo(b.length);
                    assertThat(Arrays.equals(a, b)).as(path + " chunk " + c).isTrue();
                    assertThat(a).isEqualTo(ds.getDecompressedChunk(new int[] {(int) (c * chunk)}));
                }
            }
        }
    }

    @Test
    void corruptStreamsAreRefused() {
        byte[] garbage = {0x78, (byte) 0x9c, 1, 2, 3, 4, 5, 6, 7, 8};
        for (ChunkInflater inf : new ChunkInflater[] {new ChunkInflater.Zlib(), ChunkInflater.best()}) {
            assertThatThrownBy(() -> inf.inflate(ByteBuffer.wrap(garbage), new byte[64], 64))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt deflate stream");
        }
    }
}
