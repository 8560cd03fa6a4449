package org.scjava.dsl.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.testing.Python;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Files from {@link H5Writer} must be readable by libhdf5 (through h5py) and by jHDF, with identical contents. */
class H5WriterTest {

    @TempDir
    Path dir;

    private Path writeSample(Path file, Storage big) {
        try (H5Writer w = H5Writer.create(file)) {
            H5Group root = w.root();
            root.attr("encoding-type", "anndata").attr("shape", new long[] {3, 4}).attr("ordered", false)
                    .attr("names", new String[] {"a", "héllo", ""});
            root.group("empty");
            H5Group g = root.group("data");
            g.dataset("floats", new float[] {1.5f, -2f, 3e7f}, Storage.contiguous()).attr("encoding-type", "array");
            g.dataset("bools", new boolean[] {true, false, true}, Storage.contiguous());
            g.dataset("strings", new String[] {"x", "ünïcode", ""}, Storage.contiguous());
            g.dataset("empty_f", new float[0], Storage.contiguous());
            g.dataset("empty_s", new String[0], Storage.contiguous());
            g.scalar("pi", 3.25);
            g.scalar("text", "hello");
            g.scalar("flag", true);
            int[] big1 = new int[100_003];
            for (int i = 0; i < big1.length; i++) {
                big1[i] = i * 7 - 5;
            }
            g.dataset("big_ints", big1, big);
            float[] mat = new float[1234 * 7];
            for (int i = 0; i < mat.length; i++) {
                mat[i] = i * 0.5f;
            }
            g.dataset("matrix", H5Type.FLOAT32, new long[] {1234, 7}, mat, big);
            try (ChunkedWriter s = g.stream("streamed", H5Type.FLOAT64, 3, big)) {
                for (int r = 0; r < 5000; r++) {
                    s.append(new double[] {r, r + 0.25, -r}, 0, 3);
                }
            }
            try (ChunkedWriter s = g.stream("tiny_stream", H5Type.INT64, 0, big)) {
                s.append(new long[] {4, 5, 6});
            }
            for (int i = 0; i < 40; i++) {
                g.group("child" + i).attr("i", i);
            }
        }
        return file;
    }

    @Test
    void h5pyReadsEverything() {
        for (Storage s : new Storage[] {Storage.contiguous(), Storage.gzip(4096, 4), new Storage(true, 1000, 6, true)}) {
            Path f = writeSample(dir.resolve("s" + s.chunkElements() + s.shuffle() + ".h5"), s);
            String out = Python.run("""
                    import h5py, sys, numpy as np
                    f = h5py.File(sys.argv[1], 'r')
                    a = f.attrs
                    assert a['encoding-type'].decode() == 'anndata', a['encoding-type']
                    assert list(a['shape']) == [3, 4]
                    assert bool(a['ordered']) is False
                    assert [x.decode() for x in a['names']] == ['a', 'héllo', '']
                    d = f['data']
                    assert list(d['floats'][()]) == [1.5, -2.0, 3e7]
                    assert d['floats'].attrs['encoding-type'].decode() == 'array'
                    assert d['bools'].dtype == np.bool_, d['bools'].dtype
                    assert list(d['bools'][()]) == [True, False, True]
                    assert list(d['strings'].asstr()[()]) == ['x', 'ünïcode', '']
                    assert d['empty_f'].shape == (0,) and d['empty_s'].shape == (0,)
                    assert d['pi'][()] == 3.25 and d['text'].asstr()[()] == 'hello' and d['flag'][()] == True
                    bi = d['big_ints'][()]
                    assert (bi == np.arange(100003) * 7 - 5).all()
                    m = d['matrix'][()]
                    assert m.shape == (1234, 7) and (m.ravel() == np.arange(1234 * 7) * 0.5).all()
                    s = d['streamed'][()]
                    r = np.arange(5000)
                    assert s.shape == (5000, 3) and (s[:, 0] == r).all() and (s[:, 1] == r + 0.25).all() and (s[:, 2] == -r).all()
                    assert list(d['tiny_stream'][()]) == [4, 5, 6]
                    assert len([k for k in d.keys() if k.startswith('child')]) == 40 and d['child39'].attrs['i'] == 39
                    assert len(f['empty'].keys()) == 0
                    print('ok', d['big_ints'].chunks, d['big_ints'].compression)
                    """, f.toString());
            assertThat(out).startsWith("ok");
        }
    }

    @Test
    void jhdfReadsEverything() {
        Path f = writeSample(dir.resolve("j.h5"), Storage.gzip(4096, 4));
        try (HdfFile h = new HdfFile(f)) {
            Group d = (Group) h.getChild("data");
            assertThat((float[]) ((Dataset) d.getChild("floats")).getData()).containsExactly(1.5f, -2f, 3e7f);
            assertThat((String[]) ((Dataset) d.getChild("strings")).getData()).containsExactly("x", "ünïcode", "");
            int[] big = (int[]) ((Dataset) d.getChild("big_ints")).getDataFlat();
            assertThat(big).hasSize(100_003);
            assertThat(big[100_002]).isEqualTo(100_002 * 7 - 5);
            double[] s = (double[]) ((Dataset) d.getChild("streamed")).getDataFlat();
            assertThat(s[3 * 4999 + 1]).isEqualTo(4999.25);
            assertThat(h.getAttribute("encoding-type").getData()).isEqualTo("anndata");
            assertThat(((Group) h.getChild("empty")).getChildren()).isEmpty();
        }
    }
}
