package org.scjava.models.geneformer;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
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
import static org.scjava.models.Fixtures.expected;

/**
 * Parity with the Geneformer reference fixtures (fixtures/README.md, "Geneformer: exact semantics") for V1 and V2,
 * from model.safetensors and pytorch_model.bin: input ids and ranks exactly, hidden states and cell embeddings
 * (layer -1 / 0, CLS / mean pooling) within 1e-5.
 */
class GeneformerParityTest {

    private static final double TOL = 1e-5;
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
            HostTensor ids = expected("geneformer_" + v + "_input_ids.npy");
            long[] want = ids.toLongArray();
            long[] lengths = expected("geneformer_" + v + "_lengths.npy").toLongArray();
            long[] mask = expected("geneformer_" + v + "_attention_mask.npy").toLongArray();
            int width = (int) ids.dim(1);
            for (int c = 0; c < 20; c++) {
                CellTokens cell = t.cell(c);
                assertThat(cell.length()).as("length %d", c).isEqualTo(lengths[c]);
                for (int i = 0; i < width; i++) {
                    long got = i < cell.length() ? cell.ids()[i] : 0;
                    assertThat(got).as("cell %d token %d", c, i).isEqualTo(want[c * width + i]);
                    assertThat(mask[c * width + i]).isEqualTo(i < cell.length() ? 1L : 0L);
                }
            }
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
            HostTensor e = expected("geneformer_" + v + "_hidden_states_cells0-3.npy");
            float[] exp = e.toFloatArray();
            int cells = (int) e.dim(1);
            int width = (int) e.dim(2);
            for (int layer = 0; layer <= 3; layer++) {
                for (int c = 0; c < 4; c++) {
                    float[][] got = hs.layer(layer)[c];
                    for (int t = 0; t < got.length; t++) {
                        int off = ((layer * cells + c) * width + t) * D;
                        assertThat(Fixtures.maxAbsDiff(got[t], Arrays.copyOfRange(exp, off, off + D)))
                                .as("%s %s layer %d cell %d token %d", v, checkpoint, layer, c, t).isLessThanOrEqualTo(TOL);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "v2, model.safetensors, -1, , geneformer_v2_cell_emb_cls.npy",
        "v2, pytorch_model.bin, -1, , geneformer_v2_cell_emb_cls.npy",
        "v2, model.safetensors, 0, CLS, geneformer_v2_cell_emb_cls_lastlayer.npy",
        "v2, pytorch_model.bin, -1, MEAN, geneformer_v2_cell_emb_mean.npy",
        "v1, model.safetensors, -1, , geneformer_v1_cell_emb_mean.npy",
        "v1, pytorch_model.bin, -1, MEAN, geneformer_v1_cell_emb_mean.npy",
        "v1, pytorch_model.bin, 0, , geneformer_v1_cell_emb_mean_lastlayer.npy",
    })
    void cellEmbeddingsMatch(String v, String checkpoint, int layer, Pooling pooling, String file) {
        try (GeneformerModel m = model(v, checkpoint, layer, pooling)) {
            float[][] emb = m.embedCells(atlas);
            float[] want = expected(file).toFloatArray();
            for (int c = 0; c < 20; c++) {
                assertThat(Fixtures.maxAbsDiff(emb[c], Arrays.copyOfRange(want, c * D, (c + 1) * D)))
                        .as("%s cell %d", file, c).isLessThanOrEqualTo(TOL);
            }
            assertThat(m.card().settings()).containsEntry("pooling", (pooling != null ? pooling
                    : v.equals("v2") ? Pooling.CLS : Pooling.MEAN).name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
