package org.scjava.models.scfoundation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
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
 * Parity with OFFICIAL scFoundation (biomap-research/scFoundation @ d09626a5: model/get_embedding.py run as a script
 * with its argparse options, load.py's load_model_frommmf/gatherData/getEncoerDecoderData, pretrainmodels' MaeAutobin;
 * einops 0.6.0; torch 1.13 CPU) on the fixture checkpoint. Arrays in src/test/resources/official/scfoundation, written
 * by official/scripts/official_scfoundation.py (the script's literal 19,264/19,266 gene counts replaced by the
 * fixture's 44/46; see official/README.md). Gathered gene positions exactly equal; gathered input values within
 * 1e-6; input embedding, encoder output, cell embeddings (pool all/max, t4/f2/a5, ce/rde, pre-normalised), decoder
 * gene outputs and the gene (pos_emb) table within 1e-5.
 */
class ScFoundationParityTest {

    private static final double TOL = 1e-5;

    static Atlas atlas;
    static ScFoundationModel model;
    static TokenizedCells tokens;

    static Path dir() {
        return Fixtures.resource("/scfoundation");
    }

    static HostTensor official(String name) {
        return OfficialParity.array("scfoundation", name);
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
        List<Map<String, List<Number>>> gathered = officialGathered();
        assertThat(gathered).hasSize(tokens.size());
        for (int c = 0; c < tokens.size(); c++) {
            int[] positions = gathered.get(c).get("positions").stream().mapToInt(Number::intValue).toArray();
            assertThat(tokens.cell(c).ids()).as("cell %d", c).containsExactly(positions);
            List<Number> want = gathered.get(c).get("values");
            for (int k = 0; k < positions.length; k++) {
                OfficialParity.assertClose("scfoundation", "gathered input values (t4)", values[c][positions[k]],
                        want.get(k).doubleValue(), 1e-6, "cell " + c + " position " + positions[k]);
            }
        }
        OfficialParity.recordExact("scfoundation", "gathered gene positions (gatherData)");
    }

    @Test
    void inputEmbeddingAndEncoderOutputMatch() {
        for (int c = 0; c < 2; c++) {
            HiddenStates h = model.hiddenStates(List.of(tokens.cell(c)), 0, 2);
            check("input embedding", flat(h.layer(0)[0]), "input_cell" + c + ".npy");
            check("encoder output", flat(h.layer(2)[0]), "encoder_cell" + c + ".npy");
        }
    }

    @Test
    void cellEmbeddingsMatchEveryOfficialOption() {
        check("cell embedding all t4 ce", flat(model.embedCells(atlas)), "cell_emb_all_t4.npy");
        try (ScFoundationModel max = ScFoundationModel.builder().setPath(dir()).optPooling(ScFoundationPooling.MAX).build();
             ScFoundationModel rde = ScFoundationModel.builder().setPath(dir().resolve("models/models.ckpt"))
                     .optGenes(dir().resolve("OS_scRNA_gene_index.tiny.tsv")).optVersion("rde").optTargetResolution("a5").build();
             ScFoundationModel f2 = ScFoundationModel.builder().setPath(dir()).optTargetResolution("f2").build()) {
            check("cell embedding max t4 ce", flat(max.embedCells(atlas)), "cell_emb_max_t4.npy");
            check("cell embedding all a5 rde", flat(rde.embedCells(atlas)), "cell_emb_all_a5_rde.npy");
            check("cell embedding all f2 ce", flat(f2.embedCells(atlas)), "cell_emb_all_f2.npy");
        }
    }

    @Test
    void geneOutputsOfTheDecoderMatch() {
        float[] want = official("gene_emb.npy").toFloatArray();   // [11][44][12], output_type gene
        try (ScFoundationModel genes = ScFoundationModel.builder().setPath(dir()).optVersion("gene").build()) {
            for (int c = 0; c < atlas.nObs(); c++) {
                float[][] got = genes.geneEmbeddings(atlas, c);
                assertThat(got).hasNumberOfRows(44);
                OfficialParity.assertClose("scfoundation", "decoder gene outputs (output_type gene)", flat(got),
                        java.util.Arrays.copyOfRange(want, c * 44 * 12, (c + 1) * 44 * 12), TOL, "cell " + c);
            }
        }
    }

    @Test
    void preNormalizedInputMatches() {
        HostTensor pre = Npy.read(dir().resolve("expected/prenormalized_input.npy"));   // the official run's input
        float[] v = pre.toFloatArray();
        Atlas normalized = new Atlas(new DenseMatrix((int) pre.dim(0), (int) pre.dim(1), v),
                tech.tablesaw.api.Table.create("obs", tech.tablesaw.api.StringColumn.create("cell", atlas.obsNames())),
                tech.tablesaw.api.Table.create("var", tech.tablesaw.api.StringColumn.create("gene", model.vocabulary().asMap().keySet())));
        try (ScFoundationModel m = ScFoundationModel.builder().setPath(dir()).optPreNormalized(true).build()) {
            check("cell embedding all t4 pre_normalized T", flat(m.embedCells(normalized)),
                    "cell_emb_all_t4_prenormalized.npy");
        }
    }

    static void check(String output, float[] got, String file) {
        OfficialParity.assertClose("scfoundation", output, got, official(file).toFloatArray(), TOL, file);
    }

    @Test
    void geneEmbeddingTableIsTheOfficialPositionEmbedding() {
        org.scjava.models.api.GeneEmbeddings g = model.embedGenes();
        float[] table = official("pos_emb.npy").toFloatArray();
        for (int i = 0; i < g.genes().length; i++) {
            OfficialParity.assertClose("scfoundation", "gene embeddings (pos_emb)", g.vectors()[i],
                    OfficialParity.row(table, i, 16), 0, g.genes()[i]);
        }
    }

    static List<Map<String, List<Number>>> officialGathered() {
        try {
            return new com.google.gson.Gson().fromJson(
                    java.nio.file.Files.readString(OfficialParity.path("scfoundation", "gathered_t4.json")),
                    new com.google.gson.reflect.TypeToken<List<Map<String, List<Number>>>>() { }.getType());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
