package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.testing.Python;
import org.scjava.testing.Resources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StringDatasets} decodes exactly what jHDF decodes, on real and h5py-written files, and refuses bad bytes. */
class StringDatasetsTest {

    @TempDir
    Path dir;

    @Test
    void everyStringDatasetOfTheBundledFilesMatchesJhdf() {
        int compared = 0;
        for (String name : new String[] {"pbmc4k_soupx_2170cells_counts.h5ad", "kang_ifnb_pbmc_harmony_2000cells_counts.h5ad",
                "kang_ifnb_pbmc_muscat_1556cells_counts.h5ad", "mouse_stomach_mca_subset_counts.h5ad"}) {
            try (HdfFile h = new HdfFile(Resources.data(name))) {
                for (Dataset ds : stringDatasets(h, new ArrayList<>())) {
                    assertThat(StringDatasets.read(ds)).as(name + ":" + ds.getPath()).containsExactly(jhdf(ds));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    @Test
    void h5pyVariableAndFixedLengthStrings() {
        Path f = dir.resolve("strings.h5");
        Python.run("""
                import sys, h5py, numpy as np
                n = 40000
                vals = ['cell%d-é' % i if i % 3 else ('' if i % 7 == 0 else 'β-actin 🧬 %d' % i) for i in range(n)]
                with h5py.File(sys.argv[1], 'w') as f:
                    f.create_dataset('vlen', data=np.array(vals, dtype=object), dtype=h5py.string_dtype(),
                                     chunks=(1000,), compression='gzip')
                    f.create_dataset('small', data=np.array(['a', '', 'ü'], dtype=object), dtype=h5py.string_dtype())
                    f.create_dataset('fixed', data=np.array([b'ab', b'', b'abcdefghij'], dtype='S10'))
                    f.create_dataset('scalar', data='one', dtype=h5py.string_dtype())
                """, f.toString());
        try (HdfFile h = new HdfFile(f)) {
            String[] vlen = StringDatasets.read(h.getDatasetByPath("vlen"));
            assertThat(vlen).hasSize(40000);
            for (int i = 0; i < vlen.length; i++) {
                String expected = i % 3 != 0 ? "cell" + i + "-é" : i % 7 == 0 ? "" : "β-actin 🧬 " + i;
                assertThat(vlen[i]).isEqualTo(expected);
            }
            assertThat(StringDatasets.read(h.getDatasetByPath("small"))).containsExactly("a", "", "ü");
            assertThat(StringDatasets.read(h.getDatasetByPath("fixed"))).containsExactly("ab", "", "abcdefghij");
            assertThat(StringDatasets.read(h.getDatasetByPath("scalar"))).containsExactly("one");
            for (String p : new String[] {"vlen", "small", "fixed", "scalar"}) {
                assertThat(StringDatasets.read(h.getDatasetByPath(p))).containsExactly(jhdf(h.getDatasetByPath(p)));
            }
        }
    }

    @Test
    void variableLengthNonUtf8IsRefusedWithThePath() {
        Path f = dir.resolve("latin1-vlen.h5ad");
        Python.run("""
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], 'w') as f:
                    x = f.create_dataset('X', data=np.zeros((2, 1), dtype=np.float32))
                    x.attrs['encoding-type'] = 'array'; x.attrs['encoding-version'] = '0.2.0'
                    for name, idx in (('obs', [b'ok', b'caf\\xe9']), ('var', [b'g1'])):
                        g = f.create_group(name)
                        g.attrs['encoding-type'] = 'dataframe'; g.attrs['encoding-version'] = '0.2.0'
                        g.attrs['_index'] = '_index'; g.attrs['column-order'] = np.array([], dtype='S')
                        d = g.create_dataset('_index', data=np.array(idx, dtype=object), dtype=h5py.vlen_dtype(bytes))
                        d.attrs['encoding-type'] = 'string-array'; d.attrs['encoding-version'] = '0.2.0'
                """, f.toString());
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("latin1-vlen.h5ad:/obs/_index").hasMessageContaining("string 1 is not valid UTF-8");
    }

    private static String[] jhdf(Dataset ds) {
        Object v = ds.getDataFlat();
        return v instanceof String s ? new String[] {s} : (String[]) v;
    }

    private static List<Dataset> stringDatasets(Group g, List<Dataset> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group child) {
                stringDatasets(child, out);
            } else if (n instanceof Dataset ds && Hdf5Arrays.isString(ds)) {
                out.add(ds);
            }
        }
        return out;
    }
}
