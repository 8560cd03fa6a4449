package org.scjava.dsl.stream;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.tasks.Embed;
import org.scjava.testing.Python;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming embed into a file written by Python anndata (old-style HDF5 groups): anndata reads the result back with
 * the new obsm entry equal to the in-memory embedding, its other obsm/uns entries intact and scjava's history in uns.
 */
class BackedEmbedIT {

    @TempDir
    Path dir;

    @Test
    void anndataReadsTheEmbeddingAppendedToItsOwnFile() {
        Path f = dir.resolve("anndata.h5ad");
        Python.run("""
                import sys, anndata as ad, numpy as np, scipy.sparse as sp
                X = sp.random(1500, 80, density=0.2, format='csr', dtype=np.float32, random_state=3)
                X.data = np.ceil(X.data * 10)
                a = ad.AnnData(X=X)
                a.obs['group'] = np.array(['a', 'b', 'c'])[np.arange(1500) % 3]
                a.obsm['X_pca'] = np.arange(3000, dtype=np.float32).reshape(1500, 2)
                a.uns['params'] = {'k': 5}
                a.write_h5ad(sys.argv[1])
                """, f.toString());
        float[] expected = ((DenseMatrix) Embed.embed(Atlas.load(f), new ProjectionEmbedder(5, 9, -1)).obsm("X_proj")).data();
        try (BackedAtlas b = Atlas.open(f)) {
            BackedEmbed.embed(b, new ProjectionEmbedder(5, 9, -1), "X_proj", 400);
        }
        String json = Python.run("""
                import sys, json, anndata as ad, numpy as np
                a = ad.read_h5ad(sys.argv[1])
                print(json.dumps({'keys': sorted(a.obsm.keys()), 'proj': a.obsm['X_proj'].ravel().tolist(),
                                  'pca_last': float(a.obsm['X_pca'][-1, 1]), 'k': int(a.uns['params']['k']),
                                  'history': list(a.uns['scjava']['history']), 'group': list(a.obs['group'][:3])}))
                """, f.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = new Gson().fromJson(json, Map.class);
        assertThat(r.get("keys")).isEqualTo(List.of("X_pca", "X_proj"));
        @SuppressWarnings("unchecked")
        List<Double> proj = (List<Double>) r.get("proj");
        assertThat(proj).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(proj.get(i).floatValue()).isEqualTo(expected[i]);
        }
        assertThat(r.get("pca_last")).isEqualTo(2999.0);
        assertThat(r.get("k")).isEqualTo(5.0);
        assertThat((List<?>) r.get("history")).hasSize(1).first().asString().contains("\"embed\"");
        assertThat(r.get("group")).isEqualTo(List.of("a", "b", "c"));
    }
}
