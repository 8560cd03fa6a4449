package org.scjava.models.scfoundation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.models.Fixtures;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.Npy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the scFoundation reference fixtures (src/test/resources/scfoundation/README.md): gathered gene positions
 * exactly equal; input values, intermediates and cell embeddings (pool all/max, t4/f2/a5, ce/rde, pre-normalised)
 * within 1e-5.
 */
class ScFoundationParityTest {

    private static final double TOL = 1e-5;

    static Atlas atlas;
    static ScFoundationModel model;
    static TokenizedCells tokens;

    static Path dir() {
        return Fixtures.resource("/scfoundation");
    }

    static HostTensor expected(String name) {
        return Npy.read(dir().resolve("expected").resolve(name));
    }

    @BeforeAll
    static void load() {
        atlas = Atlas.load(dir().resolve("inputs/cells.h5ad"));
        model = ScFoundationModel.builder().setPath(dir()).build();
        tokens = model.tokenize(atlas);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void configIsMergedAsConvertconfigDoesAndDecoderKeysAreListed() {
        assertThat(model.card().config()).containsEntry("model", "mae_autobin").containsEntry("pad_token_id", 103)
                .containsEntry("seq_len", 46).containsEntry("bin_type", "auto_bin");
        assertThat(model.card().ignoredKeys()).contains("decoder_embed.weight", "to_final.weight", "norm.weight")
                .anyMatch(k -> k.startsWith("decoder.performer.net.layers.0.0.fn.fast_attention"));
        assertThat(model.numLayers()).isEqualTo(2);
        assertThat(tokens.match().matched()).isEqualTo(32);
    }

    @Test
    void inputValuesAndGatheredPositionsMatch() {
        float[][] values = model.inputValues(atlas);
        float[] want = expected("values_cells0-1.npy").toFloatArray();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 46; i++) {
                assertThat((double) Math.abs(values[c][i] - want[c * 46 + i])).as("cell %d value %d", c, i).isLessThanOrEqualTo(1e-6);
            }
        }
        @SuppressWarnings("unchecked")
        List<List<Number>> positions = (List<List<Number>>) meta().get("gathered_positions");
        for (int c = 0; c < tokens.size(); c++) {
            int[] want2 = positions.get(c).stream().mapToInt(Number::intValue).toArray();
            assertThat(tokens.cell(c).ids()).as("cell %d", c).containsExactly(want2);
        }
    }

    @Test
    void inputEmbeddingAndEncoderOutputMatch() {
        for (int c = 0; c < 2; c++) {
            HiddenStates h = model.hiddenStates(List.of(tokens.cell(c)), 0, 2);
            assertThat(Fixtures.maxAbsDiff(flat(h.layer(0)[0]), expected("input_cell" + c + ".npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(flat(h.layer(2)[0]), expected("encoder_cell" + c + ".npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void cellEmbeddingsMatchEveryOfficialOption() {
        assertThat(diff(model.embedCells(atlas), "cell_emb_all_t4.npy")).isLessThanOrEqualTo(TOL);
        try (ScFoundationModel max = ScFoundationModel.builder().setPath(dir()).optPooling(ScFoundationPooling.MAX).build();
             ScFoundationModel rde = ScFoundationModel.builder().setPath(dir().resolve("models/models.ckpt"))
                     .optGenes(dir().resolve("OS_scRNA_gene_index.tiny.tsv")).optVersion("rde").optTargetResolution("a5").build();
             ScFoundationModel f2 = ScFoundationModel.builder().setPath(dir()).optTargetResolution("f2").build()) {
            assertThat(diff(max.embedCells(atlas), "cell_emb_max_t4.npy")).isLessThanOrEqualTo(TOL);
            assertThat(diff(rde.embedCells(atlas), "cell_emb_all_a5_rde.npy")).isLessThanOrEqualTo(TOL);
            assertThat(diff(f2.embedCells(atlas), "cell_emb_all_f2.npy")).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void geneOutputsOfTheDecoderMatch() {
        float[] want = expected("gene_emb_cells0-1.npy").toFloatArray();   // [2][44][12]
        try (ScFoundationModel genes = ScFoundationModel.builder().setPath(dir()).optVersion("gene").build()) {
            for (int c = 0; c < 2; c++) {
                float[][] got = genes.geneEmbeddings(atlas, c);
                assertThat(got).hasNumberOfRows(44);
                assertThat(Fixtures.maxAbsDiff(flat(got), java.util.Arrays.copyOfRange(want, c * 44 * 12, (c + 1) * 44 * 12)))
                        .as("cell %d", c).isLessThanOrEqualTo(TOL);
            }
        }
    }

    @Test
    void preNormalizedInputMatches() {
        HostTensor pre = expected("prenormalized_input.npy");
        float[] v = pre.toFloatArray();
        Atlas normalized = new Atlas(new DenseMatrix((int) pre.dim(0), (int) pre.dim(1), v),
                tech.tablesaw.api.Table.create("obs", tech.tablesaw.api.StringColumn.create("cell", atlas.obsNames())),
                tech.tablesaw.api.Table.create("var", tech.tablesaw.api.StringColumn.create("gene", model.vocabulary().asMap().keySet())));
        try (ScFoundationModel m = ScFoundationModel.builder().setPath(dir()).optPreNormalized(true).build()) {
            assertThat(diff(m.embedCells(normalized), "cell_emb_all_t4_prenormalized.npy")).isLessThanOrEqualTo(TOL);
        }
    }

    static Map<String, Object> meta() {
        try {
            return new com.google.gson.Gson().fromJson(java.nio.file.Files.readString(dir().resolve("expected/meta.json")),
                    new com.google.gson.reflect.TypeToken<Map<String, Object>>() { }.getType());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double diff(float[][] got, String file) {
        return Fixtures.maxAbsDiff(flat(got), expected(file).toFloatArray());
    }

    static float[] flat(float[][] m) {
        int n = 0;
        for (float[] r : m) {
            n += r.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] r : m) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }
}
