package org.scjava.models.scfoundation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** scFoundation through the registry and the DSL, the bundled gene list, and its error paths. */
class ScFoundationLoadingTest {

    static Path dir() {
        return Fixtures.resource("/scfoundation");
    }

    @Test
    void loadsThroughTheRegistryAndEmbedsWithProvenance() {
        Atlas atlas = Atlas.load(dir().resolve("inputs/cells.h5ad"));
        try (FoundationModel m = Models.load("scfoundation", dir(), ModelOptions.defaults())) {
            atlas.embed(m);
        }
        assertThat(atlas.obsm("X_scfoundation").nCols()).isEqualTo(64);
        var entry = atlas.history().entries().get(atlas.history().entries().size() - 1);
        assertThat(entry.params()).containsEntry("genes_matched", 32).containsEntry("pool_type", "all")
                .containsEntry("tgthighres", "t4").containsEntry("version", "cell").containsKey("checkpoint_sha256");
    }

    @Test
    void theBundledOfficialGeneListIsUsedWhenNoneIsGivenAndMustFitTheCheckpoint(@TempDir Path tmp) throws IOException {
        assertThat(ScFoundationGenes.read(null)).hasSize(19264).startsWith("A1BG", "A1CF", "A2M");
        Files.copy(dir().resolve("models/models.ckpt"), tmp.resolve("models.ckpt"));
        assertThatThrownBy(() -> Models.scFoundation(tmp.toString())).isInstanceOf(ModelException.class)
                .hasMessageContaining("19264 genes").hasMessageContaining("seq_len is 46");
    }

    @Test
    void configThatDoesNotFitTheTensorsNamesKeyAndShapes() {
        assertThatThrownBy(() -> ScFoundationModel.builder().setPath(dir().resolve("mismatched/models.ckpt"))
                .optGenes(dir().resolve("OS_scRNA_gene_index.tiny.tsv")).build())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("token_emb.emb.weight")
                .hasMessageContaining("[12, 16]").hasMessageContaining("[12, 24]");
        assertThatThrownBy(() -> ScFoundationModel.builder().setPath(dir().resolve("mismatched/models.ckpt"))
                .optGenes(dir().resolve("OS_scRNA_gene_index.tiny.tsv")).optVersion("rde").build())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no model 'rde'");
        assertThatThrownBy(() -> ScFoundationModel.builder().optVersion("cells"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ce, rde or gene");
        assertThatThrownBy(() -> ScFoundationModel.builder().optTargetResolution("x4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t, f or a");
    }

    @Test
    void geneOutputsNeedTheGeneModel() {
        try (ScFoundationModel m = Models.scFoundation(dir().toString())) {
            assertThatThrownBy(() -> m.geneEmbeddings(Atlas.load(dir().resolve("inputs/cells.h5ad")), 0))
                    .isInstanceOf(ModelException.class).hasMessageContaining("optVersion(\"gene\")");
        }
    }

    @Test
    void aCellTooSparseForPoolAllIsRefusedNamingTheCell() {
        Atlas one = new Atlas(CsrMatrix.fromDense(1, 2, new float[] {1f, 0f}),
                Table.create("obs", StringColumn.create("cell", "c0")),
                Table.create("var", StringColumn.create("gene", "LYZ", "CD3E")));
        try (ScFoundationModel m = Models.scFoundation(dir().toString())) {
            assertThatThrownBy(() -> m.embedTokens(m.tokenize(one).cells())).isInstanceOf(ModelException.class)
                    .hasMessageContaining("cell 0 has 2 positive inputs");
        }
    }
}
