package org.scjava.dsl.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.testing.AtlasDigest;

import java.nio.file.Path;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthetic atlas: deterministic per seed, realistic sparsity, real gene symbols, consistent obs columns. */
class SyntheticAtlasTest {

    @TempDir
    Path dir;

    @Test
    void deterministicRealisticAndConsistent() {
        Path a = dir.resolve("a.h5ad");
        Path b = dir.resolve("b.h5ad");
        SyntheticAtlas.Summary s = SyntheticAtlas.write(a, 3000, 2000, 11);
        SyntheticAtlas.write(b, 3000, 2000, 11);
        assertThat(AtlasDigest.of(Atlas.load(a))).isEqualTo(AtlasDigest.of(Atlas.load(b)));
        assertThat(s.density()).isBetween(0.03, 0.12);

        Atlas x = Atlas.load(a);
        assertThat(x.nObs()).isEqualTo(3000);
        assertThat(x.var().stringColumn(0).get(0)).isEqualTo("TSPAN6");
        assertThat(new HashSet<>(x.var().stringColumn(0).asList())).hasSize(2000);
        assertThat(x.var().stringColumn("gene_ids").get(0)).isEqualTo("ENSG00000000003");
        assertThat(x.obsCategories().get("cell_type").levels()).hasSize(SyntheticCounts.TYPES);
        CsrMatrix m = (CsrMatrix) x.x();
        for (int r = 0; r < 50; r++) {
            double sum = 0;
            for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                sum += m.data()[k];
                assertThat(m.data()[k]).isPositive().isEqualTo((float) Math.rint(m.data()[k]));
            }
            assertThat(x.obs().floatColumn("total_counts").getFloat(r)).isEqualTo((float) sum);
            assertThat(x.obs().intColumn("n_genes_by_counts").getInt(r)).isEqualTo(m.rowEnd(r) - m.rowStart(r));
        }
        // Chunked and compressed, so the backed reader streams it.
        try (BackedAtlas backed = Atlas.open(a)) {
            assertThat(backed.readRows(2990, 3000).nnz()).isEqualTo(m.rowEnd(2999) - m.rowStart(2990));
        }
        assertThat(SyntheticAtlas.write(dir.resolve("c.h5ad"), 3000, 2000, 12).nnz()).isNotEqualTo(s.nnz());
    }

    @Test
    void barcodesAreUniqueAndBadSizesAreRefused() {
        assertThat(new HashSet<>(java.util.Arrays.asList(SyntheticAtlas.barcodes(100_000)))).hasSize(100_000);
        assertThatThrownBy(() -> SyntheticAtlas.write(dir.resolve("x.h5ad"), 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one cell");
        assertThatThrownBy(() -> SyntheticAtlas.write(dir.resolve("y.h5ad"), 10, 10_000_000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct symbols");
    }
}
