package org.scjava.models.tasks;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.PlotOptions;
import org.scjava.dsl.tasks.perturb.PerturbableModels;
import org.scjava.dsl.tasks.perturb.PerturbationMode;
import org.scjava.dsl.tasks.perturb.PerturbationPlots;
import org.scjava.dsl.tasks.perturb.PerturbationScreen;
import org.scjava.dsl.tasks.perturb.SequenceEdit;
import org.scjava.dsl.tasks.programs.GeneModules;
import org.scjava.dsl.tasks.programs.GenePrograms;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ModelGeneEmbeddings;
import org.scjava.dsl.tasks.programs.ModelGenePrograms;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
import org.scjava.models.api.CellTokens;
import org.scjava.models.geneformer.GeneformerModel;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * In-silico perturbation of CD3E against OFFICIAL Geneformer: {@code InSilicoPerturber.perturb_data}
 * (ctheodoris/Geneformer @ fb6abe0d, transformers 4.46.3, torch 1.13 CPU; genes_to_perturb=[CD3E], emb_mode cls (V2) /
 * cell (V1), forward_batch_size 1; with and without cell_states_to_model {cell_type: T cell → monocyte}) and the goal
 * state of {@code EmbExtractor.get_state_embs} (exact_mean): official/geneformer/{v1,v2}_isp.json and
 * {v1,v2}_goal_state_emb.npy (official/README.md). Scores of every official cell within 1e-5: V2 the
 * {@code <cls>} cosine, V1 mean_gene_cos_sim, and goal_shift. The edited lists and per-run embeddings are also
 * checked against the re-implementation fixtures (second opinion). Against the Geneformer fixtures (fixtures/README.md, "In-silico perturbation"):
 * edited token lists exactly, original/perturbed cell embeddings within 1e-5 of geneformer_{v1,v2}_isp_embs.npy,
 * the stored scores (V2 cos_sim_original_vs_perturbed; V1 mean_gene_cos_sim and the cell-embedding cosine) and the
 * goal shift toward the monocyte state (cells 14-19, the fixture's goal) within 1e-5.
 */
class GeneformerPerturbationTest {

    private static final double TOL = 1e-5;
    private static Atlas atlas;
    private static JsonObject isp;
    private static final Map<String, GeneformerModel> MODELS = new java.util.HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        isp = new Gson().fromJson(Files.readString(Fixtures.path("expected/geneformer_isp.json")), JsonObject.class);
        for (String v : List.of("v1", "v2")) {
            MODELS.put(v, GeneformerModel.builder().setDirectory(Fixtures.path("geneformer/" + v)).build());
        }
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(GeneformerModel::close);
    }

    @ParameterizedTest
    @CsvSource({"v1,delete", "v1,overexpress", "v2,delete", "v2,overexpress"})
    void editsAndEmbeddingsMatchTheFixture(String v, String mode) {
        PerturbableModel m = PerturbableModels.of(MODELS.get(v));
        JsonObject ver = isp.getAsJsonObject(v);
        int token = ver.get("perturb_token").getAsInt();
        float[] embs = Fixtures.expected("geneformer_" + v + "_isp_embs.npy").toFloatArray();
        int offset = mode.equals("delete") ? 0 : 3;
        JsonArray runs = ver.getAsJsonArray(mode);
        for (int r = 0; r < runs.size(); r++) {
            JsonObject run = runs.get(r).getAsJsonObject();
            int cell = atlas.obsIndex().get(run.get("cell").getAsString());
            TokenSequence seq = m.tokenize(atlas, new int[] {cell}).get(0);
            assertThat(seq.ids()).isEqualTo(ints(run.getAsJsonArray("original_input_ids")));
            SequenceEdit e = SequenceEdit.of(seq, token, PerturbationMode.parse(mode), m);
            assertThat(e.perturbed().ids()).as("%s %s %s", v, mode, run.get("cell"))
                    .isEqualTo(ints(run.getAsJsonArray("perturbed_input_ids")));
            float[][][] states = m.tokenStates(List.of(e.original(), e.perturbed()));
            float[] eo = m.poolCell(states[0], e.original());
            float[] ep = m.poolCell(states[1], e.perturbed());
            int base = (offset + r) * 2 * 32;
            for (int k = 0; k < 32; k++) {
                assertThat((double) eo[k]).isCloseTo(embs[base + k], within(TOL));
                assertThat((double) ep[k]).isCloseTo(embs[base + 32 + k], within(TOL));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"v1,delete", "v1,overexpress", "v2,delete", "v2,overexpress"})
    void perturbVerbReportsTheOfficialScores(String v, String mode) {
        Atlas a = atlas.copy();
        Table t = a.perturb(MODELS.get(v), "CD3E", mode, "cell_type", "monocyte");
        JsonArray runs = isp.getAsJsonObject(v).getAsJsonArray(mode);
        for (int r = 0; r < runs.size(); r++) {
            JsonObject run = runs.get(r).getAsJsonObject();
            String cell = run.get("cell").getAsString();
            Table row = t.where(t.stringColumn("cell").isEqualTo(cell));
            assertThat(row.rowCount()).as("row for %s", cell).isEqualTo(1);
            assertThat(row.stringColumn("gene").get(0)).isEqualTo("CD3E");
            assertThat(row.stringColumn("mode").get(0)).isEqualTo(mode);
            String cellKey = v.equals("v2") ? "cos_sim_original_vs_perturbed" : "cos_sim_cell_emb_original_vs_perturbed";
            assertThat(row.doubleColumn("cos_sim_original_vs_perturbed").get(0))
                    .isCloseTo(run.get(cellKey).getAsDouble(), within(TOL));
            if (v.equals("v1")) {
                assertThat(row.doubleColumn("mean_gene_cos_sim").get(0))
                        .isCloseTo(run.get("mean_gene_cos_sim").getAsDouble(), within(TOL));
            }
            assertThat(row.doubleColumn("goal_shift").get(0))
                    .isCloseTo(run.get("goal_shift").getAsDouble(), within(TOL));
        }
        JsonArray official = officialIsp(v).getAsJsonArray(mode);
        for (int r = 0; r < official.size(); r++) {
            JsonObject run = official.get(r).getAsJsonObject();
            String cell = run.get("cell").getAsString();
            Table row = t.where(t.stringColumn("cell").isEqualTo(cell));
            assertThat(row.rowCount()).as("row for %s", cell).isEqualTo(1);
            String column = v.equals("v2") ? "cos_sim_original_vs_perturbed" : "mean_gene_cos_sim";
            OfficialParity.assertClose("geneformer", v + " " + mode + " " + column, row.doubleColumn(column).get(0),
                    run.get("cos_sim").getAsDouble(), TOL, cell);
            if (run.has("goal_shift")) {
                OfficialParity.assertClose("geneformer", v + " " + mode + " goal_shift",
                        row.doubleColumn("goal_shift").get(0), run.get("goal_shift").getAsDouble(), TOL, cell);
            }
        }
        assertThat(t.rowCount()).isEqualTo(official.size());
        // delete skips cells without CD3E in their token list; overexpress perturbs every cell
        int expressing = 0;
        PerturbableModel m = PerturbableModels.of(MODELS.get(v));
        int token = isp.getAsJsonObject(v).get("perturb_token").getAsInt();
        for (TokenSequence s : m.tokenize(a, java.util.stream.IntStream.range(0, 20).toArray())) {
            expressing += s.indexOf(token) >= 0 ? 1 : 0;
        }
        assertThat(t.rowCount()).isEqualTo(mode.equals("delete") ? expressing : 20);
        assertThat(a.uns()).containsKey("perturb");
        assertThat(a.history().last("perturb").params()).containsEntry("gene", "CD3E")
                .containsKey("checkpoint_sha256");
    }

    private static JsonObject officialIsp(String v) {
        try {
            return new Gson().fromJson(Files.readString(OfficialParity.path("geneformer", v + "_isp.json")),
                    JsonObject.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void goalStateIsTheMeanEmbeddingOfTheGoalCells() {
        for (String v : List.of("v1", "v2")) {
            float[] want = OfficialParity.array("geneformer", v + "_goal_state_emb.npy").toFloatArray();
            double[] got = org.scjava.dsl.tasks.perturb.GoalStates.mean(atlas, PerturbableModels.of(MODELS.get(v)),
                    "cell_type", "monocyte", 1000, 0);
            for (int k = 0; k < want.length; k++) {
                OfficialParity.assertClose("geneformer", v + " goal state (get_state_embs exact_mean)", got[k], want[k],
                        TOL, "dim " + k);
            }
        }
    }

    @Test
    void contextualGeneVectorsAverageTheTokenStatesOverCells() {
        GeneformerModel g = MODELS.get("v2");
        PerturbableModel m = PerturbableModels.of(g);
        List<String> genes = atlas.varNames();
        ModelGeneEmbeddings.GeneVectors v = ModelGeneEmbeddings.of(atlas, m, genes,
                ModelGeneEmbeddings.Source.AUTO, 1000, 0);
        assertThat(v.source()).contains("contextual");
        int token = isp.getAsJsonObject("v2").get("perturb_token").getAsInt();
        List<CellTokens> cells = g.tokenize(atlas).cells();
        var states = g.hiddenStates(cells, g.embeddingHiddenState()).layer(g.embeddingHiddenState());
        double[] sum = new double[32];
        int n = 0;
        for (int c = 0; c < cells.size(); c++) {
            int[] ids = cells.get(c).ids();
            for (int p = 0; p < ids.length; p++) {
                if (ids[p] == token) {
                    for (int k = 0; k < 32; k++) {
                        sum[k] += states[c][p][k];
                    }
                    n++;
                }
            }
        }
        float[] got = v.vectors().row(v.genes().indexOf("CD3E"));
        assertThat(n).isGreaterThan(1);
        for (int k = 0; k < 32; k++) {
            assertThat((double) got[k]).isCloseTo(sum[k] / n, within(1e-5));
        }
        // genes outside the dictionary, and dictionary genes no cell expresses, get no vector
        assertThat(v.genes().size()).isLessThan(genes.size());
        GeneProgramsResult r = atlas.copy().genePrograms(g, ModelGenePrograms.Options.defaults().withGenes(v.genes())
                .withPrograms(GenePrograms.Options.defaults().withModules(GeneModules.Options.defaults()
                        .withNNeighbors(10).withMinModuleSize(3))));
        assertThat(r.moduleGenes()).isNotEmpty();
        assertThat(r.summary().rowCount()).isEqualTo(r.moduleGenes().size());
    }

    @Test
    void screenComparesEachGeneWithMatchedRandomGenes() {
        Atlas a = atlas.copy();
        GeneformerModel g = MODELS.get("v2");
        Table t = a.perturbScreen(g, List.of("CD3E", "CD14"), "delete",
                PerturbationScreen.Options.defaults().withNNull(4).withMaxCells(20).withNBins(5));
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.columnNames()).containsExactly("gene", "n_cells", "mean_shift", "null_mean", "null_sd",
                "n_null", "p_value", "null_genes", "p_adj");
        for (int r = 0; r < 2; r++) {
            String gene = t.stringColumn("gene").get(r);
            // the observed shift is the perturb verb's mean of 1 - cos over the same (all expressing) cells
            Table cells = a.perturb(g, gene, "delete");
            assertThat(t.intColumn("n_cells").get(r)).isEqualTo(cells.rowCount());
            assertThat(t.doubleColumn("mean_shift").get(r))
                    .isCloseTo(1 - cells.doubleColumn("cos_sim_original_vs_perturbed").mean(), within(1e-9));
            List<String> nulls = List.of(t.stringColumn("null_genes").get(r).split(","));
            double observed = t.doubleColumn("mean_shift").get(r);
            assertThat(nulls).hasSize(t.intColumn("n_null").get(r)).doesNotContain("CD3E", "CD14");
            long atLeast = nulls.stream().filter(n -> 1 - a.perturb(g, n, "delete")
                    .doubleColumn("cos_sim_original_vs_perturbed").mean() >= observed - 1e-12)
                    .count();
            assertThat(t.doubleColumn("p_value").get(r)).isCloseTo((1.0 + atLeast) / (1 + nulls.size()), within(1e-12));
            assertThat(t.doubleColumn("p_adj").get(r)).isGreaterThanOrEqualTo(t.doubleColumn("p_value").get(r));
        }
        Figure screen = PerturbationPlots.screen(t, PlotOptions.defaults());
        assertThat(screen.toPng().length).isGreaterThan(2000);
        a.perturb(g, "CD3E", "overexpress", "cell_type", "monocyte");
        Figure hist = a.plotPerturbation();
        assertThat(hist.toImage().getWidth()).isEqualTo(640);
        assertThat(hist.toSvg()).contains("<svg");
    }

    @Test
    void unknownGenesAndModesAreClearErrors() {
        Atlas a = atlas.copy();
        GeneformerModel m = MODELS.get("v2");
        assertThatThrownBy(() -> a.perturb(m, "NOT_A_GENE", "delete")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("'NOT_A_GENE' is not in var");
        assertThatThrownBy(() -> a.perturb(m, "CD3E", "knockdown")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("\"delete\" or \"overexpress\"");
        assertThatThrownBy(() -> a.perturb(m, "CD3E", "delete", "cell_type", "neuron"))
                .isInstanceOf(AtlasException.class).hasMessageContaining("obs['cell_type'] == 'neuron'");
        String notInVocab = notInGeneformerVocab(a, m);
        assertThatThrownBy(() -> a.perturb(m, notInVocab, "overexpress")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("not in geneformer's vocabulary");
    }

    @Test
    void modelsWithoutTokenStatesAreRefusedByName() throws Exception {
        try (var ts = org.scjava.models.Models.torchScript(Fixtures.resource("/torchscript/tiny_encoder.pt"))) {
            assertThatThrownBy(() -> atlas.copy().perturb(ts, "CD3E", "delete")).isInstanceOf(AtlasException.class)
                    .hasMessageContaining("'torchscript'").hasMessageContaining("cannot be perturbed in silico");
            assertThatThrownBy(() -> atlas.copy().genePrograms(ts)).isInstanceOf(AtlasException.class)
                    .hasMessageContaining("cannot be perturbed in silico");
        }
    }

    private static String notInGeneformerVocab(Atlas a, GeneformerModel m) {
        int[] tokens = m.columnTokens(a);
        for (int j = 0; j < tokens.length; j++) {
            if (tokens[j] < 0) {
                return a.varNames().get(j);
            }
        }
        throw new AssertionError("the fixture has genes outside the Geneformer dictionary");
    }

    private static int[] ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(x -> out.add(x.getAsInt()));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
