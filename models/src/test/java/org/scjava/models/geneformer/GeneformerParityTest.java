package org.scjava.models.geneformer;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
import org.scjava.models.ModelOptions;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.HostTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with OFFICIAL Geneformer (ctheodoris/Geneformer @ fb6abe0d: {@code TranscriptomeTokenizer.tokenize_anndata}
 * + {@code create_dataset}, {@code EmbExtractor.extract_embs}, {@code perturber_utils.load_model}) and Hugging Face
 * transformers 4.46.3 {@code BertForMaskedLM} on torch 1.13 CPU, for V1 and V2, from model.safetensors and
 * pytorch_model.bin (the official loader reads the .bin; both hold the same weights). Arrays in
 * src/test/resources/official/geneformer, written by official/scripts/official_geneformer.py. Input ids exactly;
 * hidden states, cell embeddings (emb_layer -1 / 0, emb_mode cls / cell) and the word-embedding table within 1e-5
 * (measured max |diff| in official/README.md). Ranked untruncated lists: re-implementation arrays (second opinion).
 */
class GeneformerParityTest {

    private static final double TOL = 1e-5;
    private static final String MODEL = "geneformer";
    private static final int D = 32;
    static Atlas atlas;

    @BeforeAll
    static void load() {
        atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
    }

    private static GeneformerModel model(String version, String checkpoint, int embLayer, Pooling pooling) {
        return GeneformerModel.builder().setDirectory(Fixtures.path("geneformer/" + version))
                .optCheckpoint(checkpoint).optEmbLayer(embLayer).optPooling(pooling).build();
    }

    @ParameterizedTest
    @CsvSource({"v1", "v2"})
    void inputIdsAndRankValueEncodingMatchExactly(String v) throws IOException {
        try (GeneformerModel m = model(v, "model.safetensors", -1, null)) {
            TokenizedCells t = m.tokenize(atlas);
            HostTensor ids = OfficialParity.array(MODEL, v + "_input_ids.npy");
            long[] want = ids.toLongArray();
            long[] lengths = OfficialParity.array(MODEL, v + "_lengths.npy").toLongArray();
            int width = (int) ids.dim(1);
            for (int c = 0; c < 20; c++) {
                CellTokens cell = t.cell(c);
                assertThat(cell.length()).as("length %d", c).isEqualTo(lengths[c]);
                for (int i = 0; i < width; i++) {
                    long got = i < cell.length() ? cell.ids()[i] : 0;
                    assertThat(got).as("cell %d token %d", c, i).isEqualTo(want[c * width + i]);
                }
            }
            OfficialParity.recordExact(MODEL, v + " input ids (TranscriptomeTokenizer)");
            assertThat(t.match().matched()).isEqualTo(306);
            assertThat(t.match().key()).startsWith("var['ensembl_id']");
            List<Map<String, Object>> ranked = new Gson().fromJson(
                    Files.readString(Fixtures.path("expected/geneformer_" + v + "_ranked_untruncated.json")),
                    new TypeToken<List<Map<String, Object>>>() { }.getType());
            GeneformerInput in = GeneformerInput.prepare(atlas, ModelOptions.defaults(), m.dictionaries());
            int[] first = GeneformerTokenizer.firstColumns(in.columnTokens());
            for (int c = 0; c < 20; c++) {
                GeneformerTokenizer.Ranked r = m.tokenizer().ranked(in.counts().matrix(), c, in.columnTokens(), first, in.nCounts()[c]);
                @SuppressWarnings("unchecked")
                List<Double> wantTokens = (List<Double>) ranked.get(c).get("tokens");
                @SuppressWarnings("unchecked")
                List<Double> wantValues = (List<Double>) ranked.get(c).get("normalized_values");
                assertThat(Arrays.stream(r.tokens()).boxed().toList())
                        .isEqualTo(wantTokens.stream().map(Double::intValue).toList());
                assertThat(Arrays.stream(r.values()).boxed().toList()).isEqualTo(wantValues);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"v1, model.safetensors", "v1, pytorch_model.bin", "v2, model.safetensors", "v2, pytorch_model.bin"})
    void hiddenStatesOfCells0to3Match(String v, String checkpoint) {
        try (GeneformerModel m = model(v, checkpoint, -1, null)) {
            List<CellTokens> four = m.tokenize(atlas).cells().subList(0, 4);
            HiddenStates hs = m.hiddenStates(four, 0, 1, 2, 3);
            HostTensor e = OfficialParity.array(MODEL, v + "_hidden_states_cells0-3.npy");
            float[] exp = e.toFloatArray();
            int cells = (int) e.dim(1);
            int width = (int) e.dim(2);
            for (int layer = 0; layer <= 3; layer++) {
                for (int c = 0; c < 4; c++) {
                    float[][] got = hs.layer(layer)[c];
                    for (int t = 0; t < got.length; t++) {
                        int off = ((layer * cells + c) * width + t) * D;
                        OfficialParity.assertClose(MODEL, v + " hidden states", got[t],
                                Arrays.copyOfRange(exp, off, off + D), TOL,
                                checkpoint + " layer " + layer + " cell " + c + " token " + t);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "v2, model.safetensors, -1, , v2_cell_emb_cls_layer-1.npy",
        "v2, pytorch_model.bin, -1, , v2_cell_emb_cls_layer-1.npy",
        "v2, model.safetensors, 0, CLS, v2_cell_emb_cls_layer0.npy",
        "v2, pytorch_model.bin, -1, MEAN, v2_cell_emb_cell_layer-1.npy",
        "v1, model.safetensors, -1, , v1_cell_emb_cell_layer-1.npy",
        "v1, pytorch_model.bin, -1, MEAN, v1_cell_emb_cell_layer-1.npy",
        "v1, pytorch_model.bin, 0, , v1_cell_emb_cell_layer0.npy",
    })
    void cellEmbeddingsMatch(String v, String checkpoint, int layer, Pooling pooling, String file) {
        try (GeneformerModel m = model(v, checkpoint, layer, pooling)) {
            float[][] emb = m.embedCells(atlas);
            float[] want = OfficialParity.array(MODEL, file).toFloatArray();
            for (int c = 0; c < 20; c++) {
                OfficialParity.assertClose(MODEL, file.replace(".npy", "") + " (EmbExtractor)", emb[c],
                        OfficialParity.row(want, c, D), TOL, checkpoint + " cell " + c);
            }
            assertThat(m.card().settings()).containsEntry("pooling", (pooling != null ? pooling
                    : v.equals("v2") ? Pooling.CLS : Pooling.MEAN).name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @ParameterizedTest
    @CsvSource({"v1, model.safetensors", "v2, pytorch_model.bin"})
    void geneEmbeddingTableIsTheOfficialWordEmbeddings(String v, String checkpoint) {
        try (GeneformerModel m = model(v, checkpoint, -1, null)) {
            org.scjava.models.api.GeneEmbeddings g = m.embedGenes();
            float[] table = OfficialParity.array(MODEL, v + "_word_embeddings.npy").toFloatArray();
            for (int i = 0; i < g.genes().length; i++) {
                int token = m.vocabulary().id(g.genes()[i]);
                OfficialParity.assertClose(MODEL, v + " gene embeddings (word_embeddings)", g.vectors()[i],
                        OfficialParity.row(table, token, D), 0, g.genes()[i]);
            }
        }
    }
}
