package org.scjava.models.scbert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** scBERT through the registry and the DSL, and every way its files can fail to load. */
class ScBertLoadingTest {

    static Path dir() {
        return Fixtures.resource("/scbert");
    }

    @Test
    void loadsThroughTheRegistryAndEmbedsWithProvenance() {
        assertThat(Models.kinds()).contains("scbert", "scfoundation", "esm2");
        Atlas atlas = Atlas.load(dir().resolve("inputs/cells.h5ad"));
        try (FoundationModel m = Models.load("scbert", dir(), ModelOptions.defaults().withBatchSize(4))) {
            assertThat(m).isInstanceOf(ScBertModel.class);
            atlas.embed(m);
        }
        assertThat(atlas.obsm("X_scbert").nRows()).isEqualTo(18);
        assertThat(atlas.obsm("X_scbert").nCols()).isEqualTo(16);
        var entry = atlas.history().entries().get(atlas.history().entries().size() - 1);
        assertThat(entry.params()).containsEntry("genes_matched", 30).containsEntry("genes_in_data", 36)
                .containsKey("checkpoint_sha256").containsEntry("pooling", "mean").containsEntry("batch_size", 4);
    }

    @Test
    void geneEmbeddingsAreTheGene2vecRows() {
        try (ScBertModel m = Models.scBERT(dir().toString())) {
            var g = m.embedGenes();
            assertThat(g.genes()).hasSize(40).containsExactlyElementsOf(m.genes());
            assertThat(g.dim()).isEqualTo(16);
        }
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        assertThatThrownBy(() -> ScBertModel.builder().setPath(dir().resolve("mismatched/panglao_pretrain.pth"))
                .optGenes(dir().resolve("panglao_10000.h5ad")).build())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("performer.net.layers.1.0.fn.to_k.weight")
                .hasMessageContaining("[8, 16]").hasMessageContaining("[16, 16]");
    }

    @Test
    void aGeneListOfTheWrongLengthIsRefused(@TempDir Path tmp) throws IOException {
        Path genes = tmp.resolve("genes.txt");
        Files.write(genes, List.of("CD3E", "LYZ", "MS4A1"));
        assertThatThrownBy(() -> ScBertModel.builder().setPath(dir().resolve("panglao_pretrain.pth")).optGenes(genes).build())
                .isInstanceOf(ModelException.class).hasMessageContaining("3 genes").hasMessageContaining("41 rows");
    }

    @Test
    void otherCheckpointsAndMissingFilesGiveClearErrors(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> ScBertModel.builder().setPath(Fixtures.path("scgpt/torch_style/best_model.pt"))
                .optGenes(dir().resolve("panglao_10000.h5ad")).build())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("not a scBERT (PerformerLM) checkpoint");
        Files.copy(dir().resolve("panglao_pretrain.pth"), tmp.resolve("panglao_pretrain.pth"));
        assertThatThrownBy(() -> ScBertModel.builder().setPath(tmp).build())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("panglao_10000.h5ad");
        assertThatThrownBy(() -> ScBertModel.builder().setPath(tmp.resolve("nowhere")).build())
                .isInstanceOf(ModelException.class).hasMessageContaining("does not exist");
        try (ScBertModel pre = ScBertModel.builder().setPath(dir()).build()) {
            assertThatThrownBy(() -> pre.predictProbabilities(Atlas.load(dir().resolve("inputs/cells.h5ad"))))
                    .isInstanceOf(ModelException.class).hasMessageContaining("fine-tuned");
        }
    }
}
