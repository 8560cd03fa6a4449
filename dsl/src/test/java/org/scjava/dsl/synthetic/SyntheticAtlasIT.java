package org.scjava.dsl.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.testing.Python;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Python anndata reads the streamed synthetic h5ad (int64 indptr, chunked gzip, categorical obs) as written. */
class SyntheticAtlasIT {

    @TempDir
    Path dir;

    @Test
    void anndataReadsTheSyntheticAtlas() {
        Path f = dir.resolve("synth.h5ad");
        SyntheticAtlas.Summary s = SyntheticAtlas.write(f, 1200, 800, 5);
        String out = Python.run("""
                import sys, anndata as ad, numpy as np
                a = ad.read_h5ad(sys.argv[1])
                ok = np.allclose(np.asarray(a.X.sum(1)).ravel(), a.obs['total_counts'].to_numpy())
                print(a.n_obs, a.n_vars, a.X.nnz, a.obs['cell_type'].dtype.name, a.var_names[0], ok)
                """, f.toString()).trim();
        assertThat(out).isEqualTo("1200 800 " + s.nnz() + " category TSPAN6 True");
    }
}
