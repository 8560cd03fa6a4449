package org.scjava.models.scgpt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.HostTensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scjava.models.Fixtures.expected;

/**
 * Parity with the scGPT reference fixtures (src/test/resources/fixtures/README.md, "scGPT: exact semantics"):
 * tokens, bins and lengths exactly equal; intermediates and embeddings within 1e-5, for both checkpoint styles.
 */
class ScGptParityTest {

    private static final double TOL = 1e-5;
    private static final int D = 32;

    static Atlas atlas;
    static ScGptModel flash;
    static ScGptModel torchStyle;
    static TokenizedCells tokens;

    @BeforeAll
    static void load() {
        atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        flash = ScGptModel.builder().setDirectory(Fixtures.path("scgpt/whole_human_style")).build();
        torchStyle = ScGptModel.builder().setDirectory(Fixtures.path("scgpt/torch_style")).build();
        tokens = flash.tokenize(atlas);
    }

    @AfterAll
    static void close() {
        flash.close();
        torchStyle.close();
    }

    @Test
    void tokensValuesAndLengthsMatchExactly() {
        long[] ids = expected("scgpt_gene_ids.npy").toLongArray();
        float[] values = expected("scgpt_values.npy").toFloatArray();
        long[] lengths = expected("scgpt_lengths.npy").toLongArray();
        int width = (int) expected("scgpt_gene_ids.npy").dim(1);
        assertThat(tokens.size()).isEqualTo(20);
        for (int c = 0; c < 20; c++) {
            CellTokens t = tokens.cell(c);
            assertThat(t.length()).as("length of cell %d", c).isEqualTo(lengths[c]);
            for (int i = 0; i < width; i++) {
                if (i < t.length()) {
                    assertThat(t.ids()[i]).as("cell %d token %d", c, i).isEqualTo(ids[c * width + i]);
                    assertThat(t.values()[i]).as("cell %d value %d", c, i).isEqualTo(values[c * width + i]);
                } else {
                    assertThat(ids[c * width + i]).isEqualTo(330L); // the fixture pads with <pad>
                }
            }
        }
        assertThat(tokens.match().matched()).isEqualTo(306);
        assertThat(tokens.match().total()).isEqualTo(312);
    }

    @Test
    void binEdgesAndOfficialTieRangesMatch() {
        HostTensor edges = expected("scgpt_bin_edges.npy");
        long[] lo = expected("scgpt_bin_lo.npy").toLongArray();
        long[] hi = expected("scgpt_bin_hi.npy").toLongArray();
        float[] raw = expected("scgpt_raw_values.npy").toFloatArray();
        long[] lengths = expected("scgpt_lengths.npy").toLongArray();
        int width = (int) expected("scgpt_gene_ids.npy").dim(1);
        double[] e = new double[(int) edges.numel()];
        java.nio.ByteBuffer b = edges.rawBytes();
        for (int i = 0; i < e.length; i++) {
            e[i] = b.getDouble(i * 8);
        }
        for (int c = 0; c < 20; c++) {
            int n = (int) lengths[c] - 1;
            float[] x = java.util.Arrays.copyOfRange(raw, c * width + 1, c * width + 1 + n);
            double[] mine = ValueBinning.edges(x);
            assertThat(mine).as("edges of cell %d", c).containsExactly(java.util.Arrays.copyOfRange(e, c * 50, c * 50 + 50));
            for (int i = 0; i < n; i++) {
                assertThat((long) ValueBinning.upper(x[i], mine)).isEqualTo(hi[c * width + 1 + i]);
                assertThat((long) ValueBinning.lower(x[i], mine)).isEqualTo(lo[c * width + 1 + i]);
            }
        }
    }

    @Test
    void randomTieBinsStayInsideTheOfficialRangeAndAreSeeded() {
        long[] lo = expected("scgpt_bin_lo.npy").toLongArray();
        long[] hi = expected("scgpt_bin_hi.npy").toLongArray();
        int width = (int) expected("scgpt_gene_ids.npy").dim(1);
        ScGptTokenizer t1 = new ScGptTokenizer(flash.vocabulary(), -2f, 1200, ValueBinning.Ties.RANDOM, 5);
        ScGptTokenizer t2 = new ScGptTokenizer(flash.vocabulary(), -2f, 1200, ValueBinning.Ties.RANDOM, 5);
        int[] cols = t1.columnIds(atlas.varNames().toArray(String[]::new));
        List<CellTokens> a = t1.tokenize(atlas.x(), cols);
        assertThat(a).isEqualTo(t2.tokenize(atlas.x(), cols));
        boolean anyBelowUpper = false;
        for (int c = 0; c < 20; c++) {
            float[] vals = a.get(c).values();
            for (int i = 1; i < vals.length; i++) {
                assertThat((long) vals[i]).isBetween(lo[c * width + i], hi[c * width + i]);
                anyBelowUpper |= vals[i] < hi[c * width + i];
            }
        }
        assertThat(anyBelowUpper).as("tied cells draw below the upper end sometimes").isTrue();
    }

    @Test
    void intermediatesOfCells0to3Match() {
        List<CellTokens> four = tokens.cells().subList(0, 4);
        float[][][][] parts = flash.inputParts(four);
        HiddenStates hs = flash.hiddenStates(four, 0, 1, 2);
        assertPadded("scgpt_gene_emb_cells0-3.npy", c -> parts[c][0]);
        assertPadded("scgpt_value_emb_cells0-3.npy", c -> parts[c][1]);
        assertPadded("scgpt_input_emb_cells0-3.npy", c -> hs.layer(0)[c]);
        assertPadded("scgpt_layer1_out_cells0-3.npy", c -> hs.layer(1)[c]);
        assertPadded("scgpt_layer2_out_cells0-3.npy", c -> hs.layer(2)[c]);
    }

    private static void assertPadded(String file, java.util.function.IntFunction<float[][]> cell) {
        HostTensor e = expected(file);
        int width = (int) e.dim(1);
        float[] exp = e.toFloatArray();
        for (int c = 0; c < 4; c++) {
            float[][] m = cell.apply(c);
            for (int t = 0; t < m.length; t++) {
                float[] want = java.util.Arrays.copyOfRange(exp, (c * width + t) * D, (c * width + t + 1) * D);
                assertThat(Fixtures.maxAbsDiff(m[t], want)).as("%s cell %d token %d", file, c, t).isLessThanOrEqualTo(TOL);
            }
        }
    }

    @Test
    void cellEmbeddingsMatchForBothCheckpointStyles() {
        float[] raw = expected("scgpt_cell_emb_raw.npy").toFloatArray();
        float[] normed = expected("scgpt_cell_emb.npy").toFloatArray();
        float[][] embFlash = flash.embedCells(atlas);
        float[][] embTorch = torchStyle.embedCells(atlas);
        float[][][] last = flash.hiddenStates(tokens.cells(), 2).layer(2);
        for (int c = 0; c < 20; c++) {
            float[] want = java.util.Arrays.copyOfRange(normed, c * D, (c + 1) * D);
            assertThat(Fixtures.maxAbsDiff(embFlash[c], want)).as("cell %d", c).isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(embTorch[c], want)).as("cell %d torch style", c).isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(last[c][0], java.util.Arrays.copyOfRange(raw, c * D, (c + 1) * D)))
                    .as("raw cls of cell %d", c).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void modelCardListsIgnoredKeysAndChecksum() {
        assertThat(flash.card().ignoredKeys()).contains("flag_encoder.weight", "mvc_decoder.W.weight")
                .noneMatch(k -> k.contains("transformer_encoder") || k.startsWith("encoder."));
        assertThat(torchStyle.card().ignoredKeys()).contains("cls_decoder.out_layer.weight");
        assertThat(flash.card().vocabSize()).isEqualTo(333);
        assertThat(flash.card().checkpointSha256()).hasSize(64);
        assertThat(flash.card().checkpointSha256()).isNotEqualTo(torchStyle.card().checkpointSha256());
    }
}
