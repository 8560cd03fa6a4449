package org.scjava.models.esm2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
import org.scjava.models.api.CellTokens;
import org.scjava.models.io.HostTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with OFFICIAL ESM-2 (facebookresearch/esm @ 2b369911: scripts/extract.py {@code run(args)} with
 * {@code --include mean per_tok bos}, {@code --repr_layers -1 / 1}, {@code --truncation_seq_length 1022 / 12},
 * toks_per_batch 4096; torch 1.13 CPU) on the fixture checkpoint. Arrays in src/test/resources/official/esm2, written
 * by official/scripts/official_esm2.py. Tokens exactly equal; per-residue, mean, {@code <cls>} and layer-1 embeddings
 * within 1e-5. One documented difference: extract.py slices {@code 1 : len(string) + 1}, which runs past
 * {@code <eos>} for record 7 (its string holds the 6-character token {@code <mask>}); scjava pools the 14 tokens, so
 * record 7 is compared with the official {@code ESM2.forward} states pooled over the token count
 * (mean_tokencount*.npy) and its per-residue rows with extract.py's first 14 rows.
 */
class Esm2ParityTest {

    private static final double TOL = 1e-5;

    static Esm2Model model;
    static List<Fasta.Record> records;

    static Path dir() {
        return Fixtures.resource("/esm2");
    }

    private static final int MASK_RECORD = 6;

    static HostTensor official(String name) {
        return OfficialParity.array("esm2", name);
    }

    /** Rows of {@code got} vs extract.py's {@code file}; record 7 vs {@code tokenCountFile} (see the class doc). */
    static void checkMeans(String output, float[][] got, String file, String tokenCountFile) {
        float[] want = official(file).toFloatArray();
        float[] tokenCount = tokenCountFile == null ? want : official(tokenCountFile).toFloatArray();
        for (int i = 0; i < got.length; i++) {
            boolean mask = i == MASK_RECORD && tokenCountFile != null;
            OfficialParity.assertClose("esm2", output, got[i], OfficialParity.row(mask ? tokenCount : want, i, 16),
                    TOL, "record " + (i + 1));
        }
    }

    @BeforeAll
    static void load() {
        model = Esm2Model.builder().setCheckpoint(dir().resolve("esm2_t2_16_tiny.pt")).build();
        records = Fasta.read(dir().resolve("proteins.fasta"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void readsTheOfficialCheckpointLayoutAndConfig() {
        assertThat(model.numLayers()).isEqualTo(2);
        assertThat(model.dim()).isEqualTo(16);
        assertThat(model.card().config()).containsEntry("encoder_attention_heads", 4).containsEntry("token_dropout", true);
        assertThat(model.card().ignoredKeys()).contains("lm_head.weight", "lm_head.dense.weight", "lm_head.bias");
        assertThat(model.card().checkpointSha256()).hasSize(64);
        assertThat(records).hasSize(8);
        assertThat(records.get(0).gene()).isEqualTo("CD3E");
        assertThat(records.get(7).gene()).isEqualTo("LONG1");
    }

    @Test
    void tokensMatchExactly() {
        checkTokens(model, "tokens.npy");
        try (Esm2Model shortModel = Esm2Model.builder().setCheckpoint(dir()).optTruncation(12).build()) {
            checkTokens(shortModel, "tokens_trunc12.npy");
        }
    }

    private static void checkTokens(Esm2Model m, String file) {
        HostTensor t = official(file);
        long[] ids = t.toLongArray();
        int width = (int) t.dim(1);
        List<CellTokens> tokens = m.tokenize(records.stream().map(Fasta.Record::label).toList(),
                records.stream().map(Fasta.Record::sequence).toList());
        for (int i = 0; i < tokens.size(); i++) {
            int[] got = tokens.get(i).ids();
            for (int j = 0; j < width; j++) {
                long want = ids[i * width + j];
                if (j < got.length) {
                    assertThat((long) got[j]).as("%s seq %d token %d", file, i, j).isEqualTo(want);
                } else {
                    assertThat(want).as("%s seq %d padding %d", file, i, j).isEqualTo(1L);
                }
            }
        }
        OfficialParity.recordExact("esm2", "tokens (BatchConverter)");
    }

    @Test
    void meanBosAndPerResidueEmbeddingsMatch() {
        ProteinEmbeddings e = model.embed(records);
        checkMeans("mean (last layer)", e.mean(), "mean.npy", "mean_tokencount.npy");
        checkMeans("bos (last layer)", e.bos(), "bos.npy", null);
        HostTensor perTok = official("per_tok.npy");
        int width = (int) perTok.dim(1);
        float[] want = perTok.toFloatArray();
        for (int i = 0; i < e.size(); i++) {
            float[][] rows = e.perResidue()[i];
            for (int t = 0; t < rows.length; t++) {
                OfficialParity.assertClose("esm2", "per_tok (last layer)", rows[t], OfficialParity.row(want,
                        i * width + t + 1, 16), TOL, "record " + (i + 1) + " residue " + t);
            }
        }
        assertThat(e.perResidue()[6]).as("'<mask>' counts as one residue").hasNumberOfRows(14);
    }

    @Test
    void intermediateLayerAndTruncationMatch() {
        try (Esm2Model layer1 = Esm2Model.builder().setCheckpoint(dir()).optLayer(1).build();
             Esm2Model truncated = Esm2Model.builder().setCheckpoint(dir()).optTruncation(12).optToksPerBatch(30).build()) {
            checkMeans("mean (repr_layers 1)", layer1.embed(records).mean(), "mean_layer1.npy",
                    "mean_tokencount_layer1.npy");
            ProteinEmbeddings t = truncated.embed(records);
            checkMeans("mean (truncation 12)", t.mean(), "mean_trunc12.npy", null);
            checkMeans("bos (truncation 12)", t.bos(), "bos_trunc12.npy", null);
        }
    }

    @Test
    void tokenEmbeddingTableIsTheOfficialEmbedTokens() {
        org.scjava.models.api.GeneEmbeddings g = model.embedGenes();
        float[] table = official("embed_tokens.npy").toFloatArray();
        for (int i = 0; i < g.genes().length; i++) {
            OfficialParity.assertClose("esm2", "token embeddings (embed_tokens)", g.vectors()[i],
                    OfficialParity.row(table, i, 16), 0, g.genes()[i]);
        }
    }

    /**
     * The same weights in the Hugging Face layout (esm2/hf_tiny: config.json + pytorch_model.bin written by
     * transformers 4.46.3 {@code save_pretrained}, model.safetensors to the safetensors spec) give the per-residue states
     * of the official HF {@code EsmModel} (official/esm2/hf_last_hidden_state.npy), from either weights file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"model.safetensors", "pytorch_model.bin"})
    void huggingFaceLayoutGivesTheOfficialEsmModelStates(String weights, @TempDir Path tmp) throws IOException {
        Path hf = tmp.resolve("esm2_hf");
        Files.createDirectories(hf);
        for (String f : new String[] {"config.json", "vocab.txt", weights}) {
            Files.copy(dir().resolve("hf_tiny").resolve(f), hf.resolve(f));
        }
        HostTensor official = official("hf_last_hidden_state.npy");
        int width = (int) official.dim(1);
        float[] want = official.toFloatArray();
        try (Esm2Model m = Esm2Model.builder().setCheckpoint(hf).build()) {
            assertThat(m.card().checkpoint()).isEqualTo(weights);
            assertThat(m.card().config()).containsEntry("model_type", "esm").containsEntry("encoder_layers", 2);
            ProteinEmbeddings e = m.embed(records);
            for (int i = 0; i < e.size(); i++) {
                float[][] rows = e.perResidue()[i];
                for (int t = 0; t < rows.length; t++) {
                    OfficialParity.assertClose("esm2", "HF layout per-residue vs EsmModel.last_hidden_state", rows[t],
                            OfficialParity.row(want, i * width + t + 1, 16), TOL, "record " + (i + 1));
                }
                OfficialParity.assertClose("esm2", "HF layout bos vs EsmModel.last_hidden_state", e.bos()[i],
                        OfficialParity.row(want, i * width, 16), TOL, "record " + (i + 1));
            }
        }
    }
}
