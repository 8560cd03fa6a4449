package org.scjava.models.scbert;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.OfficialParity;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.HostTensor;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with OFFICIAL scBERT (TencentAILabHealthcare/scBERT @ 262fd4b9: preprocess.py with scanpy 1.7.2's
 * normalize_total / log1p(base=2), the bundled performer_pytorch {@code PerformerLM}, predict.py's per-cell loop and
 * {@code Identity} head; einops 0.6.0; torch 1.13 CPU) on the fixture checkpoints. Arrays in
 * src/test/resources/official/scbert, written by official/scripts/official_scbert.py (settings and the one deviation,
 * no filter_cells, in official/README.md). Tokens exactly equal; normalised values within 1e-6; intermediates,
 * encodings, cell embeddings (mean / last position over official encodings), per-gene logits and classifier outputs
 * within 1e-5.
 */
class ScBertParityTest {

    private static final double TOL = 1e-5;

    static Atlas atlas;
    static ScBertModel pretrained;
    static TokenizedCells tokens;

    static Path dir() {
        return Fixtures.resource("/scbert");
    }

    static HostTensor official(String name) {
        return OfficialParity.array("scbert", name);
    }

    static void check(String output, float[] got, float[] want, double tol) {
        OfficialParity.assertClose("scbert", output, got, want, tol, "all cells");
    }

    @BeforeAll
    static void load() {
        atlas = Atlas.load(dir().resolve("inputs/cells.h5ad"));
        pretrained = ScBertModel.builder().setPath(dir()).build();
        tokens = pretrained.tokenize(atlas);
    }

    @AfterAll
    static void close() {
        pretrained.close();
    }

    @Test
    void shapesComeFromTheCheckpointAndGenesFromPanglaoH5ad() {
        assertThat(pretrained.card().config()).containsEntry("dim", 16).containsEntry("depth", 2)
                .containsEntry("heads", 2).containsEntry("dim_head", 8).containsEntry("nb_features", 16)
                .containsEntry("max_seq_len", 41).containsEntry("bin_num", 5);
        assertThat(pretrained.card().ignoredKeys()).containsExactly("performer.calls_since_last_redraw");
        assertThat(pretrained.genes()).hasSize(40);
        assertThat(tokens.match().matched()).isEqualTo(30);
        assertThat(tokens.match().total()).isEqualTo(36);
    }

    @Test
    void normalizedValuesAndTokensMatch() {
        float[][] norm = pretrained.normalized(atlas);
        float[] want = official("normalized.npy").toFloatArray();
        for (int c = 0; c < norm.length; c++) {
            for (int g = 0; g < 40; g++) {
                OfficialParity.assertClose("scbert", "normalised values (scanpy 1.7.2)", norm[c][g], want[c * 40 + g],
                        1e-6, "cell " + c + " gene " + g);
            }
        }
        long[] ids = official("tokens.npy").toLongArray();
        for (int c = 0; c < tokens.size(); c++) {
            int[] got = tokens.cell(c).ids();
            for (int t = 0; t < 41; t++) {
                assertThat((long) got[t]).as("cell %d token %d", c, t).isEqualTo(ids[c * 41 + t]);
            }
        }
        OfficialParity.recordExact("scbert", "tokens (predict.py binning)");
        assertThat(tokens.cell(15).ids()).as("boundary cell: exact integer bins").startsWith(
                (int) ids[15 * 41], (int) ids[15 * 41 + 1]);
    }

    @Test
    void intermediatesAndEncodingsMatch() {
        List<CellTokens> two = tokens.cells().subList(0, 2);
        HiddenStates h = pretrained.hiddenStates(two, 0, 1, 2);
        check("embedding input", flat3(h.layer(0)), official("embedding_input_cells0-1.npy").toFloatArray(), TOL);
        float[] layers = official("layer_out_cells0-1.npy").toFloatArray();   // [2 cells][2 layers][41][16]
        for (int l = 1; l <= 2; l++) {
            float[][][] got = h.layer(l);
            double worst = 0;
            for (int c = 0; c < 2; c++) {
                for (int t = 0; t < 41; t++) {
                    for (int k = 0; k < 16; k++) {
                        worst = Math.max(worst, Math.abs(got[c][t][k] - layers[((c * 2 + (l - 1)) * 41 + t) * 16 + k]));
                    }
                }
            }
            OfficialParity.assertClose("scbert", "layer outputs", worst, 0, TOL, "layer " + l);
        }
        check("encodings", flat3(pretrained.encodings(two)), official("encodings_cells0-1.npy").toFloatArray(), TOL);
    }

    @Test
    void cellEmbeddingsMatchForBothPoolings() {
        check("cell embedding (mean)", flat(pretrained.embedCells(atlas)), official("cell_emb_mean.npy").toFloatArray(), TOL);
        try (ScBertModel cls = ScBertModel.builder().setPath(dir().resolve("panglao_pretrain.pth"))
                .optPooling(ScBertPooling.CLS).build()) {
            check("cell embedding (last position)", flat(cls.embedCells(atlas)), official("cell_emb_cls.npy").toFloatArray(),
                    TOL);
        }
    }

    @Test
    void perGeneLogitsAndFinetunedClassifierMatch() {
        float[][] logits = pretrained.headOutputs(tokens.cells().subList(0, 2));
        check("per-gene logits", flat(logits), official("gene_logits_cells0-1.npy").toFloatArray(), TOL);
        try (ScBertModel ft = ScBertModel.builder().setPath(dir().resolve("finetuned.pth")).build()) {
            check("classifier logits (predict.py)", flat(ft.headOutputs(tokens.cells())),
                    official("finetuned_logits.npy").toFloatArray(), TOL);
            check("classifier probabilities", flat(ft.predictProbabilities(atlas)),
                    official("finetuned_probs.npy").toFloatArray(), TOL);
            check("cell embedding (mean, fine-tuned file)", flat(ft.embedCells(atlas)),
                    official("cell_emb_mean.npy").toFloatArray(), TOL);
        }
    }

    static float[] flat3(float[][][] got) {
        List<float[]> rows = new java.util.ArrayList<>();
        for (float[][] m : got) {
            rows.addAll(java.util.Arrays.asList(m));
        }
        return flat(rows.toArray(float[][]::new));
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

    @Test
    void geneEmbeddingTableIsTheOfficialGene2vecTable() {
        org.scjava.models.api.GeneEmbeddings g = pretrained.embedGenes();
        float[] table = official("gene2vec.npy").toFloatArray();
        for (int i = 0; i < g.genes().length; i++) {
            check("gene embeddings (pos_emb gene2vec)", g.vectors()[i], OfficialParity.row(table, i, 16), 0);
        }
    }
}
