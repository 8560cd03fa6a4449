package org.scjava.dsl.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.testing.AtlasDigest;
import org.scjava.testing.Python;
import org.scjava.testing.Resources;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 10x Genomics files (v3/v2 HDF5, MatrixMarket exports) made by Python from the PBMC data read back with the same
 * values, and are recognised by content rather than extension.
 */
class TenxAndMtxIT {

    @TempDir
    Path dir;

    private static final String MAKE = """
            import sys, os, gzip, h5py, numpy as np, scipy.io, scipy.sparse as sp, anndata as ad
            a = ad.read_h5ad(sys.argv[1])[:300]
            X = sp.csr_matrix(a.X)
            genes = np.array(a.var_names); ids = np.array([f'ENSG{i:011d}' for i in range(len(genes))])
            out = sys.argv[2]
            m = X.T.tocsc()  # features x barcodes stored as CSC == cells x genes CSR
            with h5py.File(os.path.join(out, 'v3.h5'), 'w') as f:
                g = f.create_group('matrix')
                g['barcodes'] = np.array(a.obs_names, dtype='S')
                g['data'] = X.data.astype(np.int32); g['indices'] = X.indices.astype(np.int64)
                g['indptr'] = X.indptr.astype(np.int64); g['shape'] = np.array([X.shape[1], X.shape[0]], dtype=np.int32)
                fe = g.create_group('features')
                fe['id'] = ids.astype('S'); fe['name'] = genes.astype('S')
                fe['feature_type'] = np.array(['Gene Expression'] * len(genes), dtype='S')
                fe['genome'] = np.array(['GRCh38'] * len(genes), dtype='S')
            with h5py.File(os.path.join(out, 'v2.h5'), 'w') as f:
                g = f.create_group('GRCh38')
                g['barcodes'] = np.array(a.obs_names, dtype='S')
                g['data'] = X.data.astype(np.int32); g['indices'] = X.indices.astype(np.int64)
                g['indptr'] = X.indptr.astype(np.int64); g['shape'] = np.array([X.shape[1], X.shape[0]], dtype=np.int32)
                g['genes'] = ids.astype('S'); g['gene_names'] = genes.astype('S')
            d = os.path.join(out, 'filtered_feature_bc_matrix'); os.makedirs(d)
            with gzip.open(os.path.join(d, 'matrix.mtx.gz'), 'wb') as f:
                scipy.io.mmwrite(f, sp.coo_matrix(X.T), field='integer')
            with gzip.open(os.path.join(d, 'features.tsv.gz'), 'wt') as f:
                for i, n in zip(ids, genes): f.write(f'{i}\\t{n}\\tGene Expression\\n')
            with gzip.open(os.path.join(d, 'barcodes.tsv.gz'), 'wt') as f:
                for b in a.obs_names: f.write(b + '\\n')
            scipy.io.mmwrite(os.path.join(out, 'plain.mtx'), sp.coo_matrix(X[:50].astype(np.float64) * 0.5))
            # the reference: cells x genes, symbols as var names
            ad.AnnData(X=X.astype(np.float32), obs=a.obs[[]], var=a.var[[]]).write_h5ad(os.path.join(out, 'ref.h5ad'))
            """;

    @Test
    void readsTenxHdf5AndMatrixMarket() throws Exception {
        Python.run(MAKE, Resources.data("pbmc4k_soupx_2170cells_counts.h5ad").toString(), dir.toString());
        Atlas ref = Atlas.load(dir.resolve("ref.h5ad"));
        for (String name : new String[] {"v3.h5", "v2.h5", "filtered_feature_bc_matrix"}) {
            Atlas a = Atlas.load(dir.resolve(name));
            assertThat(a.nObs()).as(name).isEqualTo(300);
            assertThat(a.varNames()).as(name).isEqualTo(ref.varNames());
            assertThat(a.obsNames()).as(name).isEqualTo(ref.obsNames());
            assertThat(a.var().column("gene_ids").getString(3)).isEqualTo("ENSG00000000003");
            assertThat(AtlasDigest.matrix(a.x())).as(name).isEqualTo(AtlasDigest.matrix(ref.x()));
        }
        assertThat(Atlas.load(dir.resolve("v3.h5")).var().column("feature_types").getString(0)).isEqualTo("Gene Expression");

        // A lone .mtx keeps rows as cells; content sniffing works whatever the extension.
        Path renamed = dir.resolve("matrix.data");
        Files.copy(dir.resolve("plain.mtx"), renamed);
        Atlas plain = Atlas.load(renamed);
        assertThat(plain.nObs()).isEqualTo(50);
        assertThat(plain.x().get(0, 0) * 2).isEqualTo(ref.x().get(0, 0));
        Path h5ad = dir.resolve("tenx-renamed.h5ad");
        Files.copy(dir.resolve("v3.h5"), h5ad);
        assertThat(AtlasIO.detect(h5ad)).isEqualTo(FileFormat.TENX_H5);
    }

    @Test
    void badMatrixMarket() throws Exception {
        Path f = dir.resolve("bad.mtx");
        Files.writeString(f, "%%MatrixMarket matrix coordinate integer general\n3 3 2\n1 1 4\n9 1 2\n");
        assertThatThrownBy(() -> Atlas.load(f)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("bad.mtx:line 4").hasMessageContaining("outside the declared 3 x 3");
        Path cut = dir.resolve("cut.mtx");
        Files.writeString(cut, "%%MatrixMarket matrix coordinate integer general\n3 3 5\n1 1 4\n");
        assertThatThrownBy(() -> Atlas.load(cut)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("fewer entries");
        Path d = dir.resolve("emptydir");
        Files.createDirectories(d);
        assertThatThrownBy(() -> Atlas.load(d)).isInstanceOf(AtlasFormatException.class)
                .hasMessageContaining("matrix.mtx");
    }
}
