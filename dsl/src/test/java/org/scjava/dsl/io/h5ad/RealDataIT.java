package org.scjava.dsl.io.h5ad;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.testing.AtlasDigest;
import org.scjava.testing.Resources;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled real datasets (written by anndata 0.8) read exactly as Python anndata reads them. */
class RealDataIT {

    @ParameterizedTest
    @ValueSource(strings = {
        "pbmc4k_soupx_2170cells_counts.h5ad",
        "kang_ifnb_pbmc_harmony_2000cells_counts.h5ad",
        "kang_ifnb_pbmc_muscat_1556cells_counts.h5ad",
        "mouse_stomach_mca_subset_counts.h5ad"})
    void readsLikeAnndata(String name) {
        Path f = Resources.data(name);
        Atlas a = Atlas.load(f);
        assertThat(a.x().isSparse()).isTrue();
        assertThat(a.x().storedDtype()).isEqualTo("int32");
        AtlasDigest.assertMatches(AtlasDigest.of(a), AtlasDigest.python(f));
    }
}
