package org.scjava.dsl.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.testing.Resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed write leaves neither a partial file under the target name nor a temporary file; the old file survives. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemp() throws IOException {
        Atlas a = Atlas.load(Resources.data("mouse_stomach_mca_subset_counts.h5ad"));
        Path target = dir.resolve("out.h5ad");
        a.write(target);
        byte[] before = Files.readAllBytes(target);

        a.uns().put("not_storable", new Object());
        assertThatThrownBy(() -> a.write(target)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("/uns/not_storable").hasMessageContaining("java.lang.Object");

        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.h5ad");
        }
        assertThat(Atlas.load(target).nObs()).isEqualTo(105);
    }

    @Test
    void writeReplacesAtomically() {
        Atlas a = Atlas.load(Resources.data("mouse_stomach_mca_subset_counts.h5ad"));
        Path target = dir.resolve("x.h5ad");
        a.write(target);
        Atlas small = a.subset(new int[] {0, 1, 2}, null);
        small.write(target);
        assertThat(Atlas.load(target).nObs()).isEqualTo(3);
    }
}
