package org.scjava.models.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scjava.models.Fixtures.path;

class TorchCheckpointTest {

    @Test
    void readsBothScgptCheckpointStylesWithIdenticalWeights() {
        StateDict flash = TorchCheckpoint.readStateDict(path("scgpt/whole_human_style/best_model.pt"));
        StateDict torch = TorchCheckpoint.readStateDict(path("scgpt/torch_style/best_model.pt"));
        HostTensor wqkv = flash.get("transformer_encoder.layers.0.self_attn.Wqkv.weight", 96, 32);
        HostTensor inProj = torch.get("transformer_encoder.layers.0.self_attn.in_proj_weight", 96, 32);
        assertThat(wqkv.dtype()).isEqualTo(DType.F32);
        assertThat(wqkv.toFloatArray()).containsExactly(inProj.toFloatArray());
        assertThat(flash.get("encoder.embedding.weight").shape()).containsExactly(333, 32);
        assertThat(flash.keys()).contains("flag_encoder.weight", "mvc_decoder.W.weight");
        assertThat(torch.keys()).contains("cls_decoder.out_layer.weight");
    }

    @Test
    void pytorchBinAndSafetensorsHoldTheSameGeneformerWeights() {
        for (String v : new String[] {"v1", "v2"}) {
            StateDict bin = TorchCheckpoint.readStateDict(path("geneformer/" + v + "/pytorch_model.bin"));
            StateDict st = SafeTensors.read(path("geneformer/" + v + "/model.safetensors"));
            for (String k : st.keys()) {
                assertThat(bin.get(k).toFloatArray()).as(v + " " + k).containsExactly(st.get(k).toFloatArray());
            }
            // the tied decoder shares the word embedding's storage in the .bin and is omitted from safetensors
            assertThat(st.contains("cls.predictions.decoder.weight")).isFalse();
            assertThat(bin.get("cls.predictions.decoder.weight").toFloatArray())
                    .containsExactly(bin.get("bert.embeddings.word_embeddings.weight").toFloatArray());
        }
        StateDict v1 = TorchCheckpoint.readStateDict(path("geneformer/v1/pytorch_model.bin"));
        HostTensor pos = v1.get("bert.embeddings.position_ids", 1, 128);
        assertThat(pos.dtype()).isEqualTo(DType.I64);
        assertThat(pos.toLongArray()[127]).isEqualTo(127L);
    }

    @Test
    void missingKeyAndWrongShapeNameTheKeyAndBothShapes() {
        StateDict sd = TorchCheckpoint.readStateDict(path("scgpt/torch_style/best_model.pt"));
        assertThatThrownBy(() -> sd.get("encoder.embedding.weight", 334, 32))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("encoder.embedding.weight").hasMessageContaining("[333, 32]")
                .hasMessageContaining("[334, 32]");
        assertThatThrownBy(() -> sd.get("transformer_encoder.layers.7.norm1.weight"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("transformer_encoder.layers.7.norm1.weight").hasMessageContaining("similar keys");
    }

    @Test
    void truncatedZipCheckpointIsAClearError(@TempDir Path tmp) throws IOException {
        Path src = path("scgpt/torch_style/best_model.pt");
        Path cut = tmp.resolve("best_model.pt");
        byte[] all = Files.readAllBytes(src);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> TorchCheckpoint.read(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("best_model.pt").hasMessageContaining("not a complete zip archive");
    }

    @Test
    void notACheckpointIsAClearError(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("args.json");
        Files.writeString(f, "{\"embsize\": 32}", StandardOpenOption.CREATE);
        assertThatThrownBy(() -> TorchCheckpoint.read(f))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("torch.save");
        assertThatThrownBy(() -> TorchCheckpoint.read(tmp.resolve("absent.pt")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("does not exist");
    }

    @Test
    void truncatedSafetensorsIsAClearError(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(path("geneformer/v2/model.safetensors"));
        Path cut = tmp.resolve("model.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 1000));
        assertThatThrownBy(() -> SafeTensors.read(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("truncated");
        Files.write(cut, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensors.read(cut)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("too short");
    }
}
