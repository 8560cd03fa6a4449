package org.scjava.models.torchscript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Matrix;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.FoundationModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's TorchScript export (made by py/make_tiny_torchscript.py, committed) embeds cells through the DSL. */
class TorchScriptModelTest {

    @Test
    void embedsCellsLikeTheExportedModule() {
        Atlas atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        float[] want = org.scjava.models.io.Npy.read(Fixtures.resource("/torchscript/expected_embedding.npy")).toFloatArray();
        try (FoundationModel m = Models.load("torchscript", Fixtures.resource("/torchscript/tiny_encoder.pt"),
                ModelOptions.defaults().withBatchSize(7))) {
            atlas.embed(m);
            Matrix emb = atlas.obsm("X_torchscript");
            assertThat(emb.nRows()).isEqualTo(20);
            assertThat(emb.nCols()).isEqualTo(8);
            for (int c = 0; c < 20; c++) {
                for (int k = 0; k < 8; k++) {
                    assertThat((double) emb.get(c, k)).isCloseTo(want[c * 8 + k], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
            assertThat(m.matchGenes(atlas).matched()).isEqualTo(10);
            assertThat(m.card().settings().get("methods").toString()).contains("forward");
            assertThatThrownBy(() -> m.hiddenStates(m.tokenize(atlas).cells(), 0))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aFileThatIsNotTorchScriptIsAClearError(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("model.pt");
        Files.copy(Fixtures.path("scgpt/torch_style/best_model.pt"), f);
        assertThatThrownBy(() -> Models.torchScript(f)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.pt").hasMessageContaining("torch.jit");
        assertThatThrownBy(() -> Models.torchScript(tmp.resolve("absent.pt").toString()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("does not exist");
    }
}
