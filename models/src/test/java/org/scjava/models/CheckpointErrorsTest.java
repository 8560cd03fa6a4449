package org.scjava.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.DeviceException;
import org.scjava.models.runtime.GpuProbe;
import org.scjava.models.runtime.Runtimes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mismatched, incomplete or wrongly placed model files give errors that name the file, key and both shapes. */
class CheckpointErrorsTest {

    private static Path copyDir(String fixture, Path to) throws IOException {
        Path src = Fixtures.path(fixture);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }

    @Test
    void scgptConfigThatDoesNotFitTheCheckpoint(@TempDir Path tmp) throws IOException {
        Path dir = copyDir("scgpt/torch_style", tmp.resolve("m"));
        Path args = dir.resolve("args.json");
        Files.writeString(args, Files.readString(args).replace("\"d_hid\": 64", "\"d_hid\": 128"));
        assertThatThrownBy(() -> Models.scGPT(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("transformer_encoder.layers.0.linear1.weight")
                .hasMessageContaining("[64, 32]").hasMessageContaining("[128, 32]");
    }

    @Test
    void scgptVocabularyLargerThanTheEmbeddingTable(@TempDir Path tmp) throws IOException {
        Path dir = copyDir("scgpt/whole_human_style", tmp.resolve("m"));
        Path vocab = dir.resolve("vocab.json");
        Files.writeString(vocab, Files.readString(vocab).replaceFirst("\\{", "{\"EXTRA_GENE\": 333, "));
        assertThatThrownBy(() -> Models.scGPT(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("encoder.embedding.weight").hasMessageContaining("[333, 32]")
                .hasMessageContaining("[334, 32]");
    }

    @Test
    void geneformerConfigWithMoreLayersNamesTheMissingKey(@TempDir Path tmp) throws IOException {
        Path dir = copyDir("geneformer/v2", tmp.resolve("m"));
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"num_hidden_layers\": 3", "\"num_hidden_layers\": 4"));
        assertThatThrownBy(() -> Models.geneformer(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("encoder.layer.3.");
    }

    @Test
    void missingFilesListTheDirectory(@TempDir Path tmp) throws IOException {
        Path dir = copyDir("geneformer/v1", tmp.resolve("m"));
        Files.delete(dir.resolve("token_dictionary.pkl"));
        assertThatThrownBy(() -> Models.geneformer(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("token_dictionary.pkl").hasMessageContaining("config.json");
        assertThatThrownBy(() -> Models.scGPT(tmp.resolve("nowhere"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("does not exist");
    }

    /**
     * Holds on both kinds of machine: where the GPU is usable the model runs there; elsewhere it runs on the CPU,
     * provenance records the request, {@code %device}'s report says why and how to enable the GPU, and strict mode
     * turns the fallback into an error naming the same remedies.
     */
    @Test
    void gpuRequestRunsOnTheGpuOrSaysWhyNot() {
        ModelOptions gpu = ModelOptions.defaults().withDevice("gpu");
        String why;
        try (var m = Models.scGPT(Fixtures.path("scgpt/torch_style"), gpu)) {
            String device = (String) m.provenance().get("device");
            why = Runtimes.engine().report().get("--device gpu");
            if (device.startsWith("gpu")) {
                assertThat(m.provenance()).doesNotContainKey("device_requested");
                assertThat(why).isEqualTo("runs on gpu(0)");
                return;
            }
            assertThat(m.provenance()).containsEntry("device_requested", "gpu").containsEntry("precision", "fp32");
        }
        assertThat(why).startsWith("runs on the CPU: ");
        if (!GpuProbe.probe().present()) {
            assertThat(why).contains("no NVIDIA GPU");
        }
        System.setProperty("scjava.device.strict", "true");
        try {
            assertThatThrownBy(() -> Models.scGPT(Fixtures.path("scgpt/torch_style"), gpu))
                    .isInstanceOf(DeviceException.class).hasMessageContaining("--device gpu was requested")
                    .hasMessageContaining(why.substring("runs on the CPU: ".length()));
        } finally {
            System.clearProperty("scjava.device.strict");
        }
        assertThatThrownBy(() -> ModelOptions.defaults().withDevice("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu or gpu");
        assertThatThrownBy(() -> ModelOptions.defaults().withPrecision("int8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp32, fp16 or bf16");
    }

    @Test
    void registryKnowsTheBuiltInKindsAndRejectsOthers() {
        assertThat(Models.kinds()).contains("scgpt", "geneformer", "torchscript");
        assertThatThrownBy(() -> Models.load("scbert2", Fixtures.path("scgpt/torch_style"), ModelOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known kinds");
        try (var m = Models.load("geneformer", Fixtures.path("geneformer/v1"), ModelOptions.defaults())) {
            assertThat(m.name()).isEqualTo("geneformer");
            assertThat(m.card().ignoredKeys()).contains("cls.predictions.bias").noneMatch(k -> k.contains("encoder.layer"));
        }
    }
}
