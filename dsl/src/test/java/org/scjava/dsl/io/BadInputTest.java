package org.scjava.dsl.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Writer;
import org.scjava.dsl.io.hdf5.Storage;
import org.scjava.testing.Resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of bad input gives an {@link AtlasFormatException} naming the file, the element and what was expected —
 * never an exception from inside jHDF. Each case is a corrupted copy made here.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path pbmc() {
        return Resources.data("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.h5ad");
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("no such file");
    }

    @Test
    void notHdf5() throws IOException {
        Path f = dir.resolve("notes.h5ad");
        Files.writeString(f, "cell,gene,count\nc1,CD3E,4\n");
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("notes.h5ad").hasMessageContaining("not HDF5");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] all = Files.readAllBytes(pbmc());
        for (int keep : new int[] {all.length / 2, all.length - 100, 600}) {
            Path f = dir.resolve("cut" + keep + ".h5ad");
            Files.write(f, Arrays.copyOf(all, keep));
            assertThatThrownBy(() -> Atlas.load(f)).as("kept %d bytes", keep).isInstanceOf(AtlasFormatException.class)
                    .hasMessageContaining(f.getFileName().toString()).hasMessageContaining("truncated");
        }
    }

    @Test
    void truncatedWithinTheHeader() throws IOException {
        byte[] all = Files.readAllBytes(pbmc());
        Path f = dir.resolve("head.h5ad");
        Files.write(f, Arrays.copyOf(all, 20));
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("head.h5ad");
    }

    @Test
    void corruptedChunkData() throws IOException {
        byte[] all = Files.readAllBytes(pbmc());
        // Overwrite a stretch in the middle of the file (compressed X chunks) with garbage of the same length.
        for (int i = all.length / 3; i < all.length / 3 + 4096; i++) {
            all[i] = (byte) (i * 31);
        }
        Path f = dir.resolve("garbled.h5ad");
        Files.write(f, all);
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("garbled.h5ad:/");
    }

    private Path write(String name, java.util.function.Consumer<H5Group> body) {
        Path f = dir.resolve(name);
        try (H5Writer w = H5Writer.create(f)) {
            body.accept(w.root());
        }
        return f;
    }

    private static void frame(H5Group root, String name, String... index) {
        H5Group g = root.group(name);
        g.attr("encoding-type", "dataframe").attr("encoding-version", "0.2.0").attr("_index", "_index")
                .attr("column-order", new String[0]);
        g.dataset("_index", index, Storage.contiguous()).attr("encoding-type", "string-array").attr("encoding-version", "0.2.0");
    }

    @Test
    void missingX() {
        Path f = write("nox.h5ad", root -> {
            frame(root, "obs", "c1", "c2");
            frame(root, "var", "g1");
        });
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("nox.h5ad").hasMessageContaining("no X matrix");
    }

    @Test
    void unknownEncoding() {
        Path f = write("weird.h5ad", root -> {
            root.dataset("X", new float[] {1, 2}, Storage.contiguous()).attr("encoding-type", "tensor-of-doom")
                    .attr("encoding-version", "9.9.9");
            frame(root, "obs", "c1", "c2");
            frame(root, "var", "g1");
        });
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("weird.h5ad:/X").hasMessageContaining("tensor-of-doom");
    }

    @Test
    void mismatchedShapes() {
        Path f = write("shape.h5ad", root -> {
            root.dataset("X", org.scjava.dsl.io.hdf5.H5Type.FLOAT32, new long[] {3, 2}, new float[6], Storage.contiguous())
                    .attr("encoding-type", "array").attr("encoding-version", "0.2.0");
            frame(root, "obs", "c1", "c2");
            frame(root, "var", "g1", "g2");
        });
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("shape.h5ad").hasMessageContaining("X is 3 x 2").hasMessageContaining("obs has 2 rows");
    }

    @Test
    void sparseIndexOutOfRange() {
        Path f = write("csr.h5ad", root -> {
            H5Group x = root.group("X");
            x.attr("encoding-type", "csr_matrix").attr("encoding-version", "0.1.0").attr("shape", new long[] {2, 2});
            x.dataset("data", new float[] {1, 2}, Storage.contiguous());
            x.dataset("indices", new int[] {0, 7}, Storage.contiguous());
            x.dataset("indptr", new int[] {0, 1, 2}, Storage.contiguous());
            frame(root, "obs", "c1", "c2");
            frame(root, "var", "g1", "g2");
        });
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("csr.h5ad:/X").hasMessageContaining("column index 7");
    }

    @Test
    void categoricalCodeOutOfRange() {
        Path f = write("cat.h5ad", root -> {
            root.dataset("X", org.scjava.dsl.io.hdf5.H5Type.FLOAT32, new long[] {2, 1}, new float[2], Storage.contiguous())
                    .attr("encoding-type", "array").attr("encoding-version", "0.2.0");
            H5Group obs = root.group("obs");
            obs.attr("encoding-type", "dataframe").attr("encoding-version", "0.2.0").attr("_index", "_index")
                    .attr("column-order", new String[] {"ct"});
            obs.dataset("_index", new String[] {"c1", "c2"}, Storage.contiguous());
            H5Group ct = obs.group("ct");
            ct.attr("encoding-type", "categorical").attr("encoding-version", "0.2.0").attr("ordered", false);
            ct.dataset("categories", new String[] {"T"}, Storage.contiguous());
            ct.dataset("codes", new byte[] {0, 5}, Storage.contiguous());
            frame(root, "var", "g1");
        });
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("cat.h5ad:/obs/ct/codes").hasMessageContaining("code 5");
    }

    @Test
    void nonUtf8Strings() {
        Path f = dir.resolve("latin1.h5ad");
        org.scjava.testing.Python.run("""
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], 'w') as f:
                    x = f.create_dataset('X', data=np.zeros((2, 1), dtype=np.float32))
                    x.attrs['encoding-type'] = 'array'; x.attrs['encoding-version'] = '0.2.0'
                    for name, idx in (('obs', [b'caf\\xe9', b'ok']), ('var', [b'g1'])):
                        g = f.create_group(name)
                        g.attrs['encoding-type'] = 'dataframe'; g.attrs['encoding-version'] = '0.2.0'
                        g.attrs['_index'] = '_index'; g.attrs['column-order'] = np.array([], dtype='S')
                        d = g.create_dataset('_index', data=np.array(idx, dtype='S'))
                        d.attrs['encoding-type'] = 'string-array'; d.attrs['encoding-version'] = '0.2.0'
                """, f.toString());
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("latin1.h5ad:/obs/_index").hasMessageContaining("UTF-8");
    }

    @Test
    void hdf5WithoutAnndataLayout() {
        Path f = write("other.h5", root -> root.dataset("weights", new float[] {1}, Storage.contiguous()));
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("other.h5").hasMessageContaining("weights");
    }
}
