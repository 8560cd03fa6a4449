package org.scjava.dsl.io.h5ad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Raw;
import org.scjava.testing.AtlasDigest;
import org.scjava.testing.Python;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between scjava and Python anndata (Debian python3-anndata 0.8), in both directions. */
class H5adInteropIT {

    @TempDir
    Path dir;

    static Atlas richAtlas() {
        long[] indptr = {0, 2, 3, 3, 6, 8, 9};
        int[] indices = {0, 3, 1, 0, 2, 4, 1, 3, 2};
        float[] data = {1, 5, 2, 7, 1, 3, 4, 2, 9};
        CsrMatrix x = new CsrMatrix(6, 5, indptr, indices, data, "int32");
        StringColumn cellType = StringColumn.create("cell_type", "T", "B", "T", "NK", "", "B");
        IntColumn nullableInt = IntColumn.create("n_doublet_calls", 1, 2, 3, 4, 5, 6);
        nullableInt.setMissing(2);
        BooleanColumn nullableBool = BooleanColumn.create("qc_pass", new boolean[] {true, false, true, true, false, true});
        nullableBool.setMissing(4);
        Table obs = Table.create("obs",
                StringColumn.create("cell_id", "c0", "c1", "c2", "c3", "c4", "c5"),
                cellType,
                StringColumn.create("batch", "a", "a", "b", "b", "a", "b"),
                StringColumn.create("barcode", "AAAC", "AAAG", "AACT", "ACGT", "GGTA", "TTTÜ"),
                IntColumn.create("n_genes", 2, 1, 0, 3, 2, 1),
                LongColumn.create("total", 6L, 2L, 0L, 11L, 6L, 9L),
                DoubleColumn.create("score", 0.5, Double.NaN, -1.25, 3.0, 1e-12, 7.0),
                FloatColumn.create("frac", 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f),
                BooleanColumn.create("is_doublet", new boolean[] {false, false, true, false, false, true}),
                nullableInt, nullableBool);
        Table var = Table.create("var",
                StringColumn.create("_index", "CD3E", "MS4A1", "NKG7", "LYZ", "GNLY"),
                StringColumn.create("gene_ids", "ENSG1", "ENSG2", "ENSG3", "ENSG4", "ENSG5"),
                BooleanColumn.create("highly_variable", new boolean[] {true, false, true, true, false}),
                DoubleColumn.create("means", 0.1, 0.2, 0.3, 0.4, 0.5));
        Atlas a = new Atlas(x, obs, var);
        a.obsCategories().put("cell_type", new Categories(List.of("T", "B", "NK"), false));
        a.putLayer("counts", new CsrMatrix(6, 5, indptr, indices, data.clone()));
        a.putLayer("dense", new DenseMatrix(6, 5, new float[30]));
        float[] pca = new float[12];
        for (int i = 0; i < pca.length; i++) {
            pca[i] = i * 0.5f - 2;
        }
        a.putObsm("X_pca", new DenseMatrix(6, 2, pca));
        a.putObsm("X_umap", new DenseMatrix(6, 2, pca.clone(), "float64"));
        a.putVarm("PCs", new DenseMatrix(5, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        a.putObsp("connectivities", new CsrMatrix(6, 6, new long[] {0, 1, 2, 2, 2, 3, 3}, new int[] {1, 0, 5}, new float[] {0.5f, 0.5f, 1f}));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_neighbors", 15);
        params.put("method", "umap");
        a.uns().put("neighbors", new LinkedHashMap<>(Map.of("params", params)));
        a.uns().put("cell_type_colors", new String[] {"#1f77b4", "#ff7f0e", "#2ca02c"});
        a.uns().put("arr", new double[] {1.5, 2.5});
        a.uns().put("flag", true);
        a.uns().put("name", "pbmc ✓");
        a.uns().put("df", Table.create("df", StringColumn.create("_index", "g1", "g2"), DoubleColumn.create("logfc", 1.0, -2.0)));
        a.uns().put("mat", new double[][] {{1, 2}, {3, 4}});
        a.setRaw(new Raw(x, var.copy(), Map.of()));
        a.record("test_verb", Map.of("seed", 0), System.nanoTime(), "nothing");
        return a;
    }

    @Test
    void anndataReadsWhatScjavaWrites() {
        Atlas a = richAtlas();
        Path f = dir.resolve("rich.h5ad");
        a.write(f);
        String out = Python.run("""
                import sys, anndata as ad, numpy as np, pandas as pd
                a = ad.read_h5ad(sys.argv[1])
                assert a.shape == (6, 5)
                assert a.X.format == 'csr' and a.X.dtype == np.int32, (a.X.format, a.X.dtype)
                assert a.obs.index.name == 'cell_id' and list(a.obs.index) == ['c0','c1','c2','c3','c4','c5']
                o = a.obs
                assert o['cell_type'].dtype == 'category' and list(o['cell_type'].cat.categories) == ['T','B','NK']
                assert pd.isna(o['cell_type'][4])
                assert o['batch'].dtype == 'category'
                assert o['barcode'].dtype == object and o['barcode'][5] == 'TTTÜ'
                assert o['n_genes'].dtype == np.int32 and o['total'].dtype == np.int64
                assert o['score'].dtype == np.float64 and np.isnan(o['score'][1])
                assert o['frac'].dtype == np.float32 and o['is_doublet'].dtype == bool
                assert str(o['n_doublet_calls'].dtype) == 'Int32' and pd.isna(o['n_doublet_calls'][2])
                assert str(o['qc_pass'].dtype) == 'boolean' and pd.isna(o['qc_pass'][4])
                assert a.var.index.name is None or a.var.index.name == '_index'
                assert a.var['highly_variable'].dtype == bool
                assert set(a.layers.keys()) == {'counts', 'dense'} and set(a.obsm.keys()) == {'X_pca', 'X_umap'}
                assert a.obsm['X_umap'].dtype == np.float64 and a.obsm['X_pca'].dtype == np.float32
                assert a.obsp['connectivities'].format == 'csr'
                assert a.uns['neighbors']['params']['n_neighbors'] == 15
                assert a.uns['neighbors']['params']['method'] == 'umap'
                assert list(a.uns['cell_type_colors']) == ['#1f77b4', '#ff7f0e', '#2ca02c']
                assert bool(a.uns['flag']) is True and a.uns['name'] == 'pbmc ✓'
                assert isinstance(a.uns['df'], pd.DataFrame) and list(a.uns['df']['logfc']) == [1.0, -2.0]
                assert a.uns['mat'].shape == (2, 2)
                assert len(a.uns['scjava']['history']) == 1 and 'test_verb' in a.uns['scjava']['history'][0]
                assert a.raw is not None and a.raw.shape == (6, 5)
                print('ok')
                """, f.toString());
        assertThat(out.trim()).isEqualTo("ok");
        AtlasDigest.assertMatches(AtlasDigest.of(a), AtlasDigest.python(f));
    }

    @Test
    void scjavaReadsWhatAnndataWrites() {
        Path f = dir.resolve("from_python.h5ad");
        Python.run("""
                import sys, anndata as ad, numpy as np, pandas as pd, scipy.sparse as sp
                rng = np.random.default_rng(0)
                X = sp.random(40, 30, density=0.2, format='csr', random_state=1, dtype=np.float32)
                obs = pd.DataFrame(index=pd.Index([f'cell{i}' for i in range(40)], name='barcodes'))
                obs['cell_type'] = pd.Categorical(rng.choice(['T', 'B', 'NK'], 40), categories=['NK', 'T', 'B'], ordered=True)
                obs.loc[obs.index[3], 'cell_type'] = np.nan
                obs['cluster'] = pd.Categorical(rng.integers(0, 12, 40).astype(str))
                obs['n_counts'] = rng.integers(100, 5000, 40)
                obs['frac_mt'] = rng.random(40).astype(np.float32)
                obs['keep'] = rng.random(40) > 0.5
                obs['maybe'] = pd.array([1, None] * 20, dtype='Int64')
                obs['tri'] = pd.array([True, False, None, True] * 10, dtype='boolean')
                obs['note'] = [f'n{i}' for i in range(40)]
                var = pd.DataFrame(index=[f'G{i}' for i in range(30)])
                var['highly_variable'] = np.arange(30) % 3 == 0
                var['dispersions'] = rng.random(30)
                a = ad.AnnData(X=X, obs=obs, var=var)
                a.layers['counts'] = sp.csc_matrix(X)
                a.layers['dense'] = X.toarray()
                a.obsm['X_pca'] = rng.random((40, 5)).astype(np.float32)
                a.varm['PCs'] = rng.random((30, 5))
                a.obsp['distances'] = sp.random(40, 40, density=0.05, format='csr', random_state=2)
                a.uns['neighbors'] = {'params': {'n_neighbors': 10, 'metric': 'cosine'}}
                a.uns['leiden_colors'] = np.array(['#aaaaaa', '#bbbbbb'])
                a.uns['seed'] = 42
                a.uns['ratio'] = 0.25
                a.uns['title'] = 'run ä'
                a.uns['table'] = pd.DataFrame({'x': [1.0, 2.0]}, index=['r1', 'r2'])
                a.raw = a.copy()
                a.write_h5ad(sys.argv[1])
                """, f.toString());
        Atlas a = Atlas.load(f);
        assertThat(a.nObs()).isEqualTo(40);
        assertThat(a.obsIndexName()).isEqualTo("barcodes");
        assertThat(a.obsCategories().get("cell_type")).isEqualTo(new Categories(List.of("NK", "T", "B"), true));
        assertThat(a.obs().column("cell_type").isMissing(3)).isTrue();
        assertThat(a.layer("counts").isSparse()).isTrue();
        assertThat(a.uns().get("seed")).isEqualTo(42L);
        assertThat(a.uns().get("title")).isEqualTo("run ä");
        assertThat(a.uns().get("table")).isInstanceOf(Table.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> neighbors = (Map<String, Object>) a.uns().get("neighbors");
        assertThat(neighbors).containsKey("params");
        assertThat(a.raw()).isNotNull();
        AtlasDigest.assertMatches(AtlasDigest.of(a), AtlasDigest.python(f));

        // ... and back: what scjava writes of it, anndata reads identically.
        Path again = dir.resolve("again.h5ad");
        a.write(again);
        AtlasDigest.assertMatches(AtlasDigest.of(Atlas.load(again)), AtlasDigest.python(again));
        AtlasDigest.assertMatches(AtlasDigest.of(a), AtlasDigest.python(again));
    }

    @Test
    void roundTripThroughAnndataKeepsEverything() {
        Atlas a = richAtlas();
        Path f = dir.resolve("j.h5ad");
        Path g = dir.resolve("p.h5ad");
        a.write(f);
        Python.run("import sys, anndata as ad; ad.read_h5ad(sys.argv[1]).write_h5ad(sys.argv[2])", f.toString(), g.toString());
        Atlas b = Atlas.load(g);
        AtlasDigest.assertMatches(AtlasDigest.of(a), AtlasDigest.python(g));
        assertThat(AtlasDigest.of(b)).isEqualTo(AtlasDigest.of(a));
        assertThat(b.history().entries()).hasSize(1);
        assertThat(b.history().entries().get(0).verb()).isEqualTo("test_verb");
    }

    @Test
    void readsOlderAnndataLayouts() {
        Path f = dir.resolve("legacy.h5ad");
        // anndata 0.7 layout: no encoding attributes, categoricals as codes pointing into __categories,
        // X as a dense dataset, h5sparse-style layer.
        Python.run("""
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], 'w') as f:
                    f['X'] = np.arange(12, dtype=np.float32).reshape(4, 3)
                    obs = f.create_group('obs')
                    obs.attrs['_index'] = 'index'
                    obs.attrs['column-order'] = np.array(['cell_type', 'n'], dtype='S')
                    obs['index'] = np.array([b'a', b'b', b'c', b'd'])
                    cats = obs.create_group('__categories')
                    cats['cell_type'] = np.array([b'T', b'B'])
                    obs['cell_type'] = np.array([0, 1, 1, -1], dtype=np.int8)
                    obs['cell_type'].attrs['categories'] = cats['cell_type'].ref
                    obs['n'] = np.array([1, 2, 3, 4])
                    var = f.create_group('var')
                    var.attrs['_index'] = 'index'
                    var.attrs['column-order'] = np.array([], dtype='S')
                    var['index'] = np.array([b'g1', b'g2', b'g3'])
                    layers = f.create_group('layers')
                    s = layers.create_group('sparse')
                    s.attrs['h5sparse_format'] = 'csr'
                    s.attrs['h5sparse_shape'] = np.array([4, 3])
                    s['data'] = np.array([1.0, 2.0], dtype=np.float32)
                    s['indices'] = np.array([0, 2])
                    s['indptr'] = np.array([0, 1, 1, 2, 2])
                    f.create_group('uns')['note'] = 'old'
                """, f.toString());
        Atlas a = Atlas.load(f);
        assertThat(a.x().isSparse()).isFalse();
        assertThat(a.x().get(3, 2)).isEqualTo(11f);
        assertThat(a.obsStrings("cell_type")).containsExactly("T", "B", "B", "");
        assertThat(a.obs().column("cell_type").isMissing(3)).isTrue();
        assertThat(a.obsCategories().get("cell_type").levels()).containsExactly("T", "B");
        assertThat(a.layer("sparse").get(2, 2)).isEqualTo(2f);
        assertThat(a.uns().get("note")).isEqualTo("old");
        assertThat(a.varNames()).containsExactly("g1", "g2", "g3");
    }
}
