package org.scjava.models.tasks;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tasks.perturb.PerturbableModels;
import org.scjava.dsl.tasks.perturb.PerturbationMode;
import org.scjava.dsl.tasks.perturb.SequenceEdit;
import org.scjava.dsl.tasks.programs.ModelGeneEmbeddings;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.scgpt.ScGptModel;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reported cosines equal OFFICIAL scGPT's ({@code TransformerModel._encode} of bowang-lab/scGPT @ cebd6fae on the
 * same edited lists, official/scgpt/perturb_cd3e.json, within 1e-5) and the static gene vectors the official
 * {@code GeneEncoder} output (official/scgpt/gene_embeddings.npy). scGPT perturbation on the fixture checkpoint: delete sets CD3E's value to bin 0 and overexpress to the top bin
 * (50), every other token unchanged; the reported cosine equals the cosine of the model's own {@code embedTokens}
 * cell embeddings of the two lists; static gene vectors are the model's gene-encoder rows.
 */
class ScGptPerturbationTest {

    private static Atlas atlas;
    private static ScGptModel model;

    @BeforeAll
    static void load() {
        atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        model = ScGptModel.builder().setDirectory(Fixtures.path("scgpt/whole_human_style")).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void zeroAndTopBinEditsAndTheirCosines() {
        PerturbableModel m = PerturbableModels.of(model);
        assertThat(m.encoding()).isEqualTo(PerturbableModel.Encoding.BINNED_VALUE);
        int token = model.vocabulary().id("CD3E");
        Map<String, Map<String, Double>> official = officialCosines();
        List<TokenSequence> cells = m.tokenize(atlas, IntStream.range(0, 20).toArray());
        Atlas a = atlas.copy();
        for (String mode : List.of("delete", "overexpress")) {
            Table t = a.perturb(model, "CD3E", mode);
            int rows = 0;
            for (int c = 0; c < 20; c++) {
                TokenSequence s = cells.get(c);
                SequenceEdit e = SequenceEdit.of(s, token, PerturbationMode.parse(mode), m);
                if (e == null) {
                    assertThat(mode).isEqualTo("delete");
                    assertThat(s.indexOf(token)).isEqualTo(-1);
                    continue;
                }
                rows++;
                int at = e.perturbed().indexOf(token);
                assertThat(e.perturbed().values()[at]).isEqualTo(mode.equals("delete") ? 0f : 50f);
                for (int p = 0; p < s.length(); p++) {
                    if (p != at) {
                        assertThat(e.perturbed().ids()[p]).isEqualTo(s.ids()[p]);
                        assertThat(e.perturbed().values()[p]).isEqualTo(s.values()[p]);
                    }
                }
                float[][] emb = model.embedTokens(List.of(new CellTokens(s.ids(), s.values()),
                        new CellTokens(e.perturbed().ids(), e.perturbed().values())));
                double cos = cosine(emb[0], emb[1]);
                String cell = atlas.obsNames().get(c);
                Table row = t.where(t.stringColumn("cell").isEqualTo(cell));
                assertThat(row.doubleColumn("cos_sim_original_vs_perturbed").get(0)).isCloseTo(cos, within(1e-5));
                OfficialParity.assertClose("scgpt", "perturbation cosine (" + mode + " CD3E)",
                        row.doubleColumn("cos_sim_original_vs_perturbed").get(0), official.get(mode).get(cell), 1e-5,
                        cell);
                assertThat(row.doubleColumn("mean_gene_cos_sim").get(0)).isBetween(-1.0, 1.0);
            }
            assertThat(t.rowCount()).isEqualTo(rows).isEqualTo(official.get(mode).size());
            assertThat(rows).isGreaterThan(0);
        }
    }

    @Test
    void staticGeneVectorsAreTheGeneEncoderRows() {
        PerturbableModel m = PerturbableModels.of(model);
        GeneEmbeddings g = model.embedGenes();
        List<String> genes = atlas.varNames().stream().filter(x -> model.vocabulary().contains(x)).toList();
        ModelGeneEmbeddings.GeneVectors v = ModelGeneEmbeddings.of(atlas, m, genes,
                ModelGeneEmbeddings.Source.AUTO, 20, 0);
        assertThat(v.genes()).isEqualTo(genes);
        assertThat(v.source()).contains("gene encoder");
        int cd3e = v.genes().indexOf("CD3E");
        float[] want = g.vectors()[g.index().get("CD3E")];
        assertThat(v.vectors().row(cd3e)).containsExactly(want);
        float[] table = OfficialParity.array("scgpt", "gene_embeddings.npy").toFloatArray();
        for (int i = 0; i < g.genes().length; i++) {
            int id = model.vocabulary().id(g.genes()[i]);
            OfficialParity.assertClose("scgpt", "gene embeddings (GeneEncoder)", g.vectors()[i],
                    OfficialParity.row(table, id, 32), 1e-6, g.genes()[i]);
        }
    }

    /** Official {@code TransformerModel._encode} cosines of CD3E-edited lists (official/scgpt/perturb_cd3e.json). */
    private static Map<String, Map<String, Double>> officialCosines() {
        try {
            JsonObject json = new Gson().fromJson(Files.readString(OfficialParity.path("scgpt", "perturb_cd3e.json")),
                    JsonObject.class);
            Map<String, Map<String, Double>> out = new HashMap<>();
            for (String mode : json.keySet()) {
                Map<String, Double> byCell = new HashMap<>();
                json.getAsJsonArray(mode).forEach(e -> byCell.put(e.getAsJsonObject().get("cell").getAsString(),
                        e.getAsJsonObject().get("cos_sim").getAsDouble()));
                out.put(mode, byCell);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return d / Math.sqrt(na * nb);
    }
}
